import type { FileHandle } from 'node:fs/promises';
import { stats } from '../../stats.js';

/**
 * What the tar walker needs from its input: bytes in order, the ability to pass over a body, and
 * where it is. A file answers skips by seeking; a stream has to read through them.
 */
export interface ByteReader {
  /** Up to `n` bytes; fewer only at the end of the input. */
  read(n: number): Promise<Buffer>;
  /** Passes over `n` bytes; returns how many there were (fewer only at the end). */
  skip(n: number): Promise<number>;
  /** Bytes consumed so far. */
  readonly position: number;
  /** Total length when known up front (files); null for streams. */
  readonly length: number | null;
}

/**
 * Positional reads on an open file: skipping a 2 GiB body costs nothing. Headers far apart (layers
 * of megabytes) are read one block at a time, so `inspect` of a big `docker save` reads a few kB;
 * once several members in a row sit close together (an archive of many small files, hostile or
 * not) reads come from a read-ahead window, so 200,000 headers cost a few thousand reads instead of
 * 400,000 (measured: 11 s to 1 s for the fuzzer's many-members archive).
 */
export class FileByteReader implements ByteReader {
  position = 0;
  private window: Buffer = Buffer.alloc(0);
  private windowAt = 0;
  /** Consecutive skips short enough that the next header was probably already in a window. */
  private closeSkips = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly length: number,
  ) {}

  async read(n: number): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(n, this.length - this.position));
    const offset = this.position - this.windowAt;
    if (offset >= 0 && offset + wanted <= this.window.length) {
      // A copy: callers keep small reads (a body's first bytes) and must not pin the whole window.
      this.position += wanted;
      return Buffer.from(this.window.subarray(offset, offset + wanted));
    }
    const readAhead = this.closeSkips >= READ_AHEAD_AFTER ? READ_AHEAD_BYTES : 0;
    const span = Math.max(0, Math.min(Math.max(wanted, readAhead), this.length - this.position));
    const buffer = Buffer.alloc(span);
    let filled = 0;
    while (filled < span) {
      const { bytesRead } = await this.handle.read(buffer, filled, span - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    stats.archiveBytesRead += filled;
    const got = Math.min(filled, wanted);
    if (span > wanted) {
      this.window = buffer.subarray(0, filled);
      this.windowAt = this.position;
      this.position += got;
      return Buffer.from(buffer.subarray(0, got));
    }
    this.position += got;
    return got === span ? buffer : buffer.subarray(0, got);
  }

  async skip(n: number): Promise<number> {
    const skipped = Math.max(0, Math.min(n, this.length - this.position));
    this.position += skipped;
    this.closeSkips = skipped <= CLOSE_SKIP_BYTES ? this.closeSkips + 1 : 0;
    return skipped;
  }
}

/** A skip this short keeps the next header within reach of a read-ahead window. */
const CLOSE_SKIP_BYTES = 4096;
/** How many close skips in a row before reading ahead: a real image archive (tens of members) never gets there. */
const READ_AHEAD_AFTER = 64;
const READ_AHEAD_BYTES = 64 * 1024;

/**
 * Sequential reads over a stream of chunks (a gunzip stream, `docker save` output). Holds at most
 * one chunk beyond what was asked for.
 */
export class StreamByteReader implements ByteReader {
  position = 0;
  readonly length = null;
  private pending: Buffer | null = null;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer | Uint8Array | string>;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>) {
    this.iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source)[Symbol.asyncIterator]();
  }

  private async nextChunk(): Promise<Buffer | null> {
    if (this.pending !== null) {
      const chunk = this.pending;
      this.pending = null;
      return chunk;
    }
    if (this.ended) return null;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return null;
    }
    const value = next.value;
    return typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }

  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const chunk = await this.nextChunk();
      if (chunk === null) break;
      const take = Math.min(chunk.length, n - have);
      parts.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      if (take < chunk.length) this.pending = chunk.subarray(take);
      have += take;
    }
    this.position += have;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, have);
  }

  async skip(n: number): Promise<number> {
    let skipped = 0;
    for await (const chunk of this.chunks(n)) skipped += chunk.length;
    return skipped;
  }

  /** The next `n` bytes as they arrive, without gathering them; fewer only at the end. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      const chunk = await this.nextChunk();
      if (chunk === null) return;
      const take = Math.min(chunk.length, left);
      if (take < chunk.length) this.pending = chunk.subarray(take);
      left -= take;
      this.position += take;
      yield take === chunk.length ? chunk : chunk.subarray(0, take);
    }
  }

  /** Stops the source (destroys the stream, ends the child process behind it). */
  async close(): Promise<void> {
    this.ended = true;
    this.pending = null;
    await this.iterator.return?.();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
