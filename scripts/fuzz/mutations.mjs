// Fuzz case generators, one per mutation kind. Each takes the case's own PRNG and a context and
// returns { variant, detail, argv, subject }: the CLI arguments to run and the input a refusal
// must name. Inputs are the repo's own small fixtures, mutated into the case's directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync, zstdCompressSync, constants as zc } from 'node:zlib';
import { cloneImage, compressionOf, decompress, isFile, jsonEntries, layerEntries, loadImage, rehash, writeImage } from './image.mjs';
import { BLOCK, fixChecksum, header, paxRecord, parseTar, sha256, writeTar } from './tar.mjs';

const FIX = '__tests__/fixtures';

/** The seed inputs. `base` is what a mutated head is diffed against. */
export const CORPUS = {
  'docker-buildah': { file: `${FIX}/built/buildah/app-head.docker-archive.tar`, base: `${FIX}/built/buildah/app-base.docker-archive.tar` },
  'oci-gzip-buildah': { file: `${FIX}/built/buildah/app-head.oci-archive.tar`, base: `${FIX}/built/buildah/app-base.oci-archive.tar` },
  'oci-zstd-buildah': { file: `${FIX}/built/buildah/app-head.oci-zstd.tar`, base: `${FIX}/built/buildah/app-base.oci-archive.tar` },
  'docker-gz-buildah': { file: `${FIX}/built/buildah/app-head.docker-archive.tar.gz`, base: `${FIX}/built/buildah/app-base.docker-archive.tar` },
  'oci-dir-buildah': { file: `${FIX}/built/buildah/app-head.oci`, base: `${FIX}/built/buildah/app-base.oci-archive.tar`, dir: true },
  'docker-save-example': { file: 'examples/head.tar', base: 'examples/base.tar' },
  'oci-zstd-hints': { file: `${FIX}/hints/sloppy.oci.tar`, base: `${FIX}/hints/clean.oci.tar` },
  'oci-zstd-docker': { file: `${FIX}/built/docker/app-head.oci-zstd.tar`, base: `${FIX}/built/docker/app-base.tar` },
};

/** Every fixture a campaign reads, for the "fixtures present" check. */
export const corpusFiles = () => [...new Set(Object.values(CORPUS).flatMap((c) => [c.file, c.base]))];

const TAR_CORPUS = ['docker-buildah', 'oci-gzip-buildah', 'oci-zstd-buildah', 'docker-save-example', 'oci-zstd-hints', 'oci-zstd-docker'];
const COMPRESSED_CORPUS = ['oci-gzip-buildah', 'oci-zstd-buildah', 'oci-dir-buildah', 'oci-zstd-hints', 'oci-zstd-docker'];
const JSON_CORPUS = ['docker-buildah', 'oci-gzip-buildah', 'oci-zstd-buildah', 'oci-dir-buildah', 'docker-save-example', 'oci-zstd-hints'];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function corpusImage(ctx, id) {
  const key = `image:${id}`;
  if (!ctx.cache.has(key)) ctx.cache.set(key, loadImage(join(ctx.root, CORPUS[id].file)));
  return cloneImage(ctx.cache.get(key));
}

function corpusBytes(ctx, id) {
  const key = `bytes:${id}`;
  if (!ctx.cache.has(key)) ctx.cache.set(key, readFileSync(join(ctx.root, CORPUS[id].file)));
  return ctx.cache.get(key);
}

const basePath = (ctx, id) => join(ctx.root, CORPUS[id].base);

/** Writes the mutated image into the case directory; returns the path and the reference to give. */
function emit(ctx, id, image, name = 'input') {
  const dir = CORPUS[id].dir;
  const out = join(ctx.dir, dir ? `${name}.oci` : `${name}.tar`);
  writeImage(image, out);
  return { path: out, ref: dir ? `oci:${out}` : out };
}

function emitBytes(ctx, data, name = 'input.tar') {
  const out = join(ctx.dir, name);
  writeFileSync(out, data);
  return out;
}

/** One of the commands that read an image, with the mutated input as head (mostly) or base. */
function archiveCommand(rng, ref, base) {
  return rng.pick([
    ['inspect', ref],
    ['inspect', '--deep', ref],
    ['inspect', '--verify', ref],
    ['diff', base, ref],
    ['diff', '--deep', base, ref],
    ['diff', '--deep', ref, base],
    ['diff', '--verify', base, ref],
    ['diff', '--deep', '--format', 'json', base, ref],
  ]);
}

function flipBits(buf, offset, rng) {
  const bits = rng.int(1, 3);
  for (let i = 0; i < bits; i++) buf[offset] ^= 1 << rng.int(0, 7);
}

/** Re-compresses a layer the way it was stored. */
function recompress(compression, data) {
  if (compression === 'gzip') return gzipSync(data, { level: 1 });
  if (compression === 'zstd') return zstdCompressSync(data, { params: { [zc.ZSTD_c_checksumFlag]: 1 } });
  return data;
}

/** Replaces a layer's content, keeping digests and diff_id consistent (so only the content is hostile). */
function replaceLayer(image, entry, newTar) {
  const compression = compressionOf(entry.data) ?? 'none';
  const oldData = entry.data;
  const oldDiff = sha256(decompress(oldData));
  entry.data = recompress(compression, newTar);
  rehash(image, entry, oldData, [[oldDiff, sha256(newTar)]]);
  return compression;
}

const smallFile = (name, text = 'hello\n') => ({ name, type: '0', data: Buffer.from(text), mode: 0o644 });

// ---------------------------------------------------------------------------------------------
// truncate: cut the archive at a random offset, a block boundary, inside a layer, inside a JSON file
// ---------------------------------------------------------------------------------------------
function truncate(rng, ctx) {
  const id = rng.pick([...TAR_CORPUS, 'docker-gz-buildah']);
  const buf = corpusBytes(ctx, id);
  const gz = id === 'docker-gz-buildah';
  const variant = rng.pick(gz ? ['random', 'tail', 'empty'] : ['random', 'block', 'in-layer', 'in-json', 'tail', 'empty']);
  let cut;
  if (variant === 'random') cut = rng.int(0, buf.length - 1);
  else if (variant === 'block') cut = BLOCK * rng.int(0, Math.floor((buf.length - 1) / BLOCK));
  else if (variant === 'tail') cut = buf.length - rng.int(1, 1536);
  else if (variant === 'empty') cut = 0;
  else {
    const image = { entries: parseTar(buf) };
    const pool = variant === 'in-layer' ? layerEntries(image) : jsonEntries(image);
    const e = rng.pick(pool);
    cut = e.dataOffset + rng.int(0, e.data.length - 1);
  }
  const path = emitBytes(ctx, buf.subarray(0, Math.max(0, cut)), gz ? 'input.tar.gz' : 'input.tar');
  return { variant, detail: `${id} cut at byte ${cut} of ${buf.length}`, argv: archiveCommand(rng, path, basePath(ctx, id)), subject: path };
}

