import zlib from 'node:zlib';

/** zstd layers need Node >= 22.15 (CI runs Node 24); on older Nodes their tests skip, saying so. */
export const zstdSupported = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
export const zstdSkipReason = `skipped: zstd needs Node.js 22.15 or newer (this is ${process.version})`;

/** nock's fetch interception needs Promise.withResolvers (Node >= 22). */
export const nockFetchSupported = typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function';
export const nockFetchSkipReason = `skipped: nock's fetch interception needs Node.js 22 or newer (this is ${process.version})`;
