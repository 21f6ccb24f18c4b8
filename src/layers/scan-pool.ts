/**
 * Scans several layers at once: one lane per core (at most one per layer), the main thread plus
 * worker threads, each worker fed a layer's stored bytes by the main thread with at most a few
 * chunks in flight, so memory stays bounded whatever the layer size. Without the bundled worker
 * file (running from sources, e.g. under vitest) or with a single layer, layers are scanned on the
 * main thread only; zlib still decompresses on libuv's pool there.
 */
import { EventEmitter, once } from 'node:events';
import { existsSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MAX_DEEP_ENTRIES, type LayerIndex } from './layer-index.js';
import { PACKAGE_LIMITS, packageCost } from './packages/record.js';
import { LayerScanner } from './layer-scanner.js';
import type { BombLimits } from './measure.js';
import type { WorkerReply, WorkerRequest } from './scan-protocol.js';

export interface ScanJob {
  /** Names the layer in messages. */
  subject: string;
  open(): Promise<Readable>;
  fingerprint: boolean;
  /** Decompression-bomb limits of this run (default: from the environment, read when the scan starts). */
  limits?: BombLimits;
}

export interface PoolOptions {
  /** Worker threads to use at most; default: available cores (env LAYERDIFF_SCAN_THREADS overrides; 0 = main thread only). */
  threads?: number;
  /** The worker script; default scan-worker.js beside this module (dist/). */
  workerUrl?: URL | null;
  onLayerDone?: (job: ScanJob, index: LayerIndex) => void;
  /** Entries the run already holds (a deep snapshot's indexes): they count toward MAX_DEEP_ENTRIES too. */
  entriesHeld?: number;
}

/** Layers scanned on worker threads in this process (tests check the worker path really ran). */
export const workerStats = { layers: 0, threadsStarted: 0 };

/** Chunks posted to a worker and not yet consumed; bounds memory to a few chunks per worker. */
const MAX_IN_FLIGHT = 2;

