/**
 * Package attribution, pure parts: the database parsers (dpkg, apk, npm, Python), version order,
 * what the scan captures, and which packages a layer changed with their bytes. Hostile inputs are
 * named tests; fast-check checks the parsers never throw and the version orders are orders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeDeep } from '../../src/layers/deep.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import { emptyLayerIndex, type LayerIndex } from '../../src/layers/layer-index.js';
import { parseApkInstalled } from '../../src/layers/packages/apk.js';
import { packageChanges, packageStates } from '../../src/layers/packages/attribution.js';
import { isPackageDatabase, recordsOf } from '../../src/layers/packages/capture.js';
import { listFileOwner, parseDpkgList, parseDpkgStatus } from '../../src/layers/packages/dpkg.js';
import { npmOwnerDir, npmPackageDir, parseNpmPackageJson } from '../../src/layers/packages/npm.js';
import { parseRecord, pythonFileKind, pythonRecord } from '../../src/layers/packages/python.js';
import { PACKAGE_LIMITS } from '../../src/layers/packages/record.js';
import { compareApk, compareDpkg, comparePep440, compareSemver } from '../../src/layers/packages/versions.js';
import { buildTar, type TarEntrySpec } from '../helpers/tar-builder.js';

async function scan(entries: TarEntrySpec[]): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint: false });
  await scanner.write(buildTar(entries));
  return scanner.end();
}

const STATUS = `Package: jq
Status: install ok installed
Priority: optional
Architecture: amd64
Version: 1.6-2.1
Description: lightweight and flexible command-line JSON processor
 jq is like sed for JSON data
 .
 Version: 9.9 (a continuation line, not a field)

Package: gone
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: libc6
Status: install ok installed
Architecture: amd64
Multi-Arch: same
Version: 2.36-9+deb12u4
`;

describe('dpkg', () => {
  it('reads installed packages from a status file, not removed ones nor continuation lines', () => {
    expect(parseDpkgStatus(STATUS, 'var/lib/dpkg/status')).toEqual([
      { manager: 'dpkg', name: 'jq', version: '1.6-2.1', arch: 'amd64', source: 'var/lib/dpkg/status' },
      { manager: 'dpkg', name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', source: 'var/lib/dpkg/status' },
    ]);
  });

  it('reads a .list file, its package and architecture from the file name', () => {
    expect(listFileOwner('var/lib/dpkg/info/libc6:amd64.list')).toEqual({ name: 'libc6', arch: 'amd64' });
    expect(parseDpkgList('/.\n/usr\n/usr/bin/jq\n/usr/share/doc/jq/copyright\n', 'var/lib/dpkg/info/jq.list')).toEqual({
      manager: 'dpkg',
      name: 'jq',
      version: '',
      files: ['usr', 'usr/bin/jq', 'usr/share/doc/jq/copyright'],
      source: 'var/lib/dpkg/info/jq.list',
    });
  });

  it('reads a distroless status.d package with its files from the .md5sums beside it', () => {
    const records = recordsOf([
      { path: 'var/lib/dpkg/status.d/libssl3', data: Buffer.from('Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n') },
      {
        path: 'var/lib/dpkg/status.d/libssl3.md5sums',
        data: Buffer.from('0123456789abcdef0123456789abcdef  usr/lib/x86_64-linux-gnu/libssl.so.3\nnot a line\n'),
      },
    ]);
    expect(records).toEqual([
      { manager: 'dpkg', name: 'libssl3', version: '3.0.11-1~deb12u2', arch: 'amd64', source: 'var/lib/dpkg/status.d/libssl3' },
      { manager: 'dpkg', name: 'libssl3', version: '', files: ['usr/lib/x86_64-linux-gnu/libssl.so.3'], source: 'var/lib/dpkg/status.d/libssl3.md5sums' },
    ]);
    const states = packageStates([{ ...emptyLayerIndex(), packages: records }], [0]);
    expect(states.get(0)!.owners.get('usr/lib/x86_64-linux-gnu/libssl.so.3')).toBeDefined();
  });

  it('refuses paths that climb out of the root (hostile: ../ in a .list)', () => {
    expect(parseDpkgList('/../../etc/passwd\n../x\n', 'var/lib/dpkg/info/evil.list')!.files).toEqual(['etc/passwd', 'x']);
  });

  it('drops records with an over-long name or version (hostile: 1 MB field)', () => {
    const text = `Package: ${'a'.repeat(1_000_000)}\nVersion: 1\n\nPackage: ok\nVersion: ${'9'.repeat(300)}\n\nPackage: fine\nVersion: 1\n`;
    expect(parseDpkgStatus(text, 's').map((r) => r.name)).toEqual(['fine']);
  });

  it('stops at the record cap (hostile: 200,000 stanzas)', () => {
    const text = 'Package: p\nVersion: 1\n\n'.repeat(200_000);
    expect(parseDpkgStatus(text, 's')).toHaveLength(PACKAGE_LIMITS.records);
  });
});

describe('apk', () => {
  const INSTALLED =
    'C:Q1x=\nP:musl\nV:1.1.24-r2\nA:x86_64\nF:lib\nR:libc.musl-x86_64.so.1\nR:ld-musl-x86_64.so.1\n\nP:busybox\nV:1.31.1-r9\nF:bin\nR:busybox\nF:etc\nR:securetty\n';
  it('reads P:/V:/A: and the F:/R: file list', () => {
    expect(parseApkInstalled(INSTALLED, 'lib/apk/db/installed')).toEqual([
      {
        manager: 'apk',
        name: 'musl',
        version: '1.1.24-r2',
        arch: 'x86_64',
        files: ['lib/libc.musl-x86_64.so.1', 'lib/ld-musl-x86_64.so.1'],
        source: 'lib/apk/db/installed',
      },
      { manager: 'apk', name: 'busybox', version: '1.31.1-r9', files: ['bin/busybox', 'etc/securetty'], source: 'lib/apk/db/installed' },
    ]);
  });
  it('ignores R: names with a slash (hostile: R:../../etc/shadow)', () => {
    expect(parseApkInstalled('P:x\nV:1\nF:usr\nR:../../etc/shadow\nR:ok\n', 's')[0]!.files).toEqual(['usr/ok']);
  });
});

describe('npm', () => {
  it('knows package manifests from other package.json files', () => {
    expect(npmPackageDir('app/node_modules/left-pad/package.json')).toBe('app/node_modules/left-pad');
    expect(npmPackageDir('app/node_modules/@types/node/package.json')).toBe('app/node_modules/@types/node');
    expect(npmPackageDir('app/node_modules/left-pad/lib/package.json')).toBeNull();
    expect(npmPackageDir('app/package.json')).toBeNull();
    expect(npmPackageDir('app/node_modules/.bin/package.json')).toBeNull();
  });
  it('gives a file to its package, not to the package whose node_modules holds it', () => {
    expect(npmOwnerDir('app/node_modules/a/index.js')).toBe('app/node_modules/a');
    expect(npmOwnerDir('app/node_modules/a/node_modules/b/lib/x.js')).toBe('app/node_modules/a/node_modules/b');
    expect(npmOwnerDir('app/node_modules/@s/p/x.js')).toBe('app/node_modules/@s/p');
    expect(npmOwnerDir('app/node_modules/a')).toBeNull();
    expect(npmOwnerDir('app/src/node_modules_x/a.js')).toBeNull();
  });
  it('reads name and version; a manifest that is not JSON is no package (hostile: deep nesting)', () => {
    const dir = 'node_modules/is-number';
    expect(parseNpmPackageJson(Buffer.from('{"name":"is-number","version":"7.0.0"}'), `${dir}/package.json`)).toEqual({
      manager: 'npm',
      name: 'is-number',
      version: '7.0.0',
      dir,
      source: `${dir}/package.json`,
    });
    expect(parseNpmPackageJson(Buffer.from('['.repeat(100_000)), `${dir}/package.json`)).toBeNull();
    expect(parseNpmPackageJson(Buffer.from('{"name": 5}'), `${dir}/package.json`)!.name).toBe('is-number');
  });
});

describe('python', () => {
  it('reads METADATA and RECORD, paths relative to the site directory', () => {
    const dir = 'usr/lib/python3/site-packages/six-1.16.0.dist-info';
    expect(pythonFileKind(`${dir}/RECORD`)).toEqual({ kind: 'record', dir });
    expect(pythonFileKind('opt/six-1.16.0.dist-info/RECORD')).toBeNull();
    const record = pythonRecord(dir, {
      metadata: 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n\nName: not-this\n',
      record: 'six.py,sha256=x,34549\n"we,ird.py",,\nsix-1.16.0.dist-info/RECORD,,\n../../../bin/six-tool,,\n',
    });
    expect(record).toEqual({
      manager: 'python',
      name: 'six',
      version: '1.16.0',
      dir,
      source: `${dir}/METADATA`,
      files: ['usr/lib/python3/site-packages/six.py', 'usr/lib/python3/site-packages/we,ird.py', `${dir}/RECORD`, 'usr/bin/six-tool'],
    });
  });
  it('falls back to the directory name without METADATA', () => {
    expect(pythonRecord('x/dist-packages/foo_bar-2.0.dist-info', { record: '' })).toMatchObject({ name: 'foo_bar', version: '2.0' });
  });
  it('never leaves the root (hostile: RECORD climbing with ..)', () => {
    expect(parseRecord('../../../../../../etc/shadow,,\n', 'usr/lib/site-packages')).toEqual(['etc/shadow']);
  });
});

describe('version order', () => {
  it('orders dpkg versions by Debian rules (epoch, ~, letters before symbols)', () => {
    const ordered = ['1.0~rc1-1', '1.0-1', '1.0-1+b1', '1.0a-1', '1.0+dfsg-1', '1.0.1-1', '1.10-1', '2.0-1', '1:0.1-1'];
    for (let i = 0; i + 1 < ordered.length; i++) expect(compareDpkg(ordered[i]!, ordered[i + 1]!), `${ordered[i]} < ${ordered[i + 1]}`).toBe(-1);
    expect(compareDpkg('3.11.2-6+deb12u8', '3.11.2-6+deb12u10')).toBe(-1);
    expect(compareDpkg('1.0-1', '1.0-1')).toBe(0);
    expect(compareDpkg('not a version', '1.0')).toBeNull();
  });
  it('orders apk, semver and PEP 440 versions', () => {
    expect(compareApk('1.1.22-r3', '1.1.24-r2')).toBe(-1);
    expect(compareApk('1.2.3_rc1-r0', '1.2.3-r0')).toBe(-1);
    expect(compareApk('1.2.3_p1-r0', '1.2.3-r0')).toBe(1);
    expect(compareApk('20190108-r0', '20191127-r1')).toBe(-1);
    expect(compareSemver('7.0.0', '6.0.0')).toBe(1);
    expect(compareSemver('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(compareSemver('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(compareSemver('latest', '1.0.0')).toBeNull();
    expect(comparePep440('1.0.dev1', '1.0a1')).toBe(-1);
    expect(comparePep440('1.0a1', '1.0')).toBe(-1);
    expect(comparePep440('1.0', '1.0.post1')).toBe(-1);
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('2!0.1', '10.0')).toBe(1);
  });
  it('each order is antisymmetric and never throws on any string', () => {
    const version = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9][0-9a-z.+~:_-]{0,15}$/));
    fc.assert(
      fc.property(version, version, (a, b) => {
        for (const cmp of [compareDpkg, compareApk, compareSemver, comparePep440]) {
          const x = cmp(a, b);
          const y = cmp(b, a);
          if (x === null) expect(y).toBeNull();
          else expect(x).toBe(-y! || 0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('capture', () => {
  it('picks database paths only', () => {
    for (const p of [
      'var/lib/dpkg/status',
      'var/lib/dpkg/status.d/base',
      'var/lib/dpkg/info/jq.list',
      'lib/apk/db/installed',
      'a/node_modules/x/package.json',
      'usr/lib/python3/dist-packages/a-1.dist-info/METADATA',
      'usr/lib/python3/dist-packages/a-1.egg-info/PKG-INFO',
    ])
      expect(isPackageDatabase(p), p).toBe(true);
    for (const p of [
      'var/lib/dpkg/status-old',
      'var/lib/dpkg/status.d/x/y',
      'var/lib/dpkg/info/jq.md5sums',
      'usr/bin/installed',
      'package.json',
      'x/METADATA',
      'usr/share/doc/a.list',
    ])
      expect(isPackageDatabase(p), p).toBe(false);
  });
  it('parsers never throw on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(
          'var/lib/dpkg/status',
          'var/lib/dpkg/info/x.list',
          'lib/apk/db/installed',
          'node_modules/x/package.json',
          'usr/lib/site-packages/x-1.dist-info/RECORD',
        ),
        (data, path) => {
          const records = recordsOf([{ path, data }]);
          expect(Array.isArray(records)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('keeps a database file over the per-file cap out, and the scan goes on (hostile: 9 MiB status)', async () => {
    const big = Buffer.alloc(PACKAGE_LIMITS.fileBytes + 1, 0x20);
    const index = await scan([
      { path: 'var/lib/dpkg/status', body: big },
      { path: 'lib/apk/db/installed', body: 'P:a\nV:1\n' },
      { path: 'usr/bin/x', body: 'x' },
    ]);
    expect(index.count).toBe(3);
    expect(index.packages).toEqual([{ manager: 'apk', name: 'a', version: '1', files: [], source: 'lib/apk/db/installed' }]);
  });
  it('an ordinary layer carries no package records', async () => {
    expect((await scan([{ path: 'usr/bin/x', body: 'x' }])).packages).toBeNull();
  });
});

describe('attribution', () => {
  const status = (...pkgs: Array<[string, string]>): string => pkgs.map(([n, v]) => `Package: ${n}\nStatus: install ok installed\nVersion: ${v}\n`).join('\n');
  const list = (...paths: string[]): string => paths.map((p) => `/${p}`).join('\n');

  it('names what a layer installed, upgraded and removed, with the bytes its files hold in that layer', async () => {
    const base0 = await scan([
      { path: 'bin', type: 'SymbolicLink', linkpath: 'usr/bin' },
      { path: 'var/lib/dpkg/status', body: status(['old', '1.0-1'], ['tool', '1.0-1']) },
      { path: 'var/lib/dpkg/info/old.list', body: list('usr/share/old') },
      { path: 'var/lib/dpkg/info/tool.list', body: list('bin/tool') },
      { path: 'usr/bin/tool', body: 'x'.repeat(100) },
      { path: 'usr/share/old', body: 'o'.repeat(50) },
    ]);
    const head1 = await scan([
      { path: 'var/lib/dpkg/status', body: status(['tool', '2.0-1'], ['new', '0.1-1']) },
      { path: 'var/lib/dpkg/info/.wh.old.list' },
      { path: 'usr/share/.wh.old' },
      { path: 'var/lib/dpkg/info/tool.list', body: list('bin/tool') },
      { path: 'var/lib/dpkg/info/new.list', body: list('usr/lib/new.so') },
      { path: 'usr/bin/tool', body: 'x'.repeat(300) },
      { path: 'usr/lib/new.so', body: 'n'.repeat(1000) },
      { path: 'etc/stray', body: 's'.repeat(7) },
    ]);
    const states = packageStates([base0, head1], [-1, 0, 1]);
    const added = packageChanges(states.get(0)!, null, states.get(1)!, head1)!;
    expect(added.changes.map((c) => [c.name, c.change, c.baseVersion, c.headVersion, c.bytes, c.delta])).toEqual([
      ['new', 'added', null, '0.1-1', 1000, 1000],
      ['tool', 'upgraded', '1.0-1', '2.0-1', 300, 300],
      ['old', 'removed', '1.0-1', null, 0, 0],
    ]);
    // Database files themselves are files no package owns.
    const dbBytes = head1.paths.reduce((s, p, i) => (p.startsWith('var/lib/dpkg/') ? s + head1.sizes[i]! : s), 0);
    expect(added.otherBytes).toBe(7 + dbBytes);
    // The first layer against nothing: every package added, bytes through the merged-/usr symlink.
    const first = packageChanges(states.get(-1)!, null, states.get(0)!, base0)!;
    expect(first.changes.find((c) => c.name === 'tool')).toMatchObject({ change: 'added', bytes: 100 });
  });

  it('reports changed rows against the aligned base layer through analyzeDeep', async () => {
    const shared = await scan([{ path: 'app/package.json', body: '{}' }]);
    const base1 = await scan([
      { path: 'app/node_modules/is-number/package.json', body: '{"name":"is-number","version":"7.0.0"}' },
      { path: 'app/node_modules/is-number/index.js', body: 'x'.repeat(400) },
    ]);
    const head1 = await scan([
      { path: 'app/node_modules/is-number/package.json', body: '{"name":"is-number","version":"6.0.0"}' },
      { path: 'app/node_modules/is-number/index.js', body: 'x'.repeat(300) },
      { path: 'app/node_modules/left-pad/package.json', body: '{"name":"left-pad","version":"1.3.0"}' },
      { path: 'app/node_modules/left-pad/index.js', body: 'y'.repeat(50) },
      { path: 'app/node_modules/left-pad/node_modules/z/index.js', body: 'z'.repeat(9) },
    ]);
    const ref = (index: number, diffId: string) => ({
      index,
      diffId,
      digest: null,
      mediaType: null,
      size: 0,
      compressedSize: null,
      contentSize: null,
      createdBy: null,
      files: null,
    });
    const { rowPackages } = analyzeDeep({
      head: { diffIds: ['s', 'h'], createdBy: [null, null] },
      base: { diffIds: ['s', 'b'], createdBy: [null, null], readable: true },
      rows: [
        { status: 'unchanged', base: ref(0, 's'), head: ref(0, 's'), delta: { size: 0, compressedSize: null } },
        { status: 'changed', base: ref(1, 'b'), head: ref(1, 'h'), delta: { size: 0, compressedSize: null } },
      ],
      indexes: new Map([
        ['s', shared],
        ['b', base1],
        ['h', head1],
      ]),
    });
    expect(rowPackages[0]).toBeUndefined();
    const p = rowPackages[1]!;
    expect(p.changes.map((c) => [c.name, c.change, c.bytes, c.delta])).toEqual([
      ['is-number', 'downgraded', 300 + 38, 300 + 38 - 400 - 38],
      ['left-pad', 'added', 50 + 37, 50 + 37],
    ]);
    expect(p.otherBytes).toBe(9);
    expect(p.otherDelta).toBe(9);
  });
});

describe('package wording', () => {
  it('lists the top packages per layer in Markdown and text, every name and version as code', async () => {
    const { richReport, poison } = await import('./report-hostile.js');
    const { renderMarkdown } = await import('../../src/report/markdown.js');
    const { renderText } = await import('../../src/report/text.js');
    const report = richReport();
    const md = renderMarkdown(report);
    expect(md).toContain('#### Packages');
    expect(md).toContain('- **+64 MB** `gcc-12` `12.2.0-14` (dpkg, added)');
    expect(md).toContain('- **+20 kB** `libc6` `2.36-9` → `2.36-9+deb12u4` (dpkg, upgraded)');
    expect(md).toContain('- **-580 kB** `musl` `1.1.22-r3` (apk, removed)');
    expect(md).toContain('- _… 3 more packages; every row is in the JSON report (`--format json`)_');
    expect(md).toContain('- **+1.2 MB** in files no package owns');
    const text = renderText(report);
    expect(text).toContain('+64 MB  added      gcc-12 12.2.0-14 (dpkg)');
    expect(text).toContain('+20 kB  upgraded   libc6 2.36-9 -> 2.36-9+deb12u4 (dpkg)');
    // A forged manager or change word shows as code, never as Markdown.
    const forged = poison(report, '**x** [a](http://e) @team', 'enums');
    const forgedMd = renderMarkdown(forged);
    const forgedLines = forgedMd.split('\n').filter((l) => l.startsWith('- **') && l.includes('(`'));
    expect(forgedLines.length).toBeGreaterThan(0);
    const code = '`**x** [a](http://e) @team`';
    expect(forgedLines[0]).toBe(`- **+64 MB** ${code} ${code} (${code}, ${code})`);
  });
});

describe('run budget', () => {
  it('turns package attribution off for the whole run past the budget, never half of it (hostile: layers of huge .list files)', async () => {
    const { Readable } = await import('node:stream');
    const { scanAll } = await import('../../src/layers/scan-pool.js');
    const lines = (tag: string): string => Array.from({ length: 190_000 }, (_, i) => `/d/${tag}${i}`).join('\n');
    const layer = (n: number): Buffer =>
      buildTar([
        { path: 'var/lib/dpkg/status', body: 'Package: a\nVersion: 1\n' },
        { path: `var/lib/dpkg/info/a${n}.list`, body: lines(`a${n}-`) },
        { path: `var/lib/dpkg/info/b${n}.list`, body: lines(`b${n}-`) },
      ]);
    const job = (n: number) => ({ subject: `layer ${n}`, fingerprint: false, open: () => Promise.resolve(Readable.from([layer(n)])) });
    const two = await scanAll([job(1), job(2)], { workerUrl: null });
    expect(two.every((l) => (l.packages?.length ?? 0) === 3)).toBe(true);
    const three = await scanAll([job(1), job(2), job(3)], { workerUrl: null });
    expect(three.map((l) => l.packages)).toEqual([null, null, null]);
    expect(three.map((l) => l.count)).toEqual([3, 3, 3]);
  }, 60_000);
});

describe('package wording under the comment limit', () => {
  it('a forged report with 2,000 layers of 500 package changes each stays under the limit (hostile: size)', async () => {
    const { richReport, poison } = await import('./report-hostile.js');
    const { renderMarkdown } = await import('../../src/report/markdown.js');
    const rich = poison(richReport(), '@evil #1 <img src=x>', 'strings');
    const row = rich.layers.find((r) => r.packages)!;
    const packages = { ...row.packages!, changes: Array.from({ length: 500 }, () => row.packages!.changes[0]!) };
    rich.layers = Array.from({ length: 2000 }, () => ({ ...row, packages }));
    for (const maxLength of [65_000, 6000]) {
      const body = renderMarkdown(rich, { maxLength });
      expect(body.length).toBeLessThanOrEqual(maxLength);
      if (maxLength === 65_000) expect(body).toContain('#### Packages');
    }
  });
});
