import { readFile } from 'node:fs/promises';
import { inputError, LayerdiffError } from '../errors.js';
import { SNAPSHOT_SCHEMA, type Snapshot } from '../image/snapshot.js';
import type { ImageReference } from './reference.js';
import type { ImageHandle } from './types.js';

const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** A saved `layerdiff/snapshot@1` (or a `layerdiff/report@1`, whose head is used). */
export async function openSnapshotFile(path: string, ref: ImageReference): Promise<ImageHandle> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LayerdiffError('not-found', `${ref.raw}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { subject: ref.raw });
  }
  if (text.length > MAX_SNAPSHOT_BYTES) throw inputError(ref.raw, 'snapshot file is too large');
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
  s.layers.forEach((layer, i) => {
    if (!layer || typeof layer.diffId !== 'string' || typeof layer.size !== 'number' || !Number.isFinite(layer.size) || layer.size < 0) {
      throw inputError(subject, `snapshot layer ${i} has no valid diffId and size`);
    }
  });
  return s as Snapshot;
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
