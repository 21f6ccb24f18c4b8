/**
 * The built CLI (`node dist/cli.js`) as a user runs it from the repo root, on the README's example
 * pair: exit codes, the three formats, snapshots, budgets, and one-line errors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { repoRoot } from '../helpers/repo-root.js';
import { runBuiltCli, type BuiltCliResult } from '../helpers/cli-io.js';

const facts = JSON.parse(readFileSync(path.join(repoRoot, '__tests__', 'fixtures', 'built', 'facts.json'), 'utf8')) as {
  images: Record<string, { layerCount: number; layers: Array<{ diffId: string; size: number }>; totals: { size: number } }>;
};
const baseFacts = facts.images['docker/app-base.tar']!;
const headFacts = facts.images['docker/app-head.tar']!;
let scratch = '';

type Result = BuiltCliResult;

async function layerdiff(...args: string[]): Promise<Result> {
  return runBuiltCli(args, { maxBuffer: 16 * 1024 * 1024 });
}

/** A one-line failure: exit 2, a single `layerdiff: ...` line on stderr, no stack trace. */
function expectOneLineError(result: Result, mentions: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^layerdiff: /);
  expect(lines[0]).toMatch(mentions);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(path.join(tmpdir(), 'layerdiff-cli-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('layerdiff diff examples/base.tar examples/head.tar (the README command)', () => {
  it('prints a text table and exits 0', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout.split('\n').filter((line) => /^(unchanged|changed|added|removed)\s/.test(line));
    expect(rows.map((line) => line.split(/\s+/)[0])).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'changed', 'unchanged', 'added']);
    expect(result.stdout).toMatch(/uncompressed/i); // the table names its measure
    expect(result.stdout).toMatch(/5\/7 layers/);
    expect(result.stdout).toMatch(/PASS/);
  });

  it('--format json is layerdiff/report@1 with the facts of both archives', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--format', 'json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      schema: string;
      base: { schema: string; layers: Array<{ diffId: string }> };
      head: { schema: string; layers: Array<{ diffId: string; size: number }>; totals: { size: number } };
      layers: Array<{ status: string; delta: { size: number } }>;
      totals: { delta: { size: number } };
      cacheHit: { layers: { hit: number; total: number } };
      budgets: unknown[];
      verdict: string;
    };
    expect(report.schema).toBe('layerdiff/report@1');
    expect(report.base.schema).toBe('layerdiff/snapshot@1');
    expect(report.head.schema).toBe('layerdiff/snapshot@1');
    expect(report.base.layers.map((l) => l.diffId)).toEqual(baseFacts.layers.map((l) => l.diffId));
    expect(report.head.layers.map((l) => [l.diffId, l.size])).toEqual(headFacts.layers.map((l) => [l.diffId, l.size]));
    expect(report.layers.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'changed', 'unchanged', 'added']);
    expect(report.totals.delta.size).toBe(headFacts.totals.size - baseFacts.totals.size);
    expect(report.cacheHit.layers).toMatchObject({ hit: 5, total: 7 });
    expect(report.budgets).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('--format markdown gives the PR-comment body', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\| *\| # \| Instruction \|/m);
    expect(result.stdout).toMatch(/changed/);
    expect(result.stdout).toMatch(/added/);
    expect(result.stdout).toMatch(/<details>/); // unchanged layers collapsed
    expect(result.stdout).toMatch(/5\/7 layers reused/);
  });

  it('--stats prints the I/O counters as JSON on stderr', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--format', 'json', '--stats');
    expect(result.code).toBe(0);
    const line = result.stderr.trim().split('\n').pop()!;
    const parsed = JSON.parse(line) as { stats: { layersMeasured: number; archiveBytesRead: number } };
    // docker save layers are stored uncompressed: their tar headers give every size.
    expect(parsed.stats.layersMeasured).toBe(0);
    expect(parsed.stats.archiveBytesRead).toBeGreaterThan(0);
  });
});

