import { gunzipSync, gzipSync } from 'node:zlib';
import { inputError, LayerdiffError, namingError } from '../errors.js';
import { keptHistory } from '../core/history.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from '../core/snapshot.js';
import { compressionFromMediaType } from '../layers/compression.js';
import { decodeLayerIndex, encodeLayerIndex, FileIndexError, newDecodeBudget, type FileIndexJson } from '../layers/index-codec.js';
import type { LayerIndex } from '../layers/layer-index.js';
import { JsonCap } from '../schema/json-input.js';
import { parseSnapshotInputJson, validateSnapshotInput, type SnapshotInput } from '../schema/layerdiff-json.js';
import type { ImageReference } from './reference.js';
import { readRegularFile } from './regular-file.js';
import type { ImageHandle } from './types.js';

/**
 * A snapshot is small JSON; anything this large is not one (see JsonCap for the figure). The same
 * cap bounds a gzip-compressed snapshot's file and, separately, what it decompresses to.
 */
export const MAX_SNAPSHOT_BYTES = JsonCap.snapshot;

/** File indexes of a deep snapshot's layers, by diff_id. */
export type SnapshotIndexes = ReadonlyMap<string, LayerIndex>;

/**
 * A saved `layerdiff/snapshot@1` (or a `layerdiff/report@1`, whose head is used).
 *
 * Not a blob store, on purpose: a snapshot is an image already resolved and measured, with no
 * manifest, config or layer bytes to read. So it skips src/image/resolve.ts and gives a handle
 * whose `snapshot` is set and whose layers cannot be opened (the artifact source in
 * src/github/artifact.ts hands over snapshots the same way).
 */
export async function openSnapshotFile(path: string, ref: ImageReference): Promise<ImageHandle> {
  // Kind and size first: a FIFO, a device or a huge file given by mistake is refused unread.
  const bytes = await readRegularFile(path, ref.raw, {
    maxBytes: MAX_SNAPSHOT_BYTES,
    tooLargeReason: 'a snapshot is small JSON',
    directoryReason: 'is a directory, not a snapshot file',
    missingReason: 'no such file',
  });
  const input = parseSnapshotInputJson(snapshotText(bytes, ref.raw), ref.raw);
  const snapshot = completeSnapshot(input, ref.raw);
  const indexes = snapshotIndexes(input, snapshot, ref.raw);
  return snapshotHandle(snapshot, ref.raw, indexes);
}

/**
 * The JSON bytes of a snapshot file: gzip-compressed ones (told by their magic bytes, not their
 * name) are decompressed with the same cap as plain ones, so a small bomb cannot become 4 GB.
 */
export function snapshotText(bytes: Buffer, subject: string): Buffer {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_SNAPSHOT_BYTES });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw inputError(subject, `gzip-compressed snapshot decompresses to more than ${MAX_SNAPSHOT_BYTES} bytes (the snapshot limit)`);
    throw inputError(subject, `gzip-compressed snapshot is corrupt (${(error as Error).message.split('\n')[0]?.slice(0, 120)})`);
  }
}

/**
 * The file indexes of a deep snapshot (`layerdiff snapshot --deep`), or null for a plain one. All
 * layers have one or none does: a snapshot with holes is refused rather than half used.
 */
export function snapshotIndexes(input: SnapshotInput, snapshot: Snapshot, subject: string): SnapshotIndexes | null {
  const given = input.layers.filter((layer) => layer.fileIndex !== undefined).length;
  if (given === 0) return null;
  if (given !== input.layers.length) throw inputError(subject, `deep snapshot is incomplete: ${given} of ${input.layers.length} layers have a file index`);
  const budget = newDecodeBudget();
  const indexes = new Map<string, LayerIndex>();
  input.layers.forEach((layer, i) => {
    const ref = snapshot.layers[i]!;
    const bytes = { tarBytes: ref.size, storedBytes: ref.compressedSize ?? ref.size, compression: compressionFromMediaType(ref.mediaType) ?? 'none' };
    try {
      const index = decodeLayerIndex(layer.fileIndex as FileIndexJson, bytes, budget, `/layers/${i}/fileIndex`);
      if (!indexes.has(ref.diffId)) indexes.set(ref.diffId, index);
    } catch (error) {
      if (error instanceof FileIndexError) throw inputError(subject, `deep snapshot is invalid at ${error.message}`);
      throw error;
    }
  });
  return indexes;
}

