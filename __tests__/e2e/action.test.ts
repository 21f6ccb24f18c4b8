/**
 * The built action (dist/index.js) run the way the runner runs it: a node24 child process with
 * INPUT_* variables (hyphens kept, upper-cased), a real event payload, GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT files, and GITHUB_API_URL pointing at a loopback fake of the GitHub API, on real
 * image archives (alpine 3.10 -> 3.11).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, runAction as runActionProcess, type ActionRun } from '../helpers/action-process.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { realImage, realImagesDir, skipRealImagesReason } from '../helpers/real-images.js';

const TOKEN = 'ghs_e2eTokenThatMustNeverBePrinted';

let gh: FakeGitHub;
let work: string;

/** The built action as the runner runs it, on a `pull_request` event of acme/app unless told otherwise. */
function runAction(inputs: Record<string, string>, options: { event?: string; eventName?: string; ref?: string } = {}): Promise<ActionRun> {
  return runActionProcess(gh, work, inputs, {
    event: options.event ?? 'pull_request.json',
    eventName: options.eventName ?? 'pull_request',
    ref: options.ref ?? 'refs/pull/7/merge',
    sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
    workflowRef: 'acme/app/.github/workflows/ci.yml@refs/pull/7/merge',
    token: TOKEN,
    runId: '9001',
    workflow: 'CI',
  });
}

