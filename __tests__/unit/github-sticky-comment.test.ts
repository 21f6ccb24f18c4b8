import { nockFetchSkipReason, nockFetchSupported } from '../helpers/runtime.js';
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import {
  isReadOnlyTokenError,
  isOurComment,
  markerFor,
  upsertStickyComment as upsert,
  type IssueComment,
  type UpsertOptions,
} from '../../src/github/sticky-comment.js';
import type { GitHubClient } from '../../src/github/client.js';
import { API, testClient } from './github-fixtures.js';

const target = { owner: 'acme', repo: 'app', issueNumber: 7 };
const listPath = '/repos/acme/app/issues/7/comments';
const BOT = { login: 'github-actions[bot]', type: 'Bot' };
const HUMAN = { login: 'octocat', type: 'User' };
const marker = markerFor('default');
const noWait = { sleep: async () => {} };
const upsertStickyComment = (client: GitHubClient, t: typeof target, options: UpsertOptions) => upsert(client, t, { ...noWait, ...options });
const body = `${marker}\n### layerdiff\nnew body`;

function comment(id: number, user: { login: string; type: string }, text: string): IssueComment & { user: { login: string; type: string } } {
  return { id, body: text, user, html_url: `https://github.test/acme/app/pull/7#issuecomment-${id}` };
}

function pageLink(page: number, last: number): Record<string, string> {
  const links = [];
  if (page < last) links.push(`<${API}${listPath}?per_page=100&page=${page + 1}>; rel="next"`);
  links.push(`<${API}${listPath}?per_page=100&page=${last}>; rel="last"`);
  return { link: links.join(', ') };
}

/** GITHUB_TOKEN: GraphQL viewer names it github-actions[bot] (GET /user would be refused). */
function installationToken(): nock.Scope {
  return nock(API)
    .post('/graphql')
    .reply(200, { data: { viewer: { login: 'github-actions[bot]', __typename: 'Bot' } } });
}