/**
 * A snapshot file's bytes: pretty JSON for a plain snapshot, compact JSON with every layer's file
 * index for a deep one (`indexes` given), gzip-compressed when `gzip` (the writer's choice for a
 * name ending in `.gz`; readers tell by content). A deep snapshot too large for the reader's cap
 * is refused here, not written and refused later.
 */
export function snapshotFileBytes(snapshot: Snapshot, indexes: ReadonlyMap<string, LayerIndex> | null, options: { gzip: boolean; subject: string }): Buffer {
  let text: string;
  if (indexes) {
    const layers = snapshot.layers.map((layer) => {
      const index = indexes.get(layer.diffId);
      if (!index) throw new LayerdiffError('internal', `no file index for layer ${layer.index} (${layer.diffId})`);
      return { ...layer, fileIndex: encodeLayerIndex(index) };
    });
    text = JSON.stringify({ ...snapshot, layers }) + '\n';
  } else {
    text = JSON.stringify(snapshot, null, 2) + '\n';
  }
  const json = Buffer.from(text, 'utf8');
  if (json.length > MAX_SNAPSHOT_BYTES) {
    throw inputError(options.subject, `deep snapshot would be ${json.length} bytes of JSON, more than the ${MAX_SNAPSHOT_BYTES} a reader accepts`);
  }
  return options.gzip ? gzipSync(json, { level: 9 }) : json;
}

/** Parses, validates (schemas/snapshot.schema.json) and completes a snapshot file's content (file indexes, if any, left out). */
export function parseSnapshotJson(input: string | Uint8Array, subject: string): Snapshot {
  return completeSnapshot(parseSnapshotInputJson(input, subject), subject);
}

/** Validates an already parsed snapshot and completes it. */
export function validateSnapshot(data: unknown, subject: string): Snapshot {
  return completeSnapshot(validateSnapshotInput(data, subject), subject);
}

/**
 * The snapshot as the report contract wants it from one the schema accepted: every layer field
 * present (optional ones null rather than missing), index = position, and totals recomputed.
 * Totals are derived data, so a hand-edited or truncated-then-fixed file cannot disagree with its
 * layers.
 */
function completeSnapshot(input: SnapshotInput, subject: string): Snapshot {
  const layers = input.layers.map((layer, i): LayerRef => ({
    index: i,
    diffId: layer.diffId,
    digest: layer.digest ?? null,
    mediaType: layer.mediaType ?? null,
    size: layer.size,
    compressedSize: layer.compressedSize ?? null,
    contentSize: layer.contentSize ?? null,
    createdBy: layer.createdBy ?? null,
    files: layer.files ?? null,
  }));
  const source = input.source ?? { type: 'unknown', reference: subject };
  return {
    schema: SNAPSHOT_SCHEMA,
    source: {
      type: source.type,
      reference: source.reference,
      ...(source.format !== undefined ? { format: source.format } : {}),
      ...(source.tags !== undefined ? { tags: [...source.tags] } : {}),
    },
    platform: input.platform,
    manifestDigest: input.manifestDigest ?? null,
    configDigest: input.configDigest,
    layers,
    totals: sumSizes(layers),
    // The schema took up to 100 points (checked: hex commits, ISO dates, byte counts); the last 30 stay.
    ...(input.history !== undefined && input.history.length > 0 ? { history: keptHistory(input.history) } : {}),
  };
}

/** A handle whose layers are all measured already and cannot be opened (a deep snapshot's file indexes stand for their content). */
export function snapshotHandle(snapshot: Snapshot, subject: string, indexes: SnapshotIndexes | null = null): ImageHandle {
  const [os, architecture, variant] = snapshot.platform.split('/');
  return {
    source: { ...snapshot.source, type: 'snapshot', reference: subject },
    platform: snapshot.platform,
    manifestDigest: snapshot.manifestDigest,
    configDigest: snapshot.configDigest,
    config: { os, architecture, ...(variant ? { variant } : {}), rootfs: { type: 'layers', diff_ids: snapshot.layers.map((l) => l.diffId) } },
    snapshot,
    ...(indexes ? { layerIndexes: indexes } : {}),
    layers: snapshot.layers.map((layer, index) => ({
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: layer.compressedSize ?? layer.size,
      compression: null,
      uncompressedSize: layer.size,
      createdBy: layer.createdBy,
      open: () =>
        Promise.reject(
          namingError(
            'input',
            (name) =>
              `${subject}: layer ${index} is only described by the snapshot; its bytes cannot be read (${name('deep')} uses a deep snapshot's file indexes instead)`,
            { subject },
          ),
        ),
    })),
    close: async () => {},
  };
}
