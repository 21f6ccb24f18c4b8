/**
 * Issue 13, part 5: stage 2 of the fork-safe workflow for a matrix. The built action
 * (dist/index.js) runs under a real `workflow_run` event for fork PR #7 against a loopback GitHub
 * API that records every request, with `report:` a glob over the directory download-artifact leaves
 * (three legs: one passing, one over its budget, one that failed before reporting and left a
 * placeholder). Exactly one comment is posted, then updated in place; its summary table has a row
 * per leg with that leg's figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MultiReport } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import { markerFor } from '../../src/github/sticky-comment.js';
import { formatBytesDelta } from '../../src/report/format.js';
import { ensureBuilt, EVENTS, runAction, type ActionEnv } from '../helpers/action-process.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js';
import { repoRoot } from '../helpers/real-images.js';
import { sourceTables, splitRow } from '../unit/report-gfm.js';

/** Figures keep their units with a no-break space in the comment. */
const nb = (text: string): string => text.replace(/(\d) ([kMGTP]?B)(?![A-Za-z])/g, '$1\u00a0$2');

const TOKEN = 'ghs_forkMergeTokenNeverPrinted';
const event = JSON.parse(await readFile(path.join(EVENTS, 'workflow_run-fork.json'), 'utf8')) as {
  workflow_run: { head_sha: string; head_branch: string; head_repository: FakeRepo & { owner: { login: string } } };
};
const FORK: FakeRepo = {
  id: event.workflow_run.head_repository.id,
  full_name: event.workflow_run.head_repository.full_name,
  owner: { login: event.workflow_run.head_repository.owner.login },
};
const STAGE2: ActionEnv = {
  event: 'workflow_run-fork.json',
  eventName: 'workflow_run',
  ref: 'refs/heads/main',
  sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
  workflowRef: 'acme/app/.github/workflows/images-comment.yml@refs/heads/main',
  token: TOKEN,
};
const MARKER = markerFor('default', '.github/workflows/images-comment.yml');