describe('inspect and snapshot', () => {
  it('inspect --format json is layerdiff/snapshot@1', async () => {
    const result = await layerdiff('inspect', 'examples/head.tar', '--format', 'json');
    expect(result.code).toBe(0);
    const snapshot = JSON.parse(result.stdout) as {
      schema: string;
      platform: string;
      layers: Array<{ diffId: string; size: number }>;
      totals: { size: number };
    };
    expect(snapshot.schema).toBe('layerdiff/snapshot@1');
    expect(snapshot.platform).toBe('linux/amd64');
    expect(snapshot.layers.map((l) => [l.diffId, l.size])).toEqual(headFacts.layers.map((l) => [l.diffId, l.size]));
    expect(snapshot.totals.size).toBe(headFacts.totals.size);
  });

  it('inspect prints a text table by default', async () => {
    const result = await layerdiff('inspect', 'examples/base.tar');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/busybox/);
    expect(result.stdout.split('\n').length).toBeGreaterThan(baseFacts.layerCount);
  });

  it('snapshot -o writes a snapshot that serves as a base', async () => {
    const file = path.join(scratch, 'base.snapshot.json');
    const result = await layerdiff('snapshot', 'examples/base.tar', '-o', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { schema: string; layers: Array<{ diffId: string }> };
    expect(snapshot.schema).toBe('layerdiff/snapshot@1');
    expect(snapshot.layers.map((l) => l.diffId)).toEqual(baseFacts.layers.map((l) => l.diffId));

    const fromSnapshot = await layerdiff('diff', `snapshot:${file}`, 'examples/head.tar', '--format', 'json');
    const fromArchive = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--format', 'json');
    expect(fromSnapshot.code).toBe(0);
    const rows = (r: Result) => JSON.parse(r.stdout) as { layers: Array<{ status: string; delta: unknown }>; cacheHit: unknown };
    expect(rows(fromSnapshot).layers.map((l) => [l.status, l.delta])).toEqual(rows(fromArchive).layers.map((l) => [l.status, l.delta]));
    expect(rows(fromSnapshot).cacheHit).toEqual(rows(fromArchive).cacheHit);
  });
});

describe('budgets and exit codes', () => {
  it('--max-growth 1B fails the budget: exit 1', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--max-growth', '1B', '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { budgets: Array<{ rule: string; status: string }>; verdict: string };
    expect(report.verdict).toBe('fail');
    expect(report.budgets).toEqual([expect.objectContaining({ rule: 'max-growth', status: 'fail' })]);
  });

  it('a budget that holds exits 0', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--max-growth', '5%', '--min-cache-hit', '50%');
    expect(result.code).toBe(0);
  });

  it('a warn level that trips still exits 0', async () => {
    const result = await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--warn-growth', '1B', '--format', 'json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { verdict: string }).verdict).toBe('warn');
  });

  it('an unknown flag: exit 2, one line', async () => {
    expectOneLineError(await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--frobnicate'), /--frobnicate/);
  });

  it('a budget value that does not parse: exit 2, one line', async () => {
    expectOneLineError(await layerdiff('diff', 'examples/base.tar', 'examples/head.tar', '--max-growth', 'lots'), /max-growth.*lots/);
  });

  it('a missing file: exit 2, one line naming it', async () => {
    expectOneLineError(await layerdiff('diff', 'examples/base.tar', 'examples/no-such-image.tar'), /examples\/no-such-image\.tar/);
  });

  it('a file that is not an image: exit 2, one line naming it', async () => {
    expectOneLineError(await layerdiff('inspect', 'examples/README.md'), /examples\/README\.md/);
  });

  it('a wrong number of images: exit 2, one line', async () => {
    expectOneLineError(await layerdiff('diff', 'examples/base.tar'), /two images/);
  });
});

describe('--help and --version', () => {
  it('--help prints usage and exits 0', async () => {
    const result = await layerdiff('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/layerdiff diff <base> <head>/);
    expect(result.stdout).toMatch(/layerdiff inspect <image>/);
    expect(result.stdout).toMatch(/layerdiff snapshot <image>/);
  });

  it('--version prints the package version', async () => {
    const result = await layerdiff('--version');
    expect(result.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(result.stdout.trim()).toBe(pkg.version);
  });
});
