import type { ImageReference } from '../reference.js';
import type { ImageHandle, OpenOptions } from '../types.js';

/** An image in a registry, over the OCI distribution API (`docker://HOST/REPO:TAG|@DIGEST`). */
export async function openRegistryImage(_name: string, _ref: ImageReference, _options: OpenOptions): Promise<ImageHandle> {
  throw new Error('not implemented');
}
