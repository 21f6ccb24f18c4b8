/**
 * Which pull request a run may comment on: from the event, or a `pr-number` checked against the
 * run's head commit and head repository; never from what a pull request uploaded. Driven against
 * the loopback GitHub fake, whose request log shows what was asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, RunnerContext } from '../../src/github/context.js';
import { resolvePullRequest, sameRepo, staleReason } from '../../src/github/pull-request.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js';
import { testClient } from './github-fixtures.js';

const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const OTHER = 'b'.repeat(40);
const FORK: FakeRepo = { id: 700000002, full_name: 'octocat/app', owner: { login: 'octocat' } };
const MALLORY: FakeRepo = { id: 700000666, full_name: 'mallory/app', owner: { login: 'mallory' } };
const repo = { owner: 'acme', repo: 'app' };

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(async () => {
  await gh.close();
});

function context(eventName: string, payload: EventPayload, sha: string | null = null): RunnerContext {
  return { eventName, payload, repo, runId: 1, workflowRef: null, ref: null, sha, apiUrl: gh.url, serverUrl: 'https://github.com', tempDir: null };
}

function workflowRun(overrides: Record<string, unknown> = {}): EventPayload {
  return {
    workflow_run: { id: 5, event: 'pull_request', head_sha: SHA, head_branch: 'feature', head_repository: FORK, pull_requests: [], ...overrides },
    repository: gh.baseRepo,
  };
}

const resolve = (ctx: RunnerContext, requested: number | null = null) => resolvePullRequest(() => testClient('t', gh.url), ctx, repo, requested);
const message = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error as Error).message,
  );

describe('resolvePullRequest', () => {
  it("pull_request: the event's own PR, without an API call", async () => {
    const ctx = context('pull_request', { pull_request: { number: 7, head: { sha: SHA } } });
    expect(await resolve(ctx)).toEqual({ kind: 'pull', pull: { number: 7, headSha: SHA, how: 'the pull_request event' } });
    expect(await resolve(ctx, 7)).toMatchObject({ kind: 'pull', pull: { number: 7 } });
    expect(gh.requests).toEqual([]);
  });

  it("pull_request_target: refuses a pr-number that is not the event's PR (hostile: pr-number input from an untrusted expression)", async () => {
    const ctx = context('pull_request_target', { pull_request: { number: 7, head: { sha: SHA } } });
    expect(await message(resolve(ctx, 8))).toBe("pr-number: #8 is not this pull_request_target event's pull request (#7); nothing posted");
  });

  it('workflow_run: takes workflow_run.pull_requests for a same-repository head, without an API call', async () => {
    const entry = {
      number: 12,
      head: { sha: SHA, ref: 'feature', repo: { id: 700000001, url: 'https://api.github.com/repos/acme/app' } },
      base: { ref: 'main', repo: { id: 700000001, url: 'https://api.github.com/repos/acme/app' } },
    };
    const ctx = context('workflow_run', workflowRun({ head_repository: gh.baseRepo, pull_requests: [entry] }));
    expect(await resolve(ctx)).toEqual({ kind: 'pull', pull: { number: 12, headSha: SHA, how: 'the workflow_run event' } });
    expect(gh.requests).toEqual([]);
  });

  it('workflow_run: ignores listed pull requests of another repository (hostile: a PR elsewhere whose head branch matches)', async () => {
    const elsewhere = {
      number: 3,
      head: { sha: SHA, ref: 'feature', repo: { id: 700000001 } },
      base: { ref: 'main', repo: { id: 999, url: 'https://api.github.com/repos/someone/else' } },
    };
    gh.pulls.push({ number: 21, head: { sha: SHA, ref: 'feature', repo: FORK } });
    const ctx = context('workflow_run', workflowRun({ pull_requests: [elsewhere] }));
    expect(await resolve(ctx)).toMatchObject({ kind: 'pull', pull: { number: 21 } });
  });

  it('workflow_run from a fork (pull_requests empty): finds the open PR by head branch, then head sha and head repository', async () => {
    gh.pulls.push(
      { number: 30, head: { sha: OTHER, ref: 'feature', repo: gh.baseRepo } },
      { number: 31, head: { sha: SHA, ref: 'feature', repo: MALLORY } },
      { number: 32, state: 'closed', head: { sha: SHA, ref: 'feature', repo: FORK } },
      { number: 33, head: { sha: SHA, ref: 'feature', repo: FORK } },
    );
    const ctx = context('workflow_run', workflowRun());
    expect(await resolve(ctx)).toEqual({ kind: 'pull', pull: { number: 33, headSha: SHA, how: 'the open pull request whose head is octocat/app@9f8e7d6' } });
    expect(gh.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/repos/acme/app/pulls', { state: 'open', head: 'octocat:feature', per_page: '100' }],
    ]);
  });

  it('workflow_run: no open PR at that head is a one-line info, not a failure', async () => {
    gh.pulls.push({ number: 33, head: { sha: OTHER, ref: 'feature', repo: FORK } });
    expect(await resolve(context('workflow_run', workflowRun()))).toEqual({
      kind: 'none',
      level: 'info',
      reason: 'no open pull request has head octocat/app@9f8e7d6 (closed, or a newer commit was pushed)',
    });
  });

  it('workflow_run: two open PRs at that head are ambiguous; a checked pr-number chooses', async () => {
    gh.pulls.push({ number: 40, head: { sha: SHA, ref: 'feature', repo: FORK } }, { number: 41, head: { sha: SHA, ref: 'feature', repo: FORK } });
    const ctx = context('workflow_run', workflowRun());
    expect(await resolve(ctx)).toMatchObject({
      kind: 'none',
      level: 'warning',
      reason: 'open pull requests #40, #41 all have head 9f8e7d6; give pr-number to choose one',
    });
    expect(await resolve(ctx, 41)).toMatchObject({ kind: 'pull', pull: { number: 41, headSha: SHA } });
  });

  it('workflow_run: refuses a pr-number whose head is another commit, another repository, or missing (hostile: forged pr-number)', async () => {
    gh.pulls.push(
      { number: 8, head: { sha: OTHER, ref: 'docs', repo: gh.baseRepo } },
      { number: 9, head: { sha: SHA, ref: 'feature', repo: MALLORY } },
      { number: 10, head: { sha: SHA, ref: 'feature', repo: null } },
    );
    const ctx = context('workflow_run', workflowRun());
    expect(await message(resolve(ctx, 8))).toBe(
      "pr-number: pull request #8's head is bbbbbbb of acme/app, not this workflow_run's head 9f8e7d6 of octocat/app; nothing posted",
    );
    expect(await message(resolve(ctx, 9))).toBe(
      "pr-number: pull request #9's head is 9f8e7d6 of mallory/app, not this workflow_run's head 9f8e7d6 of octocat/app; nothing posted",
    );
    expect(await message(resolve(ctx, 10))).toBe(
      "pr-number: pull request #10's head is 9f8e7d6 of a deleted repository, not this workflow_run's head 9f8e7d6 of octocat/app; nothing posted",
    );
    expect(await message(resolve(ctx, 404))).toBe('pr-number: acme/app has no pull request #404; nothing posted');
    expect(gh.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('workflow_run without a head commit: refuses a pr-number rather than trust it', async () => {
    expect(await message(resolve(context('workflow_run', {}), 7))).toBe(
      'pr-number: the workflow_run event has no head commit to check #7 against; nothing posted',
    );
    expect(await resolve(context('workflow_run', {}))).toMatchObject({ kind: 'none', level: 'warning' });
  });

  it('other events: no PR unless pr-number, which must be at GITHUB_SHA', async () => {
    gh.pulls.push({ number: 7, head: { sha: SHA, ref: 'feature', repo: gh.baseRepo } });
    expect(await resolve(context('push', {}, SHA))).toEqual({ kind: 'none', level: 'info', reason: 'No pull request in this push event' });
    expect(gh.requests).toEqual([]);
    expect(await resolve(context('workflow_dispatch', {}, SHA), 7)).toMatchObject({ kind: 'pull', pull: { number: 7, headSha: SHA } });
    expect(await message(resolve(context('workflow_dispatch', {}, OTHER), 7))).toBe(
      "pr-number: pull request #7's head is 9f8e7d6 of acme/app, not this workflow_dispatch's head bbbbbbb; nothing posted",
    );
  });
});

describe('staleReason', () => {
  it("is null while the PR is at the run's head, and one line once a newer commit is its head", async () => {
    gh.pulls.push({ number: 7, head: { sha: SHA, ref: 'feature', repo: FORK } });
    const client = testClient('t', gh.url);
    const pull = { number: 7, headSha: SHA, how: 'test' };
    expect(await staleReason(client, repo, pull)).toBeNull();
    (gh.pulls[0] as { head: { sha: string } }).head.sha = OTHER;
    expect(await staleReason(client, repo, pull)).toBe("pull request #7 moved on to bbbbbbb since this run's 9f8e7d6; leaving the comment to the newer run");
    expect(await staleReason(client, repo, { ...pull, number: 99 })).toBe('pull request #99 no longer exists');
  });
});

describe('sameRepo', () => {
  it('compares ids when both have one, else names (case-insensitively, from the API URL too), else refuses', () => {
    expect(sameRepo({ id: 1, full_name: 'a/b' }, { id: 1, full_name: 'renamed/b' })).toBe(true);
    expect(sameRepo({ id: 1, full_name: 'a/b' }, { id: 2, full_name: 'a/b' })).toBe(false);
    expect(sameRepo({ full_name: 'Acme/App' }, { url: 'https://api.github.com/repos/acme/app' })).toBe(true);
    expect(sameRepo({}, {})).toBe(false);
    expect(sameRepo(null, { id: 1 })).toBe(false);
  });
});
