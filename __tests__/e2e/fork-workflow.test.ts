/**
 * Stage 2 of the fork-safe workflow, attacked: the built action (dist/index.js) runs under a real
 * `workflow_run` event for fork PR A (#7, octocat/app@alpine-3.11, `pull_requests` empty as GitHub
 * leaves it for forks) against a loopback GitHub API that records every request. The report comes
 * from the real CLI on the example images; nothing here needs a registry or the real images.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markerFor } from '../../src/github/sticky-comment.js';
import { ensureBuilt, EVENTS, runAction, type ActionEnv, type ActionRun } from '../helpers/action-process.js';
import { GITHUB_ACTIONS_BOT, startFakeGitHub, type FakeGitHub, type FakeRepo, type RecordedRequest } from '../helpers/fake-github.js';
import { repoRoot } from '../helpers/real-images.js';

const TOKEN = 'ghs_forkWorkflowTokenNeverPrinted';
const event = JSON.parse(await readFile(path.join(EVENTS, 'workflow_run-fork.json'), 'utf8')) as {
  workflow_run: { head_sha: string; head_branch: string; head_repository: FakeRepo & { owner: { login: string } } };
};
const FORK_SHA = event.workflow_run.head_sha;
const FORK_BRANCH = event.workflow_run.head_branch;
const FORK: FakeRepo = {
  id: event.workflow_run.head_repository.id,
  full_name: event.workflow_run.head_repository.full_name,
  owner: { login: event.workflow_run.head_repository.owner.login },
};
const NEWER_SHA = '0123456789abcdef0123456789abcdef01234567';
const STAGE2: ActionEnv = {
  event: 'workflow_run-fork.json',
  eventName: 'workflow_run',
  ref: 'refs/heads/main',
  sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
  workflowRef: 'acme/app/.github/workflows/image-comment.yml@refs/heads/main',
  token: TOKEN,
};
const MARKER = markerFor('default', '.github/workflows/image-comment.yml');

let gh: FakeGitHub;
let work: string;
let reportPath: string;

const writes = (requests: RecordedRequest[] = gh.requests) =>
  requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`);
const commentPath = (id: number | undefined) => `/repos/acme/app/issues/comments/${id}`;
const stage2 = (inputs: Record<string, string> = {}) => runAction(gh, work, { report: reportPath, 'fail-on': 'never', ...inputs }, STAGE2);

function expectPosted(run: ActionRun): void {
  expect(run.stderr).toBe('');
  expect(run.code, run.stdout).toBe(0);
  expect(run.stdout).not.toMatch(/^::(error|warning)/m);
}

beforeAll(async () => {
  ensureBuilt();
  work = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-fork-e2e-'));
  // Stage 1's report, as the real CLI writes it for the example images.
  reportPath = path.join(work, 'report.json');
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  execFileSync(process.execPath, [
    cli,
    'diff',
    path.join(repoRoot, 'examples', 'base.tar'),
    path.join(repoRoot, 'examples', 'head.tar'),
    '--format',
    'json',
    '-o',
    reportPath,
    '--quiet',
  ]);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  gh = await startFakeGitHub();
  // A: the fork's PR that stage 1 ran for. B: another PR the fork would like to write on.
  gh.pulls.push({ number: 7, head: { sha: FORK_SHA, ref: FORK_BRANCH, repo: FORK } });
  gh.pulls.push({ number: 8, head: { sha: 'b'.repeat(40), ref: 'release-notes', repo: gh.baseRepo } });
});
afterEach(async () => {
  await gh.close();
});

describe('fork PR stage 2 (workflow_run) e2e', () => {
  it("refuses a pr-number that is not the run's pull request: nothing posted on B, the step fails in one line (hostile: forged pr-number in the artifact)", async () => {
    gh.addComment(8, `${MARKER}\nB's real report`);
    const run = await stage2({ 'pr-number': '8' });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      "::error::pr-number: pull request #8's head is bbbbbbb of acme/app, not this workflow_run's head 9f8e7d6 of octocat/app; nothing posted",
    ]);
    expect(writes()).toEqual([]);
    expect(gh.comments.map((c) => [c.issue, c.body])).toEqual([[8, `${MARKER}\nB's real report`]]);
    // The token appears once, in the command that tells the runner to mask it.
    expect(run.stdout.split('\n').filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
  });

  it('refuses a pr-number whose head is the same commit pushed from another fork (hostile: same sha, other repository)', async () => {
    const mallory: FakeRepo = { id: 700000666, full_name: 'mallory/app', owner: { login: 'mallory' } };
    gh.pulls.push({ number: 9, head: { sha: FORK_SHA, ref: FORK_BRANCH, repo: mallory } });
    const run = await stage2({ 'pr-number': '9' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::pr-number: pull request #9's head is 9f8e7d6 of mallory\/app, not this workflow_run's head 9f8e7d6 of octocat\/app; nothing posted$/m,
    );
    expect(writes()).toEqual([]);
  });

  it('finds fork PR A by head sha and head repository when workflow_run.pull_requests is empty', async () => {
    // Same branch name and commit from another fork: not A.
    gh.pulls.push({ number: 9, head: { sha: FORK_SHA, ref: FORK_BRANCH, repo: { id: 700000666, full_name: 'mallory/app', owner: { login: 'mallory' } } } });
    const run = await stage2();
    expectPosted(run);
    expect(gh.comments.map((c) => c.issue)).toEqual([7]);
    expect(gh.comments[0]?.body.split('\n')[0]).toBe(MARKER);
    expect(gh.comments[0]?.body).toBe(run.outputs['comment-body']);
    const search = gh.requests.find((r) => r.method === 'GET' && r.path === '/repos/acme/app/pulls');
    expect(search?.query).toMatchObject({ state: 'open', head: `octocat:${FORK_BRANCH}` });
    expect(run.stdout).toContain(`Pull request #7, from the open pull request whose head is octocat/app@9f8e7d6`);
    // A matching pr-number is accepted.
    const again = await stage2({ 'pr-number': '7' });
    expectPosted(again);
    expect(gh.comments).toHaveLength(1);
  });

  it('posts nothing when the fork pushed again before stage 2 ran (hostile: older report)', async () => {
    const pull = gh.pulls.find((p) => p.number === 7);
    if (pull) pull.head.sha = NEWER_SHA;
    gh.addComment(7, `${MARKER}\nthe newer run's report`);
    const run = await stage2();
    expectPosted(run);
    expect(run.stdout).toMatch(/^no open pull request has head octocat\/app@9f8e7d6 \(closed, or a newer commit was pushed\): no comment/m);
    expect(writes()).toEqual([]);
    expect(gh.comments[0]?.body).toBe(`${MARKER}\nthe newer run's report`);
  });

  it("skips the update when the PR's head moves while the run is posting, in one log line (hostile: slow older run)", async () => {
    gh.addComment(7, `${MARKER}\nthe newer run's report`);
    gh.options.hook = (request, state) => {
      // The push lands after the PR was found by its head, while the run reads the comments.
      if (request.path === '/repos/acme/app/issues/7/comments' && request.method === 'GET') {
        const pull = state.pulls.find((p) => p.number === 7);
        if (pull) pull.head.sha = NEWER_SHA;
      }
    };
    const run = await stage2();
    expectPosted(run);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('PR comment not written'))).toEqual([
      "PR comment not written: pull request #7 moved on to 0123456 since this run's 9f8e7d6; leaving the comment to the newer run.",
    ]);
    expect(writes()).toEqual([]);
    expect(gh.comments[0]?.body).toBe(`${MARKER}\nthe newer run's report`);
  });

  it("learns a GitHub App installation token's identity without a throw-away comment (no POST followed by DELETE)", async () => {
    await gh.close();
    const app = { login: 'layerdiff-app[bot]', type: 'Bot', id: 190000001 };
    gh = await startFakeGitHub({ tokenUser: app, viewer: 'bare' });
    gh.pulls.push({ number: 7, head: { sha: FORK_SHA, ref: FORK_BRANCH, repo: FORK } });
    // github-actions[bot] (the old fallback identity) holds a comment with our marker: not ours.
    const actionsComment = gh.addComment(7, `${MARKER}\nwritten with GITHUB_TOKEN by another workflow`, GITHUB_ACTIONS_BOT);
    const first = await stage2();
    expectPosted(first);
    const second = await stage2();
    expectPosted(second);
    const ours = gh.comments.filter((c) => c.user.login === 'layerdiff-app[bot]');
    expect(ours).toHaveLength(1);
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments', `PATCH ${commentPath(ours[0]?.id)}`]);
    expect(gh.requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
    expect(gh.comments).toContainEqual(actionsComment);
  });

  it('cleans duplicates of ours that exist already, keeping the oldest', async () => {
    const human = gh.addComment(7, `${MARKER}\nI pasted the marker`, { login: 'octocat', type: 'User' });
    const oldest = gh.addComment(7, `${MARKER}\nold 1`);
    const dup1 = gh.addComment(7, `${MARKER}\nold 2`);
    const dup2 = gh.addComment(7, `${MARKER}\nold 3`);
    const run = await stage2();
    expectPosted(run);
    expect(writes()).toEqual([`PATCH ${commentPath(oldest.id)}`, `DELETE ${commentPath(dup1.id)}`, `DELETE ${commentPath(dup2.id)}`]);
    expect(gh.comments.map((c) => c.id)).toEqual([human.id, oldest.id]);
    expect(human.body).toBe(`${MARKER}\nI pasted the marker`);
    expect(run.outputs['comment-url']).toContain(`#issuecomment-${oldest.id}`);
  });

  it('never touches a github-actions[bot] comment from another workflow that starts with the old marker text (hostile: adopted comment)', async () => {
    const foreign = [
      gh.addComment(7, '<!-- layerdiff:default -->\nanother workflow of the same bot, old marker text'),
      gh.addComment(7, `${markerFor('default', '.github/workflows/other.yml')}\nanother workflow's layerdiff`),
      gh.addComment(7, `${MARKER} and more on the first line`),
      gh.addComment(7, `quoted:\n${MARKER}`),
    ];
    const before = foreign.map((c) => ({ ...c }));
    const run = await stage2();
    expectPosted(run);
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments']);
    expect(gh.comments.slice(0, foreign.length)).toEqual(before);
    expect(gh.comments).toHaveLength(foreign.length + 1);
  });

  it('re-creates a comment deleted before the update (404) and settles the race that follows', async () => {
    const gone = gh.addComment(7, `${MARKER}\nold`);
    let competitor: number | undefined;
    gh.options.hook = (request, state) => {
      if (request.method === 'PATCH' && request.path === commentPath(gone.id)) {
        state.comments.splice(state.comments.indexOf(gone), 1);
      }
      // Another run of the same key creates its comment just before ours.
      if (request.method === 'POST' && request.path === '/repos/acme/app/issues/7/comments' && competitor === undefined) {
        competitor = state.addComment(7, `${MARKER}\nthe other run`).id;
      }
    };
    const run = await stage2();
    expectPosted(run);
    const created = gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments')).length;
    expect(created).toBe(1);
    const ours = competitor === undefined ? undefined : competitor + 1;
    expect(writes()).toEqual([
      `PATCH ${commentPath(gone.id)}`,
      'POST /repos/acme/app/issues/7/comments',
      `DELETE ${commentPath(ours)}`,
      `PATCH ${commentPath(competitor)}`,
    ]);
    expect(gh.comments.map((c) => c.id)).toEqual([competitor]);
    expect(gh.comments[0]?.body).toBe(run.outputs['comment-body']);
    expect(run.stdout).toContain(`PR comment updated: https://github.com/acme/app/pull/7#issuecomment-${competitor} (deleted 1 duplicate(s) of ours: ${ours})`);
  });
});
