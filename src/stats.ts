/**
 * Process-wide I/O counters, so `--stats` and the benchmark can show what a run really read:
 * which bytes were touched, which layers were decompressed, what crossed the network.
 */
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
  /** Bytes received over HTTP (registry, artifacts). */
  networkBytes: number;
  /** HTTP requests made, by kind (manifest, config, blob, token ...). */
  requests: Record<string, number>;
}

export const stats: IoStats = freshStats();

function freshStats(): IoStats {
  return {
    archiveBytesRead: 0,
    layersMeasured: 0,
    measuredStoredBytes: 0,
    measuredUncompressedBytes: 0,
    layersScanned: 0,
    networkBytes: 0,
    requests: {},
  };
}

export function resetStats(): void {
  Object.assign(stats, freshStats());
}

export function countRequest(kind: string): void {
  stats.requests[kind] = (stats.requests[kind] ?? 0) + 1;
}
