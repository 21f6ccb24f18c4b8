/**
 * The one tar reader (src/tar/) through both of its former code paths: the layer scanner
 * (`TarWalker`, streaming) and the archive index (`walkTar`, seeking over bodies). The same bytes
 * must give the same entries, or be refused by both, under one set of rules (unknown types, sizes of
 * non-regular entries, global PAX records, sparse members).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LayerdiffError } from '../../src/errors.js';
import { LayerIndexBuilder, normalizeEntryPath, type LayerIndex } from '../../src/layers/layer-index.js';
import { TarWalker } from '../../src/layers/tar-walker.js';
import { normalizeArchivePath } from '../../src/sources/archive/archive-path.js';
import { FileByteReader, StreamByteReader } from '../../src/sources/archive/byte-reader.js';
import { spoolDecompressed } from '../../src/sources/archive/decompressed-spool.js';
import { walkTar, type TarEntry } from '../../src/sources/archive/tar-walk.js';
import { TarEntryReader, TarKind, type TarHeader } from '../../src/tar/entry-reader.js';
import { TarFormatError } from '../../src/tar/format-error.js';
import { BLOCK } from '../../src/tar/header-block.js';
import { fixChecksum, header, paxRecord, writeTar } from '../../scripts/fuzz/tar.mjs';

function scanLayer(bytes: Buffer, chunk = 4096): LayerIndex {
  const builder = new LayerIndexBuilder(true);
  const walker = new TarWalker(builder);
  for (let o = 0; o < bytes.length; o += chunk) walker.push(bytes.subarray(o, o + chunk));
  walker.end();
  return builder.finish({ tarBytes: bytes.length, storedBytes: bytes.length, compression: 'none' });
}

async function indexArchive(bytes: Buffer): Promise<TarEntry[]> {
  return (await walkTar(new StreamByteReader([bytes]), { subject: 'x.tar' })).entries;
}

/** The archive index's kind for a layer scan's kind (what an image reader may do with a member). */
const archiveKind = (kind: number): string => (['file', 'directory', 'symlink', 'hardlink'] as const)[kind] ?? 'other';

const zeros = Buffer.alloc(2 * BLOCK);

/** One member of any type with a body (writeTar writes bodies for regular files only). */
function member(name: string, type: string, data: Buffer): Buffer {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([header({ name, type, size: data.length }), data, Buffer.alloc(pad)]);
}

