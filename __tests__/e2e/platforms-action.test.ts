/**
 * Issue 13 end to end through the BUILT bundles: the action (dist/index.js, run as the runner runs
 * it, against a loopback GitHub API) and the CLI (dist/cli.js), on the real multi-arch pair of
 * scripts/make-platform-fixtures.sh (buildah: base linux/amd64, linux/arm64, linux/arm/v7; head
 * linux/amd64 unchanged, linux/arm64 grown, linux/arm/v6 new).
 *
 * Oracles: the archives read by tar + jq + gzip (helpers/platform-fixtures.ts), the CLI's
 * single-platform runs, and the published JSON Schemas compiled by ajv (not the bundle's validators).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ImageEntry, MultiReport } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import { markerFor } from '../../src/github/sticky-comment.js';
import { formatBytes, formatBytesDelta } from '../../src/report/format.js';
import { ensureBuilt, runAction as runActionProcess, type ActionEnv, type ActionRun } from '../helpers/action-process.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { platformFixtures, platformFixturesSkip, sumOf, type OracleImage, type PlatformFixtures } from '../helpers/platform-fixtures.js';
import { repoRoot } from '../helpers/repo-root.js';
import { sourceTables, splitRow } from '../unit/report-gfm.js';

const TOKEN = 'ghs_platformsE2eTokenNeverPrinted';
const CLI = path.join(repoRoot, 'dist', 'cli.js');
const PR: ActionEnv = {
  event: 'pull_request.json',
  eventName: 'pull_request',
  ref: 'refs/pull/7/merge',
  sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
  workflowRef: 'acme/app/.github/workflows/images.yml@refs/pull/7/merge',
  token: TOKEN,
  runId: '9001',
  workflow: 'images',
};
const MARKER = markerFor('default', '.github/workflows/images.yml');

const skip = platformFixturesSkip();
if (skip) console.warn(`platforms e2e: ${skip}`);

let fx: PlatformFixtures;
let gh: FakeGitHub;
let work: string;
let validateMulti: (data: unknown) => boolean;
let schemaErrors: () => string;

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`);
const runAction = (inputs: Record<string, string>, env: ActionEnv = PR): Promise<ActionRun> => runActionProcess(gh, work, inputs, env);

/** The built CLI; its exit code and output (exit 1 is a failed budget, the report still written). */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The oracle's figures of one platform of one pair of sides (null: that side lacks it). */
function expected(baseSide: readonly OracleImage[], headSide: readonly OracleImage[], platform: string) {
  const b = baseSide.find((i) => i.platform === platform) ?? null;
  const h = headSide.find((i) => i.platform === platform) ?? null;
  const head = h ? sumOf(h.layers, 'uncompressed') : 0;
  const base = b ? sumOf(b.layers, 'uncompressed') : null;
  const headStored = h ? sumOf(h.layers, 'size') : 0;
  const baseStored = b ? sumOf(b.layers, 'size') : null;
  return { head, base, delta: head - (base ?? 0), pullDelta: headStored - (baseStored ?? 0), added: b === null, removed: h === null };
}

/** The summary table of a merged comment, as objects keyed by the header's titles (units joined by U+00A0 read as spaces). */
function tableRows(markdown: string): Array<Record<string, string>> {
  const table = (sourceTables(markdown)[0] ?? []).map((line) => line.replace(/\u00a0/g, ' '));
  const header = splitRow(table[0] ?? '').map((c) => c.trim());
  return table.slice(2).map((line) => Object.fromEntries(splitRow(line).map((cell, i) => [header[i] ?? String(i), cell.trim()])));
}

/** What the Δ cell of a row must show for these figures. */
function deltaCell(figures: ReturnType<typeof expected>): string {
  return figures.added ? formatBytes(figures.head) : formatBytesDelta(figures.delta);
}

/** Checks a multi-report entry's report against the oracle's figures of its platform. */
function checkEntry(entry: ImageEntry, figures: ReturnType<typeof expected>): void {
  const report = entry.report as Report;
  expect(report.totals.head.size, entry.platform).toBe(figures.head);
  expect(report.totals.base?.size ?? null, entry.platform).toBe(figures.base);
  expect(report.totals.delta.size, entry.platform).toBe(figures.delta);
  expect(entry.change ?? null).toBe(figures.added ? 'added' : figures.removed ? 'removed' : null);
}

