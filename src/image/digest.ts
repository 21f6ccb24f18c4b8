/** Digests as image JSON and layouts spell them, and checking bytes against one. Pure. */
import { createHash } from 'node:crypto';
import { inputError } from '../errors.js';
import { sha256Digest } from './config.js';

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

/** Checks bytes against the digest that names them (cheap for JSON documents). */
export function verifyDigest(bytes: Buffer, expected: string, subject: string, what: string): void {
  const alg = expected.split(':')[0] ?? '';
  const actual = alg === 'sha256' ? sha256Digest(bytes) : `${alg}:${createHash(alg).update(bytes).digest('hex')}`;
  if (actual !== expected) throw inputError(subject, `${what} does not match its digest (expected ${expected}, got ${actual})`);
}
