/**
 * Issue 11's "Done when", last clause, end to end through the built CLI (dist/cli.js): on each real
 * pair, `diff snapshot:BASE.json.gz HEAD --deep` (the base written by `snapshot BASE --deep`) says
 * exactly what `diff BASE HEAD --deep` says: the packages that grew each layer, the "rebuilt with
 * identical content" rows, every layer's file list, waste, hints and the flattened filesystem, in
 * JSON and in Markdown; while decompressing only the head layers the base does not have.
 *
 * Pairs: the Debian (mmdebstrap), npm and pip pairs of scripts/make-package-fixtures.sh; trivy's
 * Alpine 3.10 -> 3.11; the dockerd `--no-cache` rebuild pair of scripts/make-rebuild-fixtures.sh
 * (both as `docker save` archives and as gzip OCI archives, so compressed reusable bytes count too).
 * The oracle for what is decompressed is the two images' own layer lists (diff_ids and sizes from
 * the run against the real base), not layerdiff's scan plan.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { parseReportJson } from '../../src/schema/layerdiff-json.js';
import { dockerdUnavailable } from '../helpers/dockerd.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { realImage, realImagesDir } from '../helpers/real-images.js';
import { repoRoot } from '../helpers/repo-root.js';
import { needTools, prerequisite } from '../helpers/skip-policy.js';

const run = promisify(execFile);
const CLI = path.join(repoRoot, 'dist', 'cli.js');

interface Stats {
  layersScanned: number;
  scannedStoredBytes: number;
  scannedUncompressedBytes: number;
  layersMeasured: number;
}

/** The built CLI; stdout and the `--stats` line of stderr. */
async function layerdiff(...args: string[]): Promise<{ stdout: string; stats: Stats | null }> {
  const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { maxBuffer: 1 << 28, timeout: 300_000 });
  const line = stderr.split('\n').find((l) => l.startsWith('{"stats"'));
  return { stdout, stats: line ? (JSON.parse(line) as { stats: Stats }).stats : null };
}

/** The whole report but what names the base's origin: a snapshot base reports itself as such. */
function comparable(report: Report): unknown {
  const copy = JSON.parse(JSON.stringify(report)) as { base: Record<string, unknown> | null; deep?: Record<string, unknown> };
  if (copy.base) {
    delete copy.base['source'];
    delete copy.base['reference'];
  }
  if (copy.deep) delete copy.deep['baseIndex'];
  return copy;
}

interface Pair {
  name: string;
  base: () => string;
  head: () => string;
  /** What must be there for the comparison to mean something. */
  check: (report: Report, markdown: string) => void;
}

interface Outcome {
  real: Report;
  vsSnapshot: Report;
  stats: Stats;
  realStats: Stats;
  markdown: string;
  realMarkdown: string;
}

let tmp = '';
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-deep-pairs-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function both(pair: Pair): Promise<Outcome> {
  const snap = path.join(tmp, `${pair.name}-base.json.gz`);
  await layerdiff('snapshot', pair.base(), '--deep', '-o', snap, '--quiet');
  const bytes = readFileSync(snap);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  const [s, r, sm, rm] = await Promise.all([
    layerdiff('diff', `snapshot:${snap}`, pair.head(), '--deep', '--format', 'json', '--stats'),
    layerdiff('diff', pair.base(), pair.head(), '--deep', '--format', 'json', '--stats'),
    layerdiff('diff', `snapshot:${snap}`, pair.head(), '--deep', '--format', 'markdown'),
    layerdiff('diff', pair.base(), pair.head(), '--deep', '--format', 'markdown'),
  ]);
  return {
    vsSnapshot: parseReportJson(s.stdout, `${pair.name}-snapshot.json`),
    real: parseReportJson(r.stdout, `${pair.name}-real.json`),
    stats: s.stats!,
    realStats: r.stats!,
    markdown: sm.stdout,
    realMarkdown: rm.stdout,
  };
}

