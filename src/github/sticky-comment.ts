/**
 * The sticky PR comment: one per comment key and workflow, found by its exact marker line among the
 * comments the token's own identity wrote, updated in place, created when absent, and settled when
 * concurrent runs race. No other comment is ever edited or deleted.
 */
import { buildMarker, firstLineOf } from '../report/comment-marker.js';
import { apiMessage, statusOf, type GitHubClient } from './client.js';
import type { RepoRef } from './context.js';

export interface CommentTarget extends RepoRef {
  issueNumber: number;
}

/** Who the token writes as. */
export interface Identity {
  login: string;
  /** How the login was learned: GraphQL `viewer`, or REST `GET /user`. */
  source: 'graphql-viewer' | 'user-api';
}

export interface IssueComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user: { login: string; id?: number; type?: string } | null;
}

export type CommentOutcome = { action: 'created' | 'updated'; id: number; url: string; removedDuplicates: number[] } | { action: 'skipped'; reason: string };

export function markerFor(commentKey: string, workflow: string | null = null): string {
  return buildMarker(commentKey, workflow);
}

/**
 * Ours = written by our identity AND its first line is exactly our marker. A marker for another key
 * or workflow, an older marker shape, one quoted inside a person's text, or the right marker under
 * another author does not make a comment ours.
 */
export function isOurComment(comment: IssueComment, marker: string, identity: Identity): boolean {
  const login = comment.user?.login;
  if (!login || !sameLogin(login, identity.login)) return false;
  return firstLineOf(comment.body ?? '') === marker;
}

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

interface ViewerAnswer {
  viewer?: { login?: unknown; __typename?: unknown } | null;
}

/**
 * The identity the token writes as, learned without writing anything. GraphQL `viewer` answers
 * every kind of token: a personal token's user, `github-actions[bot]` for GITHUB_TOKEN and
 * `SLUG[bot]` for a GitHub App's installation token (REST `GET /user` refuses installation tokens,
 * and `GET /app` needs the App's JWT). GraphQL names bots without the `[bot]` suffix in some
 * places, while REST comment authors always carry it: a Bot's login gets it added. `GET /user` is
 * the fallback for a server without GraphQL. Throws when neither answers: guessing an identity
 * could adopt someone else's comment.
 */
export async function resolveIdentity(octokit: GitHubClient): Promise<Identity> {
  let graphqlError: unknown;
  try {
    const data = await octokit.graphql<ViewerAnswer>('query { viewer { login __typename } }');
    const login = data?.viewer?.login;
    if (typeof login === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*(\[bot\])?$/.test(login)) {
      const bot = data.viewer?.__typename === 'Bot' && !login.endsWith('[bot]');
      return { login: bot ? `${login}[bot]` : login, source: 'graphql-viewer' };
    }
  } catch (error) {
    graphqlError = error;
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (data && typeof data.login === 'string' && data.login) return { login: data.login, source: 'user-api' };
  } catch (error) {
    const status = statusOf(error);
    if (status !== 401 && status !== 403 && status !== 404) throw error;
  }
  const why = graphqlError === undefined ? 'GraphQL viewer gave no login' : `GraphQL viewer: ${apiMessage(graphqlError)}`;
  throw new Error(`could not learn which account this token writes as (${why}; GET /user refused), so no comment can be proven ours`);
}

/** Every comment of ours on the issue, oldest first, searching all pages. */
export async function listOurComments(octokit: GitHubClient, target: CommentTarget, marker: string, identity: Identity): Promise<IssueComment[]> {
  const ours: IssueComment[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const comment of page.data as IssueComment[]) if (isOurComment(comment, marker, identity)) ours.push(comment);
  }
  return ours.sort((a, b) => a.id - b.id);
}

/** Pauses between the listings that settle a new comment; replaced by tests. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Waits before each listing after a create: GitHub's list can lag a write by a moment, so the
 * comment counts as settled only when two listings in a row show it alone.
 */
export const SETTLE_DELAYS_MS: readonly number[] = [0, 400, 800, 1600, 3200];

export interface UpsertOptions {
  commentKey: string;
  /** The workflow file that owns the comment (part of the marker); null when unknown. */
  workflow?: string | null;
  /** The full body; its first line must be `markerFor(commentKey, workflow)`. */
  body: string;
  /** Only update an existing comment, never create one (`comment: on-change` with nothing changed). */
  updateOnly?: boolean;
  /** Learned with `resolveIdentity` when not given. */
  identity?: Identity;
  /**
   * Asked before every write: a reason to write nothing (the PR's head moved on, so this run's
   * report is older than the one a newer run is posting), or null to go ahead.
   */
  staleReason?: () => Promise<string | null>;
  /** Where notices go (the action log). */
  log?: (message: string) => void;
  settleDelaysMs?: readonly number[];
  sleep?: Sleep;
}

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Updates our oldest comment in place and deletes the other copies we wrote, or creates the comment
 * and settles it. Throws Octokit errors (403 on a read-only token).
 */