// ---------------------------------------------------------------------------------------------
// header-flip: bit flips in tar headers, of the archive or of a layer inside it
// ---------------------------------------------------------------------------------------------
const HEADER_FIELDS = [
  ['name', 0, 100],
  ['mode', 100, 8],
  ['size', 124, 12],
  ['mtime', 136, 12],
  ['typeflag', 156, 1],
  ['linkname', 157, 100],
  ['magic', 257, 8],
  ['prefix', 345, 155],
  ['any', 0, 512],
];

function headerFlip(rng, ctx) {
  const variant = rng.pick(['outer', 'inner']);
  const fix = rng.chance(0.75);
  const [field, start, len] = rng.pick(HEADER_FIELDS);
  if (variant === 'outer') {
    const id = rng.pick(TAR_CORPUS);
    const buf = Buffer.from(corpusBytes(ctx, id));
    const e = rng.pick(parseTar(buf));
    const at = e.headerOffset + start + rng.int(0, len - 1);
    flipBits(buf, at, rng);
    if (fix) fixChecksum(buf, e.headerOffset);
    const path = emitBytes(ctx, buf);
    return {
      variant,
      detail: `${id} "${e.name}" ${field} byte ${at}${fix ? '' : ' (checksum left wrong)'}`,
      argv: archiveCommand(rng, path, basePath(ctx, id)),
      subject: path,
    };
  }
  const id = rng.pick(['docker-buildah', 'oci-gzip-buildah', 'oci-zstd-buildah', 'oci-dir-buildah']);
  const image = corpusImage(ctx, id);
  const layer = rng.pick(layerEntries(image));
  const tar = Buffer.from(decompress(layer.data));
  const inner = rng.pick(parseTar(tar));
  const at = inner.headerOffset + start + rng.int(0, len - 1);
  flipBits(tar, at, rng);
  if (fix) fixChecksum(tar, inner.headerOffset);
  const compression = replaceLayer(image, layer, tar);
  const { ref } = emit(ctx, id, image);
  return {
    variant,
    detail: `${id} layer (${compression}) entry "${inner.name}" ${field} byte ${at}${fix ? '' : ' (checksum left wrong)'}`,
    argv: archiveCommand(rng, ref, basePath(ctx, id)),
    subject: ref.replace(/^oci:/, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// json-flip: bit flips inside manifest.json / index.json / configs / OCI manifests
// ---------------------------------------------------------------------------------------------
function jsonFlip(rng, ctx) {
  const id = rng.pick(JSON_CORPUS);
  const image = corpusImage(ctx, id);
  const e = rng.pick(jsonEntries(image));
  const old = e.data;
  e.data = Buffer.from(old);
  const flips = rng.int(1, 4);
  const offsets = [];
  for (let i = 0; i < flips; i++) {
    const at = rng.int(0, e.data.length - 1);
    offsets.push(at);
    if (rng.chance(0.3)) e.data[at] = rng.pick([...'{}[]",:0-.e ']).charCodeAt(0);
    else flipBits(e.data, at, rng);
  }
  const fixed = rng.chance(0.5);
  if (fixed) rehash(image, e, old);
  const { ref } = emit(ctx, id, image);
  return {
    variant: fixed ? 'rehashed' : 'raw',
    detail: `${id} "${e.name}" bytes ${offsets.join(',')}`,
    argv: archiveCommand(rng, ref, basePath(ctx, id)),
    subject: ref.replace(/^oci:/, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// compressed-flip: gzip/zstd layer bodies, headers and trailers (CRC32/ISIZE, zstd checksum)
// ---------------------------------------------------------------------------------------------
function compressedFlip(rng, ctx) {
  const id = rng.pick(COMPRESSED_CORPUS);
  const image = corpusImage(ctx, id);
  const layers = layerEntries(image).filter((e) => compressionOf(e.data) !== 'none');
  const e = rng.pick(layers);
  const compression = compressionOf(e.data);
  const old = e.data;
  const data = Buffer.from(old);
  const variant = rng.pick(['header', 'body', 'trailer', 'trailer', 'truncate-blob', 'garbage-tail', 'not-tar']);
  let detail;
  if (variant === 'header') {
    const at = rng.int(0, Math.min(18, data.length - 1));
    flipBits(data, at, rng);
    e.data = data;
    detail = `byte ${at}`;
  } else if (variant === 'body') {
    const at = rng.int(Math.min(18, data.length - 1), Math.max(18, data.length - 9));
    flipBits(data, Math.min(at, data.length - 1), rng);
    e.data = data;
    detail = `byte ${at}`;
  } else if (variant === 'trailer') {
    // gzip: CRC32 then ISIZE in the last 8 bytes; zstd (checksum flag on): XXH64 low 4 bytes last.
    const tail = compression === 'gzip' ? 8 : 4;
    const at = data.length - rng.int(1, tail);
    data[at] ^= 1 << rng.int(0, 7);
    e.data = data;
    detail = `${compression === 'gzip' ? (at >= data.length - 4 ? 'ISIZE' : 'CRC32') : 'checksum'} byte ${at}`;
  } else if (variant === 'truncate-blob') {
    const cut = rng.int(1, data.length - 1);
    e.data = data.subarray(0, cut);
    detail = `cut at ${cut} of ${data.length}`;
  } else if (variant === 'garbage-tail') {
    const extra = Buffer.alloc(rng.int(1, 64), rng.int(0, 255));
    e.data = Buffer.concat([data, extra]);
    detail = `${extra.length} bytes appended`;
  } else {
    const payload = rng.pick([Buffer.from('{"not":"a tar"}\n'), Buffer.alloc(rng.int(1, 4096), 0x41), Buffer.alloc(700, 0)]);
    e.data = recompress(compression, payload);
    detail = `${payload.length} bytes that are not a tar`;
  }
  const fixed = variant === 'not-tar' || rng.chance(0.6);
  if (fixed) rehash(image, e, old);
  const { ref } = emit(ctx, id, image);
  return {
    variant: `${compression}-${variant}`,
    detail: `${id} layer ${e.name.slice(-12)} ${detail}${fixed ? ' (digests updated)' : ''}`,
    argv: archiveCommand(rng, ref, basePath(ctx, id)),
    subject: ref.replace(/^oci:/, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// json-swap: a value on a random key path becomes another JSON type; digests are updated
// ---------------------------------------------------------------------------------------------
const SENTINEL = '"__layerdiff_fuzz_value__"';

/** Raw JSON texts for a replacement value, by type. */
function replacementValue(rng, current) {
  const kinds = ['string', 'number', 'array', 'object', 'null', 'boolean', 'deep', 'huge-string', 'delete'];
  const typeOf = current === null ? 'null' : Array.isArray(current) ? 'array' : typeof current;
  const kind = rng.pick(kinds.filter((k) => k !== typeOf));
  switch (kind) {
    case 'string':
      return { kind, text: JSON.stringify(rng.pick(['', 'x', 'sha256:' + 'a'.repeat(64), '../../etc/passwd', '/dev/zero', '1e3', '\u0000', 'x'.repeat(300)])) };
    case 'number':
      return { kind, text: rng.pick(['0', '-1', '1.5', '1e308', '1e999', '-0', '9007199254740993', '4294967296', '123456789012']) };
    case 'array':
      return { kind, text: rng.pick(['[]', '[1]', '[null]', '["a","b"]', '[{}]', '[[]]']) };
    case 'object':
      return { kind, text: rng.pick(['{}', '{"a":1}', '{"digest":1}', '{"__proto__":{"x":1}}', '{"length":5}']) };
    case 'null':
      return { kind, text: 'null' };
    case 'boolean':
      return { kind, text: rng.pick(['true', 'false']) };
    case 'deep': {
      const depth = rng.pick([100, 10_000, 100_000]);
      return { kind: `deep${depth}`, text: '['.repeat(depth) + ']'.repeat(depth) };
    }
    case 'huge-string':
      return { kind, text: JSON.stringify('a'.repeat(rng.pick([100_000, 3_000_000]))) };
    default:
      return { kind: 'delete', text: null };
  }
}

/** Every key path of a JSON value (objects and arrays), depth-first. */
function keyPaths(value, prefix = [], out = []) {
  if (value && typeof value === 'object') {
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      out.push([...prefix, key]);
      keyPaths(value[key], [...prefix, key], out);
    }
  }
  return out;
}

/** Swaps one value of a JSON document; returns the new text and what was done. */
export function swapJson(rng, text) {
  const doc = JSON.parse(text);
  const paths = keyPaths(doc);
  if (paths.length === 0) return { text: rng.pick(['null', '[]', '1', '"x"']), what: 'whole document' };
  const path = rng.pick(paths);
  let parent = doc;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  const { kind, text: raw } = replacementValue(rng, parent[last]);
  if (raw === null) {
    if (Array.isArray(parent)) parent.splice(last, 1);
    else delete parent[last];
    return { text: JSON.stringify(doc), what: `${path.join('.')} deleted` };
  }
  parent[last] = JSON.parse(SENTINEL);
  return { text: JSON.stringify(doc).replace(SENTINEL, () => raw), what: `${path.join('.')} -> ${kind}` };
}

function jsonSwap(rng, ctx) {
  const id = rng.pick(JSON_CORPUS);
  const image = corpusImage(ctx, id);
  const e = rng.pick(jsonEntries(image));
  const old = e.data;
  const { text, what } = swapJson(rng, old.toString('utf8'));
  e.data = Buffer.from(text);
  const fixed = rng.chance(0.75);
  if (fixed) rehash(image, e, old);
  const { ref } = emit(ctx, id, image);
  const doc = e.name.endsWith('manifest.json') || e.name === 'index.json' ? e.name : `${e.name.slice(0, 20)}…`;
  return {
    variant: fixed ? 'rehashed' : 'raw',
    detail: `${id} ${doc}: ${what}`,
    argv: archiveCommand(rng, ref, basePath(ctx, id)),
    subject: ref.replace(/^oci:/, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// tar-attack: hostile layer tars (injected with consistent digests) and hostile archives
// ---------------------------------------------------------------------------------------------

/** The hostile layer contents, by name. Large ones are built once per campaign. */
const LAYER_ATTACKS = {
  dotdot: () => writeTar([smallFile('../../../etc/passwd'), smallFile('a/../../b'), smallFile('./../c'), { name: '..', type: '5' }, smallFile('ok')]),
  absolute: () => writeTar([smallFile('/etc/shadow'), smallFile('//double'), { name: '/', type: '5' }, smallFile('/a/../../x')]),
  'symlink-loop': () =>
    writeTar([
      { name: 'a', type: '2', linkname: 'b' },
      { name: 'b', type: '2', linkname: 'a' },
      { name: 'c', type: '2', linkname: 'c' },
      { name: 'd', type: '2', linkname: 'd/e' },
      { name: 'loop', type: '2', linkname: '.' },
      smallFile('a/x'),
      smallFile('loop/loop/loop/y'),
    ]),
  'hardlink-missing': () =>
    writeTar([
      { name: 'h', type: '1', linkname: 'missing' },
      { name: 'self', type: '1', linkname: 'self' },
      { name: 'up', type: '1', linkname: '../../etc/passwd' },
      { name: 'chain1', type: '1', linkname: 'chain2' },
      { name: 'chain2', type: '1', linkname: 'chain1' },
    ]),
  'huge-size-octal': () => Buffer.concat([header({ name: 'big', size: 0, raw: { sizeField: '77777777777\0' } }), Buffer.from('short data')]),
  'huge-size-base256': () => Buffer.concat([header({ name: 'big', size: 2 ** 52 }), Buffer.alloc(1024)]),
  'size-not-octal': () => Buffer.concat([header({ name: 'bad', raw: { sizeField: '9999999999\0\0' } }), Buffer.alloc(1024)]),
  duplicate: () =>
    writeTar([
      ...Array.from({ length: 2000 }, (_, i) => smallFile('dup', 'x'.repeat(i % 50))),
      { name: 'dup', type: '5' },
      { name: 'dup', type: '2', linkname: 'dup' },
      smallFile('dup/inner'),
    ]),
  'pax-length-huge': () => writeTar([{ ...smallFile('p'), pax: [Buffer.from('99999999999999999999 path=x\n')] }]),
  'pax-length-zero': () => writeTar([{ ...smallFile('p'), pax: [Buffer.from('0 size=1\n')] }]),
  'pax-length-negative': () => writeTar([{ ...smallFile('p'), pax: [Buffer.from('-5 size=1\n')] }]),
  'pax-length-beyond': () => writeTar([{ ...smallFile('p'), pax: [Buffer.from('500 path=short\n')] }]),
  'pax-size-fraction': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('size', '1.5')] }]),
  'pax-size-negative': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('size', '-1')] }]),
  'pax-size-huge': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('size', '1e300')] }]),
  'pax-size-hex': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('size', '0x10')] }]),
  'pax-mtime-nan': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('mtime', 'NaN')] }]),
  'pax-uid-huge': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('uid', '99999999999999999999')] }]),
  'pax-sparse-realsize': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('GNU.sparse.realsize', '1e20')] }]),
  'pax-huge-record': () => writeTar([{ ...smallFile('p'), pax: [paxRecord('comment', 'c'.repeat(2 * 1024 * 1024))] }]),
  // Big ones are generators of chunks, compressed chunk by chunk (never a 500 MB buffer).
  'long-names-pax': function* () {
    for (let i = 0; i < 200; i++) yield writeTar([smallFile(`${i}`.padEnd(1024 * 1024 - 100, 'n'))], { end: false });
    yield Buffer.alloc(2 * BLOCK);
  },
  'long-names-gnu': function* () {
    for (let i = 0; i < 200; i++) yield writeTar([{ ...smallFile(`${i}`.padEnd(1024 * 1024 - 100, 'g')), gnuLong: true }], { end: false });
    yield Buffer.alloc(2 * BLOCK);
  },
  'deep-path': () => writeTar([smallFile('a/'.repeat(20_000) + 'leaf'), { name: 'd/'.repeat(20_000), type: '5' }, smallFile('a/'.repeat(19_999) + 'b')]),
  'many-entries': () => manyEntries(1_000_000),
  'special-entries': () =>
    writeTar([
      { name: 'dev/zero', type: '3' },
      { name: 'dev/sda', type: '4' },
      { name: 'fifo', type: '6' },
      smallFile('.wh..wh..opq'),
      smallFile('.wh.'),
      smallFile('x/.wh...'),
      smallFile('.wh.etc'),
      { name: 'V', type: 'V', data: Buffer.from('volume') },
      { name: 'unknown', type: 'Z', data: Buffer.from('?') },
    ]),
};

