/**
 * I/O counters of one run, so `--stats` and the benchmark can show what a run really read: which
 * bytes were touched, which layers were decompressed, what crossed the network.
 *
 * The shell creates the counters for each run (`newRunStats`) and passes them in the engine's
 * options; the engine and the layer stages count into the object they are given. Sources that
 * are not handed the object yet count through `stats`, which forwards to the counters of the run
 * it is called from (the engine runs its work inside `withRunStats`), else to process-wide ones
 * (tests and library callers that pass none).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface IoStats {
  /** Bytes read from archive files and directories (headers, JSON, blobs). */
  archiveBytesRead: number;
  /** Layers streamed through decompression (or hashing) to learn their size or content. */
  layersMeasured: number;
  /** Stored bytes of those layers. */
  measuredStoredBytes: number;
  /** Uncompressed bytes those layers produced. */
  measuredUncompressedBytes: number;
  /** Layers scanned entry by entry (deep scan). */
  layersScanned: number;
  /** Stored (compressed) bytes those layers read. */
  scannedStoredBytes: number;
  /** Uncompressed tar bytes those layers produced. */
  scannedUncompressedBytes: number;
  /** Bytes received over HTTP (registry, artifacts). */
  networkBytes: number;
  /** HTTP requests made, by kind (manifest, config, blob, token ...). */
  requests: Record<string, number>;
}

/** Fresh counters for one run. */
export function newRunStats(): IoStats {
  return {
    archiveBytesRead: 0,
    layersMeasured: 0,
    measuredStoredBytes: 0,
    measuredUncompressedBytes: 0,
    layersScanned: 0,
    scannedStoredBytes: 0,
    scannedUncompressedBytes: 0,
    networkBytes: 0,
    requests: {},
  };
}

const processStats = newRunStats();
const currentRun = new AsyncLocalStorage<IoStats>();

/** The counters of the run this code works for. */
export function runStats(): IoStats {
  return currentRun.getStore() ?? processStats;
}

/** Runs `work` counting into `stats` (when given) wherever it reaches `stats` below. */
export function withRunStats<T>(stats: IoStats | undefined, work: () => Promise<T>): Promise<T> {
  return stats ? currentRun.run(stats, work) : work();
}

const FIELDS = Object.keys(newRunStats()) as Array<keyof IoStats>;

/** Forwards every field to the current run's counters (see the module comment). */
export const stats: IoStats = Object.defineProperties(
  {} as IoStats,
  Object.fromEntries(
    FIELDS.map((field) => [
      field,
      {
        enumerable: true,
        get: () => runStats()[field],
        set: (value: never) => {
          runStats()[field] = value;
        },
      },
    ]),
  ),
);

/** Zeroes the process-wide counters (tests). */
export function resetStats(): void {
  Object.assign(processStats, newRunStats());
}

export function countRequest(kind: string): void {
  const requests = runStats().requests;
  requests[kind] = (requests[kind] ?? 0) + 1;
}
