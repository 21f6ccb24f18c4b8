/**
 * Runs per-layer stream work (measuring sizes, estimating pull sizes) in parallel lanes on this
 * thread. Decompression and compression are zlib (gzip, zstd) work that Node runs on libuv's
 * threadpool, so a few layers in flight at once keep several cores busy without worker threads
 * (the bench row "parallel size measurement" holds this against bare gunzip streams).
 *
 * The first failure settles everything: it aborts the shared signal, every other lane stops at its
 * next chunk and closes its stream (the work function owns its stream and must honour the signal),
 * and the run waits for every lane to settle before it rethrows that first failure, so nothing
 * keeps reading, and no promise is left behind, once the caller has its error.
 */
import os from 'node:os';

/**
 * At most this many lanes: libuv's threadpool has 4 threads unless UV_THREADPOOL_SIZE says more,
 * and file reads share it with zlib, so more lanes than that only queue behind each other.
 */
export const MAX_LANES = 4;

/**
 * Lanes for this run: the CPU count (at least 1, at most MAX_LANES), or `LAYERDIFF_MEASURE_LANES`
 * (1 = one layer at a time, as before lanes). Read when a run starts, not on import.
 */
export function lanesFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.LAYERDIFF_MEASURE_LANES;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_LANES, cores));
}

/**
 * Calls `work` for every job, at most `lanes` at a time, taking jobs in order; results in job
 * order. `work` gets a signal that aborts when any job has failed: it must stop reading and close
 * its stream then. Rejects with the first failure, after every lane has settled.
 */
export async function runInLanes<J, R>(jobs: readonly J[], lanes: number, work: (job: J, signal: AbortSignal) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const stop = new AbortController();
  let failure: { error: unknown } | null = null;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!stop.signal.aborted && next < jobs.length) {
      const i = next++;
      try {
        results[i] = await work(jobs[i] as J, stop.signal);
      } catch (error) {
        // Only the first failure is the cause; later ones are mostly the abort it caused.
        failure ??= { error };
        stop.abort();
        return;
      }
    }
  };
  const count = Math.max(1, Math.min(Math.floor(lanes) || 1, jobs.length));
  // allSettled, not all: the run returns only when every lane has stopped and closed its stream.
  await Promise.allSettled(Array.from({ length: count }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
