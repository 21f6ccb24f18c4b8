import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { inputError, isLayerdiffError, type LayerdiffError } from '../../errors.js';
import { runStats, stats, type IoStats } from '../../stats.js';
import { FileByteReader, StreamByteReader } from './byte-reader.js';
import { checkSmall, TarIndex, type EntryStore, MAX_JSON_BYTES } from './entry-store.js';
import { walkTar, type TarEntry } from './tar-walk.js';

/** JSON kept in memory while streaming an archive, all documents together. */
const MAX_CAPTURED_BYTES = 64 * 1024 * 1024;
const METADATA_NAMES = new Set(['manifest.json', 'index.json', 'oci-layout', 'repositories']);

/**
 * An uncompressed tar file read by seeking: the index costs one read per header (plus a 4-byte
 * read per file for its magic), whatever the size of the bodies in between. Bodies are streamed by
 * positional reads on the same handle, so an unnamed spool file (decompressed-spool.ts) reads too.
 */
export async function openSeekableTar(
  handle: FileHandle,
  length: number,
  subject: string,
  close: () => Promise<void> = () => handle.close(),
): Promise<EntryStore> {
  const reader = new FileByteReader(handle, length);
  const { entries } = await walkTar(reader, { subject });
  const store = indexedStore(new TarIndex(entries, subject), subject, {
    async readSmall(file) {
      checkSmall(subject, file);
      const entry = file as TarEntry;
      const buffer = Buffer.alloc(entry.size);
      let filled = 0;
      while (filled < entry.size) {
        const { bytesRead } = await handle.read(buffer, filled, entry.size - filled, entry.offset + filled);
        if (bytesRead === 0) throw inputError(subject, `truncated archive ("${entry.path}" ends early)`);
        filled += bytesRead;
      }
      stats.archiveBytesRead += filled;
      return buffer;
    },
    async open(file) {
      const entry = file as TarEntry;
      // The run's counters are looked up once here, in the run's context, not once per chunk.
      return Readable.from(readRange(handle, entry.offset, entry.size, subject, entry.path, runStats()), { objectMode: false });
    },
    close: () => close().catch(() => undefined),
  });
  return store;
}

/** Chunks of `size` bytes at `offset`, read positionally (other readers of the handle are unaffected). */
async function* readRange(handle: FileHandle, offset: number, size: number, subject: string, name: string, counters: IoStats): AsyncGenerator<Buffer> {
  const CHUNK = 1024 * 1024;
  let done = 0;
  while (done < size) {
    // A fresh buffer per chunk: the consumer may keep it (a worker copies it, zlib reads it later).
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - done));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset + done);
    if (bytesRead === 0) throw inputError(subject, `truncated archive: "${name}" ends after ${done} of ${size} bytes`);
    done += bytesRead;
    counters.archiveBytesRead += bytesRead;
    yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }
}

/** The lookups every tar-backed store answers from its index, plus the store's own reading. */
function indexedStore(index: TarIndex<TarEntry>, subject: string, reading: Pick<EntryStore, 'readSmall' | 'open' | 'close'>): EntryStore {
  return {
    subject,
    exists: async (p) => index.has(p),
    resolve: async (p) => index.resolve(p),
    sampleNames: async () => index.names(),
    ...reading,
  };
}

/** A source of tar bytes that can be started again from the beginning (gunzip of a file, `docker save`). */
export type RestartableSource = () => AsyncIterable<Buffer | Uint8Array>;

/**
 * A tar read front to back (compressed as a whole, or a pipe): one pass builds the index and keeps
 * the small JSON documents; opening a blob later starts the source again and walks to it. Memory
 * stays bounded and nothing is written to disk.
 */
export async function openStreamedTar(source: RestartableSource, subject: string, describeFailure: (error: unknown) => LayerdiffError): Promise<EntryStore> {
  let captured = 0;
  const reader = new StreamByteReader(source());
  let entries: TarEntry[];
  try {
    ({ entries } = await walkTar(reader, {
      subject,
      capture(entry) {
        if (entry.size > MAX_JSON_BYTES) return false;
        const base = entry.path.split('/').pop() ?? '';
        if (!METADATA_NAMES.has(base) && !looksLikeJson(entry.head)) return false;
        captured += entry.size;
        if (captured > MAX_CAPTURED_BYTES) throw inputError(subject, `more than ${MAX_CAPTURED_BYTES} bytes of JSON documents; refusing`);
        return true;
      },
    }));
  } catch (error) {
    throw isLayerdiffError(error) ? error : describeFailure(error);
  } finally {
    await reader.close().catch(() => undefined);
  }
  return indexedStore(new TarIndex(entries, subject), subject, {
    async readSmall(file) {
      checkSmall(subject, file);
      const entry = file as TarEntry;
      if (entry.data) return entry.data;
      throw inputError(subject, `"${entry.path}" is not a JSON document`);
    },
    async open(file) {
      const wanted = file as TarEntry;
      return Readable.from(streamEntry(source, wanted, subject, describeFailure), { objectMode: false });
    },
    close: async () => undefined,
  });
}

async function* streamEntry(
  source: RestartableSource,
  wanted: TarEntry,
  subject: string,
  describeFailure: (error: unknown) => LayerdiffError,
): AsyncGenerator<Buffer> {
  const reader = new StreamByteReader(source());
  try {
    const { stoppedAt } = await walkTar(reader, {
      subject,
      readHeads: false,
      stopAt: (entry) => entry.path === wanted.path && entry.occurrence === wanted.occurrence,
    });
    if (stoppedAt === null) throw inputError(subject, `"${wanted.path}" is no longer in the archive (did it change while being read?)`);
    if (stoppedAt.size !== wanted.size)
      throw inputError(subject, `"${wanted.path}" changed size while being read (${wanted.size} then ${stoppedAt.size} bytes)`);
    let sent = 0;
    for await (const chunk of reader.chunks(wanted.size)) {
      sent += chunk.length;
      yield chunk;
    }
    if (sent < wanted.size) throw inputError(subject, `truncated archive: "${wanted.path}" ends after ${sent} of ${wanted.size} bytes`);
  } catch (error) {
    throw isLayerdiffError(error) ? error : describeFailure(error);
  } finally {
    await reader.close().catch(() => undefined);
  }
}

function looksLikeJson(head: Buffer): boolean {
  const first = head[0];
  return first === 0x7b || first === 0x5b || first === 0x20 || first === 0x0a || first === 0x0d || first === 0x09;
}
