/**
 * The workflow run as the runner describes it (env + event payload), read when asked, not on import
 * (@actions/github's `context` reads the event file as soon as it is imported).
 */
import { readFileSync } from 'node:fs';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A repository as events and the REST API describe it (a deleted fork is null). */
export interface EventRepo {
  id?: number;
  full_name?: string;
  /** API URL (`https://api.github.com/repos/OWNER/NAME`); the only name in `workflow_run.pull_requests`. */
  url?: string;
  owner?: { login?: string };
}

/** A pull request as `workflow_run.pull_requests` lists it (a minimal form). */
export interface EventPullRequestRef {
  number?: number;
  head?: { ref?: string; sha?: string; repo?: EventRepo | null };
  base?: { ref?: string; sha?: string; repo?: EventRepo | null };
}

/** The parts of an event payload layerdiff reads; everything is optional, as payloads differ. */
export interface EventPayload {
  number?: number;
  pull_request?: {
    number?: number;
    base?: { ref?: string; repo?: EventRepo | null };
    head?: { ref?: string; sha?: string; repo?: EventRepo | null };
  };
  /** The run that triggered a `workflow_run` workflow (stage 1 of the fork-safe pattern). */
  workflow_run?: {
    id?: number;
    event?: string;
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: EventRepo | null;
    /** Empty for pull requests from forks: GitHub only fills it for same-repository heads. */
    pull_requests?: EventPullRequestRef[];
  };
  repository?: EventRepo & { default_branch?: string };
  [key: string]: unknown;
}

export interface RunnerContext {
  eventName: string;
  payload: EventPayload;
  repo: RepoRef | null;
  runId: number | null;
  /** `owner/repo/.github/workflows/file.yml@ref` of the running workflow. */
  workflowRef: string | null;
  /** `refs/heads/main`, `refs/pull/7/merge` ... */
  ref: string | null;
  /** GITHUB_SHA: the commit the run checked out (for pull_request events, the merge commit). */
  sha: string | null;
  apiUrl: string;
  serverUrl: string;
  /** Scratch directory the runner empties after the job. */
  tempDir: string | null;
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    payload: readEventPayload(env['GITHUB_EVENT_PATH']),
    repo: parseRepo(env['GITHUB_REPOSITORY']),
    runId: positiveInt(env['GITHUB_RUN_ID']),
    workflowRef: env['GITHUB_WORKFLOW_REF'] || null,
    ref: env['GITHUB_REF'] || null,
    sha: env['GITHUB_SHA'] || null,
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, ''),
    tempDir: env['RUNNER_TEMP'] || null,
  };
}

function readEventPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return data && typeof data === 'object' ? (data as EventPayload) : {};
  } catch {
    // A missing or unreadable event file leaves a run without PR facts, like a push.
    return {};
  }
}

function parseRepo(text: string | undefined): RepoRef | null {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text ?? '');
  return match ? { owner: match[1] as string, repo: match[2] as string } : null;
}

function positiveInt(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The branch whose image is the base: the PR's base branch, else the branch being built (a push to
 * main compares with main's previous successful run).
 */
export function baseBranch(context: RunnerContext): string | null {
  const prBase = context.payload.pull_request?.base?.ref;
  if (prBase) return prBase;
  const ref = context.ref ?? '';
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  return context.payload.repository?.default_branch ?? null;
}

/**
 * The commit this run's report is about, so an older run never overwrites a newer one: the PR's
 * head for pull_request events (GITHUB_SHA is then a merge commit), the triggering run's head for
 * workflow_run, else GITHUB_SHA.
 */
export function runHeadSha(context: RunnerContext): string | null {
  if (isPullRequestEvent(context.eventName)) return context.payload.pull_request?.head?.sha ?? null;
  if (context.eventName === 'workflow_run') return context.payload.workflow_run?.head_sha ?? null;
  return context.sha;
}

export function isPullRequestEvent(eventName: string): boolean {
  return eventName === 'pull_request' || eventName === 'pull_request_target';
}

/**
 * The running workflow's file, `.github/workflows/ci.yml`, from GITHUB_WORKFLOW_REF
 * (`OWNER/REPO/.github/workflows/ci.yml@refs/...`): stable across runs, branches and repository
 * renames, and the same for every job of the workflow. Null when the runner does not say.
 */
export function workflowPath(context: RunnerContext): string | null {
  const ref = context.workflowRef;
  if (!ref) return null;
  const at = ref.lastIndexOf('@refs/');
  const full = at === -1 ? (ref.split('@')[0] ?? '') : ref.slice(0, at);
  const segments = full.split('/');
  const path = segments.length > 2 ? segments.slice(2).join('/') : '';
  return path || null;
}

/** The workflow file name (`ci.yml`) from `GITHUB_WORKFLOW_REF`, which the runs API accepts as id. */
export function workflowFileName(context: RunnerContext): string | null {
  const ref = context.workflowRef;
  if (!ref) return null;
  const path = ref.split('@')[0] ?? '';
  const file = path.split('/').pop() ?? '';
  return /\.ya?ml$/.test(file) ? file : null;
}

// What a link may be built from: a server URL without path, a repository name, a numeric run id.
const SERVER_URL = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?$/;
const REPO_PART = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * `${GITHUB_SERVER_URL}/OWNER/REPO/actions/runs/ID`, built only from validated parts (a server URL
 * without a path, repository names of GitHub's characters, a positive integer id), or null. The
 * page of the run shows its job summary and its artifacts.
 */
export function runUrl(context: Pick<RunnerContext, 'serverUrl' | 'repo'>, runId: number | null): string | null {
  const repo = context.repo;
  if (!repo || runId === null || !Number.isSafeInteger(runId) || runId <= 0) return null;
  if (!SERVER_URL.test(context.serverUrl) || !REPO_PART.test(repo.owner) || !REPO_PART.test(repo.repo)) return null;
  if (/^\.+$/.test(repo.owner) || /^\.+$/.test(repo.repo)) return null;
  return `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}`;
}
