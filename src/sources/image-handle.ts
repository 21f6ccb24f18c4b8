/**
 * Any BlobStore to an ImageHandle: the image is resolved once by src/image/resolve.ts, and each
 * layer opens through the store. Every blob-store source (archive, layout directory, daemon,
 * registry) ends here; a snapshot is not a blob store (snapshot-file.ts).
 */
import type { BlobStore } from '../image/blob-store.js';
import { isUncompressedTar } from '../image/manifest-doc.js';
import { listPlatforms, resolveImage } from '../image/resolve.js';
import type { ResolvedImage } from '../image/resolved.js';
import { compressionFromMediaType, sniffCompression } from '../layers/compression.js';
import type { ImageHandle, ImageSet, LayerBlob, OpenOptions } from './types.js';

/** What a source does with its store once open: one image (openImage) or all its platforms (openImageSet). */
export type StoreFinish<T> = (store: BlobStore, source: { type: string; reference: string }, options: OpenOptions) => Promise<T>;

/** Resolves the image in `store` and wraps it; the store is closed on failure and by `close()`. */
export async function handleFromBlobStore(store: BlobStore, source: { type: string; reference: string }, options: OpenOptions): Promise<ImageHandle> {
  let image;
  try {
    image = await resolveImage(store, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  return wrapResolved(store, image, source, () => store.close());
}

/**
 * Every platform of the image in `store` (`--platform all`): the index is read once, and each
 * platform's handle reads from the same store. Closing a platform's handle leaves the store open;
 * `close()` of the set closes it.
 */
export async function imageSetFromBlobStore(store: BlobStore, source: { type: string; reference: string }, options: OpenOptions): Promise<ImageSet> {
  let listed;
  try {
    listed = await listPlatforms(store, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    reference: source.reference,
    platforms: listed.platforms,
    duplicates: listed.duplicates,
    async open(platform) {
      return wrapResolved(store, await listed.resolve(platform), source, async () => undefined);
    },
    close: () => store.close(),
  };
}

function wrapResolved(store: BlobStore, image: ResolvedImage, source: { type: string; reference: string }, release: () => Promise<void>): ImageHandle {
  const count = image.layers.length;
  const layers: LayerBlob[] = image.layers.map((layer, index) => {
    const { blob } = layer;
    // A store that has the first bytes (an archive) knows the compression for sure; a registry
    // has only the media type, which the measuring step checks against the bytes.
    const compression = blob.head !== null ? sniffCompression(blob.head) : compressionFromMediaType(layer.mediaType ?? undefined);
    const plain = blob.head !== null ? compression === 'none' : isUncompressedTar(layer.mediaType ?? undefined);
    return {
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: blob.size,
      compression,
      uncompressedSize: plain ? blob.size : null,
      createdBy: layer.createdBy,
      open: () => store.open(blob, `layer ${index + 1}/${count} (${layer.digest ?? layer.diffId})`),
    };
  });
  let closed = false;
  return {
    source: { ...source, ...(image.format !== null ? { format: image.format } : {}), ...(image.tags !== null ? { tags: image.tags } : {}) },
    platform: image.platform,
    manifestDigest: image.manifestDigest,
    configDigest: image.configDigest,
    config: image.config,
    layers,
    async close() {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}
