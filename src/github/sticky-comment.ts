/**
 * The sticky PR comment: one per comment key, found by its hidden marker among the comments the
 * token's own identity wrote, updated in place, created when absent. No other comment is ever
 * edited or deleted.
 */
import { statusOf, type GitHubClient } from './client.js';
import type { RepoRef } from './context.js';

export interface CommentTarget extends RepoRef {
  issueNumber: number;
}

/** Who the token writes as. */
export interface Identity {
  login: string;
  /** How the login was learned: `GET /user`, or the GITHUB_TOKEN fallback. */
  source: 'user-api' | 'fallback' | 'created-comment';
}

export interface IssueComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user: { login: string; type?: string } | null;
}

export type CommentOutcome =
  | { action: 'created' | 'updated'; id: number; url: string; removedDuplicate?: number }
  | { action: 'skipped'; reason: string };

/** GITHUB_TOKEN is an installation token: `GET /user` refuses it, and it writes as this bot. */
export const GITHUB_ACTIONS_BOT: Identity = { login: 'github-actions[bot]', source: 'fallback' };

export function markerFor(commentKey: string): string {
  return `<!-- layerdiff:${commentKey} -->`;
}

/**
 * Ours = written by our identity AND its first line is exactly our marker (the renderer puts it
 * there). A marker for another key (`layerdiff:default-2`), or one quoted inside a human's text,
 * does not make a comment ours.
 */
export function isOurComment(comment: IssueComment, marker: string, identity: Identity): boolean {
  const login = comment.user?.login;
  if (!login || login.toLowerCase() !== identity.login.toLowerCase()) return false;
  const firstLine = (comment.body ?? '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.trim() === marker;
}

/**
 * The identity the token writes as. A personal or app-user token answers `GET /user`; GITHUB_TOKEN
 * (an installation token) gets 403 there, and then writes as `github-actions[bot]`. A custom
 * GitHub App's installation token also gets 403 and writes as `APP[bot]`: the fallback is wrong
 * for it, which `settleAfterCreate` repairs by re-checking with the login GitHub stamped on the
 * comment we just created.
 */
export async function resolveIdentity(octokit: GitHubClient): Promise<Identity> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (data && typeof data.login === 'string' && data.login) return { login: data.login, source: 'user-api' };
  } catch (error) {
    const status = statusOf(error);
    if (status !== 401 && status !== 403 && status !== 404) throw error;
  }
  return GITHUB_ACTIONS_BOT;
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

export interface UpsertOptions {
  commentKey: string;
  /** The full body; its first line must be `markerFor(commentKey)`. */
  body: string;
  /** Only update an existing comment, never create one (`comment: on-change` with nothing changed). */
  updateOnly?: boolean;
}

/** Updates our comment in place, or creates it. Throws Octokit errors (403 on a read-only token). */
export async function upsertStickyComment(octokit: GitHubClient, target: CommentTarget, options: UpsertOptions): Promise<CommentOutcome> {
  const marker = markerFor(options.commentKey);
  if (!options.body.startsWith(marker)) throw new Error(`comment body must start with ${marker}`);
  const identity = await resolveIdentity(octokit);
  const ours = await listOurComments(octokit, target, marker, identity);
  const existing = ours[0];
  if (existing) {
    const updated = await updateComment(octokit, target, existing.id, options.body);
    if (updated) return { action: 'updated', id: updated.id, url: updated.html_url };
    // Deleted between our search and our update: fall through and create a new one.
  }
  if (options.updateOnly) return { action: 'skipped', reason: 'no layer changed and no comment to update' };
  const { data: created } = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body: options.body,
  });
  return settleAfterCreate(octokit, target, marker, created as IssueComment, options.body);
}

/**
 * Two jobs with the same key can both find nothing and both create. After creating, look again
 * with the login GitHub stamped on our new comment: if an older comment of ours exists, delete the
 * one we just created (only that one) and put our body in the older one.
 */
async function settleAfterCreate(octokit: GitHubClient, target: CommentTarget, marker: string, created: IssueComment, body: string): Promise<CommentOutcome> {
  const login = created.user?.login;
  if (!login) return { action: 'created', id: created.id, url: created.html_url };
  const ours = await listOurComments(octokit, target, marker, { login, source: 'created-comment' });
  const older = ours.find((c) => c.id < created.id);
  if (!older) return { action: 'created', id: created.id, url: created.html_url };
  await deleteComment(octokit, target, created.id);
  const updated = await updateComment(octokit, target, older.id, body);
  if (updated) return { action: 'updated', id: updated.id, url: updated.html_url, removedDuplicate: created.id };
  // The older one vanished meanwhile (the other job's own clean-up): ours must exist after all.
  const { data: again } = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
  return { action: 'created', id: again.id, url: again.html_url };
}

/** null when the comment no longer exists (404). */
async function updateComment(octokit: GitHubClient, target: CommentTarget, id: number, body: string): Promise<IssueComment | null> {
  try {
    const { data } = await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: id, body });
    return data as IssueComment;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

async function deleteComment(octokit: GitHubClient, target: CommentTarget, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/**
 * A token that may not write here: GITHUB_TOKEN on a fork PR (or a Dependabot PR) is read-only and
 * GitHub answers 403 "Resource not accessible by integration".
 */
export function isReadOnlyTokenError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 403 && status !== 404) return false;
  const text = `${(error as { message?: unknown })?.message ?? ''}`;
  return status === 403 ? !/rate limit/i.test(text) : /Resource not accessible/i.test(text);
}

export const TWO_STAGE_HINT = [
  'this token cannot write pull request comments (403 "Resource not accessible by integration"), as on pull requests from forks.',
  'The job summary and outputs were written.',
  'To comment on fork PRs, use two workflows: this one uploads the report JSON (output report-path) and the PR number as an artifact;',
  'a second workflow triggered by workflow_run downloads it and runs layerdiff with `report:` and `pr-number:` (see the README, "Fork pull requests").',
].join(' ');
