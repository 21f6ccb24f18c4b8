/**
 * The deep scan's I/O: opens every layer the deep analysis needs and scans each distinct diff_id
 * once (worker threads, streaming, nothing extracted). What gets scanned, and why: every head
 * layer (wasted space and the flattened filesystem need the whole stack, so the cost is one
 * decompression of the head image), and every base layer the head does not share (the other side
 * of changed/removed rows and of the flattened diff). With a base, regular files are also CRC-32
 * fingerprinted so a same-size edit shows as `modified`; without one nothing needs it.
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
}

/** Its `tarBytes` are the layers' uncompressed sizes, so the engine need not decompress a layer twice. */
export async function scanLayers(base: ImageHandle | null, head: ImageHandle, options: ScanOptions = {}): Promise<LayerIndexes> {
  if (head.snapshot) {
    const subject = head.source.reference;
    throw namingError('input', (name) => `${subject}: a snapshot holds no layer contents; ${name('deep')} needs the image itself`, { subject });
  }
  const baseReadable = base !== null && !base.snapshot;
  if (base && !baseReadable) options.onEvent?.({ kind: 'warning', code: 'base-not-scannable', image: base.source.reference });

  // One job per distinct diff_id, head first (its scan is always needed).
  const jobs: ScanJob[] = [];
  const jobOf = new Map<string, number>();
  const fingerprint = baseReadable;
  const cached = (diffId: string) => options.cache?.get(cacheKey(diffId, true)) ?? (fingerprint ? undefined : options.cache?.get(cacheKey(diffId, false)));
  const plan = (handle: ImageHandle): void => {
    for (const blob of handle.layers) {
      if (jobOf.has(blob.diffId) || cached(blob.diffId) !== undefined) continue;
      jobOf.set(blob.diffId, jobs.length);
      jobs.push({ subject: layerSubject(handle, blob), fingerprint, open: () => blob.open(), ...(options.limits ? { limits: options.limits } : {}) });
    }
  };
  plan(head);
  if (baseReadable) plan(base);

  const counters = options.stats ?? runStats();
  let done = 0;
  let indexes: LayerIndex[];
  try {
    indexes = await scanAll(jobs, {
      ...options.pool,
      onLayerDone: (job, index) => {
        counters.layersScanned += 1;
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
    for (const handle of baseReadable ? [head, base] : [head]) {
      for (const blob of handle.layers) if (!byDiffId.has(blob.diffId)) byDiffId.set(blob.diffId, cached(blob.diffId)!);
    }
  }
  return byDiffId;
}

/** A cached scan's key: its diff_id, marked when the scan has no CRC-32 fingerprints. */
function cacheKey(diffId: string, fingerprinted: boolean): string {
  return fingerprinted ? diffId : `plain ${diffId}`;
}
