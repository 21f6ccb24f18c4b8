/**
 * The README documents the action exactly: its inputs and outputs tables list the names action.yml
 * declares, its workflow examples are valid YAML that use only inputs that exist, and action.yml
 * declares exactly the inputs src/inputs.ts reads.
 */
import { budgetFlagNames, cliFlagNames } from '../../src/cli.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { getInputs } from '../../src/inputs.js';
import { repoRoot } from '../helpers/repo-root.js';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const inputNames = Object.keys(action.inputs);
const outputNames = Object.keys(action.outputs);

/** The text of a `## Title` section, up to the next `## `. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Rows of the first table in a section, as cells, header row first. */
function table(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-:| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

function yamlBlocks(): string[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

/** Every step object (`uses: ...`) anywhere in a parsed YAML document. */
function steps(node: unknown, found: Array<{ uses: string; with?: Record<string, unknown> }> = []): typeof found {
  if (Array.isArray(node)) for (const item of node) steps(item, found);
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj['uses'] === 'string') found.push(obj as (typeof found)[number]);
    for (const value of Object.values(obj)) steps(value, found);
  }
  return found;
}

describe('action.yml', () => {
  it('runs the bundle on node24 and describes every input and output', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect(spec.description.trim().length, `${name} has a description`).toBeGreaterThan(20);
    }
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['fail-on']?.default).toBe('fail');
    expect(action.inputs['comment']?.default).toBe('always');
    expect(action.inputs['comment-key']?.default).toBe('default');
  });

  it('declares exactly the inputs src/inputs.ts reads', () => {
    const read = new Set<string>();
    const reader = (values: Record<string, string>) => (name: string) => {
      read.add(name);
      return values[name] ?? '';
    };
    getInputs(reader({ image: 'head.tar' }));
    getInputs(reader({ report: 'report.json' }));
    expect([...read].sort()).toEqual([...inputNames].sort());
  });

  it('lists the outputs the action sets', () => {
    expect([...outputNames].sort()).toEqual(['cache-hit-ratio', 'comment-body', 'comment-url', 'report-path', 'size', 'size-delta', 'verdict']);
  });
});

describe('README', () => {
  it('inputs table matches action.yml, with a Type column and the defaults', () => {
    const [header, ...rows] = table(section('Inputs'));
    expect(header).toEqual(['Input', 'Type', 'Default', 'Description']);
    const names = rows.map((row) => (row[0] ?? '').replace(/`/g, ''));
    expect(names).toEqual(inputNames);
    for (const row of rows) {
      const name = (row[0] ?? '').replace(/`/g, '');
      const def = action.inputs[name]?.default;
      if (def !== undefined) expect(row[2], `default of ${name}`).toBe(`\`${def}\``);
      expect(row[1], `type of ${name}`).not.toBe('');
    }
  });

  it('outputs table matches action.yml, with a Type column', () => {
    const [header, ...rows] = table(section('Outputs'));
    expect(header).toEqual(['Output', 'Type', 'Description']);
    expect(rows.map((row) => (row[0] ?? '').replace(/`/g, ''))).toEqual(outputNames);
  });

  it('workflow examples are valid YAML and use only inputs that exist', () => {
    const blocks = yamlBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    let layerdiffSteps = 0;
    for (const block of blocks) {
      const doc: unknown = parse(block);
      for (const step of steps(doc)) {
        if (!/^layerdiff\/layerdiff@/.test(step.uses)) continue;
        layerdiffSteps++;
        const keys = Object.keys(step.with ?? {});
        for (const key of keys) expect(inputNames, `README step uses input "${key}"`).toContain(key);
        expect(keys.includes('image') || keys.includes('report'), 'a layerdiff step names image or report').toBe(true);
        const budgets = step.with?.['budgets'];
        if (typeof budgets === 'string') expect(() => parseBudgetLines(budgets, 'budgets')).not.toThrow();
      }
    }
    expect(layerdiffSteps).toBeGreaterThanOrEqual(6);
  });

  it('the usage workflow builds a tarball with docker/build-push-action, then runs layerdiff on it', () => {
    const usage = yamlBlocks()[0] ?? '';
    const all = steps(parse(usage));
    const build = all.findIndex((s) => s.uses.startsWith('docker/build-push-action@'));
    const diff = all.findIndex((s) => s.uses.startsWith('layerdiff/layerdiff@'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(diff).toBeGreaterThan(build);
    expect(all[build]?.with?.['outputs']).toBe('type=docker,dest=/tmp/image.tar');
    expect(all[diff]?.with?.['image']).toBe('/tmp/image.tar');
  });

  it('starts with the set-up commands and keeps the CLI section slot', () => {
    const top = readme.slice(0, readme.indexOf('\n## '));
    expect(top).toContain('npm ci && npm run build && node dist/cli.js diff examples/base.tar examples/head.tar');
    expect(top).toContain('npm ci && npm test');
    const cli = section('CLI');
    for (const command of ['layerdiff diff', 'layerdiff inspect', 'layerdiff snapshot']) expect(cli).toContain(command);
    // Every budget flag the CLI takes is documented beside it (docs that match the code).
    for (const flag of cliFlagNames.filter((name) => !budgetFlagNames.includes(name))) expect(cli).toContain(`--${flag}`);
    for (const rule of budgetFlagNames) expect(cli).toContain(`\`${rule.startsWith('warn-') ? 'warn-…' : rule}\``);
    expect(section('Recommended permissions')).toMatch(/pull-requests: write[\s\S]*actions: read/);
  });
});
