import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Parser } from 'tar';
import { describe, expect, it } from 'vitest';
import { EntryKind, normalizeEntryPath, type LayerIndex } from '../../src/layers/layer-index.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import { scanInThread } from '../../src/layers/scan-pool.js';
import { buildTar, fixChecksum, type TarEntrySpec } from '../helpers/tar-builder.js';
import { NODE_TAR_KINDS } from '../helpers/node-tar-kinds.js';

async function scan(bytes: Buffer, chunkSize = 64 * 1024, fingerprint = false): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint });
  for (let o = 0; o < bytes.length; o += chunkSize) await scanner.write(bytes.subarray(o, o + chunkSize));
  return scanner.end();
}

function rows(index: LayerIndex): Array<[string, number, number, string | undefined]> {
  return index.paths.map((p, i) => [p, index.kinds[i]!, index.sizes[i]!, index.links.get(i)]);
}

/** What node-tar's Parser lists for the same bytes, in the same shape. */
function parserRows(bytes: Buffer): Array<[string, number, number, string | undefined]> {
  const out: Array<[string, number, number, string | undefined]> = [];
  const kinds = NODE_TAR_KINDS;
  const parser = new Parser({
    filter: (_path, entry) => {
      const e = entry as unknown as { path: string; type: string; size: number; linkpath?: string };
      const kind = kinds[e.type] ?? EntryKind.other;
      const link = kind === EntryKind.symlink ? e.linkpath : kind === EntryKind.hardlink ? normalizeEntryPath(e.linkpath ?? '') : undefined;
      out.push([normalizeEntryPath(e.path), kind, e.size, link]);
      return false;
    },
  });
  parser.end(bytes);
  return out;
}

const longDir = 'usr/share/' + 'very-long-directory-name/'.repeat(8);
const entries: TarEntrySpec[] = [
  { path: './', type: 'Directory' },
  { path: './etc/', type: 'Directory' },
  { path: './etc/hostname', body: 'box\n' },
  { path: 'bin/busybox', body: Buffer.alloc(3000, 7), mode: 0o755 },
  { path: 'bin/sh', type: 'SymbolicLink', linkpath: '/bin/busybox' },
  { path: 'bin/ls', type: 'Link', linkpath: './bin/busybox' },
  { path: longDir + 'pax-file.txt', body: 'pax', pax: true },
  { path: longDir + 'gnu-file.txt', body: 'gnu', gnuLongName: true },
  { path: 'var/cache/x/.wh..wh..opq' },
  { path: 'tmp/.wh.junk' },
  { path: 'dev/null', type: 'CharacterDevice' },
  { path: 'run/fifo', type: 'FIFO' },
  { path: 'empty', body: '' },
];

