import zlib from 'node:zlib';
import { prerequisite } from './skip-policy.js';

/**
 * zstd layers need Node >= 22.15 (CI runs Node 24); on older Nodes their tests skip, saying so, and
 * under CI the run fails instead (skip-policy.ts).
 */
export const zstdSkipReason = `skipped: zstd needs Node.js 22.15 or newer (this is ${process.version})`;
export const zstdSupported =
  prerequisite('node-zstd', typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function' ? null : zstdSkipReason) === null;

/** nock's fetch interception needs Promise.withResolvers (Node >= 22). */
export const nockFetchSkipReason = `skipped: nock's fetch interception needs Node.js 22 or newer (this is ${process.version})`;
export const nockFetchSupported =
  prerequisite('node-fetch-interception', typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function' ? null : nockFetchSkipReason) === null;