let gh: FakeGitHub;
let work: string;
let reports: string;
const legs: Record<string, Report> = {};

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`);

beforeAll(async () => {
  ensureBuilt();
  work = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-fork-merge-'));
  reports = path.join(work, 'reports');
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const examples = (name: string) => path.join(repoRoot, 'examples', name);
  // Stage 1's legs, as the real CLI writes them; download-artifact leaves one directory per artifact.
  for (const [name, flags] of [
    ['web', []],
    ['api', ['--max-growth', '0.1%']],
  ] as const) {
    await mkdir(path.join(reports, `layerdiff-report-${name}`), { recursive: true });
    const out = path.join(reports, `layerdiff-report-${name}`, 'report.json');
    try {
      execFileSync(process.execPath, [
        cli,
        'diff',
        examples('base.tar'),
        examples('head.tar'),
        '--name',
        name,
        '--format',
        'json',
        '-o',
        out,
        '--quiet',
        ...flags,
      ]);
    } catch {
      // api fails its budget: exit 1, report written.
    }
    legs[name] = JSON.parse(await readFile(out, 'utf8')) as Report;
  }
  await mkdir(path.join(reports, 'layerdiff-report-worker'), { recursive: true });
  await writeFile(
    path.join(reports, 'layerdiff-report-worker', 'report.json'),
    JSON.stringify({ schema: 'layerdiff/missing-report@1', name: 'worker', error: 'the build failed' }),
  );
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.pulls.push({ number: 7, head: { sha: event.workflow_run.head_sha, ref: event.workflow_run.head_branch, repo: FORK } });
});
afterEach(async () => {
  await gh.close();
});

describe('fork PR stage 2 over a matrix (workflow_run, report: a glob) e2e', () => {
  it('posts exactly one comment for every leg, then updates it in place; the summary table has the right rows', async () => {
    expect(legs['api']?.verdict).toBe('fail');
    const inputs = { report: `${reports}/**/report.json`, 'fail-on': 'never' };
    const first = await runAction(gh, work, inputs, STAGE2);
    expect(first.stderr).toBe('');
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain('layerdiff: merging 3 report files');
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments']);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]?.body ?? '';
    expect(body).toBe(first.outputs['comment-body']);
    expect(body.split('\n')[0]).toBe(MARKER);
    const delta = legs['api']!.totals.delta.size + legs['web']!.totals.delta.size;
    // One line at PR-conversation width (the shorter wording: no name).
    expect(body.split('\n')[2]).toBe(`### 🔴 1 of 3 images over budget, 1 of 3 without a report · ${nb(formatBytesDelta(delta))} total`);
    const rows = (sourceTables(body)[0] ?? []).slice(2).map((line) => splitRow(line).map((c) => c.trim()));
    expect(rows.map((r) => [r[0], r[1], r[2]?.split(' (')[0], r[5], r[6]])).toEqual([
      ['`api`', '`linux/amd64`', `**${nb(formatBytesDelta(legs['api']!.totals.delta.size))}**`, '🔴 fail', '`max-growth`'],
      ['`worker`', '—', '—', '⚪ no report', 'the build failed'],
      ['`web`', '`linux/amd64`', `**${nb(formatBytesDelta(legs['web']!.totals.delta.size))}**`, '🟢 pass', ''],
    ]);
    // Outputs describe the whole; the merged JSON has each image's verdict.
    expect(first.outputs['verdict']).toBe('fail');
    expect(first.outputs['size-delta']).toBe(String(delta));
    expect(first.outputs['size']).toBe(String(legs['api']!.totals.head.size + legs['web']!.totals.head.size));
    const merged = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as MultiReport;
    expect(merged.images.map((i) => [i.name, i.verdict])).toEqual([
      ['api', 'fail'],
      ['web', 'pass'],
      ['worker', 'fail'],
    ]);
    // The job summary lists every image; the failing one is annotated under its name.
    for (const name of ['api', 'web', 'worker']) expect(first.summary).toContain(`<code>${name}</code>`);
    expect(first.stdout).toMatch(/^::error title=layerdiff budget::api \(linux\/amd64\): budget max-growth failed: /m);
    expect(first.stdout).toMatch(/^::error title=layerdiff::worker: no report: the build failed$/m);

    const second = await runAction(gh, work, inputs, STAGE2);
    expect(second.code, second.stdout).toBe(0);
    const id = gh.comments[0]?.id;
    expect(writes()).toEqual(['POST /repos/acme/app/issues/7/comments', `PATCH /repos/acme/app/issues/comments/${id}`]);
    expect(gh.comments).toHaveLength(1);
  });

  it('with fail-on: fail, the step fails naming the failing images, after posting the one comment', async () => {
    const run = await runAction(gh, work, { report: `${reports}/*/report.json` }, STAGE2);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::layerdiff: verdict fail \(fail-on: fail\): api \(linux\/amd64\): max-growth, worker: no report$/m);
    expect(gh.comments).toHaveLength(1);
  });

  it('one bad file fails the step in one line naming it, and posts nothing (hostile: a leg uploads a snapshot)', async () => {
    const bad = path.join(work, 'bad');
    await mkdir(path.join(bad, 'a'), { recursive: true });
    await writeFile(path.join(bad, 'a', 'report.json'), JSON.stringify(legs['web']));
    await mkdir(path.join(bad, 'b'), { recursive: true });
    await writeFile(path.join(bad, 'b', 'report.json'), JSON.stringify(legs['web']!.head));
    const run = await runAction(gh, work, { report: `${bad}/**/report.json` }, STAGE2);
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::report: \S*bad\/b\/report\.json: not a layerdiff\/report@1, layerdiff\/multi-report@1 or layerdiff\/missing-report@1 \(schema "layerdiff\/snapshot@1"\)$/,
    );
    expect(writes()).toEqual([]);
  });

  it('legs computed by the action itself (named by comment-key or name), gathered as merge-multiple leaves them, make one comment', async () => {
    const gathered = path.join(work, 'gathered');
    await mkdir(gathered, { recursive: true });
    const examples = (name: string) => path.join(repoRoot, 'examples', name);
    for (const [key, extra] of [
      ['api', { budgets: 'max-growth: 0.1%' }],
      ['web', { name: 'web-frontend' }],
    ] as const) {
      const leg = await runAction(
        gh,
        work,
        { image: examples('head.tar'), 'base-image': examples('base.tar'), comment: 'never', 'comment-key': key, 'fail-on': 'never', ...extra },
        STAGE2,
      );
      expect(leg.code, leg.stdout).toBe(0);
      const written = leg.outputs['report-path'] ?? '';
      expect(path.basename(written)).toBe(`layerdiff-report-${key}.json`);
      await writeFile(path.join(gathered, path.basename(written)), await readFile(written));
    }
    expect(gh.comments).toHaveLength(0);
    const stage2 = await runAction(gh, work, { report: `${gathered}/*.json`, 'fail-on': 'never' }, STAGE2);
    expect(stage2.code, stage2.stdout).toBe(0);
    expect(gh.comments).toHaveLength(1);
    const rows = (sourceTables(gh.comments[0]?.body ?? '')[0] ?? []).slice(2).map((line) => splitRow(line).map((c) => c.trim()));
    expect(rows.map((r) => [r[0], r[5]])).toEqual([
      ['`api`', '🔴 fail'],
      ['`web-frontend`', '🟢 pass'],
    ]);
  });

  it('a single report path holding a multi-report (written by layerdiff merge) is shown merged', async () => {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const merged = path.join(work, 'merged.json');
    try {
      execFileSync(process.execPath, [
        cli,
        'merge',
        path.join(reports, 'layerdiff-report-web', 'report.json'),
        path.join(reports, 'layerdiff-report-api', 'report.json'),
        '-f',
        'json',
        '-o',
        merged,
      ]);
    } catch {
      // exit 1: api fails its budget
    }
    const run = await runAction(gh, work, { report: merged, 'fail-on': 'never' }, STAGE2);
    expect(run.code, run.stdout).toBe(0);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]?.body.split('\n')[2]).toMatch(/^### 🔴 layerdiff: 1 of 2 images over budget · /);
    expect(run.outputs['report-path']).toBe(merged);
  });
});
