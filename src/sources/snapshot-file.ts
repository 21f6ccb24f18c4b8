import { namingError } from '../errors.js';
import { keptHistory } from '../core/history.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from '../core/snapshot.js';
import { JsonCap } from '../schema/json-input.js';
import { parseSnapshotInputJson, validateSnapshotInput, type SnapshotInput } from '../schema/layerdiff-json.js';
import type { ImageReference } from './reference.js';
import { readRegularFile } from './regular-file.js';
import type { ImageHandle } from './types.js';

/** A snapshot is small JSON; anything this large is not one (see JsonCap for the figure). */
export const MAX_SNAPSHOT_BYTES = JsonCap.snapshot;

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
  return snapshotHandle(parseSnapshotJson(bytes, ref.raw), ref.raw);
}

/** Parses, validates (schemas/snapshot.schema.json) and completes a snapshot file's content. */
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
      open: () =>
        Promise.reject(
          namingError(
            'input',
            (name) => `${subject}: layer ${index} is only described by the snapshot; its content cannot be read (no ${name('deep')} against a snapshot)`,
            { subject },
          ),
        ),
    })),
    close: async () => {},
  };
}
