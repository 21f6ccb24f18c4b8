/**
 * The deep scan's I/O: opens every layer the deep analysis needs and scans each distinct diff_id
 * once (worker threads, streaming, nothing extracted). What gets scanned, and why: every head
 * layer (wasted space and the flattened filesystem need the whole stack), and every base layer the
 * head does not share (the other side of changed/removed rows and of the flattened diff). With a
 * deep snapshot as the base (`layerdiff snapshot --deep`), the snapshot's file indexes stand for
 * the base's layers, and a head layer whose diff_id the snapshot has an index for takes that index
 * instead of being decompressed: the cost is the head's changed and added layers only. With a
 * base, regular files are also CRC-32 fingerprinted so a same-size edit shows as `modified`;
 * without one nothing needs it, unless the indexes are to be saved (`fingerprint`).
 * The figures themselves come from src/layers/deep.ts, which does no I/O.
 */
import type { EventSink } from './core/events.js';
import { inputError, namingError } from './errors.js';
import type { LayerIndexes } from './layers/deep.js';
import { MAX_DEEP_ENTRIES, type LayerIndex } from './layers/layer-index.js';
import type { BombLimits } from './layers/measure.js';
import { scanAll, ScanJobError, type PoolOptions, type ScanJob } from './layers/scan-pool.js';
import { layerSubject } from './sources/layer-subject.js';
import type { ImageHandle } from './sources/types.js';
import { runStats, type IoStats } from './stats.js';

export interface ScanOptions {
  onEvent?: EventSink | undefined;
  limits?: BombLimits | undefined;
  stats?: IoStats | undefined;
  /**
   * Scans of earlier calls in the same run (`--platform all`): layers found here are not scanned
   * again, and this call adds the ones it scans (keyed by cacheKey: a scan without CRC-32
   * fingerprints does not serve a comparison that needs them).
   */
  cache?: LayerIndexes;
  /** Worker threads and worker script (tests, benchmark); defaults suit the CLI and the action. */
  pool?: PoolOptions;
  /** Fingerprint content even without a base (the indexes go into a deep snapshot). */
  fingerprint?: boolean | undefined;
}

/** Where the base's file indexes come from: scanned, a deep snapshot's, or nowhere (a plain snapshot). */
export type BaseIndexSource = 'scanned' | 'snapshot' | 'none';

export function baseIndexSource(base: ImageHandle): BaseIndexSource {
  if (!base.snapshot) return 'scanned';
  return base.layerIndexes ? 'snapshot' : 'none';
}

/** Its `tarBytes` are the layers' uncompressed sizes, so the engine need not decompress a layer twice. */
export async function scanLayers(base: ImageHandle | null, head: ImageHandle, options: ScanOptions = {}): Promise<LayerIndexes> {
  if (head.snapshot && !head.layerIndexes) {
    const subject = head.source.reference;
    throw namingError(
      'input',
      (name) =>
        `${subject}: a snapshot without file indexes holds no layer contents; ${name('deep')} needs the image itself or a deep snapshot (layerdiff snapshot --deep)`,
      { subject },
    );
  }
  const baseSource = base ? baseIndexSource(base) : null;
  if (base && baseSource === 'none') options.onEvent?.({ kind: 'warning', code: 'base-not-scannable', image: base.source.reference });
  // Deep snapshots' indexes, by diff_id: their layers are never opened, and head layers they have are not scanned.
  const known = new Map<string, LayerIndex>(head.layerIndexes ?? []);
  if (base && baseSource === 'snapshot') for (const [diffId, index] of base.layerIndexes!) if (!known.has(diffId)) known.set(diffId, index);

  // One job per distinct diff_id, head first (its scan is always needed).
  const jobs: ScanJob[] = [];
  const jobOf = new Map<string, number>();
  const fingerprint = (baseSource !== null && baseSource !== 'none') || options.fingerprint === true;
  const cached = (diffId: string) => options.cache?.get(cacheKey(diffId, true)) ?? (fingerprint ? undefined : options.cache?.get(cacheKey(diffId, false)));
  const plan = (handle: ImageHandle): void => {
    for (const blob of handle.layers) {
      if (jobOf.has(blob.diffId) || known.has(blob.diffId) || cached(blob.diffId) !== undefined) continue;
      jobOf.set(blob.diffId, jobs.length);
      jobs.push({ subject: layerSubject(handle, blob), fingerprint, open: () => blob.open(), ...(options.limits ? { limits: options.limits } : {}) });
    }
  };
  plan(head);
  if (base && baseSource === 'scanned') plan(base);

  const counters = options.stats ?? runStats();
  let done = 0;
  let indexes: LayerIndex[];
  try {
    indexes = await scanAll(jobs, {
      ...options.pool,
      entriesHeld: [...known.values()].reduce((n, index) => n + index.count, 0),
      onLayerDone: (job, index) => {
        counters.layersScanned += 1;
        counters.scannedStoredBytes += index.storedBytes;
        counters.scannedUncompressedBytes += index.tarBytes;
        done += 1;
        options.onEvent?.({ kind: 'scanned', subject: job.subject, done, of: jobs.length, entries: index.count });
        options.pool?.onLayerDone?.(job, index);
      },
    });
  } catch (error) {
    if (error instanceof ScanJobError) throw inputError(error.job.subject, (error.cause as Error)?.message ?? String(error.cause), error.cause);
    throw error;
  }
  const byDiffId: LayerIndexes = new Map();
  for (const [diffId, i] of jobOf) byDiffId.set(diffId, indexes[i]!);
  for (const [diffId, index] of known) byDiffId.set(diffId, index);
  if (options.cache) {
    for (const [diffId, index] of byDiffId) options.cache.set(cacheKey(diffId, fingerprint), index);
    // The cache keeps every platform's scans for the run: the entry budget holds over all of them.
    let total = 0;
    for (const index of new Set(options.cache.values())) total += index.count;
    if (total > MAX_DEEP_ENTRIES) {
      throw inputError(
        head.source.reference,
        `the scanned layers of all platforms hold more than ${MAX_DEEP_ENTRIES} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it, or list fewer platforms)`,
      );
    }
    for (const handle of base && baseSource === 'scanned' ? [head, base] : [head]) {
      for (const blob of handle.layers)
        if (!byDiffId.has(blob.diffId)) {
          const hit = cached(blob.diffId);
          if (hit) byDiffId.set(blob.diffId, hit);
        }
    }
  }
  return byDiffId;
}

/** A cached scan's key: its diff_id, marked when the scan has no CRC-32 fingerprints. */
function cacheKey(diffId: string, fingerprinted: boolean): string {
  return fingerprinted ? diffId : `plain ${diffId}`;
}
