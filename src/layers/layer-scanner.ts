/**
 * One layer's scan, fed the blob's stored bytes chunk by chunk: sniffs the compression from the
 * magic bytes, decompresses (gzip, zstd; estargz is gzip), walks the tar and returns the index.
 * Runs the same in a worker thread and on the main thread. Errors are plain reasons (one line);
 * the caller names the layer.
 */
import type { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Compression } from '../core/compression.js';
import { createDecompressor, MAGIC_BYTES, sniffCompression } from './compression.js';
import { EntryLimitError, LayerIndexBuilder, type LayerIndex } from './layer-index.js';
import { bombLimitsFrom, bombReason, describeStreamError, type BombLimits } from './measure.js';
import { TarFormatError, TarWalker } from './tar-walker.js';

export interface LayerScanOptions {
  /** CRC-32 every regular file's bytes, so same-size files can be told apart in a file diff. */
  fingerprint: boolean;
  limits?: BombLimits;
}

export class ScanError extends Error {}

export class LayerScanner {
  private readonly builder: LayerIndexBuilder;
  private readonly walker: TarWalker;
  private readonly limits: BombLimits;
  private head: Buffer[] = [];
  private headBytes = 0;
  private compression: Compression | null = null;
  private decompressor: Transform | null = null;
  private failure: Error | null = null;
  private storedBytes = 0;
  private tarBytes = 0;
  /**
   * Fires at the first failure. Every wait on the decompressor races it: a destroyed stream may
   * never call a write callback back nor emit another event, and such a wait would never settle.
   */
  private readonly failed = new AbortController();

  constructor(options: LayerScanOptions) {
    this.builder = new LayerIndexBuilder(options.fingerprint);
    this.walker = new TarWalker(this.builder);
    this.limits = options.limits ?? bombLimitsFrom(process.env);
  }

  /** Accepts stored bytes; resolves when they are consumed (the caller's backpressure). */
  async write(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    this.storedBytes += chunk.length;
    if (this.compression === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < MAGIC_BYTES) return;
      const head = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      return this.feed(head);
    }
    return this.feed(chunk);
  }

  async end(): Promise<LayerIndex> {
    this.throwIfFailed();
    if (this.compression === null) {
      const head = Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      if (head.length > 0) await this.feed(head);
    }
    const d = this.decompressor;
    if (d) {
      // `finished` also answers for a stream that already ended, errored or was destroyed.
      const done = finished(d);
      d.end();
      await this.untilFailed(done);
    }
    try {
      this.walker.end();
    } catch (error) {
      this.fail(error);
    }
    this.throwIfFailed();
    if (this.builder.count === 0 && this.tarBytes > 0 && !this.walker.finished) throw new ScanError('not a tar stream');
    return this.builder.finish({ tarBytes: this.tarBytes, storedBytes: this.storedBytes, compression: this.compression ?? 'none' });
  }

  /** Stops early (the caller gave up); frees the decompressor and settles any wait in progress. */
  destroy(): void {
    this.fail(new ScanError('scan stopped'));
  }

  private start(compression: Compression): void {
    this.compression = compression;
    let d: Transform | null;
    try {
      d = createDecompressor(compression);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!d) return;
    this.decompressor = d;
    d.on('data', (out: Buffer) => this.onTar(out));
    d.on('error', (error: Error) => this.fail(error));
  }

  private feed(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    const d = this.decompressor;
    if (!d) {
      this.onTar(chunk);
      this.throwIfFailed();
      return Promise.resolve();
    }
    // Resolves once zlib has consumed the chunk (the worker then hands the chunk's buffer back).
    return this.untilFailed(new Promise<void>((resolve, reject) => d.write(chunk, (error) => (error ? reject(error) : resolve()))));
  }

  /** Waits for `step`, or for the first failure, whichever comes first; throws the failure. */
  private async untilFailed(step: Promise<void>): Promise<void> {
    const signal = this.failed.signal;
    if (signal.aborted) {
      step.catch(() => undefined);
      this.throwIfFailed();
    }
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([step, aborted]);
    } catch (error) {
      this.fail(error);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
    step.catch(() => undefined); // the losing wait may still reject later; nobody listens then
    this.throwIfFailed();
  }

  private onTar(chunk: Buffer): void {
    if (this.failure) return;
    this.tarBytes += chunk.length;
    const bomb = bombReason(this.limits, this.compression ?? 'none', this.tarBytes, this.storedBytes);
    if (bomb !== null) {
      this.fail(new ScanError(bomb));
      return;
    }
    if (this.walker.finished) return;
    try {
      this.walker.push(chunk);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    const e = error as Error;
    this.failure = e instanceof ScanError ? e : new ScanError(e instanceof TarFormatError || e instanceof EntryLimitError ? e.message : this.describe(e));
    this.failed.abort();
    this.decompressor?.destroy();
  }

  private describe(error: Error): string {
    const what = this.compression && this.compression !== 'none' ? `${this.compression} layer` : 'layer';
    return `cannot read ${what}: ${describeStreamError(error)}`;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
