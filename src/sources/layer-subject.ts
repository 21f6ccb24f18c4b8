import { shortDigest } from '../core/digest.js';
import type { ImageHandle, LayerBlob } from './types.js';

/** How errors name one layer: `image.tar: layer 3/7 (0123456789ab)`. */
export function layerSubject(handle: ImageHandle, blob: LayerBlob): string {
  return `${handle.source.reference}: layer ${blob.index + 1}/${handle.layers.length} (${shortDigest(blob.digest ?? blob.diffId)})`;
}
