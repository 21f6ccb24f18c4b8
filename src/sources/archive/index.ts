import { inputError, LayerdiffError } from '../../errors.js';
import { sniffCompression } from '../../layers/compression.js';
import { stats } from '../../stats.js';
import type { ImageReference } from '../reference.js';
import type { Compression, ImageHandle, LayerBlob, OpenOptions } from '../types.js';
import { openDirectoryStore } from './directory-store.js';
import type { EntryStore } from './entry-store.js';
import { openRegularFile } from '../regular-file.js';
import { resolveImage } from './resolve-image.js';
import { spoolDecompressed } from './decompressed-spool.js';
import { openSeekableTar } from './tar-stores.js';

export type { EntryStore } from './entry-store.js';
export { openStreamedTar, type RestartableSource } from './tar-stores.js';

/** An image archive file (any supported layout, optionally gzip- or zstd-compressed as a whole). */
export async function openArchive(path: string, ref: ImageReference, options: OpenOptions): Promise<ImageHandle> {
  const subject = ref.raw;
  const store = await openArchiveStore(path, subject);
  return handleFromStore(store, { type: 'archive', reference: ref.raw }, options);
}

/** An OCI image layout directory (`oci:DIR`). */
export async function openOciDirectory(dir: string, ref: ImageReference, options: OpenOptions): Promise<ImageHandle> {
  const store = await openDirectoryStore(dir, ref.raw);
  return handleFromStore(store, { type: 'oci-dir', reference: ref.raw }, options);
}

/**
 * Resolves the image in any store and wraps it as an ImageHandle; the store is closed on failure and
 * by `close()`.
 */
export async function handleFromStore(store: EntryStore, source: { type: string; reference: string }, options: OpenOptions): Promise<ImageHandle> {
  let image;
  try {
    image = await resolveImage(store, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  const layers: LayerBlob[] = image.layers.map((layer, index) => {
    const compression: Compression = sniffCompression(layer.file.head);
    return {
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: layer.file.size,
      compression,
      uncompressedSize: compression === 'none' ? layer.file.size : null,
      createdBy: layer.createdBy,
      open: () => store.open(layer.file),
    };
  });
  let closed = false;
  return {
    source: { ...source, format: image.format, tags: image.tags },
    platform: image.platform,
    manifestDigest: image.manifestDigest,
    configDigest: image.configDigest,
    config: image.config,
    layers,
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
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