export function defaultWorkerUrl(): URL | null {
  const url = new URL('./scan-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

export function defaultThreads(): number {
  const env = process.env.LAYERDIFF_SCAN_THREADS;
  if (env !== undefined && env !== '' && Number.isInteger(Number(env)) && Number(env) >= 0) return Number(env);
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Scans every job; results in job order. Rejects with the first failure (reason prefixed by the job's subject). */
export async function scanAll(jobs: readonly ScanJob[], options: PoolOptions = {}): Promise<LayerIndex[]> {
  keepYoungGenerationSmall();
  const results: LayerIndex[] = new Array<LayerIndex>(jobs.length);
  const workerUrl = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
  const threads = Math.min(options.threads ?? defaultThreads(), jobs.length);
  let next = 0;
  const take = (): number => (next < jobs.length ? next++ : -1);
  // Each layer's builder stops at the cap by itself; together they must stay under it too.
  let totalEntries = options.entriesHeld ?? 0;
  let packageCosts = 0;
  const finish = (i: number, index: LayerIndex): void => {
    totalEntries += index.count;
    packageCosts += packageCost(index.packages);
    // Package records past the run's budget: attribution is off for every layer (never half of it).
    if (packageCosts > PACKAGE_LIMITS.run) {
      index.packages = null;
      for (const done of results) if (done) done.packages = null;
    }
    if (totalEntries > MAX_DEEP_ENTRIES) {
      throw new ScanJobError(
        jobs[i]!,
        new Error(
          `with this layer the scanned layers hold more than ${MAX_DEEP_ENTRIES} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it)`,
        ),
      );
    }
    results[i] = index;
    options.onLayerDone?.(jobs[i]!, index);
  };

  if (workerUrl === null || threads < 2) {
    for (let i = take(); i >= 0; i = take()) finish(i, await scanInThread(jobs[i]!));
    return results;
  }
  // threads - 1 workers, and the main thread scans too: it only reads and posts otherwise, and
  // every extra isolate costs its own heap and its own backlog of spent buffers (peak RSS).
  const workers = Array.from({ length: threads - 1 }, () => new ScanWorker(workerUrl));
  workerStats.threadsStarted += workers.length;
  // The first failure stops every other lane at its next chunk: nothing keeps reading for a result
  // that will be thrown away.
  const stop = new AbortController();
  const lane = async (scan: (job: ScanJob) => Promise<LayerIndex>, onWorker: boolean): Promise<void> => {
    for (let i = take(); i >= 0 && !stop.signal.aborted; i = take()) {
      try {
        const index = await scan(jobs[i]!);
        if (onWorker) workerStats.layers += 1;
        finish(i, index);
      } catch (error) {
        stop.abort();
        throw error;
      }
    }
  };
  try {
    await Promise.all([lane((job) => scanInThread(job, stop.signal), false), ...workers.map((w) => lane((job) => w.scan(job, stop.signal), true))]);
  } finally {
    stop.abort();
    await Promise.allSettled(workers.map((w) => w.close()));
  }
  return results;
}

/**
 * A deep scan keeps nearly every object it allocates on this thread (paths, the flattened tree).
 * When most objects survive, V8 grows the young generation towards its maximum (3 x 64 MB here),
 * memory that only holds objects on their way to the old generation: measured on a layer of
 * 1,000,000 entries, peak RSS 537 MB with growth, 339 MB without, for 7% more CPU. Workers get
 * the same through `maxYoungGenerationSizeMb`; the main thread's limits are fixed at start-up, but
 * its growth factor can still be set.
 */
function keepYoungGenerationSmall(): void {
  if (youngGenerationPinned) return;
  youngGenerationPinned = true;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
let youngGenerationPinned = false;

/** Scans one layer on this thread; `signal` stops it between chunks. */
export async function scanInThread(job: ScanJob, signal?: AbortSignal): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint: job.fingerprint, ...(job.limits ? { limits: job.limits } : {}) });
  let stream: Readable | null = null;
  try {
    stream = await job.open();
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      await scanner.write(chunk as Buffer);
    }
    return await scanner.end();
  } catch (error) {
    scanner.destroy();
    throw new ScanJobError(job, error);
  } finally {
    stream?.destroy();
  }
}

export class ScanJobError extends Error {
  constructor(
    readonly job: ScanJob,
    cause: unknown,
  ) {
    super(`${job.subject}: ${(cause as Error).message ?? String(cause)}`, { cause });
  }
}

/**
 * One worker thread, scanning one layer at a time. Every reply, and the worker's death, is an
 * `update` event on `events`; waits are `once(events, 'update', { signal })`, which settles on the
 * next reply, on abort, and never depends on a callback an error path could skip.
 */
class ScanWorker {
  private readonly worker: Worker;
  private readonly events = new EventEmitter();
  private jobCounter = 0;
  /** The job being scanned, its chunks not yet acknowledged, and its outcome once known. */
  private job = 0;
  private inFlight = 0;
  private outcome: { index: LayerIndex } | { error: Error } | null = null;
  private crashed: Error | null = null;
  /** Chunk buffers back from the worker, reused for the next chunks: no garbage per chunk. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(url: URL) {
    // A small young generation makes the worker collect its spent chunk buffers early: peak RSS,
    // not speed, is what several workers at once put at risk.
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    // A worker can throw anything, not only an Error; what it threw still names the failure.
    this.worker.on('error', (error: unknown) => this.crash(error instanceof Error ? error : new Error(`scan worker threw ${String(error)}`)));
    this.worker.on('messageerror', (error) => this.crash(error));
    this.worker.on('exit', (code) => this.crash(new Error(`scan worker exited with code ${code}`)));
  }

  private onReply(reply: WorkerReply): void {
    if (reply.job !== this.job) return; // a late reply about a job already given up
    if (reply.type === 'ack') {
      this.inFlight--;
      if (reply.buffer.byteLength > 0) this.spare.push(reply.buffer);
    } else if (reply.type === 'done') this.outcome ??= { index: reply.index };
    else this.outcome ??= { error: new Error(reply.message) };
    this.events.emit('update');
  }

  private crash(error: Error): void {
    this.crashed ??= error;
    this.outcome ??= { error };
    this.events.emit('update');
  }

  private post(message: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  /** The next reply (or crash); rejects when `signal` aborts. */
  private async update(signal: AbortSignal | undefined): Promise<void> {
    await once(this.events, 'update', signal ? { signal } : {});
  }

  async scan(job: ScanJob, signal?: AbortSignal): Promise<LayerIndex> {
    const id = ++this.jobCounter;
    this.job = id;
    this.inFlight = 0;
    this.outcome = this.crashed ? { error: this.crashed } : null;
    let stream: Readable | null = null;
    try {
      if (this.outcome) throw this.outcome.error;
      this.post({ type: 'start', job: id, fingerprint: job.fingerprint, ...(job.limits ? { limits: { ...job.limits } } : {}) });
      stream = await job.open();
      for await (const chunk of stream) {
        if (this.outcome) break;
        signal?.throwIfAborted();
        const buf = chunk as Buffer;
        // Copy out of the source's buffer (it may be a slice of a shared pool) into one of ours, and move that.
        let backing = this.spare.pop();
        if (!backing || backing.byteLength < buf.length) backing = new ArrayBuffer(Math.max(buf.length, 64 * 1024));
        const data = new Uint8Array(backing, 0, buf.length);
        data.set(buf);
        this.post({ type: 'chunk', job: id, data }, [backing]);
        this.inFlight++;
        while (this.inFlight >= MAX_IN_FLIGHT && !this.outcome) await this.update(signal);
      }
      if (!this.outcome) this.post({ type: 'end', job: id });
      while (!this.outcome) await this.update(signal);
      const outcome = this.outcome as { index: LayerIndex } | { error: Error };
      if ('error' in outcome) throw outcome.error;
      return outcome.index;
    } catch (error) {
      throw new ScanJobError(job, error);
    } finally {
      stream?.destroy();
      this.job = 0;
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
