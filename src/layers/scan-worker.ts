/**
 * Worker thread entry for deep scans (bundled as dist/scan-worker.js beside the CLI and the
 * action). The main thread reads each layer's stored bytes and posts them here in chunks; this
 * thread decompresses and walks the tar, so several layers are scanned on several cores.
 *
 * Protocol (one layer at a time per worker):
 *   in:  start · chunk (stored bytes) · end
 *   out: ack per chunk consumed · done with the index · or error with a one-line reason
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { transferList } from './layer-index.js';
import { LayerScanner } from './layer-scanner.js';
import type { WorkerReply, WorkerRequest } from './scan-protocol.js';

if (!isMainThread && parentPort) {
  const port = parentPort;
  let scanner: LayerScanner | null = null;
  let job = -1;
  let failed = false;
  // Messages are handled strictly in order: a chunk is fully consumed before the next is looked at.
  // Every step settles (LayerScanner's waits end at its first failure), so the chain never stalls.
  let queue: Promise<void> = Promise.resolve();
  const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  /** Hands a consumed chunk's buffer back for reuse. */
  const ack = (jobId: number, data: Uint8Array): void => reply({ type: 'ack', job: jobId, buffer: data.buffer as ArrayBuffer }, [data.buffer as ArrayBuffer]);
  const handle = async (message: WorkerRequest): Promise<void> => {
    switch (message.type) {
      case 'start':
        scanner?.destroy();
        scanner = new LayerScanner({ fingerprint: message.fingerprint, ...(message.limits ? { limits: message.limits } : {}) });
        job = message.job;
        failed = false;
        return;
      case 'chunk':
        if (!failed && scanner && message.job === job) await scanner.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
        ack(message.job, message.data);
        return;
      case 'end': {
        if (failed || !scanner || message.job !== job) return;
        const index = await scanner.end();
        scanner = null;
        reply({ type: 'done', job: message.job, index }, transferList(index));
        return;
      }
    }
  };
  port.on('message', (message: WorkerRequest) => {
    queue = queue
      .then(() => handle(message))
      .catch((error: unknown) => {
        // A failed chunk may still be inside zlib (it read the buffer on libuv's pool): never move
        // that buffer back; an empty one acknowledges the chunk.
        if (message.type === 'chunk') reply({ type: 'ack', job: message.job, buffer: new ArrayBuffer(0) });
        if (!failed) reply({ type: 'error', job: message.job, message: (error as Error)?.message ?? String(error) });
        failed = true;
        scanner?.destroy();
        scanner = null;
      });
  });
}
