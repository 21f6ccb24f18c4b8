import { createHash } from 'node:crypto';
import { sha256Digest } from '../../image/config.js';
import { inputError } from '../../errors.js';
import { JsonCap, parseJsonBounded } from '../../schema/json-input.js';
import type { Descriptor } from '../../image/oci.js';
import type { EntryStore, StoredFile } from './entry-store.js';

const DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

/** `blobs/<alg>/<hex>` for a digest, refusing anything that is not a well-formed digest. */
export function blobPath(digest: string, subject: string): string {
  if (!DIGEST.test(digest)) throw inputError(subject, `invalid digest ${JSON.stringify(digest.slice(0, 80))}`);
  const [alg, hex] = digest.split(':') as [string, string];
  return `blobs/${alg}/${hex}`;
}

/** The digest a path names: `blobs/sha256/<hex>` (OCI layout) or `sha256:<hex>` (ggcr/kaniko config). */
export function digestNamedByPath(path: string): string | null {
  // Exact lengths per algorithm: a digest named here is written to the snapshot and must read back.
  const blob = /(?:^|\/)blobs\/(sha256\/[0-9a-f]{64}|sha512\/[0-9a-f]{128})$/.exec(path);
  if (blob) return (blob[1] as string).replace('/', ':');
  const named = /(?:^|\/)(sha256:[0-9a-f]{64})$/.exec(path);
  return named ? (named[1] as string) : null;
}

/** Parses a JSON document of the image (size and nesting capped; JsonCap says why each cap). */
export function parseJson(bytes: Buffer, subject: string, what: string, cap: number = JsonCap.manifest): unknown {
  return parseJsonBounded(bytes, cap, subject, what);
}

/** Checks bytes against the digest that names them (cheap for JSON documents). */
export function verifyDigest(bytes: Buffer, expected: string, subject: string, what: string): void {
  if (!expected.startsWith('sha256:')) {
    const alg = expected.split(':')[0] ?? '';
    const actual = `${alg}:${createHash(alg).update(bytes).digest('hex')}`;
    if (actual !== expected) throw inputError(subject, `${what} does not match its digest (expected ${expected}, got ${actual})`);
    return;
  }
  const actual = sha256Digest(bytes);
  if (actual !== expected) throw inputError(subject, `${what} does not match its digest (expected ${expected}, got ${actual})`);
}

export interface JsonDocument {
  file: StoredFile;
  bytes: Buffer;
  data: unknown;
}

/** Reads a JSON document by path; null when the path is absent. */
export async function readJsonFile(store: EntryStore, path: string, what: string, cap: number = JsonCap.manifest): Promise<JsonDocument | null> {
  const file = await store.resolve(path);
  if (file === null) return null;
  if (file.size > cap) throw inputError(store.subject, `${what} is too large (${file.size} bytes, limit ${cap})`);
  const bytes = await store.readSmall(file);
  return { file, bytes, data: parseJson(bytes, store.subject, what, cap) };
}

/** Reads a JSON blob a descriptor points at, checking its digest and size. */
export async function readDigestedJson(store: EntryStore, path: string, descriptor: Descriptor, what: string, cap: number = JsonCap.manifest): Promise<JsonDocument | null> {
  const file = await store.resolve(path);
  if (file === null) return null;
  if (file.size > cap) throw inputError(store.subject, `${what} is too large (${file.size} bytes, limit ${cap})`);
  if (typeof descriptor.size === 'number' && descriptor.size !== file.size) {
    throw inputError(store.subject, `${what} is ${file.size} bytes but its descriptor says ${descriptor.size}`);
  }
  const bytes = await store.readSmall(file);
  verifyDigest(bytes, descriptor.digest, store.subject, what);
  return { file, bytes, data: parseJson(bytes, store.subject, what, cap) };
}
