/**
 * Issue 11.2 on a real pair: the same Dockerfile built twice with `docker build --no-cache` by a
 * private Debian dockerd (scripts/make-rebuild-fixtures.sh, cached in the temp dir), so every
 * layer gets a new diff_id; one layer's content really changes (`echo build-A` / `build-B`: same
 * size, other bytes) and one COPY changes only its `--chown`. The oracle is the script's facts,
 * computed with GNU tar, sha256sum and jq alone: a layer is "identical content" when its sorted
 * `tar -tv` listing without owner and date, and the sha256 of every extracted file, match.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { parseReportJson } from '../../src/schema/layerdiff-json.js';
import { runCli } from '../helpers/cli-io.js';
import { dockerdUnavailable } from '../helpers/dockerd.js';
import { repoRoot } from '../helpers/repo-root.js';
import { needTools } from '../helpers/skip-policy.js';

const run = promisify(execFile);
const cache = path.join(os.tmpdir(), 'layerdiff-rebuild-fixtures');
const base = path.join(cache, 'base.tar');
const head = path.join(cache, 'head.tar');
const baseOci = path.join(cache, 'base.oci.tar');
const headOci = path.join(cache, 'head.oci.tar');
// The script rebuilds a cache of another format; this one has the OCI archives (format 2).
const cached = existsSync(path.join(cache, 'facts.json')) && existsSync(headOci);
// Building needs root and dockerd; reading a cache built earlier needs only the archives.
const unavailable = needTools(['tar', 'sha256sum', 'jq']) ?? (cached ? null : (needTools(['skopeo'], 'registry-tools') ?? dockerdUnavailable()));

interface LayerFacts {
  index: number;
  diffId: string;
  size: number;
  /** Gzip blob size in the OCI archive skopeo wrote. */
  compressedSize: number;
  entries: number;
  contentKey: string;
  ownerKey: string;
  orderKey: string;
}
interface Facts {
  base: LayerFacts[];
  head: LayerFacts[];
}

