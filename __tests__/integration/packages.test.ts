/**
 * Package attribution on images built with real tools by scripts/make-package-fixtures.sh (cached
 * in the temp dir, keyed by the script's hash): Debian bookworm made with mmdebstrap, whose second
 * layer installs jq (base) or jq and python3-six (head); a node_modules layer from a real
 * `npm install` of is-number@7 (base) or is-number@6 and left-pad (head); a site-packages from a
 * real `pip install` of six (base) or six and idna (head); and the real Alpine
 * 3.10 → 3.11 pair. Each figure is checked against facts read by other tools: dpkg-query and the
 * extracted tree's `.list` files, the package.json files and file sizes of the npm and pip trees, and
 * `lib/apk/db/installed` and the layer's own listing read with tar.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerRow, PackageChanges, Report } from '../../src/core/report.js';
import { compareImages } from '../../src/engine.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { validateReport } from '../../src/schema/layerdiff-json.js';
import { realImage, realImagesDir } from '../helpers/real-images.js';
import { repoRoot } from '../helpers/repo-root.js';
import { needTools, prerequisite } from '../helpers/skip-policy.js';

const script = path.join(repoRoot, 'scripts', 'make-package-fixtures.sh');
const toolsMissing = needTools(['mmdebstrap', 'umoci', 'npm', 'jq', 'dpkg-query', 'python3']);
const skipReason =
  toolsMissing ?? prerequisite('tools', process.getuid?.() === 0 ? null : 'skipped: scripts/make-package-fixtures.sh needs root (mmdebstrap, umoci unpack)');

let dir = '';

function changedRow(report: Report): LayerRow & { packages: PackageChanges } {
  const rows = report.layers.filter((r) => r.status === 'changed');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.packages).toBeDefined();
  return rows[0] as LayerRow & { packages: PackageChanges };
}

/** name → version of the installed packages, as dpkg-query reads the tree's database. */
function dpkgQuery(root: string): Map<string, string> {
  const out = execFileSync('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f=${Package} ${Version} ${db:Status-Abbrev}\\n'], { encoding: 'utf8' });
  return new Map(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f[2]?.startsWith('ii'))
      .map((f) => [f[0]!, f[1]!]),
  );
}

/** Bytes of the regular files a package's `.list` names, stat'ed in the extracted tree (each real file once). */
function listedBytes(root: string, name: string): number {
  const info = path.join(root, 'var/lib/dpkg/info');
  const list = readdirSync(info).find((f) => f === `${name}.list` || (f.startsWith(`${name}:`) && f.endsWith('.list')));
  if (!list) return 0;
  const seen = new Set<string>();
  let sum = 0;
  for (const line of readFileSync(path.join(info, list), 'utf8').split('\n')) {
    if (line === '' || line === '/.') continue;
    const p = path.join(root, line);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const real = realpathSync(p);
    if (seen.has(real)) continue;
    seen.add(real);
    sum += st.size;
  }
  return sum;
}

/** Bytes of the regular files under `dir`, not descending into `node_modules`. */
function treeBytes(dir: string): number {
  let sum = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') sum += treeBytes(p);
    } else if (e.isFile()) sum += lstatSync(p).size;
  }
  return sum;
}