export async function upsertStickyComment(octokit: GitHubClient, target: CommentTarget, options: UpsertOptions): Promise<CommentOutcome> {
  const marker = markerFor(options.commentKey, options.workflow ?? null);
  if (firstLineOf(options.body) !== marker) throw new Error(`comment body must start with the line ${marker}`);
  const identity = options.identity ?? (await resolveIdentity(octokit));
  const writer = new CommentWriter(octokit, target, marker, identity, options);
  const ours = await listOurComments(octokit, target, marker, identity);
  if (ours.length > 0) {
    const stale = await writer.stale();
    if (stale) return { action: 'skipped', reason: stale };
    // Oldest first: a comment deleted between the listing and the update (404) passes to the next.
    for (const [i, comment] of ours.entries()) {
      const updated = await writer.update(comment.id);
      if (!updated) continue;
      const removed = await writer.deleteAll(ours.slice(i + 1));
      return { action: 'updated', id: updated.id, url: updated.html_url, removedDuplicates: removed };
    }
    // Every copy vanished meanwhile: ours must exist after all, so create it (and settle).
  }
  if (options.updateOnly && ours.length === 0) return { action: 'skipped', reason: 'no layer changed and no comment to update' };
  return writer.createAndSettle();
}

/** The writes of one upsert, with what it needs to settle after a create. */
class CommentWriter {
  private identity: Identity;
  private readonly removed: number[] = [];

  constructor(
    private readonly octokit: GitHubClient,
    private readonly target: CommentTarget,
    private readonly marker: string,
    identity: Identity,
    private readonly options: UpsertOptions,
  ) {
    this.identity = identity;
  }

  async stale(): Promise<string | null> {
    return this.options.staleReason ? await this.options.staleReason() : null;
  }

  /**
   * Two runs with the same key can both find nothing and both create. After creating, list again
   * (with back-off) until two listings in a row show one comment of ours: keep the oldest, delete
   * the other copies we wrote (ours or the other run's), put our body in the one kept, and write it
   * again if every copy vanished. Bounded by the settle delays.
   */
  async createAndSettle(): Promise<CommentOutcome> {
    const stale = await this.stale();
    if (stale) return { action: 'skipped', reason: stale };
    let kept = await this.create();
    let action: 'created' | 'updated' = 'created';
    let seenAlone: number | null = null;
    const delays = this.options.settleDelaysMs ?? SETTLE_DELAYS_MS;
    const sleep = this.options.sleep ?? defaultSleep;
    for (const delay of delays) {
      await sleep(delay);
      const ours = await listOurComments(this.octokit, this.target, this.marker, this.identity);
      const oldest = ours[0];
      if (!oldest) {
        // The listing may lag our own write by a moment; only a comment that is really gone (a
        // person or another run deleted every copy) is written again: the PR must still get one.
        if (await this.exists(kept.id)) {
          seenAlone = null;
          continue;
        }
        const again = await this.stale();
        if (again) return { action: 'skipped', reason: again };
        kept = await this.create();
        action = 'created';
        seenAlone = null;
        continue;
      }
      this.removed.push(...(await this.deleteAll(ours.slice(1))));
      if (oldest.id !== kept.id) {
        const again = await this.stale();
        if (again) return { action: 'skipped', reason: again };
        const updated = await this.update(oldest.id);
        if (!updated) {
          seenAlone = null;
          continue;
        }
        kept = updated;
        action = 'updated';
      }
      if (ours.length === 1 && seenAlone === kept.id) break;
      seenAlone = ours.length === 1 ? kept.id : null;
    }
    return { action, id: kept.id, url: kept.html_url, removedDuplicates: [...new Set(this.removed)].filter((id) => id !== kept.id) };
  }

  private async create(): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.createComment({
      owner: this.target.owner,
      repo: this.target.repo,
      issue_number: this.target.issueNumber,
      body: this.options.body,
    });
    const created = data as IssueComment;
    const login = created.user?.login;
    // GitHub stamped the author on what we just wrote: that is who we are, whatever was learned.
    if (login && !sameLogin(login, this.identity.login)) {
      this.options.log?.(`layerdiff: the token identified as ${this.identity.login} but wrote as ${login}; using ${login}`);
      this.identity = { ...this.identity, login };
    }
    return created;
  }

  private async exists(id: number): Promise<boolean> {
    try {
      await this.octokit.rest.issues.getComment({ owner: this.target.owner, repo: this.target.repo, comment_id: id });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** null when the comment no longer exists (404). */
  async update(id: number): Promise<IssueComment | null> {
    try {
      const { data } = await this.octokit.rest.issues.updateComment({
        owner: this.target.owner,
        repo: this.target.repo,
        comment_id: id,
        body: this.options.body,
      });
      return data;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Deletes copies of ours (each passed `isOurComment`); already gone (404) counts as done. */
  async deleteAll(comments: IssueComment[]): Promise<number[]> {
    const removed: number[] = [];
    for (const comment of comments) {
      try {
        await this.octokit.rest.issues.deleteComment({ owner: this.target.owner, repo: this.target.repo, comment_id: comment.id });
        removed.push(comment.id);
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }
    return removed;
  }
}

/**
 * A token that may not write here: GITHUB_TOKEN on a fork PR (or a Dependabot PR) is read-only and
 * GitHub answers 403 "Resource not accessible by integration".
 */
export function isReadOnlyTokenError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 403 && status !== 404) return false;
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : '';
  return status === 403 ? !/rate limit/i.test(text) : /Resource not accessible/i.test(text);
}

export const TWO_STAGE_HINT = [
  'this token cannot write pull request comments (403 "Resource not accessible by integration"), as on pull requests from forks.',
  'The job summary and outputs were written.',
  'To comment on fork PRs, use two workflows: this one uploads the report JSON (output report-path) as an artifact;',
  'a second workflow triggered by workflow_run downloads it and runs layerdiff with `report:`, which finds the pull request from the event (see the README, "Fork pull requests").',
].join(' ');
