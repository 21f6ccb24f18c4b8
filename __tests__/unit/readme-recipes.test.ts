/**
 * Issue 13's README recipes hold together: every `layerdiff/layerdiff@` step's `with:` is accepted
 * by the action's own input parser (with action.yml's defaults, as the runner passes them, and
 * `${{ }}` expressions given plausible values); the multi-arch build feeds its OCI archive to
 * `platform: all`; the matrix's legs upload the file the action writes under the name the last
 * job's download pattern matches, and the last job runs even when a leg fails; stage 2 of the
 * fork-safe matrix downloads every leg of the triggering run.
 * (readme-action.test.ts checks that every `with:` key is an input of action.yml.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getInputs } from '../../src/inputs.js';
import { segmentMatcher } from '../../src/sources/file-glob.js';
import { repoRoot } from '../helpers/repo-root.js';

type Step = Record<string, unknown> & { uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown[]> };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name?: string;
  on?: string | string[] | Record<string, unknown>;
  jobs?: Record<string, Job>;
}

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string | number | boolean }> };
const defaults = Object.fromEntries(Object.entries(action.inputs).flatMap(([name, i]) => (i.default === undefined ? [] : [[name, String(i.default)]])));

/** Every ```yaml block, parsed; a block of bare steps (indented `- uses:`) parses to a list of steps. */
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as unknown);

function stepLists(node: unknown, found: Step[][] = []): Step[][] {
  if (Array.isArray(node)) {
    if (node.some((item) => item && typeof item === 'object' && ('uses' in item || 'run' in item))) found.push(node as Step[]);
    else for (const item of node) stepLists(item, found);
  } else if (node && typeof node === 'object') for (const value of Object.values(node)) stepLists(value, found);
  return found;
}
const allSteps = blocks.flatMap((b) => stepLists(b)).flat();
const isLayerdiff = (step: Step) => typeof step.uses === 'string' && step.uses.startsWith('layerdiff/layerdiff@');
const uses = (step: Step, name: string) => typeof step.uses === 'string' && step.uses.startsWith(`${name}@`);
const workflows = blocks.filter((b): b is Workflow => !!b && typeof b === 'object' && !Array.isArray(b) && 'jobs' in b);

/** A plausible value for a `${{ }}` expression (what a runner would substitute). */
function substitute(text: string, matrix: Record<string, string> = {}): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const m = /^matrix\.(\w+)$/.exec(expr);
    if (m) return matrix[m[1] as string] ?? 'api';
    if (expr === 'github.token') return 'ghs_x';
    if (expr === 'runner.temp') return '/home/runner/work/_temp';
    if (expr.startsWith('steps.') && expr.endsWith('.outputs.report-path')) return '/home/runner/work/_temp/layerdiff-report-default.json';
    return 'x';
  });
}

/** A `*`/`?` glob of one path segment or a whole path (no `**`), as upload/download-artifact read it. */
function globMatches(pattern: string, text: string): boolean {
  const a = pattern.split('/');
  const b = text.split('/');
  return a.length === b.length && a.every((segment, i) => segmentMatcher(segment)(b[i] as string));
}

