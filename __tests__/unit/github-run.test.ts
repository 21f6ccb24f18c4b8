import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allLogged, fakeIO, type FakeIO } from '../../__fixtures__/core.js';
import type { RunnerContext } from '../../src/github/context.js';
import { markerFor } from '../../src/github/sticky-comment.js';
import { run, type Engine, type RunDeps } from '../../src/main.js';
import type { Report } from '../../src/core/report.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { failingBudget, fakeRenderMarkdown, passingBudget, sampleReport, testClient, warningBudget } from './github-fixtures.js';

const TOKEN = 'ghs_unit_test_token';
let gh: FakeGitHub;
let temp: string;

const HEAD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const WORKFLOW = '.github/workflows/ci.yml';

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.pulls.push({ number: 7, head: { sha: HEAD_SHA, ref: 'feature', repo: gh.baseRepo } });
  temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-run-'));
});
afterEach(async () => {
  await gh.close();
  await rm(temp, { recursive: true, force: true });
});

function prContext(overrides: Partial<RunnerContext> = {}): RunnerContext {
  return {
    eventName: 'pull_request',
    payload: { number: 7, pull_request: { number: 7, base: { ref: 'main' }, head: { sha: HEAD_SHA } } },
    repo: { owner: 'acme', repo: 'app' },
    runId: 99,
    workflowRef: 'acme/app/.github/workflows/ci.yml@refs/pull/7/merge',
    ref: 'refs/pull/7/merge',
    sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
    apiUrl: gh.url,
    serverUrl: 'https://github.com',
    tempDir: temp,
    ...overrides,
  };
}

interface Harness {
  io: FakeIO;
  calls: Array<{ base: string | null; head: string }>;
}

async function runWith(
  inputs: Record<string, string>,
  options: { report?: Report | Error; context?: RunnerContext; deps?: Partial<RunDeps>; debug?: boolean } = {},
): Promise<Harness> {
  const io = fakeIO({ 'github-token': TOKEN, ...inputs }, { debug: options.debug ?? false });
  const calls: Harness['calls'] = [];
  const engine: Engine = {
    compareImages: async (base, head) => {
      calls.push({ base, head });
      if (options.report instanceof Error) throw options.report;
      return options.report ?? sampleReport();
    },
    renderMarkdown: fakeRenderMarkdown,
    renderJson: (report) => JSON.stringify(report),
  };
  await run({
    io,
    context: options.context ?? prContext(),
    engine,
    createClient: (token, baseUrl) => testClient(token, baseUrl),
    downloadArtifact: async () => {
      throw new Error('no download expected');
    },
    sleep: async () => {},
    ...options.deps,
  });
  return { io, calls };
}

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');

