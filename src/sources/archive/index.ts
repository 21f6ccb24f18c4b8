import type { ImageReference } from '../reference.js';
import type { ImageHandle, OpenOptions } from '../types.js';

/** An image archive file (any supported layout, optionally gzip-compressed as a whole). */
export async function openArchive(_path: string, _ref: ImageReference, _options: OpenOptions): Promise<ImageHandle> {
  throw new Error('not implemented');
}

/** An OCI image layout directory (`oci:DIR`). */
export async function openOciDirectory(_dir: string, _ref: ImageReference, _options: OpenOptions): Promise<ImageHandle> {
  throw new Error('not implemented');
}