/** A tar of `count` empty files, in chunks of 8192 headers (512 MB for a million entries, never whole). */
function* manyEntries(count) {
  const template = header({ name: 'f', size: 0 });
  const per = 8192;
  for (let first = 0; first < count; first += per) {
    const n = Math.min(per, count - first);
    const blocks = Buffer.alloc(n * BLOCK);
    for (let k = 0; k < n; k++) {
      const off = k * BLOCK;
      template.copy(blocks, off);
      blocks.fill(0, off, off + 100);
      blocks.write(`d${(first + k) % 1000}/f${first + k}`, off, 100, 'latin1');
      fixChecksum(blocks, off);
    }
    yield blocks;
  }
  yield Buffer.alloc(2 * BLOCK);
}

const BIG_ATTACKS = new Set(['long-names-pax', 'long-names-gnu', 'many-entries', 'pax-huge-record']);

function layerAttack(ctx, name, compression) {
  const key = `attack:${name}:${compression}`;
  if (!ctx.cache.has(key)) {
    const made = LAYER_ATTACKS[name]();
    const chunks = Buffer.isBuffer(made) ? [made] : made;
    const hash = createHash('sha256');
    const stored = [];
    // Concatenated gzip members / zstd frames decompress as one stream.
    for (const chunk of chunks) {
      hash.update(chunk);
      stored.push(recompress(compression, chunk));
    }
    ctx.cache.set(key, { stored: Buffer.concat(stored), diffId: hash.digest('hex') });
  }
  return ctx.cache.get(key);
}