describe('run', () => {
  it('on a PR: writes outputs, the summary and the report file, and creates the sticky comment', async () => {
    const { io, calls } = await runWith(
      { image: 'head.tar', 'base-image': 'docker://ghcr.io/acme/app:main', budgets: 'max-size: 1GB' },
      { report: sampleReport({ budgets: [passingBudget] }) },
    );
    expect(io.failed).toEqual([]);
    expect(calls).toEqual([{ base: 'docker://ghcr.io/acme/app:main', head: 'head.tar' }]);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]?.body.startsWith(`${markerFor('default', WORKFLOW)}\n`)).toBe(true);
    expect(io.outputs).toEqual({
      verdict: 'pass',
      size: '28000000',
      'size-delta': '2000000',
      'cache-hit-ratio': '0.8929',
      'report-path': path.join(temp, 'layerdiff-report-default.json'),
      'comment-body': gh.comments[0]?.body,
      'comment-url': `https://github.com/acme/app/pull/7#issuecomment-${gh.comments[0]?.id}`,
    });
    expect(JSON.parse(await readFile(io.outputs['report-path'] as string, 'utf8'))).toMatchObject({ schema: 'layerdiff/report@1', verdict: 'pass' });
    expect(io.summary).toHaveLength(1);
    expect(io.summary[0]).not.toContain('<!-- layerdiff');
    expect(io.secrets).toContain(TOKEN);
    expect(allLogged(io)).not.toContain(TOKEN);
  });

  it('updates the same comment on the next push', async () => {
    await runWith({ image: 'head.tar' });
    await runWith({ image: 'head.tar' }, { report: sampleReport({ budgets: [failingBudget] }) });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]?.body).toContain('layerdiff: fail');
    expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('fails on a failing budget with one error annotation per failed rule', async () => {
    const second = { ...failingBudget, rule: 'max-size', message: '28.0 MB > 10 MB' };
    const { io } = await runWith({ image: 'head.tar' }, { report: sampleReport({ budgets: [failingBudget, second, passingBudget] }) });
    expect(io.errors).toEqual([
      { message: 'budget max-growth failed: +2.0 MB > 1 MB', props: { title: 'layerdiff budget' } },
      { message: 'budget max-size failed: 28.0 MB > 10 MB', props: { title: 'layerdiff budget' } },
    ]);
    expect(io.failed).toEqual(['layerdiff: verdict fail (fail-on: fail): max-growth, max-size']);
    expect(io.outputs['verdict']).toBe('fail');
    expect(gh.comments).toHaveLength(1);
  });

  it.each([
    ['fail', [warningBudget], false],
    ['warn', [warningBudget], true],
    ['never', [failingBudget], false],
    ['warn', [passingBudget], false],
  ] as const)('fail-on %s with %j fails: %s', async (failOn, budgets, fails) => {
    const { io } = await runWith({ image: 'head.tar', 'fail-on': failOn }, { report: sampleReport({ budgets: [...budgets] }) });
    expect(io.failed.length > 0).toBe(fails);
  });

  it('with a read-only token (fork PR) warns once about workflow_run and still writes summary and outputs', async () => {
    gh.options.readOnly = true;
    const { io } = await runWith({ image: 'head.tar' }, { report: sampleReport({ budgets: [passingBudget] }) });
    expect(io.failed).toEqual([]);
    expect(io.warnings).toHaveLength(1);
    expect(io.warnings[0]?.message).toMatch(/403 "Resource not accessible by integration".*workflow_run.*`report:`/);
    expect(io.summary).toHaveLength(1);
    expect(io.outputs['verdict']).toBe('pass');
    expect(io.outputs['comment-url']).toBe('');
    expect(gh.comments).toHaveLength(0);
  });

  it('on push (no PR) writes the summary and never calls the API', async () => {
    const { io } = await runWith({ image: 'head.tar' }, { context: prContext({ eventName: 'push', payload: {}, ref: 'refs/heads/main' }) });
    expect(io.failed).toEqual([]);
    expect(io.summary).toHaveLength(1);
    expect(gh.requests).toEqual([]);
    expect(io.infos.join('\n')).toContain('No pull request in this push event');
  });

  it('comment: never posts nothing', async () => {
    const { io } = await runWith({ image: 'head.tar', comment: 'never' });
    expect(io.failed).toEqual([]);
    expect(gh.requests).toEqual([]);
    expect(io.outputs['comment-body']?.startsWith(`${markerFor('default', WORKFLOW)}\n\n### layerdiff`)).toBe(true);
  });

  it('comment: on-change creates nothing when no layer changed, but keeps an existing comment current', async () => {
    await runWith({ image: 'head.tar', comment: 'on-change' }, { report: sampleReport({ unchanged: true }) });
    expect(writes()).toEqual([]);
    await runWith({ image: 'head.tar', comment: 'on-change' });
    expect(gh.comments).toHaveLength(1);
    await runWith({ image: 'head.tar', comment: 'on-change' }, { report: sampleReport({ unchanged: true }) });
    expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(gh.comments).toHaveLength(1);
  });

  it('keeps one comment per comment-key', async () => {
    await runWith({ image: 'amd64.tar', 'comment-key': 'linux/amd64' });
    await runWith({ image: 'arm64.tar', 'comment-key': 'linux/arm64' });
    await runWith({ image: 'amd64.tar', 'comment-key': 'linux/amd64' });
    expect(gh.comments.map((c) => c.body.split('\n')[0])).toEqual([markerFor('linux/amd64', WORKFLOW), markerFor('linux/arm64', WORKFLOW)]);
  });

  it('fails with the one-line engine message, and a stack only in debug mode', async () => {
    const error = new Error('head.tar: truncated archive (layer blobs/sha256/ab ends at byte 1234 of 2048)');
    const quiet = await runWith({ image: 'head.tar' }, { report: error });
    expect(quiet.io.failed).toEqual(['head.tar: truncated archive (layer blobs/sha256/ab ends at byte 1234 of 2048)']);
    expect(quiet.io.infos.join('\n')).not.toContain('    at ');
    expect(quiet.io.summary).toEqual([]);
    const loud = await runWith({ image: 'head.tar' }, { report: error, debug: true });
    expect(loud.io.infos.join('\n')).toContain('    at ');
  });

  it('fails on a bad input, naming it, before any work', async () => {
    const { io, calls } = await runWith({ image: 'head.tar', 'fail-on': 'sometimes' });
    expect(io.failed).toEqual(['fail-on: "sometimes" is not one of fail, warn, never']);
    expect(calls).toEqual([]);
  });

  it('writes the head snapshot to snapshot-path', async () => {
    const target = path.join(temp, 'nested', 'head.json');
    const { io } = await runWith({ image: 'head.tar', 'snapshot-path': target });
    expect(io.failed).toEqual([]);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ schema: 'layerdiff/snapshot@1', source: { reference: 'head.tar' } });
  });

  it('base-snapshot becomes a snapshot: reference', async () => {
    const { calls } = await runWith({ image: 'head.tar', 'base-snapshot': 'base.json' });
    expect(calls).toEqual([{ base: 'snapshot:base.json', head: 'head.tar' }]);
  });

  it('base-artifact: finds the run, downloads, and diffs against the snapshot inside', async () => {
    gh.runs.push({ id: 50, run_number: 3, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 777, runId: 50, name: 'image-snapshot', files: [] });
    const downloads: unknown[] = [];
    const { io, calls } = await runWith(
      { image: 'head.tar', 'base-artifact': 'image-snapshot' },
      {
        deps: {
          downloadArtifact: async (request) => {
            downloads.push({ ...request, destination: 'x' });
            await writeFile(path.join(request.destination, 'base.json'), JSON.stringify(sampleReport().base));
          },
        },
      },
    );
    expect(io.failed).toEqual([]);
    expect(downloads).toEqual([{ owner: 'acme', repo: 'app', token: TOKEN, artifactId: 777, runId: 50, destination: 'x' }]);
    expect(calls[0]?.base).toMatch(new RegExp(`^snapshot:${temp}/layerdiff-base-artifact-\\w+/base\\.json$`));
  });

  it('base-artifact: no base run yet warns in one line and compares without a base', async () => {
    const { io, calls } = await runWith({ image: 'head.tar', 'base-artifact': 'image-snapshot' });
    expect(io.failed).toEqual([]);
    expect(io.warnings.map((w) => w.message)).toEqual([
      'base-artifact: no successful run of workflow ci.yml on branch main; the base branch must run this workflow once and upload "image-snapshot"; comparing without a base',
    ]);
    expect(calls).toEqual([{ base: null, head: 'head.tar' }]);
  });

  it('base-artifact: a token without actions: read fails the step', async () => {
    gh.options.actionsForbidden = true;
    const { io, calls } = await runWith({ image: 'head.tar', 'base-artifact': 'image-snapshot' });
    expect(io.failed).toEqual(['base-artifact: the token may not read workflow runs or artifacts (403); give the job `permissions: actions: read`']);
    expect(calls).toEqual([]);
  });

  it("report mode posts a stored report to the workflow_run's pull request without computing anything", async () => {
    const reportPath = path.join(temp, 'report.json');
    await writeFile(reportPath, JSON.stringify(sampleReport({ budgets: [passingBudget] })));
    gh.pulls.push({ number: 12, head: { sha: 'c'.repeat(40), ref: 'topic', repo: gh.baseRepo } });
    const payload = {
      workflow_run: { id: 5, event: 'pull_request', head_sha: 'c'.repeat(40), head_branch: 'topic', head_repository: gh.baseRepo, pull_requests: [] },
      repository: gh.baseRepo,
    };
    const context = prContext({ eventName: 'workflow_run', payload, workflowRef: 'acme/app/.github/workflows/comment.yml@refs/heads/main' });
    const { io, calls } = await runWith({ report: reportPath }, { context });
    expect(io.failed).toEqual([]);
    expect(calls).toEqual([]);
    expect(gh.comments.map((c) => c.issue)).toEqual([12]);
    expect(gh.comments[0]?.body.split('\n')[0]).toBe(markerFor('default', '.github/workflows/comment.yml'));
    expect(io.outputs['report-path']).toBe(reportPath);
    expect(io.summary).toHaveLength(1);
  });

  it('an older run leaves the comment of a newer push alone, in one log line (hostile: slow older run overwriting a newer report)', async () => {
    const newer = gh.addComment(7, `${markerFor('default', WORKFLOW)}\nthe newer push's report`);
    (gh.pulls[0] as { head: { sha: string } }).head.sha = '0123456789abcdef0123456789abcdef01234567';
    const { io } = await runWith({ image: 'head.tar' }, { report: sampleReport({ budgets: [failingBudget] }) });
    expect(writes()).toEqual([]);
    expect(newer.body).toBe(`${markerFor('default', WORKFLOW)}\nthe newer push's report`);
    expect(io.infos.filter((m) => m.startsWith('PR comment not written'))).toEqual([
      "PR comment not written: pull request #7 moved on to 0123456 since this run's 9f8e7d6; leaving the comment to the newer run.",
    ]);
    expect(io.outputs['comment-url']).toBe('');
    // The gate still judges this run's own image.
    expect(io.failed).toEqual(['layerdiff: verdict fail (fail-on: fail): max-growth']);
  });

  it("refuses a pr-number that is not the pull_request event's own PR, posting nothing (hostile: pr-number from an untrusted expression)", async () => {
    gh.pulls.push({ number: 8, head: { sha: HEAD_SHA, ref: 'feature', repo: gh.baseRepo } });
    const { io } = await runWith({ image: 'head.tar', 'pr-number': '8' });
    expect(io.failed).toEqual(["pr-number: #8 is not this pull_request event's pull request (#7); nothing posted"]);
    expect(writes()).toEqual([]);
  });

  it('report mode under workflow_run refuses a forged pr-number and posts nothing (hostile: PR number uploaded by a fork)', async () => {
    const reportPath = path.join(temp, 'report.json');
    await writeFile(reportPath, JSON.stringify(sampleReport()));
    const fork = { id: 700000002, full_name: 'octocat/app', owner: { login: 'octocat' } };
    gh.pulls.push({ number: 12, head: { sha: 'c'.repeat(40), ref: 'topic', repo: fork } });
    const payload = {
      workflow_run: { id: 5, event: 'pull_request', head_sha: 'c'.repeat(40), head_branch: 'topic', head_repository: fork, pull_requests: [] },
      repository: gh.baseRepo,
    };
    const { io } = await runWith({ report: reportPath, 'pr-number': '7' }, { context: prContext({ eventName: 'workflow_run', payload }) });
    expect(io.failed).toEqual([
      "pr-number: pull request #7's head is 9f8e7d6 of acme/app, not this workflow_run's head ccccccc of octocat/app; nothing posted",
    ]);
    expect(writes()).toEqual([]);
    expect(gh.comments).toEqual([]);
  });

  it('report mode refuses what is not a report', async () => {
    const reportPath = path.join(temp, 'snap.json');
    await writeFile(reportPath, JSON.stringify(sampleReport().head));
    const { io } = await runWith({ report: reportPath, 'pr-number': '12' });
    expect(io.failed).toEqual([`report: ${reportPath}: not a layerdiff/report@1 (schema "layerdiff/snapshot@1")`]);
  });
});
