/**
 * `--estimate-pull` figures from the diff (pure): which head layers a pull fetches when the base's
 * layers are already there, and what they weigh compressed.
 */
import type { LayerRow, PullEstimate } from '../core/report.js';
import type { Snapshot } from '../core/snapshot.js';

/** Gzip sizes estimated by compressing layers stored uncompressed, by diff_id, and at which level. */
export interface PullSizes {
  level: number;
  sizes: ReadonlyMap<string, number>;
}

/** The head's distinct diff_ids the base lacks, in head order: the layers a pull fetches. */
export function layersToPull(base: Snapshot | null, head: Snapshot): string[] {
  const have = new Set(base?.layers.map((l) => l.diffId) ?? []);
  const wanted = new Set<string>();
  for (const layer of head.layers) if (!have.has(layer.diffId)) wanted.add(layer.diffId);
  return [...wanted];
}

/**
 * Rows with the estimate of their head layer (changed and added rows only), and the pull total;
 * the total is null when a layer to pull has neither a stored compressed size nor an estimate.
 */
export function withPullEstimates(
  rows: readonly LayerRow[],
  base: Snapshot | null,
  head: Snapshot,
  pull: PullSizes,
): { rows: LayerRow[]; pullEstimate: PullEstimate | null } {
  const estimated = (row: LayerRow): number | undefined =>
    row.head && (row.status === 'changed' || row.status === 'added') ? pull.sizes.get(row.head.diffId) : undefined;
  const withRows = rows.map((row) => {
    const size = estimated(row);
    return size === undefined ? row : { ...row, pullSizeEstimate: size };
  });
  const byDiffId = new Map(head.layers.map((l) => [l.diffId, l]));
  let bytes = 0;
  let uncompressedBytes = 0;
  let estimatedLayers = 0;
  const wanted = layersToPull(base, head);
  for (const diffId of wanted) {
    const layer = byDiffId.get(diffId)!;
    const size = pull.sizes.get(diffId);
    if (size !== undefined) estimatedLayers += 1;
    const compressed = size ?? layer.compressedSize;
    if (compressed === null) return { rows: withRows, pullEstimate: null };
    bytes += compressed;
    uncompressedBytes += layer.size;
  }
  return { rows: withRows, pullEstimate: { compression: 'gzip', level: pull.level, layers: wanted.length, estimatedLayers, bytes, uncompressedBytes } };
}