function sameAsRealBase(pair: Pair): void {
  let o: Outcome;
  beforeAll(async () => {
    o = await both(pair);
  }, 600_000);

  it(`${pair.name}: the same packages, identical-content rows and file lists per layer`, () => {
    pair.check(o.real, o.realMarkdown);
    expect(o.vsSnapshot.deep?.baseIndex).toBe('snapshot');
    expect(o.real.deep?.baseIndex).toBeUndefined();
    const perRow = (r: Report) =>
      r.layers.map((row) => ({
        status: row.status,
        base: row.base?.index ?? null,
        head: row.head?.index ?? null,
        packages: row.packages ?? null,
        identicalContent: row.identicalContent ?? null,
        files: row.files ?? null,
      }));
    expect(perRow(o.vsSnapshot)).toEqual(perRow(o.real));
  });

  it(`${pair.name}: the same waste, hints, identical-content summary and filesystem diff`, () => {
    const deep = (r: Report) => ({
      waste: r.deep?.waste,
      hints: r.deep?.hints,
      identicalContent: r.deep?.identicalContent ?? null,
      filesystem: r.deep?.filesystem ?? null,
    });
    expect(deep(o.vsSnapshot)).toEqual(deep(o.real));
    // And nothing else differs: only the base's origin and deep.baseIndex may.
    expect(comparable(o.vsSnapshot)).toEqual(comparable(o.real));
  });

  it(`${pair.name}: decompresses only the head layers the base lacks`, () => {
    const baseIds = new Set(o.real.base!.layers.map((l) => l.diffId));
    const fresh = new Map(o.real.head.layers.filter((l) => !baseIds.has(l.diffId)).map((l) => [l.diffId, l]));
    expect(fresh.size).toBeGreaterThan(0);
    expect(o.stats.layersScanned).toBe(fresh.size);
    // size: the layer's tar bytes; compressedSize: its blob where it is stored compressed.
    expect(o.stats.scannedStoredBytes).toBe([...fresh.values()].reduce((n, l) => n + (l.compressedSize ?? l.size), 0));
    expect(o.stats.scannedUncompressedBytes).toBe([...fresh.values()].reduce((n, l) => n + l.size, 0));
    expect(o.stats.layersMeasured).toBe(0);
    // Against the real base every distinct layer of both images is read.
    const all = new Set([...o.real.base!.layers, ...o.real.head.layers].map((l) => l.diffId));
    expect(o.realStats.layersScanned).toBe(all.size);
  });

  it(`${pair.name}: Markdown shows the packages and the rebuilt marks the same way`, () => {
    expect(o.markdown).toBe(o.realMarkdown);
  });
}

// --- the package pairs (mmdebstrap, npm, pip) -------------------------------------------------

const packageScript = path.join(repoRoot, 'scripts', 'make-package-fixtures.sh');
const packageSkip =
  needTools(['mmdebstrap', 'umoci', 'npm', 'jq', 'python3']) ??
  prerequisite('tools', process.getuid?.() === 0 ? null : 'skipped: scripts/make-package-fixtures.sh needs root (mmdebstrap, umoci unpack)');
let pkgDir = '';
const pkg = (name: string) => () => path.join(pkgDir, name);

function changed(report: Report) {
  return report.layers.filter((r) => r.status === 'changed');
}

