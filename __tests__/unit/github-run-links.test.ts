/**
 * What the action hands the renderer: the short comment and the full job summary, both capped at
 * 65,536 characters, with links to this run and (base-artifact) to the base branch's run, built
 * from the runner's server URL, the repository and numeric run ids.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeIO } from '../../__fixtures__/core.js';
import type { RunnerContext } from '../../src/github/context.js';
import { run, type Engine } from '../../src/main.js';
import { renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.js';
import type { Report } from '../../src/core/report.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { sampleReport, testClient } from './github-fixtures.js';

const TOKEN = 'ghs_unit_test_token';
let gh: FakeGitHub;
let temp: string;

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.pulls.push({ number: 7, head: { sha: 'a'.repeat(40), ref: 'feature', repo: gh.baseRepo } });
  temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-links-'));
});
afterEach(async () => {
  await gh.close();
  await rm(temp, { recursive: true, force: true });
});

function context(overrides: Partial<RunnerContext> = {}): RunnerContext {
  return {
    eventName: 'pull_request',
    payload: { number: 7, pull_request: { number: 7, base: { ref: 'main' }, head: { sha: 'a'.repeat(40) } } },
    repo: { owner: 'acme', repo: 'app' },
    runId: 99,
    workflowRef: 'acme/app/.github/workflows/ci.yml@refs/pull/7/merge',
    ref: 'refs/pull/7/merge',
    sha: 'b'.repeat(40),
    apiUrl: gh.url,
    serverUrl: 'https://github.com',
    tempDir: temp,
    ...overrides,
  };
}

async function renders(inputs: Record<string, string>, ctx: RunnerContext, report: Report = sampleReport()) {
  const calls: MarkdownOptions[] = [];
  const io = fakeIO({ 'github-token': TOKEN, ...inputs });
  const engine: Engine = {
    compareImages: async () => report,
    renderMarkdown: (r, options = {}) => {
      calls.push(options);
      return renderMarkdown(r, options);
    },
    renderJson: (r) => JSON.stringify(r),
  };
  await run({
    io,
    context: ctx,
    engine,
    createClient: (token, baseUrl) => testClient(token, baseUrl),
    downloadArtifact: async (request) => {
      await writeFile(path.join(request.destination, 'base.json'), JSON.stringify(sampleReport().base));
    },
    sleep: async () => {},
  });
  return { io, calls };
}

describe('the action links the comment to the run and the base', () => {
  it('comment: short and linked to this run; summary: full; both within 65,536', async () => {
    const { io, calls } = await renders({ image: 'head.tar', 'base-image': 'docker://ghcr.io/acme/app:main' }, context());
    expect(io.failed).toEqual([]);
    expect(calls.map((c) => c.detail)).toEqual(['comment', 'full']);
    for (const c of calls) {
      expect(c.links).toEqual({ run: 'https://github.com/acme/app/actions/runs/99' });
      expect(c.maxLength).toBeLessThanOrEqual(65_536);
    }
    expect(gh.comments[0]?.body).toContain('[workflow run](https://github.com/acme/app/actions/runs/99)');
    expect(io.summary[0]).toContain('[workflow run](https://github.com/acme/app/actions/runs/99)');
  });

  it('base-artifact: links the base run, built from its numeric id (not the API html_url)', async () => {
    gh.runs.push({ id: 50, run_number: 3, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 777, runId: 50, name: 'image-snapshot', files: [] });
    const { io, calls } = await renders({ image: 'head.tar', 'base-artifact': 'image-snapshot' }, context({ serverUrl: 'https://ghe.example' }));
    expect(io.failed).toEqual([]);
    expect(calls[0]?.links).toEqual({ run: 'https://ghe.example/acme/app/actions/runs/99', base: 'https://ghe.example/acme/app/actions/runs/50' });
    expect(gh.comments[0]?.body).toContain('[base run](https://ghe.example/acme/app/actions/runs/50)');
  });

  it('no link when the runner context cannot be trusted to build one (hostile: server URL with a path)', async () => {
    const { calls } = await renders({ image: 'head.tar' }, context({ serverUrl: 'https://evil.test/x)y', runId: null }));
    expect(calls[0]?.links).toEqual({});
  });
});
