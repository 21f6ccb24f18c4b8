/**
 * The repository's own workflows and the README's examples, checked as GitHub would read them: every
 * workflow parses, every `uses: ./` step passes only inputs action.yml declares, every third-party
 * action is pinned to the one major the README's "Versions used in these examples" table names (and
 * every row is used), type=docker/type=oci file outputs come after docker/setup-buildx-action, image
 * names are lowercased, and ci.yml runs what .ci/run runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/repo-root.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: Record<string, string>;
  jobs?: Record<string, Job>;
}

const read = (...parts: string[]) => readFileSync(path.join(repoRoot, ...parts), 'utf8');
const workflowDir = path.join(repoRoot, '.github', 'workflows');
const workflowFiles = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name));
const workflows = new Map(workflowFiles.map((name) => [name, parse(read('.github', 'workflows', name)) as Workflow]));
const action = parse(read('action.yml')) as { inputs: Record<string, { description?: string }> };
const inputNames = Object.keys(action.inputs);
const readme = read('README.md');

/** The README's `## Title` section, up to the next `## `. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** action -> major, from the README's versions table: the one place the majors are named. */
function pinnedMajors(): Map<string, string> {
  const rows = section('Versions used in these examples')
    .split('\n')
    .filter((line) => /^\| `[^`]+` \| `v\d+` \|/.test(line));
  return new Map(rows.map((line) => line.match(/^\| `([^`]+)` \| `(v\d+)` \|/)!.slice(1, 3) as [string, string]));
}

/** Every steps list in a parsed document (a workflow's jobs, or a README snippet's bare steps). */
function stepLists(doc: unknown): Step[][] {
  const found: Step[][] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      if (node.some((item) => item && typeof item === 'object' && ('uses' in item || 'run' in item))) found.push(node as Step[]);
      else for (const item of node) visit(item);
    } else if (node && typeof node === 'object') for (const value of Object.values(node)) visit(value);
  };
  visit(doc);
  return found;
}

const readmeDocs = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as unknown);
const everyDoc: Array<[string, unknown]> = [
  ...[...workflows].map(([name, doc]) => [`.github/workflows/${name}`, doc] as [string, unknown]),
  ...readmeDocs.map((doc, i) => [`README yaml block ${i + 1}`, doc] as [string, unknown]),
];

describe('.github/workflows', () => {
  it('has ci.yml and release.yml, each parsing to jobs with a runner and steps', () => {
    expect(workflowFiles.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const [name, wf] of workflows) {
      expect(wf.on, `${name} has triggers`).toBeDefined();
      expect(wf.permissions, `${name} starts from read-only permissions`).toEqual({ contents: 'read' });
      for (const [id, job] of Object.entries(wf.jobs ?? {})) {
        expect(job['runs-on'], `${name} job ${id} runs-on`).toMatch(/^ubuntu-/);
        expect(job.steps?.length, `${name} job ${id} has steps`).toBeGreaterThan(0);
      }
    }
  });

  it('ci.yml runs on pull requests and pushes, with every command .ci/run runs', () => {
    const ci = workflows.get('ci.yml')!;
    expect(Object.keys(ci.on as object)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const runs = Object.values(ci.jobs ?? {})
      .flatMap((job) => job.steps ?? [])
      .map((step) => step.run ?? '')
      .join('\n');
    const commands = read('.ci', 'run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^(npm |bash scripts\/)/.test(line));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) {
      // Contained, not equal: GitHub runs the install script under sudo, and `npm run lint --if-present` covers a lint step.
      expect(runs, `ci.yml runs "${command}" as .ci/run does`).toContain(command);
    }
    expect(runs).toContain('git diff --exit-code --stat -- dist');
    const setupNode = Object.values(ci.jobs ?? {})
      .flatMap((job) => job.steps ?? [])
      .find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(setupNode?.with?.['node-version'])).toBe('24');
  });

  it('ci.yml lets exactly the real-image fixtures be absent, and says so', () => {
    const test = workflows.get('ci.yml')!.jobs!['test']!;
    expect(test.env?.['LAYERDIFF_TEST_ALLOW_MISSING']).toBe('real-images');
    expect(read('.github', 'workflows', 'ci.yml')).toMatch(/real-image tests read third-party archives/);
  });

  it('the self-test job runs the action itself (uses: ./) with only inputs action.yml declares', () => {
    const selfTest = workflows.get('ci.yml')!.jobs!['self-test']!;
    expect(selfTest.permissions?.['pull-requests']).toBe('write');
    const local = (selfTest.steps ?? []).filter((step) => step.uses === './');
    expect(local.length).toBeGreaterThanOrEqual(1);
    expect(local[0]?.with?.['image']).toBe('examples/head.tar');
    expect(local[0]?.with?.['base-image']).toBe('examples/base.tar');
    for (const step of stepLists(everyDocOf('.github/workflows'))
      .flat()
      .filter((s) => s.uses === './')) {
      for (const key of Object.keys(step.with ?? {})) expect(inputNames, `uses: ./ passes input "${key}"`).toContain(key);
    }
    for (const example of ['base.tar', 'head.tar']) expect(existsSync(path.join(repoRoot, 'examples', example))).toBe(true);
  });

  it('release.yml publishes with provenance on a version tag and moves the major tag', () => {
    const release = workflows.get('release.yml')!;
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const job = release.jobs!['release']!;
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const runs = (job.steps ?? []).map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('npm publish --provenance --access public');
    expect(runs).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    const order = ['npm test', 'npm publish', 'git tag --force'].map((command) => runs.indexOf(command));
    expect(
      order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number))),
      'tests, then publish, then the tag',
    ).toBe(true);
  });

  it('dependabot watches npm and the actions', () => {
    const config = parse(read('.github', 'dependabot.yml')) as { version: number; updates: Array<{ 'package-ecosystem': string }> };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});

