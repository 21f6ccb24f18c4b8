/**
 * The built CLI on the README's example pair: colour on a real pseudo-terminal (`script`), none when
 * piped or with NO_COLOR; and a size history carried from snapshot to snapshot, ending in the trend
 * chart of a diff against the last one.
 */
/* eslint-disable no-control-regex -- ANSI escape codes and control characters are what these tests look for */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { repoRoot } from '../helpers/repo-root.js';
import { prerequisite } from '../helpers/skip-policy.js';
import { runBuiltCli, type BuiltCliResult } from '../helpers/cli-io.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'dist', 'cli.js');
const SGR = /\x1b\[[0-9;]*m/;
let scratch = '';

type Result = BuiltCliResult;

/** The environment without the colour variables of whoever runs the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'TERM', 'CI']) delete env[name];
  return { ...env, TERM: 'xterm-256color', ...extra };
}

async function layerdiff(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Result> {
  return runBuiltCli(args, { env, maxBuffer: 16 * 1024 * 1024 });
}

function scriptMissing(): string | null {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'script (util-linux) is not installed: no pseudo-terminal';
  }
}
const noScript = prerequisite('tools', scriptMissing());

/** The CLI with stdout and stderr on a pseudo-terminal (util-linux `script`), as a user at a terminal runs it. */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<string> {
  const quoted = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout } = await run('script', ['-q', '-e', '-c', quoted, '/dev/null'], { cwd: repoRoot, env: cleanEnv(env), maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const pair = ['diff', 'examples/base.tar', 'examples/head.tar', '--quiet'];

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(path.join(tmpdir(), 'layerdiff-trend-cli-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(noScript !== null)('colour on a terminal', () => {
  it('a terminal gets colour: the changed layer red, the verdict green', async () => {
    const out = await onTerminal(pair);
    expect(out).toMatch(SGR);
    expect(out).toMatch(/\x1b\[31mchanged\x1b\[39m/);
    expect(out).toMatch(/Verdict: \x1b\[32mPASS\x1b\[39m/);
  });

  it('NO_COLOR (any non-empty value) turns it off on a terminal', async () => {
    expect(await onTerminal(pair, { NO_COLOR: '1' })).not.toMatch(SGR);
    expect(await onTerminal(pair, { NO_COLOR: 'false' })).not.toMatch(SGR);
  });

  it('--color never turns it off; --format json and markdown never have it', async () => {
    expect(await onTerminal([...pair, '--color', 'never'])).not.toMatch(SGR);
    expect(await onTerminal([...pair, '--format', 'json'])).not.toMatch(SGR);
    expect(await onTerminal([...pair, '--format', 'markdown'])).not.toMatch(SGR);
  });
});

describe('colour through a pipe', () => {
  it('piped output has no escape code at all', async () => {
    const result = await layerdiff(pair);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\x1b');
    expect(result.stdout).toMatch(/Verdict: PASS/);
  });

  it('--color always and FORCE_COLOR colour a pipe; --color always beats NO_COLOR', async () => {
    expect((await layerdiff([...pair, '--color', 'always'])).stdout).toMatch(/\x1b\[31mchanged/);
    expect((await layerdiff(pair, cleanEnv({ FORCE_COLOR: '1' }))).stdout).toMatch(SGR);
    expect((await layerdiff([...pair, '--color', 'always'], cleanEnv({ NO_COLOR: '1' }))).stdout).toMatch(SGR);
    expect((await layerdiff(pair, cleanEnv({ NO_COLOR: '1', FORCE_COLOR: '1' }))).stdout).not.toMatch(SGR);
  });

  it('a report written with -o is plain unless --color always', async () => {
    const file = path.join(scratch, 'report.txt');
    expect((await layerdiff([...pair, '-o', file], cleanEnv({ FORCE_COLOR: '1' }))).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('\x1b');
  });
});

describe('a size history from snapshot to snapshot', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const C = 'c'.repeat(40);

  it('snapshot --commit starts it, --history-from carries it, a diff against the last one draws it', async () => {
    const s1 = path.join(scratch, 's1.json');
    const s2 = path.join(scratch, 's2.json');
    const s3 = path.join(scratch, 's3.json');
    expect((await layerdiff(['snapshot', 'examples/base.tar', '-o', s1, '--commit', A, '--date', '2026-11-28T10:00:00+02:00'])).code).toBe(0);
    expect((await layerdiff(['snapshot', 'examples/base.tar', '-o', s2, '--history-from', s1, '--commit', B.toUpperCase()])).code).toBe(0);
    expect((await layerdiff(['snapshot', 'examples/base.tar', '-o', s3, '--history-from', s2, '--commit', C, '--date', '2026-11-30T09:00:00Z'])).code).toBe(0);
    const last = JSON.parse(readFileSync(s3, 'utf8')) as {
      history: Array<{ commit: string; date: string; size: number; layers: number }>;
      totals: { size: number };
    };
    expect(last.history.map((p) => p.commit)).toEqual([A, B, C]);
    expect(last.history[0]?.date).toBe('2026-11-28T08:00:00.000Z');
    expect(last.history[2]).toMatchObject({ date: '2026-11-30T09:00:00.000Z', size: last.totals.size });

    const md = await layerdiff(['diff', `snapshot:${s3}`, 'examples/head.tar', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('```mermaid');
    expect(md.stdout).toContain('x-axis ["aaaaaaa", "bbbbbbb", "ccccccc", "PR"]');
    // Without --commit, --history-from carries the history as it is.
    const s4 = path.join(scratch, 's4.json');
    expect((await layerdiff(['snapshot', 'examples/head.tar', '-o', s4, '--history-from', s3])).code).toBe(0);
    expect((JSON.parse(readFileSync(s4, 'utf8')) as { history: unknown[] }).history).toHaveLength(3);
    // A snapshot of a snapshot keeps its history; --commit appends to it.
    const s5 = path.join(scratch, 's5.json');
    const D = 'd'.repeat(40);
    expect((await layerdiff(['snapshot', `snapshot:${s3}`, '-o', s5, '--commit', D])).code).toBe(0);
    expect((JSON.parse(readFileSync(s5, 'utf8')) as { history: Array<{ commit: string }> }).history.map((p) => p.commit)).toEqual([A, B, C, D]);
  });

  it.each([
    [['diff', 'examples/base.tar', 'examples/head.tar', '--commit', A], /--commit applies to layerdiff snapshot only/],
    [['snapshot', 'examples/base.tar', '--commit', 'abc1234'], /--commit: "abc1234" is not a full commit hash/],
    [['snapshot', 'examples/base.tar', '--commit', A, '--date', '30/11/2026'], /--date: "30\/11\/2026" is not an ISO 8601 date/],
    [['snapshot', 'examples/base.tar', '--date', '2026-11-30T09:00:00Z'], /--date: dates the commit given by --commit/],
    [['snapshot', 'examples/base.tar', '--history-from', 'no/such.json'], /--history-from no\/such\.json: no such file/],
  ])('refuses %j in one line, before reading any image', async (args, message) => {
    const result = await layerdiff(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('refuses a history file whose history is forged (hostile)', async () => {
    const forged = path.join(scratch, 'forged.json');
    const s1 = JSON.parse(readFileSync(path.join(scratch, 's1.json'), 'utf8')) as Record<string, unknown>;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      forged,
      JSON.stringify({ ...s1, history: [{ commit: `${A.slice(0, 39)}"`, date: '2026-11-30T09:00:00Z', size: 1, compressedSize: null, layers: 1 }] }),
    );
    const result = await layerdiff(['snapshot', 'examples/base.tar', '--history-from', forged, '--commit', B]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--history-from .*forged\.json.*history/);
  });
});
