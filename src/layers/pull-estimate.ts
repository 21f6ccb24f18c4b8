/**
 * `--estimate-pull`: what a layer stored uncompressed (a `docker save` archive) would weigh once
 * pushed, found by compressing it the way registries receive it and counting the bytes. Streaming
 * only: the layer flows through gzip into a byte counter, nothing is kept.
 */
import { Transform, Writable, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Compression } from '../core/compression.js';
import { inputError } from '../errors.js';
import { bombLimitsFrom, bombReason, decompressInto, storedLayer, type BombLimits } from './measure.js';

/**
 * The gzip level pushes use. BuildKit compresses layers with Go's `gzip.NewWriterLevel(dest, level)`,
 * `level` defaulting to `gzip.DefaultCompression` (moby/buildkit util/compression/gzip.go,
 * `gzipWriter`); containerd's `CompressStream` uses `gzip.NewWriter`, the same default
 * (containerd archive/compression/compression.go), as does Docker's classic push. Go's
 * DefaultCompression is -1, which compress/flate runs as level 6. Go's deflate is not zlib's, so
 * the bytes differ a little: hence an estimate.
 */
export const PULL_GZIP_LEVEL = 6;

export interface PullSize {
  /** Bytes of the gzip stream the layer compresses to (header and trailer included). */
  gzipBytes: number;
  /** Uncompressed tar bytes that went in. */
  uncompressedBytes: number;
}

export interface PullEstimateOptions {
  /** Names the layer in error messages, e.g. `image.tar: layer 3/7 (…)`. */
  subject: string;
  limits?: BombLimits | undefined;
  /** Stops between chunks and closes the stream (another lane failed). */
  signal?: AbortSignal | undefined;
  level?: number;
}

/** The part of a layer blob the estimate needs (src/sources/types.ts LayerBlob has it). */
export interface EstimableBlob {
  compression: Compression | null;
  open(): Promise<Readable>;
}

/**
 * Compresses one layer with gzip at the pushers' level and counts the output. A layer stored
 * compressed is decompressed first (under the bomb limits), though the engine only asks for layers
 * stored uncompressed, whose absolute size limit still applies.
 */
export async function estimateGzipSize(blob: EstimableBlob, options: PullEstimateOptions): Promise<PullSize> {
  const limits = options.limits ?? bombLimitsFrom(process.env);
  const stream = await blob.open();
  if (options.signal?.aborted) {
    stream.destroy();
    throw options.signal.reason;
  }
  const layer = await storedLayer(stream, blob.compression);
  let uncompressedBytes = 0;
  // Counts what goes into gzip and stops a layer past the limits, as measuring does.
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      uncompressedBytes += chunk.length;
      const bomb = bombReason(limits, layer.compression, uncompressedBytes, layer.storedBytes);
      if (bomb !== null) done(inputError(options.subject, bomb));
      else done(null, chunk);
    },
  });
  let gzipBytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _enc, done) {
      gzipBytes += chunk.length;
      done();
    },
  });
  const gzip = zlib.createGzip({ level: options.level ?? PULL_GZIP_LEVEL, chunkSize: 64 * 1024 });
  await decompressInto(layer, [guard, gzip, counter], options.subject, options.signal);
  return { gzipBytes, uncompressedBytes };
}
