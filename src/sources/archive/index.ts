import { inputError } from '../../errors.js';
import { sniffCompression } from '../../layers/compression.js';
import { stats } from '../../stats.js';
import type { ImageReference } from '../reference.js';
import type { ImageHandle, OpenOptions } from '../types.js';
import { handleFromBlobStore, type StoreFinish } from '../image-handle.js';
import { entryBlobStore } from './entry-blob-store.js';
import { openDirectoryStore } from './directory-store.js';
import type { EntryStore } from './entry-store.js';
import { openRegularFile } from '../regular-file.js';
import { spoolDecompressed } from './decompressed-spool.js';
import { openSeekableTar } from './tar-stores.js';

export type { EntryStore } from './entry-store.js';

/** An image archive file (any supported layout, optionally gzip- or zstd-compressed as a whole). */
export async function openArchive<T = ImageHandle>(path: string, ref: ImageReference, options: OpenOptions, finish?: StoreFinish<T>): Promise<T> {
  const subject = ref.raw;
  const store = await openArchiveStore(path, subject);
  return handleFromStore(store, { type: 'archive', reference: ref.raw }, options, finish);
}

/** An OCI image layout directory (`oci:DIR`). */
export async function openOciDirectory<T = ImageHandle>(dir: string, ref: ImageReference, options: OpenOptions, finish?: StoreFinish<T>): Promise<T> {
  const store = await openDirectoryStore(dir, ref.raw);
  return handleFromStore(store, { type: 'oci-dir', reference: ref.raw }, options, finish);
}

/**
 * An archive-like store (tar, layout directory, `docker save` stream) as an ImageHandle, or as what
 * `finish` makes of it (every platform: image-handle.ts imageSetFromBlobStore).
 */
export function handleFromStore<T = ImageHandle>(
  store: EntryStore,
  source: { type: string; reference: string },
  options: OpenOptions,
  finish: StoreFinish<T> = handleFromBlobStore as unknown as StoreFinish<T>,
): Promise<T> {
  return finish(entryBlobStore(store), source, options);
}

/** Opens an archive file: seeking when it is a plain tar, streaming when it is compressed as a whole. */
export async function openArchiveStore(path: string, subject: string): Promise<EntryStore> {
  // Refuses directories, FIFOs, sockets and devices before reading (src/sources/regular-file.ts).
  const { handle } = await openRegularFile(path, subject, { directoryReason: 'is a directory (use oci:DIR for an OCI layout directory)' });
  try {
    const info = await handle.stat();
    if (info.size === 0) throw inputError(subject, 'empty file');
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    stats.archiveBytesRead += bytesRead;
    const compression = sniffCompression(magic.subarray(0, bytesRead));
    if (compression === 'none') return await openSeekableTar(handle, info.size, subject);
    // Compressed as a whole: decompressed once into a spool file, then read by seeking (see decompressed-spool.ts).
    // Read from the checked handle, not the path again (a path swapped for a FIFO could block).
    const spool = await spoolDecompressed(handle, compression, subject);
    await handle.close();
    try {
      return await openSeekableTar(spool.handle, spool.length, subject, spool.close);
    } catch (error) {
      await spool.close();
      throw error;
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
