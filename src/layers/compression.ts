import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Compression } from '../core/compression.js';
import { createZstdFramesDecompress } from './zstd-frames.js';

/** Bytes needed to tell the compression of a blob from its first bytes. */
export const MAGIC_BYTES = 4;

/** Tells the compression from magic bytes; manifests sometimes mislabel it, bytes never do. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

export function compressionFromMediaType(mediaType: string | null | undefined): Compression | null {
  if (!mediaType) return null;
  if (mediaType.endsWith('+gzip') || mediaType.endsWith('.gzip')) return 'gzip';
  if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd')) return 'zstd';
  if (mediaType.endsWith('.tar') || mediaType.endsWith('.tar.diff')) return 'none';
  return null;
}

const zstdAvailable = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';

/** A decompressing stream for `compression`, or null for plain tar. */
export function createDecompressor(compression: Compression): Transform | null {
  const chunk = 256 * 1024;
  switch (compression) {
    case 'gzip':
      return zlib.createGunzip({ chunkSize: chunk });
    case 'zstd': {
      if (!zstdAvailable) {
        throw new Error(`zstd layers need Node.js 22.15 or newer (this is ${process.version})`);
      }
      // Not the bare Node decompressor: it stops after the first frame (nodejs/node#64741), which
      // measured a many-frame bomb by its first frame and failed --verify on multi-frame layers.
      // zstd-frames.ts explains.
      const factory = (zlib as unknown as { createZstdDecompress: (o?: object) => Transform }).createZstdDecompress;
      return createZstdFramesDecompress(factory, chunk);
    }
    case 'none':
      return null;
  }
}
