/**
 * Which comments are ours and how concurrent runs settle, against the loopback GitHub fake (real
 * Octokit, real HTTP, every request recorded): identity for each kind of token without writing
 * anything, duplicates, lagging listings, vanished comments and bounded settling.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markerFor, resolveIdentity, upsertStickyComment, type UpsertOptions } from '../../src/github/sticky-comment.js';
import { GITHUB_ACTIONS_BOT, startFakeGitHub, type FakeComment, type FakeGitHub, type FakeGitHubOptions, type FakeUser } from '../helpers/fake-github.js';
import { testClient } from './github-fixtures.js';

const APP: FakeUser = { login: 'layerdiff-app[bot]', type: 'Bot', id: 190000001 };
const PAT_USER: FakeUser = { login: 'release-bot', type: 'User', id: 5000 };
const WORKFLOW = '.github/workflows/image.yml';
const MARKER = markerFor('default', WORKFLOW);
const BODY = `${MARKER}\n### layerdiff\nnew body`;
const target = { owner: 'acme', repo: 'app', issueNumber: 7 };

let gh: FakeGitHub;
const sleeps: number[] = [];

async function fake(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  await gh?.close();
  gh = await startFakeGitHub(options);
  return gh;
}

beforeEach(async () => {
  sleeps.length = 0;
  await fake();
});
afterEach(async () => {
  await gh.close();
});

function upsert(options: Partial<UpsertOptions> = {}) {
  return upsertStickyComment(testClient('ghs_t', gh.url), target, {
    commentKey: 'default',
    workflow: WORKFLOW,
    body: BODY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

const writes = () =>
  gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path.replace('/repos/acme/app/issues', '')}`);

describe('resolveIdentity', () => {
  it("learns a GitHub App installation token's SLUG[bot] from GraphQL viewer, adding the [bot] GraphQL may leave off", async () => {
    await fake({ tokenUser: APP, viewer: 'bare' });
    expect(await resolveIdentity(testClient('ghs_t', gh.url))).toEqual({ login: 'layerdiff-app[bot]', source: 'graphql-viewer' });
    await fake({ tokenUser: APP, viewer: 'login' });
    expect(await resolveIdentity(testClient('ghs_t', gh.url))).toEqual({ login: 'layerdiff-app[bot]', source: 'graphql-viewer' });
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql']);
  });

  it('learns GITHUB_TOKEN as github-actions[bot] and a personal token as its user', async () => {
    expect(await resolveIdentity(testClient('ghs_t', gh.url))).toEqual({ login: 'github-actions[bot]', source: 'graphql-viewer' });
    await fake({ tokenUser: PAT_USER, userEndpoint: true });
    expect(await resolveIdentity(testClient('ghp_t', gh.url))).toEqual({ login: 'release-bot', source: 'graphql-viewer' });
  });

  it('falls back to GET /user when GraphQL is refused', async () => {
    await fake({ tokenUser: PAT_USER, userEndpoint: true, viewer: 'refused' });
    expect(await resolveIdentity(testClient('ghp_t', gh.url))).toEqual({ login: 'release-bot', source: 'user-api' });
  });

  it('refuses to guess when neither answers: no comment is written (hostile: fallback identity adopts github-actions[bot] comments)', async () => {
    await fake({ tokenUser: APP, viewer: 'refused' });
    gh.addComment(7, `${MARKER}\nwritten by GITHUB_TOKEN`, GITHUB_ACTIONS_BOT);
    await expect(upsert()).rejects.toThrow(/^could not learn which account this token writes as \(GraphQL viewer: Bad credentials; GET \/user refused\)/);
    expect(writes()).toEqual([]);
  });
});

describe('upsertStickyComment ownership', () => {
  it('with an App token, finds and updates its own comment; never creates one to learn who it is', async () => {
    await fake({ tokenUser: APP, viewer: 'bare' });
    const foreign = gh.addComment(7, `${MARKER}\nsame marker, github-actions[bot]`, GITHUB_ACTIONS_BOT);
    const mine = gh.addComment(7, `${MARKER}\nold`, APP);
    expect(await upsert()).toEqual({ action: 'updated', id: mine.id, url: expect.stringContaining(`#issuecomment-${mine.id}`), removedDuplicates: [] });
    expect(writes()).toEqual([`PATCH /comments/${mine.id}`]);
    expect(foreign.body).toBe(`${MARKER}\nsame marker, github-actions[bot]`);
  });

  it('keeps the oldest of its duplicates and deletes the others, also when only updating (on-change)', async () => {
    const [a, b, c] = [gh.addComment(7, `${MARKER}\n1`), gh.addComment(7, `${MARKER}\n2`), gh.addComment(7, `${MARKER}\n3`)] as FakeComment[];
    const outcome = await upsert({ updateOnly: true });
    expect(outcome).toMatchObject({ action: 'updated', id: a?.id, removedDuplicates: [b?.id, c?.id] });
    expect(gh.comments.map((x) => x.body)).toEqual([BODY]);
  });

  it('passes to the next-oldest copy when the oldest was deleted meanwhile', async () => {
    const [a, b] = [gh.addComment(7, `${MARKER}\n1`), gh.addComment(7, `${MARKER}\n2`)] as FakeComment[];
    gh.options.hook = (request, state) => {
      if (request.method === 'PATCH' && request.path.endsWith(`/${a?.id}`)) state.comments.splice(state.comments.indexOf(a as FakeComment), 1);
    };
    expect(await upsert()).toMatchObject({ action: 'updated', id: b?.id, removedDuplicates: [] });
    expect(writes()).toEqual([`PATCH /comments/${a?.id}`, `PATCH /comments/${b?.id}`]);
  });

  it("writes nothing when the PR's head moved on (hostile: an older run overwriting a newer report)", async () => {
    gh.addComment(7, `${MARKER}\nnewer report`);
    const reason = 'pull request #7 moved on to 0123456';
    expect(await upsert({ staleReason: async () => reason })).toEqual({ action: 'skipped', reason });
    gh.comments.length = 0;
    expect(await upsert({ staleReason: async () => reason })).toEqual({ action: 'skipped', reason });
    expect(writes()).toEqual([]);
  });
});

describe('upsertStickyComment settling', () => {
  it('settles a new comment after two listings in a row show it alone', async () => {
    const outcome = await upsert();
    expect(outcome).toMatchObject({ action: 'created', removedDuplicates: [] });
    expect(gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/7/comments'))).toHaveLength(3);
    expect(sleeps).toEqual([0, 400]);
  });

  it('two runs that both created: keeps the oldest, deletes the one it wrote, puts its body in the oldest', async () => {
    let theirs: FakeComment | undefined;
    gh.options.hook = (request, state) => {
      if (request.method === 'POST' && request.path.endsWith('/7/comments') && !theirs) theirs = state.addComment(7, `${MARKER}\nthe other run`);
    };
    const outcome = await upsert();
    expect(outcome).toMatchObject({ action: 'updated', id: theirs?.id, removedDuplicates: [(theirs?.id ?? 0) + 1] });
    expect(gh.comments.map((c) => [c.id, c.body])).toEqual([[theirs?.id, BODY]]);
  });

  it('does not write again when a listing lags its own new comment', async () => {
    let hidden: FakeComment | undefined;
    let lagged = false;
    gh.options.hook = (request, state) => {
      if (request.method === 'GET' && request.path.endsWith('/7/comments') && state.comments.length === 1 && !lagged) {
        lagged = true;
        hidden = state.comments.pop();
      } else if (hidden) {
        state.comments.push(hidden);
        hidden = undefined;
      }
    };
    expect(await upsert()).toMatchObject({ action: 'created' });
    expect(writes()).toEqual(['POST /7/comments']);
    expect(gh.comments).toHaveLength(1);
  });

  it('writes the comment again when every copy vanished while settling', async () => {
    let deleted = false;
    gh.options.hook = (request, state) => {
      if (request.method === 'GET' && request.path.endsWith('/7/comments') && state.comments.length === 1 && !deleted) {
        deleted = true;
        state.comments.length = 0;
      }
    };
    expect(await upsert()).toMatchObject({ action: 'created' });
    expect(writes()).toEqual(['POST /7/comments', 'POST /7/comments']);
    expect(gh.comments).toHaveLength(1);
  });

  it('stops after the last back-off even when other runs keep creating copies (bounded)', async () => {
    let created = false;
    gh.options.hook = (request, state) => {
      if (request.method === 'POST' && request.path.endsWith('/7/comments')) created = true;
      else if (created && request.method === 'GET' && request.path.endsWith('/7/comments')) state.addComment(7, `${MARKER}\nyet another run`);
    };
    const outcome = await upsert({ settleDelaysMs: [0, 1, 2] });
    expect(outcome).toMatchObject({ action: 'created', removedDuplicates: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    // One listing before the create, one per back-off step, and nothing after the last.
    expect(gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/7/comments'))).toHaveLength(4);
    expect(sleeps).toEqual([0, 1, 2]);
  });

  it('settles with the author GitHub stamped on its new comment when that differs from what was learned', async () => {
    await fake({ tokenUser: APP });
    const logs: string[] = [];
    const outcome = await upsert({ identity: { login: 'someone-else', source: 'user-api' }, log: (m) => logs.push(m) });
    expect(outcome).toMatchObject({ action: 'created' });
    expect(logs).toEqual(['layerdiff: the token identified as someone-else but wrote as layerdiff-app[bot]; using layerdiff-app[bot]']);
    expect(gh.comments).toHaveLength(1);
  });
});
