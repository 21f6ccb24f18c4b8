/**
 * The workflow run as the runner describes it (env + event payload), read when asked, not on import
 * (@actions/github's `context` reads the event file as soon as it is imported).
 */
import { readFileSync } from 'node:fs';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The parts of an event payload layerdiff reads; everything is optional, as payloads differ. */
export interface EventPayload {
  number?: number;
  pull_request?: {
    number?: number;
    base?: { ref?: string; repo?: { full_name?: string } };
    head?: { ref?: string; repo?: { full_name?: string } | null };
  };
  repository?: { full_name?: string; default_branch?: string };
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

/** The pull request this run is about, when the event names one. */
export function pullRequestNumber(context: RunnerContext): number | null {
  const fromPr = context.payload.pull_request?.number;
  if (typeof fromPr === 'number') return fromPr;
  return null;
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

/** The workflow file name (`ci.yml`) from `GITHUB_WORKFLOW_REF`, which the runs API accepts as id. */
export function workflowFileName(context: RunnerContext): string | null {
  const ref = context.workflowRef;
  if (!ref) return null;
  const path = ref.split('@')[0] ?? '';
  const file = path.split('/').pop() ?? '';
  return /\.ya?ml$/.test(file) ? file : null;
}