describe.skipIf(skipReason !== null)('package attribution on images built with real tools', () => {
  beforeAll(() => {
    // The first build reaches the Debian mirror and the npm registry (about a minute); later runs reuse the cache.
    dir = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 })
      .trim()
      .split('\n')
      .pop()!;
    expect(existsSync(path.join(dir, 'done'))).toBe(true);
  }, 15 * 60_000);

  it('names the Debian packages the head layer added, with the bytes of their .list files (dpkg-query, stat)', async () => {
    const report = await compareImages(path.join(dir, 'deb-base.oci.tar'), path.join(dir, 'deb-head.oci.tar'), { deep: true });
    const row = changedRow(report);
    const base = dpkgQuery(path.join(dir, 'rootfs-deb-base'));
    const head = dpkgQuery(path.join(dir, 'rootfs-deb-head'));
    const added = [...head].filter(([n]) => !base.has(n));
    expect(added.length).toBeGreaterThan(5);
    expect(added.map(([n]) => n)).toContain('python3-six');
    const dpkg = row.packages.changes.filter((c) => c.manager === 'dpkg');
    expect(new Map(dpkg.map((c) => [c.name, c.headVersion]))).toEqual(new Map(added));
    for (const c of dpkg) {
      expect(c.change).toBe('added');
      expect(c.bytes, c.name).toBe(listedBytes(path.join(dir, 'rootfs-deb-head'), c.name));
      expect(c.delta).toBe(c.bytes);
    }
    // python3-six ships six's egg-info: dpkg owns its files, so the Python record adds no bytes twice.
    expect(row.packages.changes.find((c) => c.manager === 'python')).toMatchObject({ name: 'six', headVersion: '1.16.0', change: 'added', bytes: 0 });
    const layerBytes = report.head.layers[1]!.contentSize!;
    const packageBytes = row.packages.changes.reduce((s, c) => s + c.bytes, 0);
    // jq, libjq1 and libonig5 are installed by layer 2 in both images: unchanged packages.
    expect(row.packages.unchangedBytes).toBe(['jq', 'libjq1', 'libonig5'].reduce((s, n) => s + listedBytes(path.join(dir, 'rootfs-deb-head'), n), 0));
    expect(row.packages.unchangedDelta).toBe(0);
    expect(packageBytes + row.packages.unchangedBytes + row.packages.otherBytes).toBe(layerBytes);
    // The published schema takes the new fields.
    expect(validateReport(JSON.parse(JSON.stringify(report)), 'deb.json').layers[1]!.packages).toEqual(row.packages);
    expect(renderText(report)).toMatch(/\+[\d.]+ MB {2}added {6}libpython3\.11-stdlib 3\.11\.\S+ \(dpkg\)/);
    expect(renderMarkdown(report)).toMatch(/\*\*\+[\d.]+ MB\*\* `libpython3\.11-stdlib` `3\.11\.[^`]+` \(dpkg, added\)/);
  });

  it('names the npm packages a layer added and downgraded, with the bytes of their directories (package.json, stat)', async () => {
    const report = await compareImages(path.join(dir, 'npm-base.oci.tar'), path.join(dir, 'npm-head.oci.tar'), { deep: true });
    const row = changedRow(report);
    const version = (tree: string, name: string): string =>
      (JSON.parse(readFileSync(path.join(dir, tree, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    const bytes = (tree: string, name: string): number => treeBytes(path.join(dir, tree, 'node_modules', name));
    expect(row.packages.changes.map((c) => [c.manager, c.name, c.change, c.baseVersion, c.headVersion, c.bytes, c.delta])).toEqual([
      ['npm', 'left-pad', 'added', null, version('npm-head', 'left-pad'), bytes('npm-head', 'left-pad'), bytes('npm-head', 'left-pad')],
      [
        'npm',
        'is-number',
        'downgraded',
        version('npm-base', 'is-number'),
        version('npm-head', 'is-number'),
        bytes('npm-head', 'is-number'),
        bytes('npm-head', 'is-number') - bytes('npm-base', 'is-number'),
      ],
    ]);
    expect(version('npm-base', 'is-number')).toMatch(/^7\./);
    expect(version('npm-head', 'is-number')).toMatch(/^6\./);
    // Other: the app's own files (package.json, package-lock.json, node_modules/.package-lock.json).
    const appOwn = (tree: string): number => treeBytes(path.join(dir, tree)) + lstatSync(path.join(dir, tree, 'node_modules', '.package-lock.json')).size;
    expect(row.packages.otherBytes).toBe(appOwn('npm-head'));
    expect(row.packages.otherDelta).toBe(appOwn('npm-head') - appOwn('npm-base'));
  });
});

describe.skipIf(skipReason !== null)('package attribution of a real pip install', () => {
  it(
    'names the Python distribution a layer added, with the bytes of its package and .dist-info directories (METADATA, stat)',
    async () => {
      dir ||= execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 })
        .trim()
        .split('\n')
        .pop()!;
      const report = await compareImages(path.join(dir, 'pip-base.oci.tar'), path.join(dir, 'pip-head.oci.tar'), { deep: true });
      const row = changedRow(report);
      const site = path.join(dir, 'pip-head');
      const distInfo = readdirSync(site).find((f) => /^idna-.*\.dist-info$/.test(f))!;
      const version = /^Version: (.+)$/m.exec(readFileSync(path.join(site, distInfo, 'METADATA'), 'utf8'))![1]!;
      const bytes = treeBytes(path.join(site, 'idna')) + treeBytes(path.join(site, distInfo));
      expect(row.packages.changes).toEqual([
        {
          manager: 'python',
          name: 'idna',
          change: 'added',
          baseVersion: null,
          headVersion: version,
          dir: 'usr/local/lib/python3.11/site-packages',
          bytes,
          delta: bytes,
        },
      ]);
      // six is in both layers, the same version: its bytes are unchanged-package bytes.
      const six = readdirSync(site).find((f) => /^six-.*\.dist-info$/.test(f))!;
      const sixBytes = lstatSync(path.join(site, 'six.py')).size + treeBytes(path.join(site, six));
      expect(row.packages.unchangedBytes).toBe(sixBytes);
      expect(row.packages.unchangedDelta).toBe(0);
      // idna's console script: its RECORD says `../../bin/idna` (where a normal install puts it), but
      // `pip install --target` leaves it in the target's own bin/; attribution follows RECORD, so the
      // misplaced copy is a file no package owns.
      expect(readFileSync(path.join(site, distInfo, 'RECORD'), 'utf8')).toMatch(/^\.\.\/\.\.\/bin\/idna,/m);
      expect(row.packages.otherBytes).toBe(lstatSync(path.join(site, 'bin', 'idna')).size);
    },
    15 * 60_000,
  );
});

const alpineSkip = realImagesDir === null ? 'real images absent' : null;

describe.skipIf(alpineSkip !== null)('package attribution on the real Alpine 3.10 → 3.11 pair', () => {
  /** name → version and the layer's file sizes, read with tar from the docker save archive. */
  function facts(name: string): { versions: Map<string, string>; sizes: Map<string, number> } {
    const layer = execFileSync('sh', ['-c', `tar -xzOf "$1" --wildcards '*/layer.tar'`, 'sh', realImage(name)], { maxBuffer: 1 << 28 });
    const installed = execFileSync('tar', ['-xO', 'lib/apk/db/installed'], { input: layer, encoding: 'utf8' });
    const versions = new Map<string, string>();
    let p = '';
    for (const line of installed.split('\n')) {
      if (line.startsWith('P:')) p = line.slice(2);
      if (line.startsWith('V:')) versions.set(p, line.slice(2));
    }
    const sizes = new Map<string, number>();
    for (const line of execFileSync('tar', ['-tv'], { input: layer, encoding: 'utf8' }).trim().split('\n')) {
      const f = line.split(/\s+/);
      if (line.startsWith('-')) sizes.set(f.slice(5).join(' '), Number(f[2]));
    }
    return { versions, sizes };
  }

  it('lists every upgraded apk package with its old and new version and the bytes of its files', async () => {
    const report = await compareImages(realImage('trivy-alpine-310.tar.gz'), realImage('trivy-alpine-311.tar.gz'), { deep: true });
    const row = changedRow(report);
    const before = facts('trivy-alpine-310.tar.gz');
    const after = facts('trivy-alpine-311.tar.gz');
    const changed = [...after.versions].filter(([n, v]) => before.versions.has(n) && before.versions.get(n) !== v);
    const added = [...after.versions].filter(([n]) => !before.versions.has(n));
    const removed = [...before.versions].filter(([n]) => !after.versions.has(n));
    expect(changed.length).toBeGreaterThan(8);
    expect(
      row.packages.changes
        .filter((c) => c.change === 'added')
        .map((c) => c.name)
        .sort(),
    ).toEqual(added.map(([n]) => n).sort());
    expect(
      row.packages.changes
        .filter((c) => c.change === 'removed')
        .map((c) => c.name)
        .sort(),
    ).toEqual(removed.map(([n]) => n).sort());
    const versionChanges = row.packages.changes.filter((c) => c.change !== 'added' && c.change !== 'removed');
    expect(new Map(versionChanges.map((c) => [c.name, [c.baseVersion, c.headVersion]]))).toEqual(
      new Map(changed.map(([n, v]) => [n, [before.versions.get(n), v]])),
    );
    // Every version change on this pair is an upgrade (apk's order: 1.1.22-r3 < 1.1.24-r2, 20190108-r0 < 20191127-r1).
    for (const c of versionChanges) expect(c.change, c.name).toBe('upgraded');
    const musl = row.packages.changes.find((c) => c.name === 'musl')!;
    expect(musl.bytes).toBe(after.sizes.get('lib/ld-musl-x86_64.so.1')!);
    expect(musl.delta).toBe(after.sizes.get('lib/ld-musl-x86_64.so.1')! - before.sizes.get('lib/ld-musl-x86_64.so.1')!);
    // Every regular file byte of the layer counted once: listed packages, unchanged ones, other.
    const total = (s: Map<string, number>): number => [...s.values()].reduce((a, b) => a + b, 0);
    const listed = row.packages.changes.reduce((s, c) => s + c.bytes, 0);
    expect(listed + row.packages.unchangedBytes + row.packages.otherBytes).toBe(total(after.sizes));
    expect(row.delta.size).toBe(report.head.layers[0]!.size - report.base!.layers[0]!.size);
  });
});
