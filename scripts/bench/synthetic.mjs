// Synthetic layer content for the benchmark: deterministic, text-like data that gzip compresses
// about 3:1 like real layers do (so no decompression-bomb guard trips), produced as a stream of
// Buffers that all point into one small pool: generating GiBs costs memcpy to disk, not memory.
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { gzipSync, createGzip } from 'node:zlib';
import { tarHeader } from './archive.mjs';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
const CHUNK = MiB;
const END_OF_TAR = Buffer.alloc(1024);

/** `bytes` of deterministic text-like data (words from a fixed vocabulary, some binary noise). */
export function makePool(bytes = 4 * MiB, seed = 1) {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: fast, deterministic, good enough for filler.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const words = [];
  for (let i = 0; i < 512; i++) {
    let w = '';
    const len = 3 + (next() % 9);
    for (let j = 0; j < len; j++) w += String.fromCharCode(97 + (next() % 26));
    words.push(Buffer.from(w));
  }
  const pool = Buffer.allocUnsafe(bytes);
  let off = 0;
  while (off < bytes) {
    const r = next();
    if (r % 64 === 0) {
      // a few bytes of noise, like the binary parts of real files
      const n = Math.min(4 + (r % 28), bytes - off);
      for (let j = 0; j < n; j++) pool[off + j] = next() & 0xff;
      off += n;
    } else {
      const w = words[r % words.length];
      const n = Math.min(w.length, bytes - off);
      w.copy(pool, off, 0, n);
      off += n;
      if (off < bytes) pool[off++] = r % 11 === 0 ? 0x0a : 0x20;
    }
  }
  return pool;
}

/**
 * A layer tar made of files of `fileBytes` each (a multiple of 512, at most the pool's size), as
 * many as fit in about `bytes`. `name` makes the content (and so the diff_id) unique.
 */
export function layer(pool, { name, bytes, fileBytes = pool.length, createdBy = `COPY ${name} /${name}` }) {
  if (fileBytes % 512 !== 0 || fileBytes > pool.length) throw new Error('fileBytes must be a multiple of 512 within the pool');
  const files = Math.max(1, Math.round(bytes / (fileBytes + 512)));
  const size = files * (512 + fileBytes) + END_OF_TAR.length;
  const data = pool.subarray(0, fileBytes);
  return {
    name,
    files,
    fileBytes,
    size,
    createdBy,
    data,
    header: (i) => tarHeader(`${name}/file-${String(i).padStart(5, '0')}.bin`, fileBytes),
    *chunks() {
      for (let i = 0; i < files; i++) {
        yield this.header(i);
        for (let off = 0; off < fileBytes; off += CHUNK) yield data.subarray(off, Math.min(off + CHUNK, fileBytes));
      }
      yield END_OF_TAR;
    },
  };
}

/**
 * Writes a layer as one real gzip stream (what tools produce), hashing both sides on the way.
 * Returns the blob's digest and sizes and the layer's diff_id.
 */
export async function writeGzipBlob(path, spec, level = 1) {
  const diff = createHash('sha256');
  const stored = createHash('sha256');
  let storedSize = 0;
  const gzip = createGzip({ level, chunkSize: 256 * 1024 });
  const out = createWriteStream(path);
  gzip.on('data', (chunk) => {
    stored.update(chunk);
    storedSize += chunk.length;
  });
  gzip.pipe(out);
  for (const chunk of spec.chunks()) {
    diff.update(chunk);
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
  return {
    blobPath: path,
    digest: `sha256:${stored.digest('hex')}`,
    size: storedSize,
    diffId: `sha256:${diff.digest('hex')}`,
    uncompressedSize: spec.size,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    createdBy: spec.createdBy,
  };
}

/**
 * Writes a layer as a multi-member gzip stream (RFC 1952 allows it; pigz-style tools emit them):
 * each tar header is its own small member and every file's data is one member compressed once for
 * the whole run, so GiBs of compressed layers cost only disk writes. Decompressing it costs what a
 * single-member stream of the same data costs.
 */
export function writeGzipBlobFast(path, spec, dataMember = gzipSync(spec.data, { level: 1 })) {
  const diff = createHash('sha256');
  const stored = createHash('sha256');
  let storedSize = 0;
  const fd = openSync(path, 'w');
  const put = (buf) => {
    stored.update(buf);
    storedSize += buf.length;
    let done = 0;
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
  };
  try {
    for (let i = 0; i < spec.files; i++) {
      const header = spec.header(i);
      diff.update(header);
      put(gzipSync(header, { level: 1 }));
      diff.update(spec.data);
      put(dataMember);
    }
    diff.update(END_OF_TAR);
    put(gzipSync(END_OF_TAR, { level: 1 }));
  } finally {
    closeSync(fd);
  }
  return {
    blobPath: path,
    digest: `sha256:${stored.digest('hex')}`,
    size: storedSize,
    diffId: `sha256:${diff.digest('hex')}`,
    uncompressedSize: spec.size,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    createdBy: spec.createdBy,
  };
}