describe('README recipes (issue 13)', () => {
  it("every layerdiff step's inputs are accepted by the action's parser, with the runner's defaults", () => {
    const steps = allSteps.filter(isLayerdiff);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    for (const step of steps) {
      const given = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v as string | number | boolean), { platform: 'linux/amd64' })]),
      );
      const read = (name: string) => ({ ...defaults, ...given })[name] ?? '';
      expect(() => getInputs(read), JSON.stringify(step.with)).not.toThrow();
    }
  });

  it('multi-arch: build-push-action with several platforms and an OCI output, then platform: all on that archive (qemu and buildx first)', () => {
    const lists = blocks
      .flatMap((b) => stepLists(b))
      .filter((list) => list.some((s) => uses(s, 'docker/build-push-action') && String(s.with?.['platforms']).includes(',')));
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) {
      const build = list.findIndex((s) => uses(s, 'docker/build-push-action'));
      const with_ = list[build]?.with ?? {};
      const dest = /^type=oci,dest=(\S+)$/.exec(String(with_['outputs']))?.[1];
      expect(dest, 'the multi-arch build writes an OCI archive (a docker archive holds one platform)').toBeDefined();
      const diff = list.findIndex(isLayerdiff);
      expect(diff).toBeGreaterThan(build);
      expect(list[diff]?.with).toMatchObject({ image: `oci-archive:${dest}`, platform: 'all' });
      expect(list.findIndex((s) => uses(s, 'docker/setup-qemu-action'))).toBeGreaterThanOrEqual(0);
      expect(list.findIndex((s) => uses(s, 'docker/setup-qemu-action'))).toBeLessThan(build);
      expect(list.findIndex((s) => uses(s, 'docker/setup-buildx-action'))).toBeLessThan(build);
    }
  });

  it('monorepo matrix: each leg uploads the report file the action writes; the last job needs the legs, runs always, downloads them all and posts one comment', () => {
    const wf = workflows.find((w) =>
      Object.values(w.jobs ?? {}).some((j) => j.steps.some((s) => isLayerdiff(s) && s.with?.['report'] !== undefined) && j.needs),
    );
    expect(wf, 'a workflow with a matrix and a last job posting a report').toBeDefined();
    const jobs = wf!.jobs!;
    const [legName, leg] = Object.entries(jobs).find(([, j]) => j.strategy?.matrix)!;
    const comment = Object.values(jobs).find((j) => j.steps.some((s) => isLayerdiff(s) && s.with?.['report'] !== undefined))!;
    expect([comment.needs].flat()).toContain(legName);
    expect(comment.if).toBe('always()');
    expect(comment.permissions?.['pull-requests']).toBe('write');
    expect(leg.strategy?.['fail-fast']).toBe(false);
    const services = Object.values(leg.strategy!.matrix!)[0] as string[];
    expect(services.length).toBeGreaterThanOrEqual(2);

    const step = leg.steps.find(isLayerdiff)!;
    expect(step.with).toMatchObject({ comment: 'never', 'fail-on': 'never' });
    const upload = leg.steps.find((s) => uses(s, 'actions/upload-artifact'))!;
    expect(upload.if).toBe('always()');
    const placeholder = leg.steps.find((s) => typeof s.run === 'string' && s.run.includes('layerdiff/missing-report@1'));
    expect(placeholder?.if).toMatch(/failure\(\)/);
    const download = comment.steps.find((s) => uses(s, 'actions/download-artifact'))!;
    expect(download.with?.['merge-multiple']).toBe(true);
    const report = String(comment.steps.find(isLayerdiff)!.with!['report']);
    for (const service of services) {
      const matrix = { service };
      // The file the action writes: RUNNER_TEMP/layerdiff-report-KEY.json (src/main.ts), KEY the comment-key.
      const key = substitute(String((step.with?.['comment-key'] as string | undefined) ?? 'default'), matrix);
      const written = `/home/runner/work/_temp/layerdiff-report-${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
      expect(globMatches(substitute(String(upload.with?.['path']), matrix), written), `${service}: upload path takes ${written}`).toBe(true);
      // The placeholder is written where the upload looks.
      const placed = substitute(String(placeholder!.run).replace('$RUNNER_TEMP', '${{ runner.temp }}').replace('$SERVICE', service), matrix);
      const target = /> "([^"]+)"/.exec(placed)?.[1] ?? '';
      expect(globMatches(substitute(String(upload.with?.['path']), matrix), target), `${service}: upload path takes the placeholder ${target}`).toBe(true);
      // download-artifact's pattern matches the artifact's name; merge-multiple puts the files side by side under path.
      const artifact = substitute(String(upload.with?.['name']), matrix);
      expect(globMatches(String(download.with?.['pattern']), artifact), `${service}: pattern takes ${artifact}`).toBe(true);
      expect(globMatches(report, `${String(download.with?.['path'])}/${path.basename(written)}`), `report: ${report} takes ${service}'s file`).toBe(true);
    }
  });

  it('fork-safe matrix: stage 2 runs after stage 1 by name, downloads every leg of the triggering run and merges them', () => {
    const stage1 = workflows.find((w) =>
      Object.values(w.jobs ?? {}).some((j) => j.strategy?.matrix && j.steps.some((s) => uses(s, 'actions/upload-artifact'))),
    );
    const stage2 = workflows.find(
      (w) =>
        typeof w.on === 'object' &&
        !Array.isArray(w.on) &&
        'workflow_run' in w.on &&
        Object.values(w.jobs ?? {}).some((j) => j.steps.some((s) => uses(s, 'actions/download-artifact') && s.with?.['pattern'])),
    );
    expect(stage1?.name).toBeDefined();
    expect(stage2).toBeDefined();
    expect(((stage2!.on as Record<string, unknown>)['workflow_run'] as { workflows: string[] }).workflows).toContain(stage1!.name);
    const job = Object.values(stage2!.jobs!)[0]!;
    const download = job.steps.find((s) => uses(s, 'actions/download-artifact'))!;
    expect(download.with).toMatchObject({ 'merge-multiple': true, 'run-id': '${{ github.event.workflow_run.id }}', 'github-token': '${{ github.token }}' });
    const upload = Object.values(stage1!.jobs!)
      .flatMap((j) => j.steps)
      .find((s) => uses(s, 'actions/upload-artifact'))!;
    expect(globMatches(String(download.with?.['pattern']), substitute(String(upload.with?.['name'])))).toBe(true);
    const report = String(job.steps.find(isLayerdiff)!.with!['report']);
    expect(globMatches(report, `${String(download.with?.['path'])}/layerdiff-report-api.json`)).toBe(true);
    expect((stage2 as { permissions?: Record<string, string> }).permissions).toMatchObject({ 'pull-requests': 'write', actions: 'read' });
  });
});