function everyDocOf(prefix: string): unknown[] {
  return everyDoc.filter(([where]) => where.startsWith(prefix)).map(([, doc]) => doc);
}

describe('actions named in one place', () => {
  const majors = pinnedMajors();

  it('the README table names each action once, on a major', () => {
    expect(majors.size).toBeGreaterThanOrEqual(8);
    expect([...majors.keys()]).toEqual(
      expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'docker/setup-buildx-action', 'docker/build-push-action']),
    );
  });

  it('every third-party action in the README and the workflows is pinned to the major the table names, and every row is used', () => {
    const used = new Set<string>();
    for (const [where, doc] of everyDoc) {
      for (const step of stepLists(doc).flat()) {
        if (!step.uses || step.uses === './' || step.uses.startsWith('layerdiff/layerdiff@')) continue;
        const [name, ref] = step.uses.split('@') as [string, string | undefined];
        expect(majors.has(name), `${where}: ${step.uses} is in the README's versions table (update it there first)`).toBe(true);
        expect(ref, `${where}: ${step.uses} uses ${majors.get(name)} as the README's versions table says`).toBe(majors.get(name));
        used.add(name);
      }
    }
    expect(
      [...majors.keys()].filter((name) => !used.has(name)),
      'rows of the versions table no example uses',
    ).toEqual([]);
  });

  it('every build that writes type=docker or type=oci to a file has docker/setup-buildx-action before it', () => {
    let builds = 0;
    for (const [where, doc] of everyDoc) {
      for (const steps of stepLists(doc)) {
        steps.forEach((step, index) => {
          const raw = step.with?.['outputs'];
          const outputs = typeof raw === 'string' ? raw : '';
          if (!step.uses?.startsWith('docker/build-push-action@') || !/type=(docker|oci)\b/.test(outputs)) return;
          builds++;
          const buildx = steps.slice(0, index).some((s) => s.uses?.startsWith('docker/setup-buildx-action@'));
          expect(buildx, `${where}: build step ${index + 1} writes ${outputs} without docker/setup-buildx-action before it`).toBe(true);
        });
      }
    }
    expect(builds).toBeGreaterThanOrEqual(4);
  });

  it('image names from github.repository are lowercased first', () => {
    for (const [where, doc] of everyDoc) {
      const text = JSON.stringify(doc);
      expect(text, `${where}: github.repository in an image name (it can hold capitals)`).not.toMatch(
        /(ghcr\.io|docker:\/\/)[^"]*\$\{\{ *github\.repository *\}\}/,
      );
    }
    expect(readme).toContain('echo "IMAGE=ghcr.io/${GITHUB_REPOSITORY,,}" >> "$GITHUB_ENV"');
  });

  it('the README has a troubleshooting section with the three first errors and their fixes', () => {
    const text = section('Troubleshooting');
    expect(text).toContain('not supported for the docker driver');
    expect(text).toContain('Resource not accessible by integration');
    expect(text).toContain('repository name must be lowercase');
    expect(text).toContain('docker/setup-buildx-action');
    expect(text).toContain('pull-requests: write');
  });
});

describe('action.yml metadata (the Marketplace listing)', () => {
  const meta = parse(read('action.yml')) as { name: string; description: string; author?: string; branding?: { icon?: string; color?: string } };

  it('has a description under 125 characters, an author and branding from the allowed set', () => {
    expect(meta.description.length).toBeLessThan(125);
    expect(meta.description.length).toBeGreaterThan(40);
    expect(meta.author).toBeTruthy();
    // GitHub's allowed colors; icons are Feather icon names (a few are excluded, none of them this one).
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(meta.branding?.color);
    expect(meta.branding?.icon).toMatch(/^[a-z][a-z0-9-]*$/);
    expect([
      'coffee',
      'columns',
      'divide-circle',
      'divide-square',
      'divide',
      'frown',
      'hexagon',
      'key',
      'meh',
      'mouse-pointer',
      'smile',
      'tool',
      'x-octagon',
    ]).not.toContain(meta.branding?.icon);
  });

  it('describes every input', () => {
    for (const [name, spec] of Object.entries(action.inputs)) expect(spec.description?.trim().length, `${name} has a description`).toBeGreaterThan(20);
  });
});
