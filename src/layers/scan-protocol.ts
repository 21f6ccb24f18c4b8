/** Messages between the main thread and a scan worker (see scan-worker.ts); `job` tells layers apart. */
import type { LayerIndex } from './layer-index.js';

export type WorkerRequest =
  | { type: 'start'; job: number; fingerprint: boolean }
  | { type: 'chunk'; job: number; data: Uint8Array }
  | { type: 'end'; job: number };

export type WorkerReply = { type: 'ack'; job: number } | { type: 'done'; job: number; index: LayerIndex } | { type: 'error'; job: number; message: string };