/** Hostile archives: the image archive itself attacks the reader. */
const ARCHIVE_ATTACKS = {
  'layer-dotdot': (image) => pointFirstLayer(image, '../../../etc/passwd'),
  'layer-absolute': (image) => pointFirstLayer(image, '/dev/zero'),
  'layer-symlink-dev-zero': (image) => linkFirstLayer(image, '2', '/dev/zero'),
  'layer-symlink-etc': (image) => linkFirstLayer(image, '2', '/etc/passwd'),
  'layer-symlink-loop': (image) => linkFirstLayer(image, '2', null),
  'layer-symlink-escape': (image) => linkFirstLayer(image, '2', '../../../../x.tar'),
  'layer-hardlink-missing': (image) => linkFirstLayer(image, '1', 'no/such/entry'),
  'manifest-symlink-dev-zero': (image) => replaceJsonRoot(image, { type: '2', linkname: '/dev/zero', data: Buffer.alloc(0) }),
  'manifest-symlink-self': (image) => replaceJsonRoot(image, { type: '2', linkname: null, data: Buffer.alloc(0) }),
  'manifest-duplicate': (image) => {
    const root = jsonRoot(image);
    image.entries.push({ ...root, data: Buffer.from('{"not":"this"}') });
  },
  'manifest-dotdot-name': (image) => {
    const root = jsonRoot(image);
    root.name = `../${root.name}`;
  },
  'entry-absolute-name': (image) => {
    image.entries.unshift({ ...smallFile('/etc/passwd') });
  },
  'huge-size-entry': (image) => {
    const root = jsonRoot(image);
    image.entries.splice(0, 0, { ...smallFile('zzz'), declaredSize: 2 ** 50 });
    return root;
  },
  'pax-absurd': (image) => {
    image.entries[0] = { ...image.entries[0], pax: [Buffer.from('99999999999999999999 path=x\n')] };
  },
  'pax-huge-record': (image) => {
    image.entries[0] = { ...image.entries[0], pax: [paxRecord('comment', 'c'.repeat(3 * 1024 * 1024))] };
  },
  'long-names': (image) => {
    for (let i = 0; i < 100; i++) image.entries.unshift(smallFile(`${i}`.padEnd(200_000, 'n')));
  },
  'many-members': (image) => {
    image.entries = [...Array.from({ length: 250_000 }, (_, i) => ({ name: `m${i}`, type: '5' })), ...image.entries];
  },
};

/** manifest.json (docker) or index.json (OCI). */
function jsonRoot(image) {
  return image.entries.find((e) => e.name === 'manifest.json') ?? image.entries.find((e) => e.name === 'index.json');
}

function replaceJsonRoot(image, patch) {
  const root = jsonRoot(image);
  Object.assign(root, patch);
  if (root.linkname === null) root.linkname = root.name;
}

