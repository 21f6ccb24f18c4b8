/**
 * Scans several layers at once: one lane per core (at most one per layer), the main thread plus
 * worker threads, each worker fed a layer's stored bytes by the main thread with at most a few
 * chunks in flight, so memory stays bounded whatever the layer size. Without the bundled worker
 * file (running from sources, e.g. under vitest) or with a single layer, layers are scanned on the
 * main thread only; zlib still decompresses on libuv's pool there.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LayerIndex } from './layer-index.js';
import { LayerScanner } from './layer-scanner.js';
import type { WorkerReply, WorkerRequest } from './scan-protocol.js';

export interface ScanJob {
  /** Names the layer in messages. */
  subject: string;
  open(): Promise<Readable>;
  fingerprint: boolean;
}

export interface PoolOptions {
  /** Worker threads to use at most; default: available cores (env LAYERDIFF_SCAN_THREADS overrides; 0 = main thread only). */
  threads?: number;
  /** The worker script; default scan-worker.js beside this module (dist/). */
  workerUrl?: URL | null;
  onLayerDone?: (job: ScanJob, index: LayerIndex) => void;
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
  const results: LayerIndex[] = new Array<LayerIndex>(jobs.length);
  const workerUrl = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
  const threads = Math.min(options.threads ?? defaultThreads(), jobs.length);
  let next = 0;
  const take = (): number => (next < jobs.length ? next++ : -1);
  const finish = (i: number, index: LayerIndex): void => {
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
  let failed = false;
  const lane = async (scan: (job: ScanJob) => Promise<LayerIndex>, onWorker: boolean): Promise<void> => {
    for (let i = take(); i >= 0 && !failed; i = take()) {
      try {
        const index = await scan(jobs[i]!);
        if (onWorker) workerStats.layers += 1;
        finish(i, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all([lane(scanInThread, false), ...workers.map((w) => lane((job) => w.scan(job), true))]);
  } finally {
    await Promise.allSettled(workers.map((w) => w.close()));
  }
  return results;
}

export async function scanInThread(job: ScanJob): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint: job.fingerprint });
  const stream = await job.open();
  try {
    for await (const chunk of stream) await scanner.write(chunk as Buffer);
    return await scanner.end();
  } catch (error) {
    scanner.destroy();
    throw new ScanJobError(job, error);
  } finally {
    stream.destroy();
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

class ScanWorker {
  private readonly worker: Worker;
  private jobCounter = 0;
  private current: { job: number; onReply: (reply: WorkerReply) => void } | null = null;
  private crashed: Error | null = null;
  /** Chunk buffers back from the worker, reused for the next chunks: no garbage per chunk. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(url: URL) {
    // A small young generation makes the worker collect its spent chunk buffers early: peak RSS,
    // not speed, is what several workers at once put at risk.
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on('message', (reply: WorkerReply) => {
      if (this.current && reply.job === this.current.job) this.current.onReply(reply);
    });
    this.worker.on('error', (error) => this.crash(error));
    this.worker.on('exit', (code) => this.crash(new Error(`scan worker exited with code ${code}`)));
  }

  private crash(error: Error): void {
    this.crashed ??= error;
    this.current?.onReply({ type: 'error', job: this.current.job, message: error.message });
  }

  private post(message: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  async scan(job: ScanJob): Promise<LayerIndex> {
    if (this.crashed) throw new ScanJobError(job, this.crashed);
    const id = ++this.jobCounter;
    let inFlight = 0;
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    let resolveDone!: (index: LayerIndex) => void;
    let rejectDone!: (error: Error) => void;
    const done = new Promise<LayerIndex>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    done.catch(() => undefined);
    this.current = {
      job: id,
      onReply: (reply) => {
        if (reply.type === 'ack') {
          inFlight--;
          this.spare.push(reply.buffer);
        }
        else if (reply.type === 'done') resolveDone(reply.index);
        else {
          failure = new Error(reply.message);
          rejectDone(failure);
        }
        const w = wake;
        wake = null;
        w?.();
      },
    };
    let stream: Readable | null = null;
    try {
      this.post({ type: 'start', job: id, fingerprint: job.fingerprint });
      stream = await job.open();
      for await (const chunk of stream) {
        if (failure) break;
        const buf = chunk as Buffer;
        // Copy out of the source's buffer (it may be a slice of a shared pool) into one of ours, and move that.
        let backing = this.spare.pop();
        if (!backing || backing.byteLength < buf.length) backing = new ArrayBuffer(Math.max(buf.length, 64 * 1024));
        const data = new Uint8Array(backing, 0, buf.length);
        data.set(buf);
        this.post({ type: 'chunk', job: id, data }, [backing]);
        inFlight++;
        while (inFlight >= MAX_IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
      }
      if (!failure) this.post({ type: 'end', job: id });
      return await done;
    } catch (error) {
      throw new ScanJobError(job, error);
    } finally {
      stream?.destroy();
      this.current = null;
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
