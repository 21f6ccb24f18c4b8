/**
 * Issue 13: a build matrix simulated by real `diff` runs of the built CLI on real images, one leg
 * per image, then `layerdiff merge`. Every row of the merged report must carry exactly its own
 * leg's figures (the leg's own JSON report is the oracle), a leg that failed shows as "no report",
 * and bad input is one line naming the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiReportOf, type MultiReport } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import { formatBytes, formatBytesDelta, formatPercent } from '../../src/report/format.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { realImage, realImagesDir } from '../helpers/real-images.js';
import { repoRoot } from '../helpers/repo-root.js';
import { sourceTables, splitRow } from '../unit/report-gfm.js';
import { runBuiltCli, type BuiltCliResult } from '../helpers/cli-io.js';

/** Figures keep their units with a no-break space in the comment. */
const nb = (text: string): string => text.replace(/(\d) ([kMGTP]?B)(?![A-Za-z])/g, '$1\u00a0$2');

const built = (name: string) => path.join(repoRoot, '__tests__', 'fixtures', 'built', name);
let scratch = '';

type Result = BuiltCliResult;

async function layerdiff(...args: string[]): Promise<Result> {
  return runBuiltCli(args);
}

const file = (name: string) => path.join(scratch, name);
const readJson = <T>(name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as T;

/** One matrix leg: `diff` as a leg runs it, its JSON report written where the leg would upload it. */
async function leg(out: string, base: string, head: string, ...flags: string[]): Promise<{ code: number; report: Report }> {
  const result = await layerdiff('diff', base, head, '--format', 'json', '-o', file(out), '--quiet', ...flags);
  expect(result.stderr).toBe('');
  return { code: result.code, report: readJson<Report>(out) };
}

describe.skipIf(realImagesDir === null)('a three-image matrix, merged (built CLI, real images)', () => {
  const legs: Record<string, { code: number; report: Report }> = {};

  beforeAll(async () => {
    ensureBuilt();
    scratch = mkdtempSync(path.join(tmpdir(), 'layerdiff-merge-cli-'));
    // app: buildah's OCI archives (compressed sizes known), over its growth budget.
    legs['app'] = await leg(
      'app.json',
      built('buildah/app-base.oci-archive.tar'),
      built('buildah/app-head.oci-archive.tar'),
      '--name',
      'app',
      '--max-growth',
      '0.1%',
    );
    // alpine: trivy's Alpine 3.10 -> 3.11, named by its comment key.
    legs['alpine'] = await leg(
      'alpine.json',
      realImage('trivy-alpine-310.tar.gz'),
      realImage('trivy-alpine-311.tar.gz'),
      '--comment-key',
      'alpine',
      '--max-growth',
      '5%',
    );
    // dive: dive's test image, docker save -> OCI gzip, no name (named by its head reference).
    legs['dive'] = await leg('dive.json', realImage('dive-test-docker-image.tar'), realImage('dive-test-oci-gzip-image.tar'));
    // busybox on two platforms: two real reports as one multi-report (what `--platform all` writes).
    const amd64 = await leg(
      'busybox-amd64.json',
      realImage('snyk-docker25-hello-world.tar'),
      realImage('snyk-containerd-busybox.amd64.tar'),
      '--name',
      'busybox',
    );
    const armv7 = await leg(
      'busybox-armv7.json',
      realImage('snyk-docker25-hello-world.tar'),
      realImage('snyk-docker25-busybox.armv7.tar'),
      '--name',
      'busybox',
    );
    legs['busybox/amd64'] = amd64;
    legs['busybox/armv7'] = armv7;
    const multi = multiReportOf([
      { name: 'busybox', platform: amd64.report.head.platform, report: amd64.report },
      { name: 'busybox', platform: armv7.report.head.platform, report: armv7.report },
    ]);
    writeFileSync(file('busybox.json'), JSON.stringify(multi));
    // A fourth leg failed before it reported: its placeholder.
    writeFileSync(file('worker.json'), JSON.stringify({ schema: 'layerdiff/missing-report@1', name: 'worker', error: 'docker build failed' }));
  }, 240_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('each leg exits as its own verdict says', () => {
    expect(legs['app']?.code).toBe(1);
    expect(legs['app']?.report.verdict).toBe('fail');
    expect(legs['alpine']?.code).toBe(0);
    expect(legs['app']?.report.name).toBe('app');
    expect(legs['alpine']?.report.name).toBe('alpine');
    expect(legs['dive']?.report.name).toBeUndefined();
  });

  it('merge --format json keeps every leg report whole, names each image, and exits 1 on the failing leg', async () => {
    const result = await layerdiff(
      'merge',
      file('app.json'),
      file('alpine.json'),
      file('dive.json'),
      file('busybox.json'),
      file('worker.json'),
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const multi = JSON.parse(result.stdout) as MultiReport;
    expect(multi.schema).toBe('layerdiff/multi-report@1');
    expect(multi.images.map((i) => [i.name, i.platform, i.verdict])).toEqual([
      ['app', 'linux/amd64', 'fail'],
      ['alpine', 'linux/amd64', 'pass'],
      [realImage('dive-test-oci-gzip-image.tar'), 'linux/arm64', 'pass'],
      ['busybox', 'linux/amd64', 'pass'],
      ['busybox', 'linux/arm/v7', 'pass'],
      ['worker', '', 'fail'],
    ]);
    // Every image's report is its leg's report, byte for byte.
    const own = [legs['app'], legs['alpine'], legs['dive'], legs['busybox/amd64'], legs['busybox/armv7']].map((l) => l?.report);
    expect(multi.images.slice(0, 5).map((i) => i.report)).toEqual(own);
    expect(multi.images[5]).toMatchObject({ report: null, error: 'docker build failed' });
    expect(multi.verdict).toBe('fail');
    const sum = (pick: (r: Report) => number) => own.reduce((total, r) => total + pick(r as Report), 0);
    expect(multi.totals.head.size).toBe(sum((r) => r.totals.head.size));
    expect(multi.totals.delta.size).toBe(sum((r) => r.totals.delta.size));
    // The merged file is itself a valid merge input: merging it again changes nothing.
    writeFileSync(file('merged.json'), result.stdout);
    const again = await layerdiff('merge', file('merged.json'), '--format', 'json');
    expect(JSON.parse(again.stdout)).toEqual(multi);
  });

  it('merge --format markdown: one row per image × platform with its own leg figures, worst first', async () => {
    const result = await layerdiff(
      'merge',
      file('alpine.json'),
      file('dive.json'),
      file('busybox.json'),
      file('app.json'),
      '--missing',
      'worker',
      '--format',
      'markdown',
      '--comment-key',
      'images',
    );
    expect(result.code).toBe(1);
    const body = result.stdout;
    expect(body.split('\n')[0]).toBe('<!-- layerdiff:v1 key=images -->');
    const own = ['app', 'alpine', 'dive', 'busybox/amd64', 'busybox/armv7'].map((k) => legs[k]?.report as Report);
    const total = own.reduce((sum, r) => sum + r.totals.delta.size, 0);
    // One line at PR-conversation width: no name, no build counts.
    expect(body.split('\n')[2]).toBe(`### 🔴 1 of 5 images over budget, 1 of 5 without a report · ${nb(formatBytesDelta(total))} total`);
    const rows = (sourceTables(body)[0] ?? []).slice(2).map((line) => splitRow(line).map((c) => c.trim()));
    const expected = (r: Report) => [
      `**${nb(formatBytesDelta(r.totals.delta.size))}**`,
      r.totals.delta.compressedSize === null ? '—' : nb(formatBytesDelta(r.totals.delta.compressedSize)),
      r.cacheHit
        ? `${formatPercent(r.cacheHit.bytes.ratio)} (${r.cacheHit.layers.hit}/${r.cacheHit.layers.total} ${r.cacheHit.layers.total === 1 ? 'layer' : 'layers'})`
        : '—',
    ];
    // Worst first: the failing leg, the missing one, then the passing ones by |Δ|.
    const passing = ['alpine', 'dive', 'busybox/amd64', 'busybox/armv7'].sort(
      (a, b) => Math.abs((legs[b]?.report as Report).totals.delta.size) - Math.abs((legs[a]?.report as Report).totals.delta.size),
    );
    expect(rows.map((r) => r[0])).toEqual([
      '`app`',
      '`worker`',
      ...passing.map((k) => (k === 'dive' ? `\`${realImage('dive-test-oci-gzip-image.tar')}\`` : `\`${k.split('/')[0]}\``)),
    ]);
    for (const [k, row] of [['app', rows[0]], ...passing.map((k, i) => [k, rows[2 + i]] as const)] as Array<[string, string[]]>) {
      const r = legs[k]?.report as Report;
      expect(row[1]).toBe(`\`${r.head.platform}\``);
      expect(row[2]?.split(' (')[0]).toBe(expected(r)[0]);
      expect(row[3]).toBe(expected(r)[1]);
      expect(row[4]).toBe(expected(r)[2]);
    }
    expect(rows[0]?.[3]).toBe(nb('+1 kB')); // buildah's OCI archives store layers gzip: the pull Δ is known
    expect(rows[0]?.slice(5)).toEqual(['🔴 fail', '`max-growth`']);
    expect(rows[1]?.slice(2)).toEqual(['—', '—', '—', '⚪ no report', 'the leg left no report (it failed before reporting)']);
    expect(body).toContain(
      `<details><summary>🔴 <code>app</code> · <code>linux/amd64</code> · ${formatBytesDelta(legs['app']!.report.totals.delta.size)}</summary>`,
    );
    expect(formatBytes(legs['app']!.report.totals.head.size)).not.toBe('?');
  });

  it('merge --format text lists every image', async () => {
    const result = await layerdiff('merge', file('app.json'), file('busybox.json'), '--width', '120');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^layerdiff: 1 of 2 images over budget \(1 of 3 builds\); \+\S+ \S+ total$/);
    expect(result.stdout).toContain('== busybox (linux/arm/v7) ==');
  });

  it('bad input: one line naming the file and the reason, exit 2', async () => {
    writeFileSync(file('snapshot.json'), JSON.stringify(legs['app']?.report.head));
    for (const [args, message] of [
      [[file('app.json'), file('nope.json')], `layerdiff: ${file('nope.json')}: no such file`],
      [
        [file('app.json'), file('snapshot.json')],
        `layerdiff: ${file('snapshot.json')}: not a layerdiff/report@1, layerdiff/multi-report@1 or layerdiff/missing-report@1 (schema "layerdiff/snapshot@1")`,
      ],
      [[], 'layerdiff: merge takes one or more report files (layerdiff/report@1 or multi-report@1)'],
      [[file('app.json'), '--max-size', '1MB'], 'layerdiff: merge does not check budgets (--max-size given); each report carries its own verdict'],
    ] as Array<[string[], string]>) {
      const result = await layerdiff('merge', ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`${message}\n`);
      expect(result.stdout).toBe('');
    }
  });
});