/** Points the first layer reference of manifest.json / the OCI manifest at `target`. */
function pointFirstLayer(image, target) {
  const manifest = image.entries.find((e) => e.name === 'manifest.json');
  if (manifest) {
    const doc = JSON.parse(manifest.data.toString());
    doc[0].Layers[0] = target;
    manifest.data = Buffer.from(JSON.stringify(doc));
    return;
  }
  // OCI: a blob name cannot hold a path; point the index at a digest whose blob is a symlink instead.
  linkFirstLayer(image, '2', target);
}

/** Turns the first layer's entry into a symlink (type 2) or hardlink (type 1) to `target` (null: itself). */
function linkFirstLayer(image, type, target) {
  const layer = layerEntries(image)[0];
  const docker = image.entries.find((e) => e.name === 'manifest.json');
  let victim = layer;
  if (docker) {
    const doc = JSON.parse(docker.data.toString());
    victim = image.entries.find((e) => e.name === doc[0].Layers[0]) ?? layer;
  }
  victim.type = type;
  victim.linkname = target ?? victim.name;
  victim.data = Buffer.alloc(0);
}

function tarAttack(rng, ctx) {
  const scope = rng.chance(0.65) ? 'layer' : 'archive';
  if (scope === 'layer') {
    const name = rng.pick(Object.keys(LAYER_ATTACKS));
    // Big attacks only where layers are compressed (small on disk).
    const ids = BIG_ATTACKS.has(name)
      ? ['oci-gzip-buildah', 'oci-zstd-buildah']
      : ['docker-buildah', 'oci-gzip-buildah', 'oci-zstd-buildah', 'oci-dir-buildah'];
    const id = rng.pick(ids);
    const image = corpusImage(ctx, id);
    const layer = rng.pick(layerEntries(image));
    const old = layer.data;
    const compression = compressionOf(old) ?? 'none';
    const attack = layerAttack(ctx, name, compression);
    const oldDiff = sha256(decompress(old));
    layer.data = attack.stored;
    rehash(image, layer, old, [[oldDiff, attack.diffId]]);
    const { ref } = emit(ctx, id, image);
    return {
      variant: name,
      detail: `${id} layer (${compression}) replaced, digests consistent`,
      argv: archiveCommand(rng, ref, basePath(ctx, id)),
      subject: ref.replace(/^oci:/, ''),
    };
  }
  const name = rng.pick(Object.keys(ARCHIVE_ATTACKS));
  const id = rng.pick(['docker-buildah', 'oci-gzip-buildah']);
  const image = corpusImage(ctx, id);
  ARCHIVE_ATTACKS[name](image);
  const { ref } = emit(ctx, id, image);
  return { variant: `archive-${name}`, detail: `${id} archive entries attacked`, argv: archiveCommand(rng, ref, basePath(ctx, id)), subject: ref };
}

// ---------------------------------------------------------------------------------------------
// bomb: layers and whole archives that decompress far beyond any real ratio (small on disk)
// ---------------------------------------------------------------------------------------------
const ZERO_CHUNK = 64 * 1024 * 1024;
const BOMB_BYTES = 1024 * 1024 * 1024;

/** One compressed member/frame of 64 MiB of zeros; members concatenate into a valid stream. */
function zeroMember(ctx, compression) {
  const key = `zeros:${compression}`;
  if (!ctx.cache.has(key)) {
    const zeros = Buffer.alloc(ZERO_CHUNK);
    ctx.cache.set(key, compression === 'gzip' ? gzipSync(zeros, { level: 9 }) : zstdCompressSync(zeros));
  }
  return ctx.cache.get(key);
}

/** sha256 of the bomb's tar (header, 1 GiB zeros, end blocks): computed once per campaign. */
function zeroTarDiffId(ctx, head, tail) {
  if (!ctx.cache.has('bomb-diff-id')) {
    const hash = createHash('sha256').update(head);
    const zeros = Buffer.alloc(ZERO_CHUNK);
    for (let n = 0; n < BOMB_BYTES; n += ZERO_CHUNK) hash.update(zeros);
    ctx.cache.set('bomb-diff-id', hash.update(tail).digest('hex'));
  }
  return ctx.cache.get('bomb-diff-id');
}

/** `prefix`, then `bytes` zeros, then `suffix`, compressed as concatenated members. */
function zeroStream(ctx, compression, prefix, bytes, suffix) {
  const member = zeroMember(ctx, compression);
  const parts = [recompress(compression, prefix)];
  for (let n = 0; n < bytes; n += ZERO_CHUNK) parts.push(member);
  parts.push(recompress(compression, suffix));
  return Buffer.concat(parts);
}

function bomb(rng, ctx) {
  const variant = rng.pick(['layer-gzip', 'layer-zstd', 'archive-gzip', 'archive-zstd', 'archive-gzip-valid', 'archive-zstd-valid']);
  if (variant.startsWith('layer-')) {
    const compression = variant.slice(6);
    const id = compression === 'gzip' ? 'oci-gzip-buildah' : 'oci-zstd-buildah';
    const image = corpusImage(ctx, id);
    const layer = rng.pick(layerEntries(image));
    const old = layer.data;
    // A tar of one file of 1 GiB zeros (its data is the zeros), then the end-of-archive blocks.
    const head = header({ name: 'zeros', size: BOMB_BYTES });
    const tail = Buffer.alloc(2 * BLOCK);
    layer.data = zeroStream(ctx, compression, head, BOMB_BYTES, tail);
    // Its real diff_id, so a diff sees a changed layer (and reads it) instead of a reused one.
    rehash(image, layer, old, [[sha256(decompress(old)), zeroTarDiffId(ctx, head, tail)]]);
    const { ref } = emit(ctx, id, image);
    return {
      variant,
      detail: `${id}: a ${layer.data.length}-byte ${compression} layer of 1 GiB zeros`,
      argv: archiveCommand(rng, ref, basePath(ctx, id)),
      subject: ref,
      mustRefuse: true,
    };
  }
  const compression = variant.includes('gzip') ? 'gzip' : 'zstd';
  if (variant.endsWith('-valid')) {
    // A real image archive compressed as a whole: must be read once, not once per layer.
    const id = rng.pick(['docker-save-example', 'oci-gzip-buildah']);
    const path = emitBytes(ctx, recompress(compression, corpusBytes(ctx, id)), `input.tar.${compression === 'gzip' ? 'gz' : 'zst'}`);
    return { variant, detail: `${id} compressed whole with ${compression}`, argv: archiveCommand(rng, path, basePath(ctx, id)), subject: path };
  }
  // A valid archive behind a 1 GiB member of zeros, all compressed as one stream.
  const id = 'docker-buildah';
  const valid = writeTar(corpusImage(ctx, id).entries, { end: true });
  const data = zeroStream(ctx, compression, header({ name: 'zeros', size: BOMB_BYTES }), BOMB_BYTES, valid);
  const path = emitBytes(ctx, data, `input.tar.${compression === 'gzip' ? 'gz' : 'zst'}`);
  return {
    variant,
    detail: `${id} behind 1 GiB of zeros, ${data.length} bytes ${compression}`,
    argv: archiveCommand(rng, path, basePath(ctx, id)),
    subject: path,
    mustRefuse: true,
  };
}

