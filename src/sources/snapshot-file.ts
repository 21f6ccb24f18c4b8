import { readFile, stat } from 'node:fs/promises';
import { inputError, LayerdiffError } from '../errors.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from '../image/snapshot.js';
import type { ImageReference } from './reference.js';
import type { ImageHandle } from './types.js';

/** A snapshot is small JSON; anything this large is not one. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** A saved `layerdiff/snapshot@1` (or a `layerdiff/report@1`, whose head is used). */
export async function openSnapshotFile(path: string, ref: ImageReference): Promise<ImageHandle> {
  let text: string;
  try {
    // Size first: a huge file given by mistake must not be read into memory to be refused.
    const info = await stat(path);
    if (info.isDirectory()) throw inputError(ref.raw, 'is a directory, not a snapshot file');
    if (info.size > MAX_SNAPSHOT_BYTES) throw inputError(ref.raw, `snapshot file is too large (${info.size} bytes; a snapshot is small JSON)`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LayerdiffError('not-found', `${ref.raw}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { subject: ref.raw });
  }
  return snapshotHandle(parseSnapshotJson(text, ref.raw), ref.raw);
}

export function parseSnapshotJson(text: string, subject: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw inputError(subject, 'not JSON, so not a layerdiff snapshot');
  }
  const obj = data as { schema?: unknown; head?: unknown };
  if (obj && obj.schema === 'layerdiff/report@1' && obj.head) data = obj.head;
  return validateSnapshot(data, subject);
}

export function validateSnapshot(data: unknown, subject: string): Snapshot {
  const s = data as Partial<Snapshot> | null;
  if (!s || typeof s !== 'object') throw inputError(subject, 'not a layerdiff snapshot');
  if (s.schema !== SNAPSHOT_SCHEMA) {
    throw inputError(subject, `unsupported snapshot schema ${JSON.stringify(s.schema ?? null)} (expected ${SNAPSHOT_SCHEMA})`);
  }
  if (!Array.isArray(s.layers) || typeof s.configDigest !== 'string' || typeof s.platform !== 'string') {
    throw inputError(subject, 'snapshot is missing layers, configDigest or platform');
  }
  const layers = s.layers.map((layer: unknown, i: number) => normaliseLayer(layer, i, subject));
  // Totals are derived data: recomputed, so a hand-edited or truncated-then-fixed file cannot disagree with its layers.
  return {
    schema: SNAPSHOT_SCHEMA,
    source: s.source && typeof s.source === 'object' && typeof s.source.type === 'string' ? s.source : { type: 'unknown', reference: subject },
    platform: s.platform,
    manifestDigest: typeof s.manifestDigest === 'string' ? s.manifestDigest : null,
    configDigest: s.configDigest,
    layers,
    totals: sumSizes(layers),
  };
}

/**
 * One layer as the report contract wants it: every field present, optional ones null rather than
 * missing, index = position (older or hand-written files may leave fields out).
 */
function normaliseLayer(data: unknown, i: number, subject: string): LayerRef {
  const layer = data as Partial<Record<keyof LayerRef, unknown>> | null;
  if (!layer || typeof layer !== 'object' || typeof layer.diffId !== 'string' || !isSize(layer.size)) {
    throw inputError(subject, `snapshot layer ${i} has no valid diffId and size`);
  }
  const optionalSize = (name: 'compressedSize' | 'contentSize' | 'files'): number | null => {
    const value = layer[name];
    if (value === undefined || value === null) return null;
    if (!isSize(value)) throw inputError(subject, `snapshot layer ${i} has an invalid ${name}`);
    return value;
  };
  const optionalText = (name: 'digest' | 'mediaType' | 'createdBy'): string | null => (typeof layer[name] === 'string' ? (layer[name] as string) : null);
  return {
    index: i,
    diffId: layer.diffId,
    digest: optionalText('digest'),
    mediaType: optionalText('mediaType'),
    size: layer.size,
    compressedSize: optionalSize('compressedSize'),
    contentSize: optionalSize('contentSize'),
    createdBy: optionalText('createdBy'),
    files: optionalSize('files'),
  };
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A handle whose layers are all measured already and cannot be opened. */
export function snapshotHandle(snapshot: Snapshot, subject: string): ImageHandle {
  const [os, architecture, variant] = snapshot.platform.split('/');
  return {
    source: { ...snapshot.source, type: 'snapshot', reference: subject },
    platform: snapshot.platform,
    manifestDigest: snapshot.manifestDigest,
    configDigest: snapshot.configDigest,
    config: { os, architecture, ...(variant ? { variant } : {}), rootfs: { type: 'layers', diff_ids: snapshot.layers.map((l) => l.diffId) } },
    snapshot,
    layers: snapshot.layers.map((layer, index) => ({
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: layer.compressedSize ?? layer.size,
      compression: null,
      uncompressedSize: layer.size,
      createdBy: layer.createdBy,
      open: () => Promise.reject(inputError(subject, `layer ${index} is only described by the snapshot; its content cannot be read (no --deep against a snapshot)`)),
    })),
    close: async () => {},
  };
}
