/**
 * The snapshot model of DESIGN.md (`layerdiff/snapshot@1`): one platform's image as small JSON.
 * Field names are a public contract; do not rename.
 */
export const SNAPSHOT_SCHEMA = 'layerdiff/snapshot@1';

export interface Sizes {
  /** Uncompressed layer tar bytes (what the diff_id hashes). */
  size: number;
  /** Bytes as stored when stored compressed; null when any layer's stored form is uncompressed/unknown. */
  compressedSize: number | null;
  /** Sum of regular-file bytes, from a deep scan; null without one. */
  contentSize: number | null;
}

export interface LayerRef {
  index: number;
  diffId: string;
  digest: string | null;
  mediaType: string | null;
  size: number;
  compressedSize: number | null;
  contentSize: number | null;
  createdBy: string | null;
  files: number | null;
}

export interface SnapshotSource {
  /** archive | oci-dir | registry | daemon | artifact | snapshot */
  type: string;
  /** The reference as the user gave it. */
  reference: string;
  /** Archive layout that was detected (docker-legacy, docker-oci, oci, ggcr ...), when relevant. */
  format?: string;
  /** Repo tags / ref names the image carries, when known. */
  tags?: string[];
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  source: SnapshotSource;
  platform: string;
  manifestDigest: string | null;
  configDigest: string;
  layers: LayerRef[];
  totals: Sizes;
  /**
   * The base branch's recent totals, oldest first, this image's own commit last when it was built
   * on that branch: carried forward from the previous base snapshot (src/core/history.ts), so a
   * trend costs no extra download. Absent when nobody recorded one.
   */
  history?: HistoryPoint[];
}

/** One commit of the base branch as the trend chart plots it. */
export interface HistoryPoint {
  /** The commit's full hex object name (40 hex digits, or 64 in a SHA-256 repository), lowercase. */
  commit: string;
  /** When it was committed (or built, when the event does not say): ISO 8601, UTC. */
  date: string;
  /** Uncompressed layer tar bytes of the image (totals.size). */
  size: number;
  /** Pull size (totals.compressedSize); null when unknown. */
  compressedSize: number | null;
  /** How many layers the image had. */
  layers: number;
}

export function sumSizes(layers: readonly LayerRef[]): Sizes {
  let size = 0;
  let compressedSize: number | null = 0;
  let contentSize: number | null = 0;
  for (const layer of layers) {
    size += layer.size;
    compressedSize = compressedSize === null || layer.compressedSize === null ? null : compressedSize + layer.compressedSize;
    contentSize = contentSize === null || layer.contentSize === null ? null : contentSize + layer.contentSize;
  }
  return { size, compressedSize, contentSize };
}
