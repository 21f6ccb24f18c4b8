// An image archive (or OCI layout directory) as a list of entries that mutations edit, then
// write back as a tar (checksums correct) or a directory. `rehash` keeps content addressing
// consistent after an edit, so a mutation reaches the parser behind the digest checks instead of
// being caught by the first one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { parseTar, sha256, writeTar } from './tar.mjs';

export const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
export const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export function compressionOf(data) {
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return 'gzip';
  if (data.length >= 4 && data.subarray(0, 4).equals(ZSTD_MAGIC)) return 'zstd';
  if (data.length >= 263 && data.toString('latin1', 257, 262) === 'ustar') return 'none';
  return null;
}

export function decompress(data) {
  const c = compressionOf(data);
  if (c === 'gzip') return gunzipSync(data);
  if (c === 'zstd') return zstdDecompressSync(data);
  return data;
}

/** Reads a tar file or an OCI layout directory. */
export function loadImage(path) {
  if (statSync(path).isDirectory()) {
    const entries = [];
    const walk = (dir, rel) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const r = rel ? `${rel}/${name}` : name;
        if (statSync(full).isDirectory()) {
          entries.push({ name: r, type: '5', data: Buffer.alloc(0), linkname: '' });
          walk(full, r);
        } else entries.push({ name: r, type: '0', data: readFileSync(full), linkname: '' });
      }
    };
    walk(path, '');
    return { form: 'dir', entries };
  }
  return { form: 'tar', entries: parseTar(readFileSync(path)) };
}

export function cloneImage(image) {
  return { form: image.form, entries: image.entries.map((e) => ({ ...e, data: e.data })) };
}

/** Writes the image; in a directory, entry types `fifo`, `2` (symlink) and `5` become the real thing. */
export function writeImage(image, out) {
  if (image.form === 'tar') {
    writeFileSync(out, writeTar(image.entries));
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const e of image.entries) {
    const full = join(out, e.name);
    mkdirSync(dirname(full), { recursive: true });
    if (e.type === '5') mkdirSync(full, { recursive: true });
    else if (e.type === '2') symlinkSync(e.linkname, full);
    else if (e.type === 'fifo') {
      const made = spawnSync('mkfifo', [full]);
      if (made.status !== 0) throw new Error(`mkfifo ${full} failed`);
    } else writeFileSync(full, e.data);
  }
}

export const isFile = (e) => e.type === '0' || e.type === '\0' || e.type === '7';

/** Entries holding a JSON object or array (manifests, indexes, configs). */
export function jsonEntries(image) {
  return image.entries.filter((e) => {
    if (!isFile(e) || e.data.length === 0 || e.data.length > 1024 * 1024) return false;
    const first = e.data[0];
    if (first !== 0x7b && first !== 0x5b) return false;
    try {
      JSON.parse(e.data.toString('utf8'));
      return true;
    } catch {
      return false;
    }
  });
}

/** Layer blobs: gzip/zstd streams or plain tars. */
export function layerEntries(image, compression) {
  return image.entries.filter((e) => isFile(e) && e.data.length > 0 && (compression ? compressionOf(e.data) === compression : compressionOf(e.data) !== null));
}

function replaceAll(text, pairs) {
  let out = text;
  for (const [from, to] of pairs) out = out.split(from).join(to);
  return out;
}

/** Replaces digests in a JSON document, fixing descriptor sizes; raw text replacement when it is not JSON. */
function rewriteJson(data, pairs, sizes) {
  const text = data.toString('utf8');
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return Buffer.from(replaceAll(text, pairs));
  }
  const walk = (v) => {
    if (typeof v === 'string') return replaceAll(v, pairs);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[replaceAll(k, pairs)] = walk(x);
      if (typeof o.digest === 'string' && typeof o.size === 'number') {
        const hex = o.digest.slice(o.digest.indexOf(':') + 1);
        if (sizes.has(hex)) o.size = sizes.get(hex);
      }
      return o;
    }
    return v;
  };
  return Buffer.from(JSON.stringify(walk(doc)));
}

/**
 * After `entry.data` changed from `oldData`: renames content-addressed names, rewrites the
 * documents (and link targets) that referenced the old digest, and so on up to the root.
 * `extra` adds replacement pairs (old hex, new hex), e.g. a layer's diff_id.
 */
export function rehash(image, entry, oldData, extra = []) {
  const queue = [{ entry, oldData, extra }];
  let rounds = 0;
  while (queue.length > 0 && rounds++ < 64) {
    const { entry: changed, oldData: before, extra: more } = queue.shift();
    const oldHex = sha256(before);
    const newHex = sha256(changed.data);
    if (oldHex === newHex && more.length === 0) continue;
    const pairs = [[oldHex, newHex], ...more];
    const sizes = new Map([[newHex, changed.data.length]]);
    changed.name = replaceAll(changed.name, pairs);
    for (const e of image.entries) {
      if (e === changed) continue;
      if (e.linkname && pairs.some(([from]) => e.linkname.includes(from))) e.linkname = replaceAll(e.linkname, pairs);
      if (!isFile(e) || e.data.length > 1024 * 1024 || !pairs.some(([from]) => e.data.includes(from))) continue;
      const previous = e.data;
      e.data = rewriteJson(previous, pairs, sizes);
      queue.push({ entry: e, oldData: previous, extra: [] });
    }
  }
}
