import { createHash } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inputError, LayerdiffError } from '../errors.js';
import type { Compression } from '../core/compression.js';
import { createDecompressor, MAGIC_BYTES, sniffCompression } from './compression.js';
import { peekStream } from './peek.js';
import { BLOCK, checksumValid, isZeroBlock } from '../tar/header-block.js';
import { runStats, type IoStats } from '../stats.js';

/**
 * Decompression-bomb guard. gzip tops out near 1032:1 on all-zero input, so a layer that keeps a
 * higher ratio past a quarter GiB is not a real layer; the absolute cap catches the rest.
 */
export interface BombLimits {
  maxRatio: number;
  ratioAfterBytes: number;
  maxUncompressedBytes: number;
}

const DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 ** 3;

/**
 * The limits of one run: `LAYERDIFF_MAX_LAYER_BYTES` lowers (or raises) the absolute cap. The
 * engine calls this when a run starts and passes the result down, so nothing reads the
 * environment at import time.
 */
export function bombLimitsFrom(env: Readonly<Record<string, string | undefined>>): BombLimits {
  return {
    maxRatio: 1000,
    ratioAfterBytes: 256 * 1024 * 1024,
    maxUncompressedBytes: envBytes(env, 'LAYERDIFF_MAX_LAYER_BYTES') ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
  };
}

/**
 * For callers given no limits (sources that spool a compressed archive): the environment is read
 * when a limit is consulted, not when this module loads.
 */
export const defaultBombLimits: BombLimits = {
  maxRatio: 1000,
  ratioAfterBytes: 256 * 1024 * 1024,
  get maxUncompressedBytes() {
    return bombLimitsFrom(process.env).maxUncompressedBytes;
  },
};