/** The token appears once, in the `::add-mask::` command that tells the runner to hide it; nowhere else. */
function expectNoToken(run: ActionRun): void {
  expect(run.stdout.split('\n').filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
  for (const text of [run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(TOKEN);
}

const describeReal = describe.skipIf(realImagesDir === null);
if (realImagesDir === null) console.warn(`e2e action tests ${skipRealImagesReason}`);

describeReal('action e2e (dist/index.js on trivy-alpine-310 -> 311)', () => {
  let base310: string;
  let head311: string;

  beforeAll(async () => {
    ensureBuilt();
    work = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-e2e-'));
    base310 = realImage('trivy-alpine-310.tar.gz');
    head311 = realImage('trivy-alpine-311.tar.gz');
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(async () => {
    gh = await startFakeGitHub();
    // PR #7 of the event fixtures, at the head commit they name (octocat's fork for the fork event).
    const fork = { id: 700000002, full_name: 'octocat/app', owner: { login: 'octocat' } };
    gh.pulls.push({ number: 7, head: { sha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', ref: 'alpine-3.11', repo: fork } });
  });
  afterEach(async () => {
    await gh.close();
  });

  it('passing budget: comment created, summary and outputs written, exit 0; failing budget: same comment updated, exit 1', async () => {
    const pass = await runAction({ image: head311, 'base-image': base310, budgets: 'max-size: 1GB\nwarn-growth: 50%' });
    expect(pass.stderr).toBe('');
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.outputs['verdict']).toBe('pass');
    expect(Number(pass.outputs['size'])).toBeGreaterThan(5_000_000);
    expect(pass.outputs['size-delta']).toMatch(/^-?\d+$/);
    expect(Number(pass.outputs['cache-hit-ratio'])).toBeGreaterThanOrEqual(0);
    expect(pass.outputs['report-path']).toMatch(/layerdiff-report-default\.json$/);
    const report = JSON.parse(await readFile(pass.outputs['report-path'] as string, 'utf8')) as {
      schema: string;
      verdict: string;
      base: { source: { reference: string } };
    };
    expect(report).toMatchObject({ schema: 'layerdiff/report@1', verdict: 'pass' });

    expect(gh.comments).toHaveLength(1);
    const comment = gh.comments[0];
    expect(comment?.issue).toBe(7);
    expect(comment?.body.split('\n')[0]).toBe('<!-- layerdiff:v1 key=default workflow=.github/workflows/ci.yml -->');
    expect(comment?.body).toBe(pass.outputs['comment-body']);
    expect(comment?.body).toMatch(/max-size/);
    expect(pass.outputs['comment-url']).toBe(`https://github.com/acme/app/pull/7#issuecomment-${comment?.id}`);
    expect(pass.summary).toContain('max-size');
    expect(pass.summary).not.toContain('<!-- layerdiff');
    for (const request of gh.requests) expect(request.authorization).toBe(`token ${TOKEN}`);
    expectNoToken(pass);

    const fail = await runAction({ image: head311, 'base-image': base310, budgets: 'max-size: 1MB' });
    expect(fail.code, fail.stdout).toBe(1);
    expect(fail.outputs['verdict']).toBe('fail');
    expect(fail.stdout).toMatch(/^::error title=layerdiff budget::budget max-size failed: .+$/m);
    expect(fail.stdout).toMatch(/^::error::layerdiff: verdict fail \(fail-on: fail\): max-size$/m);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]?.id).toBe(comment?.id);
    expect(gh.comments[0]?.body).toBe(fail.outputs['comment-body']);
    expect(gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/app/issues/7/comments',
      `PATCH /repos/acme/app/issues/comments/${comment?.id}`,
    ]);
    expectNoToken(fail);
  });

  it('deep: the comment lists the files behind the changed layer (the built bundle with its scan worker)', async () => {
    const run = await runAction({ image: head311, 'base-image': base310, deep: 'true', budgets: 'max-wasted: 1MB' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = gh.comments[0]?.body ?? '';
    // trivy 3.10 -> 3.11: GNU tar + diff -r count 6 added and 30 changed files.
    expect(body).toMatch(/6 added, 13 grown, 6 shrunk, 11 modified/);
    expect(body).toContain('`/lib/ld-musl-x86_64.so.1`');
    expect(body).not.toMatch(/Wasted space/); // nothing wasted: no line at all
    expect(body).toMatch(/✅\u00a0pass \| `max-wasted` \| 1MB \| /);
    const report = JSON.parse(await readFile(run.outputs['report-path'] as string, 'utf8')) as {
      layers: Array<{ files?: { changes: unknown[] } }>;
      deep?: { waste: { wastedBytes: number } };
    };
    expect(report.layers[0]?.files?.changes).toHaveLength(36);
    expect(report.deep?.waste.wastedBytes).toBe(0);
  });

  it('snapshot-path then base-snapshot gives the same numbers as the archive pair', async () => {
    const archivePair = await runAction({ image: head311, 'base-image': base310, comment: 'never' });
    const snapshotFile = path.join(work, 'alpine-310.snapshot.json');
    const saved = await runAction({ image: base310, 'snapshot-path': snapshotFile }, { event: 'push.json', eventName: 'push', ref: 'refs/heads/main' });
    expect(saved.code, saved.stdout).toBe(0);
    expect(gh.requests).toEqual([]);
    expect(saved.summary.length).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(snapshotFile, 'utf8'))).toMatchObject({ schema: 'layerdiff/snapshot@1' });

    const fromSnapshot = await runAction({ image: head311, 'base-snapshot': snapshotFile, comment: 'never' });
    expect(fromSnapshot.code, fromSnapshot.stdout).toBe(0);
    for (const name of ['size', 'size-delta', 'cache-hit-ratio', 'verdict']) expect(fromSnapshot.outputs[name]).toBe(archivePair.outputs[name]);
  });

  it('base-artifact: downloads the base branch artifact (snapshot inside) through @actions/artifact', async () => {
    const snapshotFile = path.join(work, 'artifact-base.json');
    expect((await runAction({ image: base310, 'snapshot-path': snapshotFile, comment: 'never' })).code).toBe(0);
    const reference = await runAction({ image: head311, 'base-snapshot': snapshotFile, comment: 'never' });
    gh.runs.push(
      { id: 8001, run_number: 40, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' },
      { id: 8002, run_number: 41, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'failure' },
    );
    gh.artifacts.push({ id: 31337, runId: 8001, name: 'image-snapshot', files: [{ name: 'alpine.snapshot.json', data: await readFile(snapshotFile) }] });

    const run = await runAction({ image: head311, 'base-artifact': 'image-snapshot' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('base-artifact: "image-snapshot" from run #40 on main');
    for (const name of ['size', 'size-delta', 'cache-hit-ratio']) expect(run.outputs[name]).toBe(reference.outputs[name]);
    const paths = gh.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /repos/acme/app/actions/workflows/ci.yml/runs');
    expect(paths).toContain('GET /repos/acme/app/actions/runs/8001/artifacts');
    expect(paths).toContain('GET /repos/acme/app/actions/artifacts/31337/zip');
    expect(paths).toContain('GET /_blob/31337.zip');
    expect(gh.comments).toHaveLength(1);
    expectNoToken(run);
  });

  it('base-artifact: an image archive inside works too', async () => {
    gh.runs.push({ id: 8101, run_number: 50, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 4242, runId: 8101, name: 'image', files: [{ name: 'image.tar.gz', data: await readFile(base310) }] });
    const run = await runAction({ image: head311, 'base-artifact': 'image', comment: 'never' });
    expect(run.code, run.stdout).toBe(0);
    const direct = await runAction({ image: head311, 'base-image': base310, comment: 'never' });
    for (const name of ['size', 'size-delta', 'cache-hit-ratio']) expect(run.outputs[name]).toBe(direct.outputs[name]);
  });

  it('base-artifact: no run yet or an expired artifact warn in one line and compare without a base; no actions: read fails', async () => {
    const none = await runAction({ image: head311, 'base-artifact': 'image-snapshot' });
    expect(none.code, none.stdout).toBe(0);
    expect(none.stdout).toMatch(
      /^::warning title=layerdiff base-artifact::base-artifact: no successful run of workflow ci\.yml on branch main; .+; comparing without a base$/m,
    );
    expect(none.outputs['size-delta']).toBe('');
    gh.runs.push({ id: 8201, run_number: 60, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 5151, runId: 8201, name: 'image-snapshot', expired: true, files: [] });
    const expired = await runAction({ image: head311, 'base-artifact': 'image-snapshot' });
    expect(expired.code, expired.stdout).toBe(0);
    expect(expired.stdout).toMatch(/^::warning title=layerdiff base-artifact::base-artifact: artifact "image-snapshot" of run #60 on main has expired; .+$/m);
    gh.options.actionsForbidden = true;
    const forbidden = await runAction({ image: head311, 'base-artifact': 'image-snapshot' });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout).toMatch(
      /^::error::base-artifact: the token may not read workflow runs or artifacts \(403\); give the job `permissions: actions: read`$/m,
    );
    expect(forbidden.stdout).not.toMatch(/^\s+at /m);
  });

  it('fork PR (read-only token): summary and outputs written, one warning, exit 0', async () => {
    gh.options.readOnly = true;
    const run = await runAction({ image: head311, 'base-image': base310 }, { event: 'pull_request-fork.json' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout.match(/^::warning::/gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/^::warning::layerdiff: this token cannot write pull request comments .*workflow_run/m);
    expect(run.outputs['verdict']).toBe('pass');
    expect(run.outputs['comment-url']).toBe('');
    expect(run.summary.length).toBeGreaterThan(100);
  });

  it('report mode (stage 2 of the fork-safe pattern) posts the stage-1 report', async () => {
    const stage1 = await runAction({ image: head311, 'base-image': base310, comment: 'never' }, { event: 'pull_request-fork.json' });
    const reportCopy = path.join(work, 'stage1-report.json');
    await writeFile(reportCopy, await readFile(stage1.outputs['report-path'] as string));
    // The pull request comes from the workflow_run event (fork: pull_requests is empty), not from an artifact.
    const stage2 = await runAction(
      { report: reportCopy, 'fail-on': 'never' },
      { event: 'workflow_run-fork.json', eventName: 'workflow_run', ref: 'refs/heads/main' },
    );
    expect(stage2.code, stage2.stdout).toBe(0);
    expect(gh.comments.map((c) => c.body)).toEqual([stage1.outputs['comment-body']]);
  });

  it('a bad input fails the step naming the input; an unreadable image names the image', async () => {
    const bad = await runAction({ image: head311, 'fail-on': 'sometimes' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^::error::fail-on: "sometimes" is not one of fail, warn, never$/m);
    const missing = await runAction({ image: path.join(work, 'nope.tar') });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^::error::.*nope\.tar: .+$/m);
    expect(missing.stdout).not.toMatch(/^\s+at /m);
    expect(gh.requests).toEqual([]);
  });
});
