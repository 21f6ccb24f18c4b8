/**
 * Which pull request this run may comment on, decided from the event GitHub delivered and the
 * REST API, never from anything a pull request uploaded (an artifact's PR number or report): and
 * whether that pull request's head is still the commit this run reported on.
 */
import { LayerdiffError, usageError } from '../errors.js';
import { apiMessage, statusOf, type GitHubClient } from './client.js';
import { isPullRequestEvent, runHeadSha, type EventPullRequestRef, type EventRepo, type RepoRef, type RunnerContext } from './context.js';

const SUBJECT = 'pr-number';
/** Open pull requests with one head branch: more than a page would be a very odd repository. */
const HEAD_SEARCH_PER_PAGE = 100;

export interface PullTarget {
  number: number;
  /** The commit the report is about; the comment is written only while the PR's head is this. */
  headSha: string | null;
  /** How the PR was chosen, for the log. */
  how: string;
}

/** A target, or why there is none (`warning`: the user expected a comment and gets none). */
export type PullResolution = { kind: 'pull'; pull: PullTarget } | { kind: 'none'; reason: string; level: 'info' | 'warning' };

/** The REST pull request fields read here. */
interface ApiPull {
  number: number;
  state?: string;
  head: { sha: string; ref?: string; repo: EventRepo | null };
}

/**
 * The pull request to comment on. `requested` is the `pr-number` input: honoured only when it is
 * the event's own pull request, or (workflow_run and other events) when its head is this run's head
 * commit in this run's head repository. Anything else throws a one-line error naming `pr-number`,
 * so a forged number fails the step and nothing is posted.
 */
export async function resolvePullRequest(client: () => GitHubClient, context: RunnerContext, repo: RepoRef, requested: number | null): Promise<PullResolution> {
  const { eventName, payload } = context;
  const headSha = runHeadSha(context);

  if (isPullRequestEvent(eventName)) {
    const own = payload.pull_request?.number ?? null;
    if (own === null) return { kind: 'none', reason: `the ${eventName} event names no pull request`, level: 'warning' };
    if (requested !== null && requested !== own) {
      throw usageError(`${SUBJECT}: #${requested} is not this ${eventName} event's pull request (#${own}); nothing posted`);
    }
    return { kind: 'pull', pull: { number: own, headSha, how: `the ${eventName} event` } };
  }

  if (eventName === 'workflow_run') {
    const run = payload.workflow_run;
    if (!run || !headSha) {
      if (requested !== null) throw usageError(`${SUBJECT}: the workflow_run event has no head commit to check #${requested} against; nothing posted`);
      return { kind: 'none', reason: 'the workflow_run event has no head commit', level: 'warning' };
    }
    const headRepo = run.head_repository ?? null;
    if (requested !== null) {
      await checkRequested(client(), repo, requested, headSha, headRepo, 'workflow_run');
      return { kind: 'pull', pull: { number: requested, headSha, how: `pr-number, whose head is the triggering run's head ${short(headSha)}` } };
    }
    const listed = fromEventList(run.pull_requests ?? [], repo, payload.repository ?? null, headSha, headRepo);
    if (listed !== null) return { kind: 'pull', pull: { number: listed, headSha, how: 'the workflow_run event' } };
    return findByHead(client(), repo, headSha, headRepo, run.head_branch ?? null);
  }

  if (requested === null) return { kind: 'none', reason: `No pull request in this ${eventName || 'run'} event`, level: 'info' };
  if (!headSha) throw usageError(`${SUBJECT}: GITHUB_SHA is not set, so #${requested} cannot be checked against this run's commit; nothing posted`);
  await checkRequested(client(), repo, requested, headSha, null, eventName || 'run');
  return { kind: 'pull', pull: { number: requested, headSha, how: `pr-number, whose head is this run's commit ${short(headSha)}` } };
}

/**
 * Null while the PR's head is still `headSha`; otherwise the one line to log instead of writing (a
 * newer push has its own run, whose report must not be overwritten by this older one).
 */
export async function staleReason(octokit: GitHubClient, repo: RepoRef, pull: PullTarget): Promise<string | null> {
  if (!pull.headSha) return null;
  const current = await getPull(octokit, repo, pull.number);
  if (current === null) return `pull request #${pull.number} no longer exists`;
  if (current.head.sha !== pull.headSha) {
    return `pull request #${pull.number} moved on to ${short(current.head.sha)} since this run's ${short(pull.headSha)}; leaving the comment to the newer run`;
  }
  return null;
}

