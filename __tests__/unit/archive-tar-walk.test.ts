import { describe, expect, it } from 'vitest';
import { StreamByteReader } from '../../src/sources/archive/byte-reader.js';
import { walkTar } from '../../src/sources/archive/tar-walk.js';
import { base256, buildArchive, paxRecord, type TarMember } from '../helpers/image-tar-builder.js';

/** Feeds the walker in awkward chunk sizes, as a gunzip stream would. */
function reader(bytes: Buffer, chunk = 333): StreamByteReader {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  return new StreamByteReader(chunks);
}

async function walk(members: TarMember[], extra: Buffer = Buffer.alloc(0)) {
  return (await walkTar(reader(Buffer.concat([buildArchive(members), extra])), { subject: 'x.tar' })).entries;
}

describe('walkTar', () => {
  it('records path, kind, body offset, size and the first four bytes', async () => {
    const entries = await walk([
      { path: './dir/', type: '5' },
      { path: './dir/file.json', body: '{"a":1}' },
      { path: 'dir/link', type: '2', linkpath: 'file.json' },
      { path: 'dir/hard', type: '1', linkpath: 'dir/file.json' },
      { path: 'empty', body: '' },
    ]);
    expect(entries.map((e) => [e.path, e.kind, e.offset, e.size, e.linkpath, e.head.toString()])).toEqual([
      ['dir', 'directory', 512, 0, null, ''],
      ['dir/file.json', 'file', 1024, 7, null, '{"a"'],
      ['dir/link', 'symlink', 2048, 0, 'file.json', ''],
      ['dir/hard', 'hardlink', 2560, 0, 'dir/file.json', ''],
      ['empty', 'file', 3072, 0, null, ''],
    ]);
  });

  it('applies PAX path and size records to the next entry only', async () => {
    const long = `blobs/sha256/${'a'.repeat(64)}/${'b'.repeat(80)}`;
    const entries = await walk([
      { path: 'PaxHeader', type: 'x', body: paxRecord({ path: long }) },
      { path: 'short', body: 'hello' },
      { path: 'next', body: 'x' },
    ]);
    expect(entries.map((e) => e.path)).toEqual([long, 'next']);
  });

  it('applies global PAX records to every later entry but not their paths', async () => {
    const entries = await walk([
      { path: 'GlobalHead', type: 'g', body: paxRecord({ comment: 'hi', path: 'ignored' }) },
      { path: 'a', body: '1' },
    ]);
    expect(entries.map((e) => e.path)).toEqual(['a']);
  });

  it('understands GNU long names and long link targets', async () => {
    const longName = `${'d'.repeat(120)}/layer.tar`;
    const longTarget = `../${'t'.repeat(130)}.tar`;
    const entries = await walk([
      { path: '././@LongLink', type: 'L', body: `${longName}\0` },
      { path: '././@LongLink', type: 'K', body: `${longTarget}\0` },
      { path: 'truncated-name', type: '2', linkpath: 'truncated-target' },
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ path: longName, kind: 'symlink', linkpath: longTarget });
  });

  it('reads a base-256 size field', async () => {
    const entries = await walk([
      { path: 'f', body: 'abc', sizeField: base256(3) },
      { path: 'g', body: 'z' },
    ]);
    expect(entries.map((e) => [e.path, e.size])).toEqual([
      ['f', 3],
      ['g', 1],
    ]);
  });

  it('stops at the end-of-archive blocks and never reads what follows', async () => {
    const garbage = Buffer.from('this is not tar at all'.repeat(100));
    const entries = await walk([{ path: 'a', body: 'x' }], garbage);
    expect(entries.map((e) => e.path)).toEqual(['a']);
  });

  it('accepts an archive without end-of-archive blocks', async () => {
    const bytes = buildArchive([{ path: 'a', body: 'x' }], { end: false });
    const { entries } = await walkTar(reader(bytes), { subject: 'x.tar' });
    expect(entries).toHaveLength(1);
  });

  it('keeps a later member with the same path apart (occurrence)', async () => {
    const entries = await walk([
      { path: 'a', body: '1' },
      { path: './a', body: '22' },
    ]);
    expect(entries.map((e) => [e.path, e.occurrence, e.size])).toEqual([
      ['a', 0, 1],
      ['a', 1, 2],
    ]);
  });

  it('captures the bodies it is asked to keep', async () => {
    const bytes = buildArchive([
      { path: 'manifest.json', body: '[{"Config":"c"}]' },
      { path: 'layer.tar', body: 'binary' },
    ]);
    const { entries } = await walkTar(reader(bytes, 7), { subject: 'x.tar', capture: (e) => e.head[0] === 0x5b });
    expect(entries[0]?.data?.toString()).toBe('[{"Config":"c"}]');
    expect(entries[1]?.data).toBeUndefined();
  });

  it('stops at a chosen entry, positioned at its body', async () => {
    const bytes = buildArchive([
      { path: 'a', body: 'first' },
      { path: 'b', body: 'second body' },
    ]);
    const r = reader(bytes, 100);
    const { stoppedAt } = await walkTar(r, { subject: 'x.tar', stopAt: (e) => e.path === 'b' });
    expect(stoppedAt?.path).toBe('b');
    expect((await r.read(stoppedAt?.size ?? 0)).toString()).toBe('second body');
  });

  it('refuses a stream that ends inside a body', async () => {
    const bytes = buildArchive([{ path: 'a', body: 'x'.repeat(2000) }]).subarray(0, 1000);
    await expect(walkTar(reader(bytes), { subject: 'x.tar' })).rejects.toThrow(
      'x.tar: truncated archive: "a" at byte 0 claims 2000 bytes, the data ends after 488',
    );
  });

  it('refuses an oversized PAX record', async () => {
    const bytes = buildArchive([{ path: 'PaxHeader', type: 'x', body: 'x', claimedSize: 2 * 1024 * 1024 }]);
    await expect(walkTar(reader(bytes), { subject: 'x.tar' })).rejects.toThrow(/extended header for "PaxHeader" is 2097152 bytes; refusing/);
  });
});
