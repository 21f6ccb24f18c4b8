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

/** Positional reads on an open file: skipping a 2 GiB body costs nothing. */
export class FileByteReader implements ByteReader {
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly length: number,
  ) {}

  async read(n: number): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(n, this.length - this.position));
    const buffer = Buffer.alloc(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.position += filled;
    stats.archiveBytesRead += filled;
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  async skip(n: number): Promise<number> {
    const skipped = Math.max(0, Math.min(n, this.length - this.position));
    this.position += skipped;
    return skipped;
  }
}

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