// ---------------------------------------------------------------------------------------------
// special: FIFOs, devices, sockets and directories where a file is expected
// ---------------------------------------------------------------------------------------------
function specialTarget(rng, ctx, what) {
  switch (what) {
    case 'fifo': {
      const path = join(ctx.dir, 'fifo');
      writeImage({ form: 'dir', entries: [{ name: 'fifo', type: 'fifo' }] }, ctx.dir);
      return path;
    }
    case 'dev-zero':
      return '/dev/zero';
    case 'dev-urandom':
      return '/dev/urandom';
    case 'socket':
      return ctx.socketPath;
    default: {
      const path = join(ctx.dir, 'a-directory');
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'file'), 'x');
      return path;
    }
  }
}

function special(rng, ctx) {
  const targets = ['fifo', 'dev-zero', 'dev-urandom', 'directory', ...(ctx.socketPath ? ['socket'] : [])];
  const what = rng.pick(targets);
  const position = rng.pick(['path', 'docker-archive', 'oci-archive', 'snapshot', 'budgets', 'base', 'oci-blob']);
  const head = join(ctx.root, CORPUS['docker-buildah'].file);
  if (position === 'oci-blob') {
    const image = corpusImage(ctx, 'oci-dir-buildah');
    const victim = rng.pick(image.entries.filter((e) => isFile(e)));
    const kind = rng.pick(['fifo', 'symlink-dev-zero', 'symlink-dev-urandom', 'directory']);
    if (kind === 'fifo') victim.type = 'fifo';
    else if (kind === 'directory') victim.type = '5';
    else Object.assign(victim, { type: '2', linkname: kind === 'symlink-dev-zero' ? '/dev/zero' : '/dev/urandom' });
    const { ref, path } = emit(ctx, 'oci-dir-buildah', image);
    const argv = rng.pick([
      ['inspect', ref],
      ['inspect', '--deep', ref],
      ['inspect', '--verify', ref],
      ['diff', '--deep', basePath(ctx, 'oci-dir-buildah'), ref],
    ]);
    // oci-layout is a marker that layerdiff never reads: only blobs and index.json must be refused.
    return { variant: `oci-blob-${kind}`, detail: `oci:DIR with ${victim.name} as ${kind}`, argv, subject: path, mustRefuse: victim.name !== 'oci-layout' };
  }
  const target = specialTarget(rng, ctx, what);
  // `inspect` ignores --budgets, so budgets go with `diff`.
  const base = join(ctx.root, CORPUS['docker-buildah'].base);
  if (position === 'budgets')
    return { variant: `budgets-${what}`, detail: `--budgets ${target}`, argv: ['diff', base, head, '--budgets', target], subject: target, mustRefuse: true };
  if (position === 'base') return { variant: `base-${what}`, detail: `diff ${target} HEAD`, argv: ['diff', target, head], subject: target, mustRefuse: true };
  const ref = position === 'path' ? target : `${position}:${target}`;
  return {
    variant: `${position}-${what}`,
    detail: ref,
    argv: rng.pick([
      ['inspect', ref],
      ['diff', ref, head],
      ['inspect', '--deep', ref],
    ]),
    subject: target,
    mustRefuse: true,
  };
}