describe('tar walker', () => {
  const tar = buildTar(entries);

  it('lists what node-tar lists: paths normalised, kinds, sizes, link targets, PAX and GNU long names', async () => {
    const index = await scan(tar);
    // node-tar drops the root entry './' (path '') like every other, so compare everything.
    expect(rows(index)).toEqual(parserRows(tar));
    expect(index.count).toBe(entries.length);
    expect(index.paths).toContain(longDir + 'pax-file.txt');
    expect(index.paths).toContain(longDir + 'gnu-file.txt');
    expect(index.contentBytes).toBe(4 + 3000 + 3 + 3);
    expect(index.compression).toBe('none');
  });

  it.each([1, 7, 511, 512, 513, 4096])('gives the same index whatever the chunk size (%i bytes)', async (size) => {
    expect(rows(await scan(tar, size))).toEqual(rows(await scan(tar)));
  });

  it('decompresses gzip and zstd by magic bytes', async () => {
    const gz = await scan(zlib.gzipSync(tar));
    expect(gz.compression).toBe('gzip');
    expect(rows(gz)).toEqual(rows(await scan(tar)));
    const zstdCompress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
    if (zstdCompress) {
      const zs = await scan(zstdCompress(tar));
      expect(zs.compression).toBe('zstd');
      expect(rows(zs)).toEqual(rows(await scan(tar)));
    }
  });

  it('stops at the end-of-archive blocks and ignores what follows (estargz table of contents)', async () => {
    const trailing = Buffer.concat([tar, buildTar([{ path: 'stargz.index.json', body: '{}' }])]);
    const index = await scan(zlib.gzipSync(trailing));
    expect(index.paths).not.toContain('stargz.index.json');
    expect(index.count).toBe(entries.length);
  });

  it('accepts a stream that ends on an entry boundary without end blocks, like Go', async () => {
    const index = await scan(buildTar(entries.slice(0, 4), { trailer: false }));
    expect(index.count).toBe(4);
  });

  it('fingerprints regular-file content with CRC-32 when asked', async () => {
    const a = await scan(
      buildTar([
        { path: 'f', body: 'hello' },
        { path: 'g', body: 'hellp' },
        { path: 'h', body: 'hello' },
      ]),
      3,
      true,
    );
    expect(a.crcs).not.toBeNull();
    expect(a.crcs![0]).toBe(a.crcs![2]);
    expect(a.crcs![0]).not.toBe(a.crcs![1]);
    expect((await scan(tar)).crcs).toBeNull();
  });

  it('reads old GNU sparse entries with their logical size, extension blocks included', async () => {
    const block = Buffer.alloc(512);
    const data = Buffer.alloc(1024, 1);
    block.write('sparse.img', 0);
    block.write('0000644\0', 100);
    block.write('0000000\0', 108);
    block.write('0000000\0', 116);
    block.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    block.write('00000000000\0', 136);
    block[156] = 'S'.charCodeAt(0);
    block.write('ustar  \0', 257);
    block[482] = 1; // an extension block follows
    block.write((10 * 1024 * 1024).toString(8).padStart(11, '0') + '\0', 483);
    fixChecksum(block);
    const ext = Buffer.alloc(512); // last extension block: flag at 504 is 0
    const tarBytes = Buffer.concat([block, ext, data, buildTar([{ path: 'after', body: 'x' }])]);
    const index = await scan(tarBytes, 100);
    expect(rows(index)).toEqual([
      ['sparse.img', EntryKind.file, 10 * 1024 * 1024, undefined],
      ['after', EntryKind.file, 1, undefined],
    ]);
  });

  it('refuses a truncated layer and a corrupt header with one-line reasons', async () => {
    await expect(scan(tar.subarray(0, 512 + 100))).rejects.toThrow(/unexpected end of tar data at byte \d+ \(truncated layer\?\)/);
    const bad = Buffer.from(tar);
    bad[600] = bad[600]! ^ 0xff; // inside the second header
    await expect(scan(bad)).rejects.toThrow(/invalid tar header at byte 512 \(bad checksum\)/);
    await expect(scan(zlib.gzipSync(tar).subarray(0, 100))).rejects.toThrow(/cannot read gzip layer: unexpected end of data/);
    await expect(scan(Buffer.from('this is not a tar stream at all'.repeat(40)))).rejects.toThrow(/invalid tar header|not a tar/);
  });

  it('guards against decompression bombs', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const scanner = new LayerScanner({ fingerprint: false, limits: { maxRatio: 100, ratioAfterBytes: 1024 * 1024, maxUncompressedBytes: 2 ** 40 } });
    await expect(
      (async () => {
        await scanner.write(bomb);
        return scanner.end();
      })(),
    ).rejects.toThrow(/decompression ratio above 100:1/);
  });

  it('scans a stream from a job, naming the layer in errors', async () => {
    const ok = await scanInThread({
      subject: 'img.tar: layer 1/1',
      fingerprint: false,
      open: async () => Readable.from([tar.subarray(0, 1000), tar.subarray(1000)]),
    });
    expect(ok.count).toBe(entries.length);
    await expect(scanInThread({ subject: 'img.tar: layer 1/1', fingerprint: false, open: async () => Readable.from([tar.subarray(0, 700)]) })).rejects.toThrow(
      /^img\.tar: layer 1\/1: unexpected end of tar data/,
    );
  });
});

describe('normalizeEntryPath', () => {
  it.each([
    ['./etc/passwd', 'etc/passwd'],
    ['/etc/passwd', 'etc/passwd'],
    ['etc//x/./y/', 'etc/x/y'],
    ['a/../../b', 'b'],
    ['./', ''],
    ['.', ''],
    ['etc', 'etc'],
    ['.wh..wh..opq', '.wh..wh..opq'],
  ])('%s -> %s', (raw, clean) => expect(normalizeEntryPath(raw)).toBe(clean));
});