/** Why a decompression must stop, or null while it looks like a real layer. Shared by measuring and scanning. */
export function bombReason(limits: BombLimits, compression: Compression, uncompressedBytes: number, storedBytes: number): string | null {
  if (uncompressedBytes > limits.maxUncompressedBytes) {
    return `decompresses to more than ${limits.maxUncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  if (compression !== 'none' && uncompressedBytes > limits.ratioAfterBytes && uncompressedBytes > storedBytes * limits.maxRatio) {
    return `decompression ratio above ${limits.maxRatio}:1 after ${uncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  return null;
}

function envBytes(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export interface Measurement {
  /** Uncompressed tar bytes. */
  size: number;
  /** Bytes read from the stored blob. */
  storedBytes: number;
  compression: Compression;
  /** sha256 of the uncompressed stream, when asked for. */
  diffId?: string;
}

export interface MeasureOptions {
  /** Hash the uncompressed stream and compare with the layer's diff_id. */
  verify?: boolean;
  limits?: BombLimits;
  /** Names the layer in error messages, e.g. `image.tar: layer 3`. */
  subject: string;
  onBytes?: (uncompressedSoFar: number) => void;
  /** The run's I/O counters (default: those of the run this is called from). */
  stats?: IoStats | undefined;
  /** Compression of the stored bytes when already known from their magic bytes. */
  compression?: Compression | null | undefined;
  /** Stops the measurement between chunks and closes the stream (another lane failed: measure-lanes.ts). */
  signal?: AbortSignal | undefined;
}

/**
 * Streams one layer blob through decompression and counts the bytes that come out: the uncompressed
 * size that the diff_id hashes. Nothing is buffered beyond one chunk.
 */
/** A layer's stored stream, its compression known (sniffed from the magic bytes when the source did not say), its stored bytes counted as they flow. */
export interface StoredLayer {
  compression: Compression;
  stream: Readable;
  storedBytes: number;
}

export async function storedLayer(stored: Readable, known: Compression | null): Promise<StoredLayer> {
  let layer: StoredLayer;
  if (known) layer = { compression: known, stream: stored, storedBytes: 0 };
  else {
    const peeked = await peekStream(stored, MAGIC_BYTES);
    layer = { compression: sniffCompression(peeked.head), stream: peeked.stream, storedBytes: 0 };
  }
  layer.stream.on('data', (chunk: Buffer) => {
    layer.storedBytes += chunk.length;
  });
  return layer;
}

/**
 * Pipes a stored layer through its decompressor into `tail` (measuring, the pull estimate): one
 * place that settles on every error path and words every failure as one line naming the layer.
 */
export async function decompressInto(layer: StoredLayer, tail: readonly NodeJS.WritableStream[], subject: string, signal?: AbortSignal): Promise<void> {
  let decompressor;
  try {
    decompressor = createDecompressor(layer.compression);
  } catch (error) {
    layer.stream.destroy();
    throw inputError(subject, (error as Error).message);
  }
  const streams: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [
    layer.stream,
    ...(decompressor ? [decompressor] : []),
    ...tail,
  ];
  try {
    await pipeline(streams, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    throw inputError(subject, `cannot read ${layer.compression === 'none' ? 'layer' : layer.compression + ' layer'}: ${describeStreamError(error)}`, error);
  }
}

export async function measureStream(stored: Readable, options: MeasureOptions): Promise<Measurement> {
  // Read once per layer, not per chunk.
  const limits = options.limits ?? bombLimitsFrom(process.env);
  // Sources that already sniffed the magic bytes say so; otherwise peek at them here.
  const layer = await storedLayer(stored, options.compression ?? null);
  const compression = layer.compression;
  const hash = options.verify ? createHash('sha256') : null;
  let size = 0;
  let nextReport = 64 * 1024 * 1024;
  // The first tar block, to tell a layer from any other bytes that decompress cleanly.
  const first = Buffer.alloc(BLOCK);
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _enc, done) {
      if (size < BLOCK) chunk.copy(first, size, 0, Math.min(chunk.length, BLOCK - size));
      size += chunk.length;
      if (size >= BLOCK && size - chunk.length < BLOCK && !isZeroBlock(first) && !checksumValid(first)) {
        done(
          inputError(options.subject, `not a tar stream (the ${compression === 'none' ? 'layer' : compression + ' layer'} does not start with a tar header)`),
        );
        return;
      }
      hash?.update(chunk);
      const bomb = bombReason(limits, compression, size, layer.storedBytes);
      if (bomb !== null) {
        done(inputError(options.subject, bomb));
        return;
      }
      if (options.onBytes && size >= nextReport) {
        nextReport += 64 * 1024 * 1024;
        options.onBytes(size);
      }
      done();
    },
  });
  await decompressInto(layer, [sink], options.subject, options.signal);
  if (size > 0 && size < BLOCK) throw inputError(options.subject, `not a tar stream (${size} bytes, less than one tar block)`);
  const counters = options.stats ?? runStats();
  counters.layersMeasured += 1;
  counters.measuredStoredBytes += layer.storedBytes;
  counters.measuredUncompressedBytes += size;
  const result: Measurement = { size, storedBytes: layer.storedBytes, compression };
  if (hash) result.diffId = `sha256:${hash.digest('hex')}`;
  return result;
}

/** The part of a layer blob measuring needs (src/sources/types.ts LayerBlob has it). */
export interface MeasurableBlob {
  diffId: string;
  compression: Compression | null;
  open(): Promise<Readable>;
}

export async function measureLayer(blob: MeasurableBlob, options: MeasureOptions): Promise<Measurement> {
  const stored = await blob.open();
  if (options.signal?.aborted) {
    // Aborted while opening: the stream was never read, but it is ours to close.
    stored.destroy();
    throw options.signal.reason;
  }
  const measurement = await measureStream(stored, { compression: blob.compression, ...options });
  if (options.verify && measurement.diffId !== blob.diffId) {
    throw inputError(options.subject, `content does not match its diff_id (expected ${blob.diffId}, got ${measurement.diffId})`);
  }
  return measurement;
}

export function describeStreamError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'Z_BUF_ERROR' || e.code === 'ERR_STREAM_PREMATURE_CLOSE') return 'unexpected end of data (truncated?)';
  if (e.code === 'Z_DATA_ERROR') return `corrupt data (${e.message ?? 'bad compressed stream'})`;
  return e.message ?? String(error);
}