// ---------------------------------------------------------------------------------------------
// snapshot: saved snapshots and reports (read through `snapshot:`), mutated
// ---------------------------------------------------------------------------------------------
function snapshotSeeds(ctx) {
  if (!ctx.cache.has('snapshots')) {
    const head = join(ctx.root, CORPUS['docker-buildah'].file);
    const base = join(ctx.root, CORPUS['docker-buildah'].base);
    const seeds = {
      snapshot: ctx.runCliSync(['snapshot', head]),
      report: ctx.runCliSync(['diff', '--format', 'json', base, head]),
      'deep-report': ctx.runCliSync(['diff', '--deep', '--format', 'json', base, head]),
      // Deep snapshots (file indexes): of a gzip OCI archive (CRCs, owners), and of a docker
      // archive whose top layer carries one database of each package manager (`packages` records).
      'deep-snapshot': ctx.runCliSync(['snapshot', '--deep', join(ctx.root, CORPUS['oci-gzip-buildah'].file)]),
      'deep-packages': ctx.runCliSync(['snapshot', '--deep', packagesImage(ctx)]),
    };
    if (!/"packages":\[\{/.test(JSON.stringify(JSON.parse(seeds['deep-packages']))))
      throw new Error('fuzz seed input: the deep snapshot of the package image holds no package records');
    ctx.cache.set('snapshots', seeds);
  }
  return ctx.cache.get('snapshots');
}

/** Package databases of each manager the deep scan reads, small but real in form. */
const PACKAGE_FILES = {
  'lib/apk/db/installed': 'P:busybox\nV:1.31.1-r9\nA:x86_64\nF:bin\nR:busybox\n\nP:musl\nV:1.1.24-r2\nA:x86_64\nF:lib\nR:ld-musl-x86_64.so.1\n\n',
  'var/lib/dpkg/status':
    'Package: jq\nStatus: install ok installed\nVersion: 1.6-2.1\nArchitecture: amd64\n\nPackage: libonig5\nStatus: install ok installed\nVersion: 6.9.8-1\nArchitecture: amd64\n\n',
  'var/lib/dpkg/info/jq.list': '/.\n/usr\n/usr/bin\n/usr/bin/jq\n',
  'var/lib/dpkg/info/libonig5:amd64.list': '/.\n/usr/lib/x86_64-linux-gnu/libonig.so.5\n',
  'app/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0"}\n',
  'app/node_modules/left-pad/index.js': 'module.exports = (s, n) => String(s).padStart(n);\n',
  'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n',
  'usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD': 'six.py,sha256=abc,40\nsix-1.16.0.dist-info/METADATA,,\n',
  'usr/lib/python3/dist-packages/six.py': '# six\n'.repeat(8),
};

/** docker-save-example with PACKAGE_FILES added to its last layer (digests rehashed), written once per campaign. */
function packagesImage(ctx) {
  const out = join(dirname(ctx.dir), 'packages-seed.tar');
  if (existsSync(out)) return out;
  const image = corpusImage(ctx, 'docker-save-example');
  const layers = layerEntries(image, 'none');
  const layer = layers[layers.length - 1];
  const old = layer.data;
  const added = Object.entries(PACKAGE_FILES).map(([name, text]) => ({ name, type: '0', data: Buffer.from(text), mode: 0o644, linkname: '' }));
  layer.data = writeTar([...parseTar(old), ...added]);
  rehash(image, layer, old);
  writeImage(image, out);
  return out;
}

/** A deep snapshot's layers, for the file-index mutations. */
const indexedLayers = (doc) => (doc.layers ?? []).filter((l) => l && typeof l.fileIndex === 'object' && l.fileIndex !== null);

const BASE64_COLUMNS = ['prefix', 'kinds', 'modes', 'uids', 'gids', 'crcs'];

/** One hostile edit of a deep snapshot's file indexes: column lengths, base64 junk, counts, paths, sizes, links, package records. */
function mutateFileIndex(rng, doc) {
  const layers = indexedLayers(doc);
  const li = rng.int(0, layers.length - 1);
  const fi = layers[li].fileIndex;
  const at = `layers[${li}].fileIndex`;
  const n = fi.count;
  const what = rng.pick(['column-length', 'base64-junk', 'count', 'path', 'prefix', 'sizes', 'kinds', 'links', 'packages', 'extra', 'format']);
  switch (what) {
    case 'column-length': {
      const col = rng.pick([...BASE64_COLUMNS, 'sizes', 'suffix']);
      if (col === 'sizes' || col === 'suffix') {
        const arr = fi[col];
        if (rng.chance(0.5)) arr.pop();
        else arr.push(col === 'sizes' ? 0 : 'extra-entry');
      } else {
        const buf = Buffer.from(fi[col] ?? '', 'base64');
        const cut = rng.chance(0.5) ? buf.subarray(0, Math.max(0, buf.length - rng.int(1, 5))) : Buffer.concat([buf, Buffer.alloc(rng.int(1, 9))]);
        fi[col] = cut.toString('base64');
      }
      return `${at}.${col} length changed`;
    }
    case 'base64-junk': {
      const col = rng.pick(BASE64_COLUMNS);
      const text = fi[col] ?? 'AAAA';
      const junk = rng.pick(['*', '-', '_', ' ', '\u0000', '=', '==A', '\u00e9', '\ud800', '%%%%']);
      const pos = rng.int(0, text.length);
      fi[col] = text.slice(0, pos) + junk + text.slice(pos);
      return `${at}.${col} junk ${JSON.stringify(junk)} at ${pos}`;
    }
    case 'count': {
      fi.count = rng.pick([0, -1, 1.5, n + 1, n - 1, 1e9, 2 ** 53, 2 ** 60, '7', null, 750_001]);
      return `${at}.count ${JSON.stringify(fi.count)}`;
    }
    case 'path': {
      const i = rng.int(0, n - 1);
      const path = rng.pick(['../../etc/passwd', '/abs', '', 'a//b', '.', 'x/', 'a/./b', 'a\u0000b', '\ud800', 'a'.repeat(70_000), 'x'.repeat(5_000_000)]);
      fi.suffix[i] = path;
      return `${at}.suffix[${i}] ${JSON.stringify(path.slice(0, 20))} (${path.length} chars)`;
    }
    case 'prefix': {
      const buf = Buffer.from(fi.prefix, 'base64');
      const i = rng.int(0, n - 1);
      const v = rng.pick([0, 1, 0xffff, 0x8000]);
      if (buf.length >= i * 2 + 2) buf.writeUInt16LE(v, i * 2);
      fi.prefix = buf.toString('base64');
      return `${at}.prefix[${i}] = ${v}`;
    }
    case 'sizes': {
      const i = rng.int(0, n - 1);
      fi.sizes[i] = rng.pick([-1, 1.5, 2 ** 53, 2 ** 60, 1e308, '12', null, 4096]);
      return `${at}.sizes[${i}] ${JSON.stringify(fi.sizes[i])}`;
    }
    case 'kinds': {
      const buf = Buffer.from(fi.kinds, 'base64');
      const i = rng.int(0, n - 1);
      buf[i] = rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 200, 255]);
      fi.kinds = buf.toString('base64');
      return `${at}.kinds[${i}] = ${buf[i]}`;
    }
    case 'links': {
      const v = rng.pick(['reverse', 'past-end', 'not-link', 'unequal', 'huge']);
      if (v === 'reverse') fi.links.at.reverse();
      else if (v === 'past-end') fi.links.at.push(n + 5);
      else if (v === 'not-link') fi.links = { at: [0], to: ['x'] };
      else if (v === 'unequal') fi.links.to.push('y');
      else fi.links.to = fi.links.to.map(() => 'l'.repeat(1_000_000));
      return `${at}.links ${v}`;
    }
    case 'packages': {
      const recs = fi.extra?.packages;
      const v = rng.pick([
        'field-type',
        'unknown-field',
        'manager',
        'path',
        'long-field',
        'many-records',
        'many-files',
        'not-list',
        'proto',
        'nested',
        'spread',
      ]);
      fi.extra = fi.extra ?? {};
      const list =
        Array.isArray(recs) && recs.length > 0
          ? recs
          : [{ manager: 'npm', name: 'x', version: '1', dir: 'app/node_modules/x', source: 'app/node_modules/x/package.json' }];
      fi.extra.packages = list;
      const r = rng.pick(list);
      if (v === 'field-type') r[rng.pick(['name', 'version', 'arch', 'source', 'dir', 'files', 'manager'])] = rng.pick([1, null, [], {}, true]);
      else if (v === 'unknown-field') r.extraField = 'x';
      else if (v === 'manager') r.manager = rng.pick(['rpm', '', 'DPKG', 'constructor']);
      else if (v === 'path') r[rng.pick(['source', 'dir'])] = rng.pick(['../etc/passwd', '/abs', 'a//b', '', 'a/.', 'p'.repeat(5000)]);
      else if (v === 'long-field') r.name = 'n'.repeat(rng.pick([257, 100_000]));
      else if (v === 'many-records')
        fi.extra.packages = Array.from({ length: rng.pick([100_001, 20_000]) }, (_, k) => ({ ...list[k % list.length], name: `p${k}` }));
      else if (v === 'many-files') r.files = Array.from({ length: rng.pick([500_001, 200_000]) }, (_, k) => `usr/f${k}`);
      else if (v === 'spread')
        // Each layer within its own caps, together past the run's budget of records and listed paths.
        for (const [k, l] of indexedLayers(doc).entries())
          l.fileIndex.extra = {
            packages: [
              {
                manager: 'dpkg',
                name: `p${k}`,
                version: '1',
                source: `var/lib/dpkg/info/p${k}.list`,
                files: Array.from({ length: 200_000 }, (_, j) => `s${k}/${j.toString(36)}`),
              },
            ],
          };
      else if (v === 'not-list') fi.extra.packages = rng.pick([{}, 'x', 1, true]);
      else if (v === 'proto') fi.extra.packages = JSON.parse('[{"__proto__":{"manager":"npm"},"name":"x","version":"1","source":"a"}]');
      else {
        let deep = [];
        for (let k = 0; k < 200; k++) deep = [deep];
        r.files = deep;
      }
      return `${at}.extra.packages ${v}`;
    }
    case 'extra': {
      fi.extra = rng.pick([{ __proto__x: 1 }, { count: 5 }, { paths: ['x'] }, { Packages: [] }, { unknownField: { a: 1 } }, 'x', [], null]);
      return `${at}.extra ${JSON.stringify(fi.extra).slice(0, 40)}`;
    }
    default:
      fi.format = rng.pick(['layerdiff/file-index@2', '', null, 7]);
      return `${at}.format ${JSON.stringify(fi.format)}`;
  }
}