describe.skipIf(skip)('issue 13 end to end through dist/ (real buildah multi-arch images)', () => {
  beforeAll(async () => {
    ensureBuilt();
    fx = await platformFixtures();
    work = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-platforms-e2e-'));
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
    for (const name of ['snapshot.schema.json', 'report.schema.json', 'multi-report.schema.json']) {
      ajv.addSchema(JSON.parse(await readFile(path.join(repoRoot, 'schemas', name), 'utf8')) as object);
    }
    const compiled = ajv.getSchema('multi-report.schema.json');
    if (!compiled) throw new Error('multi-report.schema.json did not compile');
    validateMulti = (data) => compiled(data) === true;
    schemaErrors = () => JSON.stringify(compiled.errors);
  }, 180_000);
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  beforeEach(async () => {
    gh = await startFakeGitHub();
    const fork = { id: 700000002, full_name: 'octocat/app', owner: { login: 'octocat' } };
    gh.pulls.push({ number: 7, head: { sha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', ref: 'multiarch', repo: fork } });
  });
  afterEach(async () => {
    await gh?.close();
  });

  it('platform: all with a budget failing on arm64: one comment with a row per platform, outputs of the whole, the step fails naming image and platform; a second run updates the comment', async () => {
    const inputs = { image: fx.head, 'base-image': fx.base, platform: 'all', budgets: 'max-growth: 100kB' };
    const first = await runAction(inputs);
    expect(first.stderr).toBe('');
    expect(first.code, first.stdout).toBe(1);
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments']);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]?.body ?? '';
    expect(body).toBe(first.outputs['comment-body']);
    expect(body.split('\n')[0]).toBe(MARKER);

    // One row per platform, worst first (arm64 fails), each with the oracle's figures.
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7'];
    const rows = tableRows(body);
    expect(rows.map((r) => r['Platform'])).toHaveLength(4);
    expect(rows[0]?.['Platform']).toBe('`linux/arm64`');
    expect(new Set(rows.map((r) => r['Platform']))).toEqual(new Set(platforms.map((p) => `\`${p}\``)));
    for (const row of rows) {
      const platform = (row['Platform'] ?? '').replace(/`/g, '');
      const figures = expected(fx.baseOracle, fx.headOracle, platform);
      expect(row['Image']).toBe(`\`${fx.head}\``);
      expect(row['Δ'], platform).toContain(deltaCell(figures));
      if (!figures.added) expect(row['Pull Δ'], platform).toBe(formatBytesDelta(figures.pullDelta));
      expect(row['Verdict'], platform).toBe(platform === 'linux/arm64' ? '🔴 fail' : '🟢 pass');
      expect(row['Failing rules'], platform).toBe(platform === 'linux/arm64' ? '`max-growth`' : '');
    }

    // Outputs: the worst verdict and the sums over the platforms (oracle: jq on the archives).
    const headTotal = fx.headOracle.reduce((n, i) => n + sumOf(i.layers, 'uncompressed'), 0);
    const baseTotal = fx.baseOracle.reduce((n, i) => n + sumOf(i.layers, 'uncompressed'), 0);
    expect(first.outputs['verdict']).toBe('fail');
    expect(first.outputs['size']).toBe(String(headTotal));
    expect(first.outputs['size-delta']).toBe(String(headTotal - baseTotal));
    expect(first.outputs['report-path']).toMatch(/layerdiff-report-default\.json$/);
    const multi = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    expect(validateMulti(multi), schemaErrors()).toBe(true);
    expect(multi.images.map((i) => [i.name, i.platform, i.verdict])).toEqual([
      [fx.head, 'linux/amd64', 'pass'],
      [fx.head, 'linux/arm64', 'fail'],
      [fx.head, 'linux/arm/v6', 'pass'],
      [fx.head, 'linux/arm/v7', 'pass'],
    ]);
    for (const entry of multi.images) checkEntry(entry, expected(fx.baseOracle, fx.headOracle, entry.platform));
    // Each paired platform's report is the CLI's single-platform run of that platform.
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const single = cli('diff', fx.base, fx.head, '--platform', platform, '--max-growth', '100kB', '-q', '-f', 'json');
      expect(multi.images.find((i) => i.platform === platform)?.report).toEqual(JSON.parse(single.out) as Report);
    }

    // The failing step names the image and the platform; the annotation too.
    expect(first.stdout).toMatch(new RegExp(`^::error::layerdiff: verdict fail \\(fail-on: fail\\): ${escapeRe(fx.head)} \\(linux/arm64\\): max-growth$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`^::error title=layerdiff budget::${escapeRe(fx.head)} \\(linux/arm64\\): budget max-growth failed: `, 'm'));
    // The job summary lists every platform.
    for (const platform of platforms) expect(first.summary).toContain(platform);

    const second = await runAction(inputs);
    expect(second.code, second.stdout).toBe(1);
    const id = gh.comments[0]?.id;
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments', `PATCH /repos/acme/app/issues/comments/${id}`]);
    expect(gh.comments).toHaveLength(1);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  });

  it('platform: all with name, deep and estimate-pull: every entry named, a pull estimate per platform with a head, file changes for arm64', async () => {
    const run = await runAction({
      image: fx.head,
      'base-image': fx.base,
      platform: 'all',
      name: 'multiarch',
      deep: 'true',
      'estimate-pull': 'true',
      comment: 'never',
      'fail-on': 'never',
    });
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(writes()).toEqual([]);
    const multi = JSON.parse(await readFile(run.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    expect(validateMulti(multi), schemaErrors()).toBe(true);
    expect(multi.images.map((i) => [i.name, i.platform])).toEqual([
      ['multiarch', 'linux/amd64'],
      ['multiarch', 'linux/arm64'],
      ['multiarch', 'linux/arm/v6'],
      ['multiarch', 'linux/arm/v7'],
    ]);
    // The pull estimate: the head's layers the base lacks, at their stored sizes (all gzip here).
    for (const entry of multi.images) {
      const h = fx.headOracle.find((i) => i.platform === entry.platform);
      if (!h) {
        expect(entry.report?.pullEstimate, entry.platform).toBeUndefined();
        continue;
      }
      const baseIds = new Set(fx.baseOracle.find((i) => i.platform === entry.platform)?.layers.map((l) => l.diffId) ?? []);
      const fetched = h.layers.filter((l) => !baseIds.has(l.diffId));
      expect(entry.report?.pullEstimate, entry.platform).toMatchObject({ layers: fetched.length, estimatedLayers: 0, bytes: sumOf(fetched, 'size') });
    }
    const arm64 = multi.images.find((i) => i.platform === 'linux/arm64')?.report;
    expect(arm64?.layers[1]?.files?.changes.map((c) => [c.path, c.change])).toEqual([['/app/app.bin', 'grown']]);
    // The CLI with the same flags gives the same figures.
    const viaCli = JSON.parse(
      cli('diff', fx.base, fx.head, '--platform', 'all', '--name', 'multiarch', '--deep', '--estimate-pull', '-q', '-f', 'json').out,
    ) as MultiReport;
    expect(viaCli.images.map((i) => [i.platform, i.report?.totals, i.report?.pullEstimate])).toEqual(
      multi.images.map((i) => [i.platform, i.report?.totals, i.report?.pullEstimate]),
    );
  });

  it('platform: all with a base-snapshot (one platform): that platform paired, the others added', async () => {
    const snapshot = path.join(work, 'arm64-snapshot.json');
    expect(cli('snapshot', fx.base, '--platform', 'linux/arm64', '-q', '-o', snapshot).code).toBe(0);
    const run = await runAction({ image: fx.head, 'base-snapshot': snapshot, platform: 'all', comment: 'never' });
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    const multi = JSON.parse(await readFile(run.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    expect(validateMulti(multi), schemaErrors()).toBe(true);
    const arm64Only = fx.baseOracle.filter((i) => i.platform === 'linux/arm64');
    expect(multi.images.map((i) => [i.platform, i.change ?? null])).toEqual([
      ['linux/amd64', 'added'],
      ['linux/arm64', null],
      ['linux/arm/v6', 'added'],
    ]);
    for (const entry of multi.images) checkEntry(entry, expected(arm64Only, fx.headOracle, entry.platform));
    // size-delta sums each entry's delta (an added platform counts its whole head).
    expect(run.outputs['size-delta']).toBe(String(multi.images.reduce((n, i) => n + (i.report?.totals.delta.size ?? 0), 0)));
  });

  it("two-stage: stage 1's platform: all report, posted by stage 2 (report: one path), keeps every platform's row (the removed one not as `none`)", async () => {
    const stage1 = await runAction({ image: fx.head, 'base-image': fx.base, platform: 'all', comment: 'never', 'comment-key': 'app' });
    expect(stage1.code, stage1.stdout).toBe(0);
    expect(writes()).toEqual([]);
    const stage2 = await runAction({ report: stage1.outputs['report-path'] ?? '', 'fail-on': 'never' });
    expect(stage2.stderr).toBe('');
    expect(stage2.code, stage2.stdout).toBe(0);
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments']);
    const rows = tableRows(gh.comments[0]?.body ?? '');
    expect(new Set(rows.map((r) => `${r['Image']} ${r['Platform']}`))).toEqual(
      new Set(['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7'].map((p) => `\`app\` \`${p}\``)),
    );
    const posted = JSON.parse(await readFile(stage2.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    const written = JSON.parse(await readFile(stage1.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    expect(posted.images).toEqual(written.images);
    expect([stage2.outputs['size'], stage2.outputs['size-delta'], stage2.outputs['verdict']]).toEqual([
      stage1.outputs['size'],
      stage1.outputs['size-delta'],
      stage1.outputs['verdict'],
    ]);
  });

  describe('a matrix of three images x two platforms, merged into one comment', () => {
    const PLATFORMS = 'linux/amd64,linux/arm64';
    let reports: string;
    /** What each leg compares (base -> head), as the oracle sees it. */
    let sides: Record<string, [OracleImage[], OracleImage[]]>;

    beforeAll(async () => {
      reports = path.join(work, 'reports');
      await mkdir(reports, { recursive: true });
      sides = { api: [fx.baseOracle, fx.headOracle], web: [fx.headOracle, fx.headOracle], worker: [fx.headOracle, fx.baseOracle] };
    });

    /** The README's placeholder step of a failed leg, run as written (bash, with its env). */
    async function placeholderStep(service: string, runnerTemp: string): Promise<void> {
      const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
      const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as unknown);
      const step = blocks
        .flatMap((doc) => stepsOf(doc))
        .find((s) => typeof s['if'] === 'string' && s['if'].includes("steps.layerdiff.outputs.report-path == ''") && typeof s['run'] === 'string');
      expect(step, 'the README has the placeholder step').toBeDefined();
      execFileSync('bash', ['-c', step?.['run'] as string], { env: { PATH: process.env['PATH'], SERVICE: service, RUNNER_TEMP: runnerTemp } });
    }

    it('legs from the CLI and the action (one failing before reporting) make ONE comment with a row per image and platform, updated in place', async () => {
      // api: the action in compute mode (as the README's matrix leg), over its arm64 budget.
      const api = await runAction({
        image: fx.head,
        'base-image': fx.base,
        platform: PLATFORMS,
        comment: 'never',
        'comment-key': 'api',
        'fail-on': 'never',
        budgets: 'max-growth: 100kB',
      });
      expect(api.code, api.stdout).toBe(0);
      expect(path.basename(api.outputs['report-path'] ?? '')).toBe('layerdiff-report-api.json');
      await writeFile(path.join(reports, 'layerdiff-report-api.json'), await readFile(api.outputs['report-path'] ?? ''));
      // web: the built CLI, unchanged images.
      const web = cli(
        'diff',
        fx.head,
        fx.head,
        '--platform',
        PLATFORMS,
        '--name',
        'web',
        '-q',
        '-f',
        'json',
        '-o',
        path.join(reports, 'layerdiff-report-web.json'),
      );
      expect(web.code, web.err).toBe(0);
      // worker: its build failed; the README's step leaves a placeholder.
      const temp = await mkdtemp(path.join(work, 'worker-temp-'));
      await placeholderStep('worker', temp);
      for (const file of await readdir(temp)) await writeFile(path.join(reports, file), await readFile(path.join(temp, file)));
      expect((await readdir(reports)).sort()).toEqual(['layerdiff-report-api.json', 'layerdiff-report-web.json', 'layerdiff-report-worker.json']);
      expect(gh.comments).toHaveLength(0);

      const inputs = { report: `${reports}/*.json` };
      const first = await runAction(inputs);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(1);
      expect(first.stdout).toContain('layerdiff: merging 3 report files');
      expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments']);
      const body = gh.comments[0]?.body ?? '';
      const rows = tableRows(body);
      expect(rows.map((r) => [r['Image'], r['Platform'], r['Verdict'], r['Failing rules']])).toEqual([
        ['`api`', '`linux/arm64`', '🔴 fail', '`max-growth`'],
        ['`worker`', '—', '⚪ no report', 'the build failed'],
        ['`api`', '`linux/amd64`', '🟢 pass', ''],
        ['`web`', '`linux/amd64`', '🟢 pass', ''],
        ['`web`', '`linux/arm64`', '🟢 pass', ''],
      ]);
      for (const row of rows.filter((r) => r['Verdict'] !== '⚪ no report')) {
        const name = (row['Image'] ?? '').replace(/`/g, '');
        const platform = (row['Platform'] ?? '').replace(/`/g, '');
        const [b, h] = sides[name]!;
        expect(row['Δ'], `${name} ${platform}`).toContain(deltaCell(expected(b, h, platform)));
      }
      const delta = formatBytesDelta(expected(fx.baseOracle, fx.headOracle, 'linux/arm64').delta);
      // The headline's exact wording belongs to the renderer's own tests; here: its counts and sum.
      const headline = (body.split('\n')[2] ?? '').replace(/\u00a0/g, ' ');
      expect(headline).toMatch(/^### 🔴 (layerdiff: )?1 of 3 images over budget/);
      expect(headline).toContain('1 of 3 without a report');
      expect(headline.endsWith(` · ${delta} total`), headline).toBe(true);
      const merged = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
      expect(validateMulti(merged), schemaErrors()).toBe(true);
      expect(merged.images.map((i) => [i.name, i.platform, i.verdict])).toEqual([
        ['api', 'linux/amd64', 'pass'],
        ['api', 'linux/arm64', 'fail'],
        ['web', 'linux/amd64', 'pass'],
        ['web', 'linux/arm64', 'pass'],
        ['worker', '', 'fail'],
      ]);
      expect(first.stdout).toMatch(/^::error::layerdiff: verdict fail \(fail-on: fail\): api \(linux\/arm64\): max-growth, worker: no report$/m);

      const second = await runAction(inputs);
      expect(second.code).toBe(1);
      expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments', `PATCH /repos/acme/app/issues/comments/${gh.comments[0]?.id}`]);
      expect(gh.comments).toHaveLength(1);
    });

    it('a leg that uploaded nothing: the comment shows the legs that reported, with their figures; `merge --missing` names it', async () => {
      const some = path.join(work, 'some');
      await mkdir(some, { recursive: true });
      for (const name of ['api', 'web']) {
        await writeFile(path.join(some, `layerdiff-report-${name}.json`), await readFile(path.join(reports, `layerdiff-report-${name}.json`)));
      }
      const run = await runAction({ report: `${some}/*.json`, 'fail-on': 'never' });
      expect(run.code, run.stdout).toBe(0);
      expect(gh.comments).toHaveLength(1);
      const rows = tableRows(gh.comments[0]?.body ?? '');
      expect(rows.map((r) => [r['Image'], r['Platform'], r['Verdict']])).toEqual([
        ['`api`', '`linux/arm64`', '🔴 fail'],
        ['`api`', '`linux/amd64`', '🟢 pass'],
        ['`web`', '`linux/amd64`', '🟢 pass'],
        ['`web`', '`linux/arm64`', '🟢 pass'],
      ]);
      expect(run.outputs['size-delta']).toBe(String(expected(fx.baseOracle, fx.headOracle, 'linux/arm64').delta));
      // The CLI's merge knows the matrix: the leg that left nothing is a "no report" entry.
      const merged = cli(
        'merge',
        path.join(some, 'layerdiff-report-api.json'),
        path.join(some, 'layerdiff-report-web.json'),
        '--missing',
        'worker',
        '-f',
        'json',
      );
      expect(merged.code).toBe(1);
      const multi = JSON.parse(merged.out) as MultiReport;
      expect(validateMulti(multi), schemaErrors()).toBe(true);
      expect(multi.images.map((i) => [i.name, i.platform, i.verdict])).toContainEqual(['worker', '', 'fail']);
    });

    it('merges a --platform all multi-report (an added and a removed platform) with plain report@1 legs: every entry keeps its platform and change', () => {
      const multiFile = path.join(work, 'all.json');
      expect(cli('diff', fx.base, fx.head, '--platform', 'all', '--name', 'app', '-q', '-f', 'json', '-o', multiFile).code).toBe(0);
      const plainFile = path.join(work, 'plain.json');
      const examples = path.join(repoRoot, 'examples');
      expect(cli('diff', path.join(examples, 'base.tar'), path.join(examples, 'head.tar'), '--name', 'tool', '-q', '-f', 'json', '-o', plainFile).code).toBe(0);
      const out = cli('merge', multiFile, plainFile, '-f', 'json');
      expect(out.code, out.err).toBe(0);
      const multi = JSON.parse(out.out) as MultiReport;
      expect(validateMulti(multi), schemaErrors()).toBe(true);
      const direct = JSON.parse(cli('diff', fx.base, fx.head, '--platform', 'all', '--name', 'app', '-q', '-f', 'json').out) as MultiReport;
      // Before the fix, the removed platform came back as platform "none" without its change.
      expect(multi.images.map((i) => [i.name, i.platform, i.change ?? null])).toEqual([
        ['app', 'linux/amd64', null],
        ['app', 'linux/arm64', null],
        ['app', 'linux/arm/v6', 'added'],
        ['app', 'linux/arm/v7', 'removed'],
        ['tool', 'linux/amd64', null],
      ]);
      expect(multi.images.slice(0, 4)).toEqual(direct.images);
      const plain = JSON.parse(execFileSync('cat', [plainFile], { encoding: 'utf8' })) as Report;
      expect(multi.totals.delta.size).toBe(direct.totals.delta.size + plain.totals.delta.size);
      // Markdown and text of the same merge render every entry.
      const md = cli('merge', multiFile, plainFile, '-f', 'markdown');
      expect(md.code, md.err).toBe(0);
      for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7']) expect(md.out).toContain(`\`${platform}\``);
      expect(md.out).toContain('`tool`');
    });
  });

  it('CLI combinations that must not crash: --platform all with --deep and --estimate-pull, inspect --platform all --format markdown', () => {
    const both = cli('diff', fx.base, fx.head, '--platform', 'all', '--deep', '--estimate-pull', '-q', '-f', 'markdown');
    expect(both.err).toBe('');
    expect(both.code).toBe(0);
    for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7']) expect(both.out).toContain(`\`${platform}\``);
    const inspect = cli('inspect', fx.head, '--platform', 'all', '-q', '-f', 'markdown');
    expect(inspect.err).toBe('');
    expect(inspect.code).toBe(0);
    // One section per head platform, each with its manifest digest (oracle: jq).
    for (const image of fx.headOracle) {
      expect(inspect.out).toContain(`\`${image.platform}\` · manifest \`${image.manifest.slice(7, 19)}\``);
    }
    const deepInspect = cli('inspect', fx.head, '--platform', 'all', '--deep', '-q', '-f', 'markdown');
    expect(deepInspect.code, deepInspect.err).toBe(0);
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every step (an object with `uses` or `run`) anywhere in a parsed workflow. */
function stepsOf(node: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) for (const item of node) stepsOf(item, found);
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj['uses'] === 'string' || typeof obj['run'] === 'string') found.push(obj);
    for (const value of Object.values(obj)) stepsOf(value, found);
  }
  return found;
}