async function checkRequested(octokit: GitHubClient, repo: RepoRef, number: number, headSha: string, headRepo: EventRepo | null, event: string): Promise<void> {
  let pull: ApiPull | null;
  try {
    pull = await getPull(octokit, repo, number);
  } catch (error) {
    throw new LayerdiffError('network', `${SUBJECT}: could not read pull request #${number} to check it (${apiMessage(error)}); nothing posted`, {
      subject: SUBJECT,
      cause: error,
    });
  }
  if (pull === null) throw usageError(`${SUBJECT}: ${repo.owner}/${repo.repo} has no pull request #${number}; nothing posted`);
  const where = headRepo === null ? '' : ` of ${describeRepo(headRepo)}`;
  if (pull.head.sha !== headSha || (headRepo !== null && !sameRepo(pull.head.repo, headRepo))) {
    throw usageError(
      `${SUBJECT}: pull request #${number}'s head is ${short(pull.head.sha)} of ${describeRepo(pull.head.repo)}, not this ${event}'s head ${short(headSha)}${where}; nothing posted`,
    );
  }
}

/**
 * `workflow_run.pull_requests`, kept to entries whose base is this repository (GitHub also lists
 * pull requests of other repositories whose head branch matches) and whose head is this run's.
 */
function fromEventList(list: EventPullRequestRef[], repo: RepoRef, thisRepo: EventRepo | null, headSha: string, headRepo: EventRepo | null): number | null {
  const self: EventRepo = { ...(thisRepo ?? {}), full_name: `${repo.owner}/${repo.repo}` };
  for (const entry of list) {
    if (typeof entry.number !== 'number' || !entry.base?.repo || !sameRepo(entry.base.repo, self)) continue;
    if (entry.head?.sha !== undefined && entry.head.sha !== headSha) continue;
    if (headRepo !== null && entry.head?.repo && !sameRepo(entry.head.repo, headRepo)) continue;
    return entry.number;
  }
  return null;
}

/**
 * The open pull request whose head is `headSha` in the run's head repository. Pull requests from
 * forks are missing from `workflow_run.pull_requests` (and `commits/{sha}/pulls` answers for this
 * repository's own commits), so ask for open pulls filtered by `OWNER:BRANCH` of the head
 * repository, then keep the ones at this exact commit of this exact repository.
 */
async function findByHead(
  octokit: GitHubClient,
  repo: RepoRef,
  headSha: string,
  headRepo: EventRepo | null,
  headBranch: string | null,
): Promise<PullResolution> {
  const owner = headRepo?.owner?.login ?? headRepo?.full_name?.split('/')[0] ?? null;
  if (headRepo === null || !owner || !headBranch) {
    return { kind: 'none', reason: 'the workflow_run event names no head repository and branch to find its pull request by', level: 'warning' };
  }
  const { data } = await octokit.rest.pulls.list({
    owner: repo.owner,
    repo: repo.repo,
    state: 'open',
    head: `${owner}:${headBranch}`,
    per_page: HEAD_SEARCH_PER_PAGE,
  });
  const matches = (data as ApiPull[]).filter((p) => p.head.sha === headSha && sameRepo(p.head.repo, headRepo));
  const first = matches[0];
  if (matches.length === 1 && first) {
    return { kind: 'pull', pull: { number: first.number, headSha, how: `the open pull request whose head is ${describeRepo(headRepo)}@${short(headSha)}` } };
  }
  if (matches.length > 1) {
    const numbers = matches.map((p) => `#${p.number}`).join(', ');
    return { kind: 'none', reason: `open pull requests ${numbers} all have head ${short(headSha)}; give pr-number to choose one`, level: 'warning' };
  }
  return {
    kind: 'none',
    reason: `no open pull request has head ${describeRepo(headRepo)}@${short(headSha)} (closed, or a newer commit was pushed)`,
    level: 'info',
  };
}

async function getPull(octokit: GitHubClient, repo: RepoRef, number: number): Promise<ApiPull | null> {
  try {
    const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: number });
    return data;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Same repository: by id when both sides have one (renames keep it), else by full name, else no. */
export function sameRepo(a: EventRepo | null | undefined, b: EventRepo | null | undefined): boolean {
  if (!a || !b) return false;
  if (typeof a.id === 'number' && typeof b.id === 'number') return a.id === b.id;
  const name = (r: EventRepo): string | null => r.full_name ?? /\/repos\/([^/]+\/[^/]+)$/.exec(r.url ?? '')?.[1] ?? null;
  const [x, y] = [name(a), name(b)];
  return x !== null && y !== null && x.toLowerCase() === y.toLowerCase();
}

function describeRepo(repo: EventRepo | null): string {
  return repo?.full_name ?? (repo === null ? 'a deleted repository' : 'an unnamed repository');
}

function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 7) : JSON.stringify(sha.slice(0, 64));
}