function snapshot(rng, ctx) {
  const seeds = snapshotSeeds(ctx);
  const which = rng.pick(Object.keys(seeds));
  const text = seeds[which];
  const deep = which.startsWith('deep-') && which !== 'deep-report';
  const variant = deep
    ? rng.pick(['file-index', 'file-index', 'file-index', 'file-index', 'swap', 'flip', 'truncate', 'gzip-bomb', 'gzip-truncate', 'gzip-junk'])
    : rng.pick(['swap', 'swap', 'swap', 'flip', 'truncate', 'many-layers', 'schema']);
  let out;
  let what;
  if (variant === 'file-index') {
    const doc = JSON.parse(text);
    what = mutateFileIndex(rng, doc);
    out = JSON.stringify(doc);
  } else if (variant === 'gzip-bomb') {
    // Valid JSON padded with whitespace, or raw zeros: either decompresses past the snapshot cap.
    const pad = rng.pick([40, 64]) * 1024 * 1024;
    out = rng.chance(0.5) ? Buffer.concat([Buffer.from(text), Buffer.alloc(pad, 0x20)]) : Buffer.alloc(pad);
    what = `${pad} bytes once decompressed`;
  } else if (variant === 'gzip-truncate' || variant === 'gzip-junk') {
    out = text;
    what = variant;
  } else if (variant === 'swap') ({ text: out, what } = swapJson(rng, text));
  else if (variant === 'flip') {
    const buf = Buffer.from(text);
    const at = rng.int(0, buf.length - 1);
    flipBits(buf, at, rng);
    out = buf.toString('latin1');
    what = `byte ${at}`;
  } else if (variant === 'truncate') {
    const cut = rng.int(0, text.length - 1);
    out = text.slice(0, cut);
    what = `cut at ${cut}`;
  } else if (variant === 'many-layers') {
    const doc = JSON.parse(text);
    const snap = doc.head ?? doc;
    const n = rng.pick([10_000, 200_000]);
    snap.layers = Array.from({ length: n }, (_, i) => snap.layers[i % snap.layers.length]);
    out = JSON.stringify(doc);
    what = `${n} layers`;
  } else {
    const doc = JSON.parse(text);
    doc.schema = rng.pick(['layerdiff/snapshot@2', 'layerdiff/report@1', 'layerdiff/snapshot@1', null, 1]);
    out = JSON.stringify(doc);
    what = `schema ${JSON.stringify(doc.schema)}`;
  }
  // Deep snapshots are read plain or gzip-compressed (told by content): both forms, whatever the name.
  const gzipped = variant.startsWith('gzip-') || (deep && rng.chance(0.5));
  let bytes = Buffer.isBuffer(out) ? out : Buffer.from(out, variant === 'flip' ? 'latin1' : 'utf8');
  if (gzipped) {
    bytes = gzipSync(bytes, { level: variant === 'gzip-bomb' ? 9 : 6 });
    if (variant === 'gzip-truncate') bytes = bytes.subarray(0, rng.int(2, bytes.length - 1));
    if (variant === 'gzip-junk') {
      bytes = Buffer.from(bytes);
      flipBits(bytes, rng.int(10, bytes.length - 9), rng);
    }
  }
  const path = join(ctx.dir, rng.pick(gzipped ? ['snapshot.json.gz', 'snapshot.json'] : ['snapshot.json', 'snapshot.json.gz']));
  writeFileSync(path, bytes);
  const ref = `snapshot:${path}`;
  const head = join(ctx.root, CORPUS['docker-buildah'].file);
  const argv = deep
    ? rng.pick([
        ['diff', '--deep', ref, which === 'deep-packages' ? join(ctx.root, CORPUS['docker-save-example'].file) : head],
        ['diff', '--deep', '--format', 'json', ref, which === 'deep-packages' ? join(ctx.root, CORPUS['docker-save-example'].file) : head],
        ['diff', '--deep', '--format', 'markdown', ref, ref],
        ['diff', '--deep', ref, join(ctx.root, CORPUS['oci-gzip-buildah'].base)],
        ['inspect', ref],
        ['diff', ref, head],
      ])
    : rng.pick([
        ['inspect', ref],
        ['diff', ref, head],
        ['diff', head, ref],
        ['diff', '--deep', ref, head],
        ['diff', '--format', 'json', ref, head],
        ['diff', '--format', 'markdown', ref, ref],
      ]);
  return { variant: `${which}-${variant}`, detail: what, argv, subject: path };
}

/** Mutation kinds, in the order they are mixed into a campaign. */
export const KINDS = {
  truncate,
  'header-flip': headerFlip,
  'json-flip': jsonFlip,
  'compressed-flip': compressedFlip,
  'json-swap': jsonSwap,
  'tar-attack': tarAttack,
  bomb,
  special,
  snapshot,
};

export const fixturesPresent = (root) => corpusFiles().filter((f) => !existsSync(join(root, f)));
