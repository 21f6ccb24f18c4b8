/**
 * The GitHub REST client: @actions/github's Octokit (proxy-aware fetch, REST methods, pagination)
 * with retries for 5xx and throttling for primary and secondary rate limits.
 */
import { getOctokit } from '@actions/github';
import type { GitHub } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = InstanceType<typeof GitHub>;

export interface ClientOptions {
  /** REST root, `GITHUB_API_URL` on a runner (GHES, tests). */
  baseUrl: string;
  /** Replaces the proxy-aware undici fetch; tests pass `globalThis.fetch`, which nock intercepts. */
  fetch?: typeof globalThis.fetch;
  /** Where retry notices go (the action's log); never given the token. */
  log?: (message: string) => void;
  /** Base of the quadratic backoff for 5xx retries, in ms (tests shorten it). */
  retryBaseMs?: number;
  /** Retries after a rate limit before giving up. */
  rateLimitRetries?: number;
  /**
   * Extra plugin-throttling options. Tests pass their own `write` and `notifications` limiter
   * groups: the plugin's shared ones space writes 1-3 s apart, as GitHub asks of real clients.
   */
  throttle?: Record<string, unknown>;
}

export function createGitHubClient(token: string, options: ClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      // Octokit's default logger writes request details to the console; ours stays quiet apart from
      // the retry notices below, and no message carries the token (the auth header is redacted).
      log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
      retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        ...options.throttle,
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub API rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < rateLimitRetries;
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub API secondary rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < rateLimitRetries;
        },
      },
    },
    retry,
    throttling,
  );
}

/** HTTP status of an Octokit RequestError (or anything shaped like one). */
export function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** The message GitHub gave, without Octokit's " - https://docs.github.com/..." tail. */
export function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  if (data && typeof data.message === 'string') return data.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '');
}
