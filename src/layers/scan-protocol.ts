/** Messages between the main thread and a scan worker (see scan-worker.ts); `job` tells layers apart. */
import type { LayerIndex } from './layer-index.js';
import type { BombLimits } from './measure.js';

export type WorkerRequest =
  { type: 'start'; job: number; fingerprint: boolean; limits?: BombLimits } | { type: 'chunk'; job: number; data: Uint8Array } | { type: 'end'; job: number };

/**
 * An ack hands the chunk's buffer back, so the main thread reuses it instead of allocating; an empty
 * buffer when the chunk failed (zlib may still be reading it on libuv's pool, so it is never moved).
 */
export type WorkerReply =
  { type: 'ack'; job: number; buffer: ArrayBuffer } | { type: 'done'; job: number; index: LayerIndex } | { type: 'error'; job: number; message: string };