describe('one rule for both readers', () => {
  it('refuses an old GNU sparse header whose realsize field is not octal, in both readers (hostile: the scanner reported size -1)', async () => {
    const sparse = header({ name: 'sparse', type: 'S', size: 0 });
    sparse.write('zzzz', 483, 'latin1');
    fixChecksum(sparse, 0);
    const bytes = Buffer.concat([sparse, zeros]);
    expect(() => scanLayer(bytes)).toThrow(/bad sparse real size field/);
    await expect(indexArchive(bytes)).rejects.toThrow(/^x\.tar: corrupt tar header at byte 0 \(invalid sparse real size\)$/);
  });

  it('counts 0 bytes for a directory header claiming 2^52 bytes, and reads the next entry (hostile: --dive-compat reported the size field as the directory size)', async () => {
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field[5] = 0x10; // base-256 2^52: within 2^53
    const bytes = Buffer.concat([
      header({ name: 'dir/', type: '5', raw: { sizeField: field } }),
      writeTar([{ name: 'dir/f', type: '0', data: Buffer.from('abc') }]),
    ]);
    const index = scanLayer(bytes);
    expect(index.paths).toEqual(['dir', 'dir/f']);
    expect([...index.sizes]).toEqual([0, 3]);
    expect(index.contentBytes).toBe(3);
    const entries = await indexArchive(bytes);
    expect(entries.map((e) => [e.path, e.kind, e.size])).toEqual([
      ['dir', 'directory', 0],
      ['dir/f', 'file', 3],
    ]);
    // 2^60 does not fit a double exactly: a bad size field for both readers.
    field.fill(0);
    field[0] = 0x80;
    field[4] = 0x10;
    const huge = Buffer.concat([header({ name: 'dir/', type: '5', raw: { sizeField: field } }), zeros]);
    expect(() => scanLayer(huge)).toThrow(/bad size field/);
    await expect(indexArchive(huge)).rejects.toThrow(/^x\.tar: corrupt tar header at byte 0 \(invalid size\)$/);
  });

  it('symlinks, hard links, devices and FIFOs have no body and no size, whatever their size field says (Go archive/tar)', async () => {
    const types = ['1', '2', '3', '4', '6'];
    const bytes = Buffer.concat([
      ...types.map((type, i) => header({ name: `e${i}`, type, size: 700, linkname: 'target' })),
      writeTar([{ name: 'last', type: '0', data: Buffer.from('x') }]),
    ]);
    const index = scanLayer(bytes);
    expect(index.paths).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'last']);
    expect([...index.sizes]).toEqual([0, 0, 0, 0, 0, 1]);
    const entries = await indexArchive(bytes);
    expect(entries.map((e) => [e.path, e.size])).toEqual([...types.map((_, i) => [`e${i}`, 0]), ['last', 1]]);
  });

  it('unknown type flags: an upper-case letter is "other" with its body passed over, anything else a regular file (POSIX), in both readers', async () => {
    const entries = [
      { name: 'vendor-A', type: 'A', data: Buffer.from('acl data') },
      { name: 'old-gnu-N', type: 'N', data: Buffer.from('names') },
      { name: 'multi-M', type: 'M', data: Buffer.from('part') },
      { name: 'digit-8', type: '8', data: Buffer.from('eight') },
      { name: 'lower-z', type: 'z', data: Buffer.from('zed') },
      { name: 'after', type: '0', data: Buffer.from('ok') },
    ];
    const bytes = Buffer.concat([...entries.map((e) => member(e.name, e.type, e.data)), zeros]);
    const index = scanLayer(bytes);
    expect(index.paths).toEqual(entries.map((e) => e.name));
    expect([...index.kinds]).toEqual([TarKind.other, TarKind.other, TarKind.other, TarKind.file, TarKind.file, TarKind.file]);
    expect([...index.sizes]).toEqual([0, 0, 0, 5, 3, 2]);
    const indexed = await indexArchive(bytes);
    expect(indexed.map((e) => [e.path, e.kind])).toEqual([
      ['vendor-A', 'other'],
      ['old-gnu-N', 'other'], // not a long name for the next entry: GNU's N is a rename list
      ['multi-M', 'other'],
      ['digit-8', 'file'],
      ['lower-z', 'file'],
      ['after', 'file'],
    ]);
  });

  it('a global PAX record names no file: its path is ignored by both readers, its ids apply', async () => {
    const bytes = Buffer.concat([
      member('PaxGlobal', 'g', Buffer.concat([paxRecord('path', 'ignored'), paxRecord('uid', '42')])),
      writeTar([{ name: 'a', type: '0', data: Buffer.from('1') }]),
    ]);
    const index = scanLayer(bytes);
    expect(index.paths).toEqual(['a']);
    expect(index.uids[0]).toBe(42);
    expect((await indexArchive(bytes)).map((e) => e.path)).toEqual(['a']);
  });

  it('a sparse member is listed by the scanner with its logical size, and is not a readable file in an archive', async () => {
    // Old GNU sparse: one 3-byte chunk at offset 0 of a 10000-byte file.
    const h = header({ name: 'holes', type: 'S', size: 3 });
    h.write('00000000000\0', 386, 'latin1');
    h.write('00000000003\0', 398, 'latin1');
    h.write('00000023420\0', 483, 'latin1');
    fixChecksum(h, 0);
    const bytes = Buffer.concat([h, Buffer.from('abc'), Buffer.alloc(BLOCK - 3), zeros]);
    const index = scanLayer(bytes);
    expect([index.paths, [...index.kinds], [...index.sizes]]).toEqual([['holes'], [TarKind.file], [10000]]);
    const [entry] = await indexArchive(bytes);
    expect(entry).toMatchObject({ path: 'holes', kind: 'other', size: 3, offset: BLOCK });
  });

  it('the seeking index reads headers only: bodies are passed over without being read', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const bytes = writeTar([
      { name: 'a', type: '0', data: big },
      { name: 'b', type: '0', data: big },
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tar-reader-'));
    try {
      const file = path.join(dir, 'x.tar');
      writeFileSync(file, bytes);
      const handle = await open(file);
      try {
        const reader = new FileByteReader(handle, bytes.length);
        let read = 0;
        const counting = {
          ...reader,
          position: 0,
          length: reader.length,
          read: async (n: number) => {
            const b = await reader.read(n);
            read += b.length;
            counting.position = reader.position;
            return b;
          },
          skip: async (n: number) => {
            const k = await reader.skip(n);
            counting.position = reader.position;
            return k;
          },
        };
        const { entries } = await walkTar(counting, { subject: 'x.tar' });
        expect(entries.map((e) => [e.path, e.offset, e.size])).toEqual([
          ['a', 512, big.length],
          ['b', 512 + big.length + 512, big.length],
        ]);
        expect(read).toBeLessThan(4 * BLOCK); // two headers, two 4-byte heads, one end block
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the reader on its own', () => {
  it('reports header and body offsets and hands bodies to a sink that asks for them', () => {
    const bytes = writeTar([
      { name: 'x'.repeat(150), type: '0', data: Buffer.from('long') },
      { name: 'd/', type: '5' },
      { name: 'f', type: '0', data: Buffer.from('hello') },
    ]);
    const seen: Array<[string, number, number, number]> = [];
    const bodies: string[] = [];
    const reader = new TarEntryReader({
      entry: (h: TarHeader) => {
        seen.push([h.path.slice(0, 3), h.kind, h.headerAt, h.bodyAt]);
        return h.kind === TarKind.file;
      },
      data: (piece) => bodies.push(piece.toString()),
    });
    for (let o = 0; o < bytes.length; o += 100) reader.push(bytes.subarray(o, o + 100));
    reader.end();
    expect(reader.finished).toBe(true);
    // PAX header + record, then the entry's header at 1024, body at 1536; d/ at 2048; f at 2560.
    expect(seen).toEqual([
      ['xxx', TarKind.file, 1024, 1536],
      ['d/', TarKind.dir, 2048, 2560],
      ['f', TarKind.file, 2560, 3072],
    ]);
    expect(bodies.join('|')).toBe('long|hello');
  });

  it('refuses a stream that ends inside an entry', () => {
    const bytes = writeTar([{ name: 'f', type: '0', data: Buffer.alloc(2000) }], { end: false });
    const reader = new TarEntryReader({ entry: () => false });
    reader.push(bytes.subarray(0, 1000));
    expect(() => reader.end()).toThrow(TarFormatError);
  });
});

/** A header block with random fields but a valid checksum, of a type both readers must handle. */
const block = fc.uint8Array({ minLength: BLOCK, maxLength: BLOCK }).map((a) => Buffer.from(a));
const typeFlags = [0x30, 0x00, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x78, 0x67, 0x4c, 0x4b, 0x53, 0x56, 0x44, 0x58, 0x41, 0x4e, 0x38, 0x7a];
const checkedBlock = fc.tuple(block, fc.constantFrom(...typeFlags), fc.boolean(), fc.nat({ max: 3000 })).map(([buf, type, ustar, size]) => {
  buf[156] = type;
  if (ustar) buf.write('ustar\x0000', 257, 'latin1');
  // Mostly small sizes, so later blocks are read as headers rather than swallowed as a body.
  if (size < 2500) buf.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'latin1');
  fixChecksum(buf, 0);
  return buf;
});
const paxBlock = fc
  .array(
    fc.tuple(
      fc.constantFrom('path', 'linkpath', 'size', 'uid', 'gid', 'mtime', 'GNU.sparse.realsize', 'comment'),
      fc.oneof(fc.string({ maxLength: 20 }), fc.nat().map(String)),
    ),
    { maxLength: 4 },
  )
  .map((records) => member('PaxHeader', 'x', Buffer.concat(records.map(([k, v]) => paxRecord(k, v)))));

type Outcome = { refused: true } | { refused: false; rows: Array<[string, string, number | null]> };

function layerOutcome(bytes: Buffer): Outcome {
  try {
    const index = scanLayer(bytes, 613);
    return {
      refused: false,
      rows: index.paths.map((p, i) => [normalizeArchivePath(p), archiveKind(index.kinds[i]!), index.kinds[i] === TarKind.file ? index.sizes[i]! : null]),
    };
  } catch (error) {
    if (error instanceof TarFormatError) return { refused: true };
    throw error;
  }
}

async function archiveOutcome(bytes: Buffer): Promise<Outcome> {
  try {
    const entries = await indexArchive(bytes);
    // The archive index calls a sparse file "other" (its body is not its bytes); the scanner a file of its logical size.
    return { refused: false, rows: entries.map((e) => [normalizeArchivePath(normalizeEntryPath(e.path)), e.kind, e.kind === 'file' ? e.size : null]) };
  } catch (error) {
    if (error instanceof LayerdiffError) return { refused: true };
    throw error;
  }
}

describe('both former code paths on random header blocks', () => {
  it('the layer scanner and the archive index refuse together or list the same entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(checkedBlock, checkedBlock, paxBlock, block), { minLength: 1, maxLength: 5 }), async (blocks) => {
        const bytes = Buffer.concat([...blocks, zeros]);
        const layer = layerOutcome(bytes);
        const archive = await archiveOutcome(bytes);
        if (!layer.refused && !archive.refused) {
          // Sparse files: a file to the scanner, "other" to the archive index (and sized differently).
          const sparse = new Set(archive.rows.flatMap((r, i) => (r[1] === 'other' && layer.rows[i]?.[1] === 'file' ? [i] : [])));
          expect(archive.rows.filter((_, i) => !sparse.has(i))).toEqual(layer.rows.filter((_, i) => !sparse.has(i)));
          expect(archive.rows.length).toBe(layer.rows.length);
        } else {
          // A first block that is no header at all: the index says "not a tar archive", the scanner refuses too.
          expect(archive.refused, JSON.stringify({ layer, archive })).toBe(layer.refused);
        }
        if (!layer.refused) for (const [, kind, size] of layer.rows) if (kind !== 'file') expect(size).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });

  it('gzip of a fixture-like layer: the same entries through both paths', async () => {
    const bytes = writeTar([
      { name: 'etc/', type: '5' },
      { name: 'etc/passwd', type: '0', data: Buffer.from('root:x:0:0\n') },
      { name: 'bin/sh', type: '2', linkname: '/bin/busybox' },
      { name: 'usr/' + 'deep/'.repeat(40) + 'file', type: '0', data: Buffer.from('deep') },
    ]);
    expect(layerOutcome(zlib.gunzipSync(zlib.gzipSync(bytes)))).toEqual(await archiveOutcome(bytes));
  });
});

describe('decompressed-spool.ts', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-handle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the archive from the checked handle, not its path (hostile: the path swapped for a FIFO after the check blocked)', async () => {
    const archive = path.join(dir, 'image.tar.gz');
    const tar = writeTar([{ name: 'manifest.json', type: '0', data: Buffer.from('[]') }]);
    writeFileSync(archive, zlib.gzipSync(tar));
    const handle = await open(archive);
    try {
      // Between the check and the read, the name now points at a FIFO with no writer.
      rmSync(archive);
      execFileSync('mkfifo', [archive]);
      const spool = await spoolDecompressed(handle, 'gzip', 'image.tar.gz');
      try {
        expect(spool.length).toBe(tar.length);
      } finally {
        await spool.close();
      }
    } finally {
      await handle.close();
    }
  });
});
