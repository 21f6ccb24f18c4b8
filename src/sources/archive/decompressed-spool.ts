/**
 * An image archive compressed as a whole (`docker save | gzip`, `.tar.zst`) is decompressed once,
 * into an anonymous temporary file, and then read by seeking like any plain tar.
 *
 * Why a file, when layerdiff otherwise never writes an image to disk: a compressed stream can only
 * be read front to back, and the engine opens layers in its own order (manifest order, then again
 * for a deep scan, on several threads), while `docker save` writes manifest.json last. Reading the
 * stream again for each layer cost one full decompression per layer (a 4 MB gzip archive of 20
 * layers took 45 s, a 4.9 MB zstd one 150 s); holding it in memory is unbounded. One spool keeps
 * memory at one chunk and the work at one decompression. Nothing is extracted: the file holds the
 * tar stream itself.
 *
 * Bounds: the same decompression-bomb limits as a layer (ratio and absolute size, `bombReason`).
 * Input: the archive's already-open handle (checked to be a regular file by openRegularFile), never
 * its path again: a path swapped for a FIFO after the check could block the read forever.
 * Cleanup: the file is unlinked as soon as it is open, so the disk space returns when the handle
 * closes or the process ends, however it ends. Where unlinking an open file is refused (Windows),
 * it is removed on close and at exit instead.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inputError, isLayerdiffError } from '../../errors.js';
import { createDecompressor } from '../../layers/compression.js';
import { bombReason, defaultBombLimits, describeStreamError, type BombLimits } from '../../layers/measure.js';
import { stats } from '../../stats.js';
import type { Compression } from '../types.js';

export interface Spool {
  handle: FileHandle;
  /** Decompressed bytes written. */
  length: number;
  /** Closes the handle and removes the file if it still has a name. */
  close: () => Promise<void>;
}

/** Decompresses the archive open on `archive` (read from byte 0; the caller keeps and closes the handle). */
export async function spoolDecompressed(
  archive: FileHandle,
  compression: Exclude<Compression, 'none'>,
  subject: string,
  limits: BombLimits = defaultBombLimits,
): Promise<Spool> {
  let decompressor;
  try {
    decompressor = createDecompressor(compression)!;
  } catch (error) {
    throw inputError(subject, (error as Error).message);
  }
  return fillSpool(async (target) => {
    let storedBytes = 0;
    let length = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        storedBytes += chunk.length;
        stats.archiveBytesRead += chunk.length;
        done(null, chunk);
      },
    });
    const sink = new Writable({
      highWaterMark: 1024 * 1024,
      write(chunk: Buffer, _encoding, done) {
        const bomb = bombReason(limits, compression, length + chunk.length, storedBytes);
        if (bomb !== null) {
          done(inputError(subject, `${compression} archive: ${bomb}`));
          return;
        }
        target.write(chunk, 0, chunk.length, length).then(() => {
          length += chunk.length;
          done();
        }, done);
      },
    });
    try {
      // Small reads: the ratio compares with the compressed bytes read so far, and a 1 MiB read-ahead
      // would let a 1 MiB bomb write 1 GiB before its ratio showed.
      await pipeline(archive.createReadStream({ start: 0, highWaterMark: 64 * 1024, autoClose: false, emitClose: false }), counter, decompressor, sink);
    } catch (error) {
      if (isLayerdiffError(error)) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT')
        throw inputError(subject, `no space left in ${os.tmpdir()} to decompress the archive (${length} bytes written)`, error);
      throw inputError(subject, `corrupt ${compression} archive: ${describeStreamError(error)}`, error);
    }
    return length;
  });
}

/**
 * A tar stream that can only be read once or at a cost (`docker save`) copied into a spool, so its
 * members are then read by seeking instead of running the producer again for each layer.
 * `describeFailure` words an error of the source that is not a LayerdiffError already.
 */
export async function spoolStream(source: AsyncIterable<Buffer | Uint8Array>, subject: string, describeFailure: (error: unknown) => Error): Promise<Spool> {
  return fillSpool(async (target) => {
    let length = 0;
    try {
      for await (const chunk of source) {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await target.write(chunk, written, chunk.length - written, length + written);
          written += bytesWritten;
        }
        length += chunk.length;
      }
    } catch (error) {
      if (isLayerdiffError(error)) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT')
        throw inputError(subject, `no space left in ${os.tmpdir()} to hold the image (${length} bytes written)`, error);
      throw describeFailure(error);
    }
    return length;
  });
}

/** Creates the unnamed spool file, lets `fill` write it (returning the length), and hands it over. */
async function fillSpool(fill: (handle: FileHandle) => Promise<number>): Promise<Spool> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-spool-'));
  const file = path.join(dir, 'archive.tar');
  let handle: FileHandle | null = null;
  let named = true;
  const removeNow = (): void => rmSync(dir, { recursive: true, force: true });
  const unname = async (): Promise<void> => {
    if (!named) return;
    named = false;
    process.removeListener('exit', removeNow);
    await rm(dir, { recursive: true, force: true });
  };
  process.once('exit', removeNow);
  try {
    handle = await open(file, 'w+', 0o600);
    await unname().catch(() => {
      named = true; // unlinking an open file is refused here: remove it on close and at exit
      process.once('exit', removeNow);
    });
    const length = await fill(handle);
    const spooled = handle;
    return {
      handle: spooled,
      length,
      async close() {
        await spooled.close().catch(() => undefined);
        await unname().catch(() => undefined);
      },
    };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unname().catch(() => undefined);
    throw error;
  }
}
