/**
 * The deep snapshot's file-index codec (src/layers/index-codec.ts): what is encoded decodes to the
 * same LayerIndex (fast-check over random indexes, extra plain fields carried through), and a
 * hostile index (wrong column lengths, huge counts, bad paths, links that point nowhere, a path
 * bomb of front-coded prefixes) is refused with the field it is wrong at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLayerIndex, encodeLayerIndex, FileIndexError, MAX_INDEX_PATH_CHARS, newDecodeBudget, type FileIndexJson } from '../../src/layers/index-codec.js';
import { EntryKind, LayerIndexBuilder, MAX_DEEP_ENTRIES, type LayerIndex } from '../../src/layers/layer-index.js';

const BYTES = { tarBytes: 4096, storedBytes: 1000, compression: 'gzip' as const };

function sample(extra: Record<string, unknown> = {}): LayerIndex {
  const b = new LayerIndexBuilder(true);
  b.add('usr', EntryKind.dir, 0, 0o755, 0, 0, null);
  b.add('usr/bin', EntryKind.dir, 0, 0o755, 0, 0, null);
  b.setCrc(b.add('usr/bin/app', EntryKind.file, 1234, 0o4755, 1000, 1000, null), 0xdeadbeef);
  b.add('usr/bin/app2', EntryKind.hardlink, 0, 0o755, 0, 0, 'usr/bin/app');
  b.add('usr/bin/sh', EntryKind.symlink, 0, 0o777, 0, 0, '../../bin/busybox');
  b.setCrc(b.add('usr/bin/\u00e9t\u00e9 \ud83d\ude00', EntryKind.file, 7, 0o644, 0, 0, null), -5);
  b.add('etc/.wh.passwd', EntryKind.file, 0, 0o644, 0, 0, null);
  return Object.assign(b.finish(BYTES), extra);
}

function roundTrip(index: LayerIndex): LayerIndex {
  const json = JSON.parse(JSON.stringify(encodeLayerIndex(index))) as FileIndexJson;
  return decodeLayerIndex(json, BYTES, newDecodeBudget(), '/layers/0/fileIndex');
}

function decodeError(json: FileIndexJson, budget = newDecodeBudget()): string {
  try {
    decodeLayerIndex(json, BYTES, budget, '/layers/0/fileIndex');
  } catch (error) {
    expect(error).toBeInstanceOf(FileIndexError);
    return (error as Error).message;
  }
  throw new Error('decoded');
}

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');

describe('file index codec', () => {
  it('round-trips every column, link and the extra plain fields (a fake packages field)', () => {
    const packages = [{ name: 'busybox', version: '1.36.1-r0', manager: 'apk', files: ['usr/bin/app'], source: 'lib/apk/db/installed' }];
    const index = sample({ packages });
    const back = roundTrip(index);
    expect(back.paths).toEqual(index.paths);
    expect([...back.kinds]).toEqual([...index.kinds]);
    expect([...back.sizes]).toEqual([...index.sizes]);
    expect([...back.modes]).toEqual([...index.modes]);
    expect([...back.uids]).toEqual([...index.uids]);
    expect([...back.gids]).toEqual([...index.gids]);
    expect([...back.crcs!]).toEqual([...index.crcs!]);
    expect([...back.links]).toEqual([...index.links]);
    expect(back.contentBytes).toBe(index.contentBytes);
    expect(back).toMatchObject(BYTES);
    expect((back as unknown as { packages: unknown }).packages).toEqual(packages);
  });

  it('writes all-zero owners and missing fingerprints as null, and front-codes paths', () => {
    const b = new LayerIndexBuilder(false);
    b.add('usr/share/doc/a', EntryKind.file, 1, 0o644, 0, 0, null);
    b.add('usr/share/doc/b', EntryKind.file, 2, 0o644, 0, 0, null);
    const json = encodeLayerIndex(b.finish(BYTES));
    expect(json).toMatchObject({ uids: null, gids: null, crcs: null, suffix: ['usr/share/doc/a', 'b'] });
    const back = roundTrip(b.finish(BYTES));
    expect(back.crcs).toBeNull();
    expect([...back.uids]).toEqual([0, 0]);
  });

  it('round-trips random indexes (fast-check), long shared prefixes past 65,535 characters included', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._\u00e9\u4e00-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    const entry = fc.record({
      path: fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/')),
      kind: fc.constantFrom(EntryKind.file, EntryKind.dir, EntryKind.symlink, EntryKind.hardlink, EntryKind.fifo),
      size: fc.integer({ min: 0, max: 2 ** 40 }),
      mode: fc.integer({ min: 0, max: 0o7777 }),
      uid: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      crc: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.boolean(), (entries, long) => {
        const b = new LayerIndexBuilder(true);
        const stem = long ? 'x'.repeat(70_000) + '/' : '';
        for (const e of entries) {
          const link = e.kind === EntryKind.symlink || e.kind === EntryKind.hardlink ? `t/${e.path}` : null;
          const i = b.add(stem + e.path, e.kind, e.kind === EntryKind.file ? e.size : 0, e.mode, e.uid, e.uid, link);
          if (e.kind === EntryKind.file) b.setCrc(i, e.crc);
        }
        const index = b.finish(BYTES);
        const back = roundTrip(index);
        expect(back.paths).toEqual(index.paths);
        expect([...back.sizes]).toEqual([...index.sizes]);
        expect([...back.crcs!]).toEqual([...index.crcs!]);
        expect([...back.uids]).toEqual([...index.uids]);
        expect([...back.links]).toEqual([...index.links]);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('refuses a column shorter or longer than count (hostile: wrong column lengths)', () => {
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, sizes: [0] })).toMatch(/\/fileIndex\/sizes: holds 1 values for 7 entries/);
    expect(decodeError({ ...json, kinds: b64([0, 1, 2, 3, 0, 0, 0, 0]) })).toMatch(/kinds: holds 8 values for 7/);
    expect(decodeError({ ...json, suffix: json.suffix.slice(1) })).toMatch(/suffix: holds 6 values for 7/);
    expect(decodeError({ ...json, crcs: '' })).toMatch(/crcs: holds 0 values/);
  });

  it('refuses a count past the entry cap before allocating (hostile: huge counts)', () => {
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, count: MAX_DEEP_ENTRIES + 1 })).toMatch(/count: more entries than a deep scan indexes/);
    // The cap is over all the layers of a snapshot: two layers of half the cap and one more entry.
    const budget = newDecodeBudget();
    budget.entries = 6;
    expect(decodeError(json, budget)).toMatch(/count: more entries/);
  });

  it('refuses paths that are not normalised (hostile: "..", absolute, empty segments)', () => {
    const json = encodeLayerIndex(sample());
    for (const bad of ['../etc/passwd', '/etc/passwd', 'usr//bin', 'usr/./bin', 'usr/bin/']) {
      // Every path in full (prefix 0), the first one hostile.
      const suffix = [bad, ...sample().paths.slice(1)];
      expect(decodeError({ ...json, suffix, prefix: b64(new Array(14).fill(0)) })).toMatch(/suffix\/0: not a normalised path/);
    }
  });

  it('refuses a prefix longer than the previous path (hostile: front coding out of range)', () => {
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, prefix: b64([9, 0, ...new Array(12).fill(0)]) })).toMatch(/prefix: entry 0 shares 9 characters with a path of 0/);
  });

  it('bounds the decoded path characters (hostile: a front-coded path bomb)', () => {
    // 60,000-character stem shared by every entry: 2,000 entries decode to 120 M characters from ~40 kB of JSON.
    const n = 2000;
    const prefix = Buffer.alloc(n * 2);
    for (let i = 1; i < n; i++) prefix.writeUInt16LE(60_000, i * 2);
    const json: FileIndexJson = {
      format: 'layerdiff/file-index@1',
      count: n,
      prefix: prefix.toString('base64'),
      suffix: ['a'.repeat(60_000) + '/0', ...Array.from({ length: n - 1 }, (_, i) => `/${i + 1}`)],
      kinds: Buffer.alloc(n, EntryKind.file).toString('base64'),
      modes: Buffer.alloc(n * 2).toString('base64'),
      sizes: new Array<number>(n).fill(0),
      uids: null,
      gids: null,
      crcs: null,
      links: { at: [], to: [] },
    };
    expect(decodeError(json)).toContain(`paths longer than ${MAX_INDEX_PATH_CHARS} characters in all`);
  });

  it('refuses unknown kinds, modes beyond permission bits, sizes on non-files and unsafe sizes (hostile: bad columns)', () => {
    const json = encodeLayerIndex(sample());
    const kinds = Buffer.from(json.kinds, 'base64');
    kinds[0] = 9;
    expect(decodeError({ ...json, kinds: kinds.toString('base64') })).toMatch(/kinds: entry 0 has unknown kind 9/);
    const modes = Buffer.from(json.modes, 'base64');
    modes.writeUInt16LE(0o17777, 0);
    expect(decodeError({ ...json, modes: modes.toString('base64') })).toMatch(/modes: entry 0 has mode 17777/);
    const sizes = [...json.sizes];
    sizes[0] = 10; // entry 0 is a directory
    expect(decodeError({ ...json, sizes })).toMatch(/sizes: entry 0 is not a regular file but has 10 bytes/);
    sizes[0] = 0;
    sizes[2] = 2 ** 53;
    expect(decodeError({ ...json, sizes })).toMatch(/sizes: entry 2 has size 9007199254740992/);
    sizes[2] = -1;
    expect(decodeError({ ...json, sizes })).toMatch(/sizes: entry 2 has size -1/);
    sizes[2] = 1.5;
    expect(decodeError({ ...json, sizes })).toMatch(/sizes: entry 2 has size 1.5/);
  });

  it('refuses links out of range, out of order, on non-links or without targets (hostile: links)', () => {
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, links: { at: [3, 4], to: ['x'] } })).toMatch(/links: 2 positions for 1 targets/);
    expect(decodeError({ ...json, links: { at: [99], to: ['x'] } })).toMatch(/links\/at\/0: position 99 is out of order or past 7 entries/);
    expect(decodeError({ ...json, links: { at: [4, 3], to: ['x', 'y'] } })).toMatch(/links\/at\/1: position 3 is out of order/);
    expect(decodeError({ ...json, links: { at: [2], to: ['x'] } })).toMatch(/links\/at\/0: entry 2 is not a link/);
  });

  it('drops extra fields nobody checks, and refuses a packages field of the wrong shape (hostile: unchecked extras)', () => {
    const back = roundTrip(sample({ somethingNew: { a: 1 }, packages: null }));
    expect('somethingNew' in back).toBe(false);
    expect((back as unknown as { packages: unknown }).packages).toBeNull();
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, extra: { packages: 'apk' } })).toMatch(/extra\/packages: not null or a list of package records/);
    expect(decodeError({ ...json, extra: { packages: [1, 2] } })).toMatch(/extra\/packages: package record 0: not an object/);
  });

  it('checks every package record a deep snapshot brings back (hostile: records the parsers would never make)', () => {
    const json = encodeLayerIndex(sample());
    const ok = { manager: 'dpkg', name: 'jq', version: '1.6-2.1', arch: 'amd64', source: 'var/lib/dpkg/status' };
    const bad = (record: Record<string, unknown>) => decodeError({ ...json, extra: { packages: [ok, record] } });
    expect(bad({ ...ok, manager: 'rpm' })).toMatch(/package record 1: manager/);
    expect(bad({ ...ok, name: '' })).toMatch(/package record 1: bad name/);
    expect(bad({ ...ok, name: ' jq' })).toMatch(/package record 1: bad name/);
    expect(bad({ ...ok, version: 'x'.repeat(257) })).toMatch(/package record 1: bad version/);
    expect(bad({ ...ok, version: 7 })).toMatch(/package record 1: bad version/);
    expect(bad({ ...ok, files: 'usr/bin/jq' })).toMatch(/package record 1: files is not a list/);
    expect(bad({ ...ok, files: ['../etc/shadow'] })).toMatch(/package record 1: bad file path/);
    expect(bad({ ...ok, files: ['/usr/bin/jq'] })).toMatch(/package record 1: bad file path/);
    expect(bad({ ...ok, dir: 'a//b' })).toMatch(/package record 1: bad dir path/);
    expect(bad({ ...ok, source: 7 })).toMatch(/package record 1: bad source path/);
    expect(bad({ ...ok, bytes: 1 })).toMatch(/package record 1: unknown field/);
    expect(bad({ ...ok, files: Array.from({ length: 500_001 }, () => 'a') })).toMatch(/more than 500000 listed package paths/);
    expect(decodeError({ ...json, extra: { packages: Array.from({ length: 100_001 }, () => ok) } })).toMatch(/more than 100000 package records/);
    expect(roundTrip(sample({ packages: [ok, { ...ok, name: 'libjq1', files: ['usr/lib/libjq.so.1'] }] }))).toBeDefined();
  });

  it('refuses an extra field named like a column (hostile: extra overriding count or paths)', () => {
    const json = encodeLayerIndex(sample());
    expect(decodeError({ ...json, extra: { paths: [] } })).toMatch(/extra\/paths: not a field an index may carry/);
    expect(decodeError({ ...json, extra: { __proto__x: 1 } })).toMatch(/not a field an index may carry/);
  });
});