async function cli(...args: string[]): Promise<string> {
  const { code, out, err } = await runCli(...args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

describe.skipIf(unavailable !== null)(`timestamp-only rebuilds on a real docker pair ${unavailable ?? ''}`, () => {
  let facts: Facts;
  /** What the oracle says of each head layer, by position (the same Dockerfile: positions pair). */
  let expected: Array<{ identical: boolean; size: number; compressedSize: number; differs: string[] }>;

  beforeAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts', 'make-rebuild-fixtures.sh'), cache], { timeout: 600_000 });
    facts = JSON.parse(readFileSync(path.join(cache, 'facts.json'), 'utf8')) as Facts;
    expected = facts.head.map((h, i) => {
      const b = facts.base[i]!;
      const identical = h.diffId !== b.diffId && h.contentKey === b.contentKey;
      const differs = [...(h.ownerKey !== b.ownerKey ? ['owner'] : []), ...(h.orderKey !== b.orderKey ? ['order'] : [])];
      return { identical, size: h.size, compressedSize: h.compressedSize, differs };
    });
  }, 620_000);

  it('the fixture is what the test needs: every layer rebuilt, one real change, one owner change', () => {
    expect(facts.head).toHaveLength(6);
    expect(facts.head.every((h, i) => h.diffId !== facts.base[i]!.diffId)).toBe(true);
    expect(expected.map((e) => e.identical)).toEqual([true, true, true, true, false, true]);
    expect(expected[3]!.differs).toEqual(['owner']);
    // The real change keeps every size: only content fingerprints can tell it apart.
    expect(facts.head[4]!.size).toBe(facts.base[4]!.size);
  });

  it('json: exactly the timestamp-only layers carry identicalContent, with their archive sizes', async () => {
    // Through the published schema (what the action's `report` input reads back), not a bare JSON.parse.
    const report = parseReportJson(await cli('diff', base, head, '--deep', '--format', 'json'), 'report.json');
    const rows = report.layers.filter((r) => r.head !== null);
    expect(rows.map((r) => r.status)).toEqual(expected.map(() => 'changed'));
    // Rows pair by files, so row k is head layer k against base layer k.
    expect(rows.map((r) => [r.base?.index, r.head?.index])).toEqual(expected.map((_, i) => [i, i]));
    expect(rows.map((r) => r.identicalContent ?? null)).toEqual(
      expected.map((e) => (e.identical ? { reusableBytes: e.size, reusableCompressedBytes: null, differs: e.differs } : null)),
    );
    const marked = expected.filter((e) => e.identical);
    const bytes = marked.reduce((s, e) => s + e.size, 0);
    expect(report.deep!.identicalContent).toEqual({ layers: marked.length, reusableBytes: bytes, reusableCompressedBytes: null });
    const hints = report.deep!.hints.filter((h) => h.id === 'reproducible-build');
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ layerIndex: expected.findIndex((e) => e.identical), bytes, count: marked.length });
    expect(hints[0]!.message).toContain('`SOURCE_DATE_EPOCH`');
  });

  it('gzip OCI archives of the same images: the compressed bytes a reproducible build would reuse are the blob sizes', async () => {
    const report = parseReportJson(await cli('diff', baseOci, headOci, '--deep', '--format', 'json'), 'report.json');
    const rows = report.layers.filter((r) => r.head !== null);
    expect(rows.map((r) => r.identicalContent ?? null)).toEqual(
      expected.map((e) => (e.identical ? { reusableBytes: e.size, reusableCompressedBytes: e.compressedSize, differs: e.differs } : null)),
    );
    const marked = expected.filter((e) => e.identical);
    expect(report.deep!.identicalContent).toEqual({
      layers: marked.length,
      reusableBytes: marked.reduce((s, e) => s + e.size, 0),
      reusableCompressedBytes: marked.reduce((s, e) => s + e.compressedSize, 0),
    });
    const md = await cli('diff', baseOci, headOci, '--deep', '--format', 'markdown');
    const compressed = (marked.reduce((s, e) => s + e.compressedSize, 0) / 1_000_000).toPrecision(3);
    expect(md).toContain(`(${compressed} MB compressed) a reproducible build would reuse`);
  });

  it('markdown: the mark on those rows only, and the summary line with the reusable bytes', async () => {
    const md = await cli('diff', base, head, '--deep', '--format', 'markdown');
    // Status labels keep their words together with a no-break space.
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ✏️\u00a0changed'));
    expect(tableRows).toHaveLength(expected.length);
    expect(tableRows.map((l) => l.includes('🕒\u00a0same\u00a0files'))).toEqual(expected.map((e) => e.identical));
    // 1984512 + 6144 + 352768 + 57344 + 231936 bytes on the build that wrote these facts; recomputed from them here.
    const bytes = expected.filter((e) => e.identical).reduce((s, e) => s + e.size, 0);
    expect(bytes).toBeGreaterThan(2_000_000);
    const mb = (bytes / 1_000_000).toPrecision(3);
    expect(md).toContain(`🕒 **Layers 1–4, 6 changed only in metadata (owners), the files are identical: ${mb} MB a reproducible build would reuse.**`);
    expect(md).toMatch(/💡 \*\*[\d.]+\u00a0MB\*\* at stake: 5 layers were rebuilt with identical content: .*\(layer 1: /);
  });

  it('text: a line under each such row and the summary', async () => {
    const text = await cli('diff', base, head, '--deep', '--width', '160');
    expect(text.split('\n').filter((l) => l.startsWith('    rebuilt with identical content'))).toHaveLength(5);
    expect(text).toContain('    rebuilt with identical content (owners differ): 57.3 kB reusable');
    expect(text).toMatch(/^Rebuilt: layers 1–4, 6 changed only in metadata \(owners\)/m);
  });

  it('claims nothing without --deep, nor against a snapshot base (no file index to compare)', async () => {
    const shallow = JSON.parse(await cli('diff', base, head, '--format', 'json')) as Report;
    expect(shallow.layers.some((r) => r.identicalContent)).toBe(false);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-rebuild-snap-'));
    try {
      const snap = path.join(dir, 'base.json');
      const { code } = await runCli('snapshot', base, '-o', snap);
      expect(code).toBe(0);
      const { code: diffCode, out } = await runCli('diff', `snapshot:${snap}`, head, '--deep', '--format', 'json');
      expect(diffCode).toBe(0);
      const report = JSON.parse(out) as Report;
      expect(report.layers.some((r) => r.identicalContent)).toBe(false);
      expect(report.deep!.identicalContent).toBeUndefined();
      expect(report.deep!.hints.some((h) => h.id === 'reproducible-build')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
