import type { ImageReference } from './reference.js';
import type { ImageHandle, OpenOptions } from './types.js';

/** An image in the local Docker daemon (`docker-daemon:NAME:TAG`), via a streamed `docker save`. */
export async function openDaemonImage(_name: string, _ref: ImageReference, _options: OpenOptions): Promise<ImageHandle> {
  throw new Error('not implemented');
}
