/** Plain-data reports and Octokit clients for the action's unit tests (no engine, no network). */
import Bottleneck from 'bottleneck';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.js';
import type { LayerRef, Snapshot } from '../../src/core/snapshot.js';
import type { BudgetResult, LayerRow, Report } from '../../src/core/report.js';

export const API = 'https://api.github.test';

/** A client whose requests go through global fetch, which nock intercepts (undici's own fetch it does not). */
export function testClient(token = 'ghs_secret_token_value', baseUrl = API): GitHubClient {
  return createGitHubClient(token, { baseUrl, fetch: globalThis.fetch, retryBaseMs: 1, rateLimitRetries: 2, throttle: unspacedLimiters() });
}

/** Throttling without the 1 s (writes) and 3 s (notifying writes) spacing, and 10 ms per retry-after second. */
export function unspacedLimiters(): Record<string, unknown> {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    retryAfterBaseValue: 10,
  };
}

function layer(index: number, diffId: string, size: number, createdBy: string): LayerRef {
  return { index, diffId, digest: null, mediaType: null, size, compressedSize: null, contentSize: null, createdBy, files: null };
}

function snapshot(reference: string, layers: LayerRef[]): Snapshot {
  const size = layers.reduce((n, l) => n + l.size, 0);
  return {
    schema: 'layerdiff/snapshot@1',
    source: { type: 'archive', reference },
    platform: 'linux/amd64',
    manifestDigest: null,
    configDigest: `sha256:${reference.length.toString(16).padStart(64, '0')}`,
    layers,
    totals: { size, compressedSize: null, contentSize: null },
  };
}

/** base: os + deps + app; head: same os and deps, a bigger app layer. */
export function sampleReport(options: { budgets?: BudgetResult[]; unchanged?: boolean } = {}): Report {
  const os = layer(0, 'sha256:' + 'a'.repeat(64), 5_000_000, 'ADD rootfs.tar /');
  const deps = layer(1, 'sha256:' + 'b'.repeat(64), 20_000_000, 'RUN apk add curl');
  const appBase = layer(2, 'sha256:' + 'c'.repeat(64), 1_000_000, 'COPY . /app');
  const appHead = options.unchanged ? appBase : layer(2, 'sha256:' + 'd'.repeat(64), 3_000_000, 'COPY . /app');
  const base = snapshot('base.tar', [os, deps, appBase]);
  const head = snapshot('head.tar', [os, deps, appHead]);
  const rows: LayerRow[] = [
    { status: 'unchanged', base: os, head: os, delta: { size: 0, compressedSize: null } },
    { status: 'unchanged', base: deps, head: deps, delta: { size: 0, compressedSize: null } },
    options.unchanged
      ? { status: 'unchanged', base: appBase, head: appBase, delta: { size: 0, compressedSize: null } }
      : { status: 'changed', base: appBase, head: appHead, delta: { size: 2_000_000, compressedSize: null } },
  ];
  const budgets = options.budgets ?? [];
  const verdict = budgets.some((b) => b.status === 'fail') ? 'fail' : budgets.some((b) => b.status === 'warn') ? 'warn' : 'pass';
  const hitBytes = options.unchanged ? head.totals.size : 25_000_000;
  return {
    schema: 'layerdiff/report@1',
    base,
    head,
    layers: rows,
    totals: { base: base.totals, head: head.totals, delta: { size: head.totals.size - base.totals.size, compressedSize: null, contentSize: null } },
    cacheHit: {
      layers: { hit: options.unchanged ? 3 : 2, total: 3, ratio: options.unchanged ? 1 : 2 / 3 },
      bytes: { hit: hitBytes, total: head.totals.size, ratio: hitBytes / head.totals.size },
    },
    budgets,
    verdict,
  };
}

export const failingBudget: BudgetResult = { rule: 'max-growth', limit: '1MB', actual: 2_000_000, status: 'fail', message: '+2.0 MB > 1 MB' };
export const warningBudget: BudgetResult = { rule: 'warn-growth', limit: '1MB', actual: 2_000_000, status: 'warn', message: '+2.0 MB > 1 MB' };
export const passingBudget: BudgetResult = { rule: 'max-size', limit: '1GB', actual: 28_000_000, status: 'pass', message: '28.0 MB <= 1 GB' };

/** A stand-in for the Markdown renderer: the marker line when asked, then a recognisable body. */
export function fakeRenderMarkdown(report: Report, options: { commentKey?: string; maxLength?: number } = {}): string {
  const marker = options.commentKey === undefined ? '' : `<!-- layerdiff:${options.commentKey} -->\n`;
  return `${marker}### layerdiff: ${report.verdict}\n\n${report.totals.head.size} bytes\n`;
}
