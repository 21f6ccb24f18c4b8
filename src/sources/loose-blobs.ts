/** Toy source (scratch): `blobs:DIR@sha256:…`, a directory of loose blobs `DIR/<alg>/<hex>` and the digest of the top manifest or index. */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import type { BlobKey, BlobStore } from '../image/blob-store.js';
import { handleFromBlobStore } from './image-handle.js';
import type { ImageReference } from './reference.js';
import type { ImageHandle, OpenOptions } from './types.js';

export async function openLooseBlobs(spec: string, ref: ImageReference, options: OpenOptions): Promise<ImageHandle> {
  const at = spec.lastIndexOf('@');
  if (at < 0) throw inputError(ref.raw, 'write blobs:DIR@DIGEST');
  const [dir, topDigest] = [spec.slice(0, at), spec.slice(at + 1)];
  const fileOf = (key: BlobKey) => ('digest' in key && /^sha(256|512):[0-9a-f]+$/.test(key.digest) ? path.join(dir, ...key.digest.split(':')) : null);
  const read = (file: string | null) => (file === null ? null : readFile(file).catch(() => null));
  const store: BlobStore = {
    subject: ref.raw,
    locality: 'local',
    async top() {
      const bytes = await read(fileOf({ digest: topDigest }));
      if (bytes === null) throw inputError(ref.raw, `no blob ${topDigest}`);
      return { kind: 'document', blob: { bytes, location: topDigest }, digest: topDigest, tags: null };
    },
    readSmall: async (key) => {
      const bytes = await read(fileOf(key));
      return bytes === null ? null : { bytes, location: fileOf(key) as string };
    },
    async stat(key) {
      const file = fileOf(key);
      const info = file === null ? null : await stat(file).catch(() => null);
      return file === null || info === null ? null : { location: file, size: info.size, head: ((await read(file)) as Buffer).subarray(0, 4) };
    },
    open: async (blob) => createReadStream(blob.location),
    close: async () => undefined,
  };
  return handleFromBlobStore(store, { type: 'blobs', reference: ref.raw }, options);
}