function listOnce(comments: IssueComment[]): nock.Scope {
  return nock(API).get(listPath).query({ per_page: '100' }).reply(200, comments);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('isOurComment', () => {
  const identity = { login: 'github-actions[bot]', source: 'graphql-viewer' as const };
  it('needs our author and our marker as the first line', () => {
    expect(isOurComment(comment(1, BOT, `${marker}\nbody`), marker, identity)).toBe(true);
    expect(isOurComment(comment(1, BOT, marker), marker, identity)).toBe(true);
    expect(isOurComment(comment(2, HUMAN, `${marker}\nbody`), marker, identity)).toBe(false);
    expect(isOurComment(comment(3, BOT, `${markerFor('default-2')}\nbody`), marker, identity)).toBe(false);
    expect(isOurComment(comment(3, BOT, `${markerFor('default', '.github/workflows/other.yml')}\nbody`), marker, identity)).toBe(false);
    expect(isOurComment(comment(3, BOT, '<!-- layerdiff:default -->\nthe marker of layerdiff before v1'), marker, identity)).toBe(false);
    expect(isOurComment(comment(3, BOT, `${marker}\r\nedited in the web editor`), marker, identity)).toBe(true);
    expect(isOurComment(comment(4, BOT, `Looks like \`${marker}\` is the marker`), marker, identity)).toBe(false);
    expect(isOurComment(comment(5, BOT, `intro\n${marker}`), marker, identity)).toBe(false);
    expect(isOurComment({ ...comment(6, BOT, marker), user: null }, marker, identity)).toBe(false);
  });
});

if (!nockFetchSupported) console.warn(`upsertStickyComment: ${nockFetchSkipReason}`);

describe.skipIf(!nockFetchSupported)('upsertStickyComment', () => {
  it('creates the comment when none of ours exists', async () => {
    installationToken();
    listOnce([comment(1, HUMAN, 'LGTM')]);
    const created = comment(50, BOT, body);
    nock(API)
      .post(listPath, (b: { body: string }) => b.body === body)
      .reply(201, created);
    // Settled when two listings in a row show it alone.
    listOnce([comment(1, HUMAN, 'LGTM'), created]);
    listOnce([comment(1, HUMAN, 'LGTM'), created]);
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toEqual({ action: 'created', id: 50, url: created.html_url, removedDuplicates: [] });
  });

  it('finds ours on page 3 of 3 and updates it in place', async () => {
    installationToken();
    const page1 = Array.from({ length: 100 }, (_, i) => comment(100 + i, HUMAN, `comment ${i}`));
    const page2 = Array.from({ length: 100 }, (_, i) => comment(200 + i, i % 2 ? BOT : HUMAN, `other bot text ${i}`));
    const ours = comment(301, BOT, `${marker}\nold body`);
    nock(API).get(listPath).query({ per_page: '100' }).reply(200, page1, pageLink(1, 3));
    nock(API).get(listPath).query({ per_page: '100', page: '2' }).reply(200, page2, pageLink(2, 3));
    nock(API)
      .get(listPath)
      .query({ per_page: '100', page: '3' })
      .reply(200, [comment(300, HUMAN, 'hm'), ours], pageLink(3, 3));
    nock(API)
      .patch('/repos/acme/app/issues/comments/301', (b: { body: string }) => b.body === body)
      .reply(200, { ...ours, body });
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toEqual({ action: 'updated', id: 301, url: ours.html_url, removedDuplicates: [] });
  });

  it('leaves foreign comments with a similar marker alone and creates its own', async () => {
    installationToken();
    const foreign = [
      comment(10, HUMAN, `${marker}\nI copied the marker`),
      comment(11, BOT, '<!-- layerdiff:default-2 -->\nanother key'),
      comment(12, BOT, `The bot said \`${marker}\` earlier`),
      comment(13, { login: 'renovate[bot]', type: 'Bot' }, `${marker}\nsame marker, other author`),
      comment(14, BOT, `${marker}x on the same line`),
      comment(15, BOT, '<!-- layerdiff:default -->\nanother workflow of github-actions[bot], old marker text'),
    ];
    listOnce(foreign);
    const created = comment(60, BOT, body);
    nock(API).post(listPath).reply(201, created);
    listOnce([...foreign, created]);
    listOnce([...foreign, created]);
    // No PATCH or DELETE interceptor exists: touching any foreign comment would fail the request.
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toMatchObject({ action: 'created', id: 60 });
  });

  it('uses the identity GraphQL viewer reports for a personal token', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'release-bot', __typename: 'User' } } });
    const mine = comment(20, { login: 'release-bot', type: 'User' }, `${marker}\nold`);
    listOnce([comment(19, BOT, `${marker}\nwritten by GITHUB_TOKEN, not us`), mine]);
    nock(API)
      .patch('/repos/acme/app/issues/comments/20')
      .reply(200, { ...mine, body });
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toMatchObject({ action: 'updated', id: 20 });
  });

  it('creates a new comment when ours vanished before the update (404)', async () => {
    installationToken();
    const gone = comment(30, BOT, `${marker}\nold`);
    listOnce([gone]);
    nock(API).patch('/repos/acme/app/issues/comments/30').reply(404, { message: 'Not Found' });
    const created = comment(31, BOT, body);
    nock(API).post(listPath).reply(201, created);
    listOnce([created]);
    listOnce([created]);
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toEqual({ action: 'created', id: 31, url: created.html_url, removedDuplicates: [] });
  });

  it('after a race with another job, deletes only the duplicate it created and updates the older one', async () => {
    installationToken();
    listOnce([]);
    const created = comment(41, BOT, body);
    const theirs = comment(40, BOT, `${marker}\nother job`);
    nock(API).post(listPath).reply(201, created);
    listOnce([comment(39, HUMAN, 'hi'), theirs, created]);
    nock(API).delete('/repos/acme/app/issues/comments/41').reply(204);
    nock(API)
      .patch('/repos/acme/app/issues/comments/40', (b: { body: string }) => b.body === body)
      .reply(200, { ...theirs, body });
    listOnce([comment(39, HUMAN, 'hi'), { ...theirs, body }]);
    listOnce([comment(39, HUMAN, 'hi'), { ...theirs, body }]);
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toEqual({ action: 'updated', id: 40, url: theirs.html_url, removedDuplicates: [41] });
  });

  it('on a fork (read-only token) throws a 403 that is recognised as such', async () => {
    installationToken();
    listOnce([]);
    nock(API).post(listPath).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    const error = await upsertStickyComment(testClient(), target, { commentKey: 'default', body }).catch((e: unknown) => e);
    expect(isReadOnlyTokenError(error)).toBe(true);
  });

  it('retries a secondary rate limit, then succeeds', async () => {
    installationToken();
    nock(API)
      .get(listPath)
      .query({ per_page: '100' })
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
    listOnce([]);
    const created = comment(70, BOT, body);
    nock(API).post(listPath).reply(201, created);
    listOnce([created]);
    listOnce([created]);
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toMatchObject({ action: 'created', id: 70 });
  });

  it('retries a 502, then succeeds', async () => {
    installationToken();
    const ours = comment(80, BOT, `${marker}\nold`);
    listOnce([ours]);
    nock(API).patch('/repos/acme/app/issues/comments/80').reply(502, 'Bad Gateway');
    nock(API)
      .patch('/repos/acme/app/issues/comments/80')
      .reply(200, { ...ours, body });
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body });
    expect(outcome).toMatchObject({ action: 'updated', id: 80 });
  });

  it('with updateOnly, updates an existing comment but never creates one', async () => {
    installationToken();
    listOnce([comment(1, HUMAN, 'LGTM')]);
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'default', body, updateOnly: true });
    expect(outcome).toEqual({ action: 'skipped', reason: 'no layer changed and no comment to update' });
  });

  it('keeps matrix keys apart', async () => {
    installationToken();
    const amd = comment(90, BOT, `${markerFor('linux/amd64')}\namd64 body`);
    const arm = comment(91, BOT, `${markerFor('linux/arm64')}\narm64 body`);
    listOnce([amd, arm]);
    const armBody = `${markerFor('linux/arm64')}\nnew arm64`;
    nock(API)
      .patch('/repos/acme/app/issues/comments/91', (b: { body: string }) => b.body === armBody)
      .reply(200, { ...arm, body: armBody });
    const outcome = await upsertStickyComment(testClient(), target, { commentKey: 'linux/arm64', body: armBody });
    expect(outcome).toMatchObject({ action: 'updated', id: 91 });
  });

  it('never sends the token anywhere but the Authorization header', async () => {
    const token = 'ghs_never_printed_123';
    // Every request must carry the token in the Authorization header (nock refuses the others).
    nock(API, { reqheaders: { authorization: `token ${token}` } })
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'github-actions[bot]', __typename: 'Bot' } } });
    listOnce([]);
    nock(API).post(listPath).reply(403, { message: 'Resource not accessible by integration' });
    const error = await upsertStickyComment(testClient(token), target, { commentKey: 'default', body }).catch((e: unknown) => e);
    expect(String(error)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });
});
