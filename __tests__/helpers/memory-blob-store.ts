/**
 * A BlobStore over an in-memory map of blobs: the smallest source there is, used to exercise the one
 * image resolver (src/image/resolve.ts) the way every real source drives it, and to count what it
 * reads. `local` behaves like an archive (blobs may be missing), `remote` like a registry.
 */
import { Readable } from 'node:stream';
import type { BlobStore, TopLevel } from '../../src/image/blob-store.js';
import { sha256Digest } from '../../src/image/config.js';

export interface MemoryStore extends BlobStore {
  /** Adds a blob, returning its digest. */
  put(body: string | Buffer): string;
  /** Keys read whole and blobs opened, in order (`manifest:<digest>`, `blob:<digest>`, `file:<path>`, `open:<location>`). */
  reads: string[];
}

export function memoryBlobStore(options: { locality: 'local' | 'remote'; subject?: string; top: () => TopLevel; files?: Record<string, string> }): MemoryStore {
  const blobs = new Map<string, Buffer>();
  // Read live, so a test may add files after creating the store.
  const fileRecord = options.files ?? {};
  const files = { get: (path: string) => (path in fileRecord ? Buffer.from(fileRecord[path] as string) : undefined) };
  const reads: string[] = [];
  const lookup = (key: { digest: string } | { path: string }) => ('digest' in key ? blobs.get(key.digest) : files.get(key.path));
  return {
    subject: options.subject ?? 'mem',
    locality: options.locality,
    reads,
    put(body) {
      const bytes = Buffer.from(body);
      const digest = sha256Digest(bytes);
      blobs.set(digest, bytes);
      return digest;
    },
    top: async () => options.top(),
    async readSmall(key, role, cap, what) {
      reads.push('digest' in key ? `${role}:${key.digest}` : `file:${key.path}`);
      const bytes = lookup(key);
      if (bytes === undefined) return null;
      if (bytes.length > cap) throw new Error(`${what} too large`);
      return { bytes, location: 'digest' in key ? key.digest : key.path };
    },
    async stat(key) {
      const bytes = lookup(key);
      if (bytes === undefined) return options.locality === 'remote' && 'digest' in key ? { location: key.digest, size: null, head: null } : null;
      const location = 'digest' in key ? key.digest : key.path;
      return options.locality === 'remote' ? { location, size: null, head: null } : { location, size: bytes.length, head: bytes.subarray(0, 4) };
    },
    async open(blob) {
      reads.push(`open:${blob.location}`);
      return Readable.from([blobs.get(blob.location) ?? files.get(blob.location) ?? Buffer.alloc(0)]);
    },
    close: async () => undefined,
  };
}