describe.skipIf(packageSkip !== null)('deep snapshot base on the package pairs (built CLI)', () => {
  beforeAll(() => {
    // Cached in the temp dir; the first build reaches the Debian mirror, npm and PyPI.
    pkgDir = execFileSync('bash', [packageScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 })
      .trim()
      .split('\n')
      .pop()!;
    expect(existsSync(path.join(pkgDir, 'done'))).toBe(true);
  }, 15 * 60_000);

  describe('Debian', () =>
    sameAsRealBase({
      name: 'deb',
      base: pkg('deb-base.oci.tar'),
      head: pkg('deb-head.oci.tar'),
      check: (report, md) => {
        const [row] = changed(report);
        expect(row!.packages!.changes.find((c) => c.name === 'python3-six')).toMatchObject({ manager: 'dpkg', change: 'added' });
        expect(md).toMatch(/`libpython3\.11-stdlib` `3\.11\.[^`]+` \(dpkg, added\)/);
      },
    }));

  describe('npm', () =>
    sameAsRealBase({
      name: 'npm',
      base: pkg('npm-base.oci.tar'),
      head: pkg('npm-head.oci.tar'),
      check: (report, md) => {
        const [row] = changed(report);
        expect(row!.packages!.changes.map((c) => [c.name, c.change])).toEqual([
          ['left-pad', 'added'],
          ['is-number', 'downgraded'],
        ]);
        expect(md).toContain('`left-pad`');
      },
    }));

  describe('pip', () =>
    sameAsRealBase({
      name: 'pip',
      base: pkg('pip-base.oci.tar'),
      head: pkg('pip-head.oci.tar'),
      check: (report, md) => {
        const [row] = changed(report);
        expect(row!.packages!.changes.map((c) => [c.manager, c.name, c.change])).toEqual([['python', 'idna', 'added']]);
        expect(md).toContain('`idna`');
      },
    }));
});

// --- trivy's Alpine 3.10 -> 3.11 ---------------------------------------------------------------

describe.skipIf(realImagesDir === null)('deep snapshot base on the real Alpine 3.10 -> 3.11 pair (built CLI)', () =>
  sameAsRealBase({
    name: 'alpine',
    base: () => realImage('trivy-alpine-310.tar.gz'),
    head: () => realImage('trivy-alpine-311.tar.gz'),
    check: (report, md) => {
      const [row] = changed(report);
      expect(row!.packages!.changes.find((c) => c.name === 'musl')).toMatchObject({ manager: 'apk', change: 'upgraded' });
      expect(md).toMatch(/`musl` `1\.1\.22-r3` → `1\.1\.24-r2` \(apk, upgraded\)/);
    },
  }),
);

// --- the dockerd --no-cache rebuild pair -------------------------------------------------------

const rebuildCache = path.join(os.tmpdir(), 'layerdiff-rebuild-fixtures');
const rebuildCached = existsSync(path.join(rebuildCache, 'facts.json')) && existsSync(path.join(rebuildCache, 'head.oci.tar'));
const rebuildSkip = needTools(['tar', 'sha256sum', 'jq']) ?? (rebuildCached ? null : (needTools(['skopeo'], 'registry-tools') ?? dockerdUnavailable()));

describe.skipIf(rebuildSkip !== null)(`deep snapshot base on the timestamp-only rebuild pair (built CLI) ${rebuildSkip ?? ''}`, () => {
  beforeAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts', 'make-rebuild-fixtures.sh'), rebuildCache], { timeout: 600_000 });
  }, 620_000);

  const marks = (report: Report, md: string, compressed: boolean) => {
    // Layers 1-4 and 6 rebuilt with identical content, layer 5 really changed (the oracle is rebuild-identical.test.ts).
    expect(report.layers.filter((r) => r.head !== null).map((r) => r.identicalContent !== undefined)).toEqual([true, true, true, true, false, true]);
    expect(report.deep!.identicalContent!.layers).toBe(5);
    expect(report.deep!.identicalContent!.reusableCompressedBytes !== null).toBe(compressed);
    expect(report.deep!.hints.filter((h) => h.id === 'reproducible-build')).toHaveLength(1);
    const rows = md.split('\n').filter((l) => l.startsWith('|') && l.includes('changed'));
    expect(rows.map((l) => l.includes('🕒\u00a0same\u00a0files'))).toEqual([true, true, true, true, false, true]);
  };

  describe('docker save archives', () =>
    sameAsRealBase({
      name: 'rebuild',
      base: () => path.join(rebuildCache, 'base.tar'),
      head: () => path.join(rebuildCache, 'head.tar'),
      check: (report, md) => marks(report, md, false),
    }));

  describe('gzip OCI archives', () =>
    sameAsRealBase({
      name: 'rebuild-oci',
      base: () => path.join(rebuildCache, 'base.oci.tar'),
      head: () => path.join(rebuildCache, 'head.oci.tar'),
      check: (report, md) => marks(report, md, true),
    }));
});
