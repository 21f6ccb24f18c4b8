/** Facts read off an image config that every source needs the same way. */
import { createHash } from 'node:crypto';
import type { ImageConfig } from './oci.js';

/**
 * `created_by` per layer: history entries marked `empty_layer` made no layer, so they are skipped
 * and the rest pair up with the layers in order; a layer without an entry gets null.
 */
export function layerHistory(config: ImageConfig, layerCount: number): Array<string | null> {
  const entries = (config.history ?? []).filter((h) => h && h.empty_layer !== true);
  return Array.from({ length: layerCount }, (_, i) => {
    const createdBy = entries[i]?.created_by;
    return typeof createdBy === 'string' ? createdBy : null;
  });
}

/** The OCI digest (`sha256:<hex>`) of some bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
