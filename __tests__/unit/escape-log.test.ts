/**
 * Issue 9, part 3: nothing foreign starts a workflow command. The runner reads the step's stdout
 * line by line (splitting on \n and \r), trims each line, and runs it as a command when it starts
 * with `::` (or holds the legacy `##[`). These tests capture what the real `coreIO` writes to stdout,
 * as the runner would read it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coreIO, type ActionIO } from '../../src/github/io.js';
import { reportOutputs } from '../../src/github/outputs.js';
import { run } from '../../src/main.js';
import { HOSTILE_STRINGS, poison, richReport } from './report-hostile.js';

/** Commands @actions/core itself writes for our calls; anything else on stdout is an injection. */
const OWN_COMMANDS = new Set(['warning', 'error', 'debug']);

let stdout: string[];
let temp: string;
const savedEnv = { ...process.env };
let savedExitCode: typeof process.exitCode;

beforeEach(async () => {
  stdout = [];
  temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-log-'));
  savedExitCode = process.exitCode;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  process.env['GITHUB_OUTPUT'] = path.join(temp, 'output');
  process.env['GITHUB_STEP_SUMMARY'] = path.join(temp, 'summary.md');
  await writeFile(process.env['GITHUB_OUTPUT'], '');
  await writeFile(process.env['GITHUB_STEP_SUMMARY'], '');
});

afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = savedExitCode;
  for (const key of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await rm(temp, { recursive: true, force: true });
});

/** What the runner would run: every command line of the captured stdout. */
function commandsSeen(): Array<{ name: string; line: string }> {
  const commands: Array<{ name: string; line: string }> = [];
  for (const line of stdout.join('').split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    expect(trimmed, 'legacy ##[ command').not.toContain('##[');
    const m = /^::([A-Za-z-]+)[ :]/.exec(trimmed);
    if (trimmed.startsWith('::')) commands.push({ name: m?.[1] ?? trimmed, line: trimmed });
  }
  return commands;
}

describe('coreIO', () => {
  it.each(HOSTILE_STRINGS.filter((s) => s.length < 1000).map((s) => [JSON.stringify(s).slice(0, 50), s]))(
    'starts no workflow command with %s (hostile)',
    (_, value) => {
      const io: ActionIO = coreIO;
      io.info(`layerdiff: ${value}`);
      io.info(value);
      io.debug(value);
      io.warning(`budget ${value} warns: ${value}`, { title: value });
      io.error(value, { title: 'layerdiff budget' });
      io.setFailed(`layerdiff: verdict fail: ${value}`);
      const commands = commandsSeen();
      for (const c of commands) expect(OWN_COMMANDS.has(c.name), c.line).toBe(true);
      // debug (1) + warning (1) + error (1) + setFailed (an error, 1): one command line each, no more.
      expect(commands).toHaveLength(4);
      const visibleText = stdout.join('');
      // eslint-disable-next-line no-control-regex -- the test asserts no control character reaches the output
      expect(visibleText).not.toMatch(/[\u001b\u0000\u202E\u200B]/);
    },
  );

  it("keeps the line breaks of layerdiff's own messages", () => {
    coreIO.info('Error: boom\n    at a (x.js:1:1)\n    at b (y.js:2:2)');
    expect(stdout.join('')).toBe(`Error: boom\n    at a (x.js:1:1)\n    at b (y.js:2:2)${os.EOL}`);
  });
});

describe('run() in report mode with a forged report', () => {
  it.each([
    ['strings', '\r\n::error::pwned\n::add-mask::x\n##[warning]y'],
    ['numbers', '\n::set-output name=size::666\n::stop-commands::tok'],
    ['enums', '\r\n::error::pwned\n::add-mask::x'],
  ] as const)('logs and outputs stay inert with %s forged (hostile: ::error::, ::add-mask::, ##[ in a report file)', async (variant, value) => {
    const forged = poison(richReport(), value, variant);
    forged.schema = 'layerdiff/report@1';
    if (variant !== 'strings') forged.verdict = 'fail';
    const reportPath = path.join(temp, 'report.json');
    await writeFile(reportPath, JSON.stringify(forged));
    const inputs: Record<string, string> = { report: reportPath, comment: 'never' };
    await run({
      io: { ...coreIO, getInput: (name) => inputs[name] ?? '' },
      context: {
        eventName: 'workflow_run',
        payload: {},
        repo: { owner: 'acme', repo: 'app' },
        sha: null,
        runId: 1,
        workflowRef: null,
        ref: null,
        apiUrl: 'http://127.0.0.1:9',
        serverUrl: 'https://github.com',
        tempDir: temp,
      },
      createClient: () => {
        throw new Error('no API call expected');
      },
      downloadArtifact: async () => {
        throw new Error('no download expected');
      },
    });
    const commands = commandsSeen();
    for (const c of commands) expect(OWN_COMMANDS.has(c.name), c.line).toBe(true);
    if (variant === 'strings') expect(commands.some((c) => c.name === 'error')).toBe(true);
    // Outputs: only numbers and the verdict word, whatever the file said. Report validation
    // (src/schema) refuses most forged files before any output is set: then there are none at all.
    const outputs = parseOutputFile(await readFile(process.env['GITHUB_OUTPUT']!, 'utf8'));
    if (outputs['verdict'] === undefined) {
      expect(Object.keys(outputs)).toEqual([]);
      expect(
        commands
          .filter((c) => c.name === 'error')
          .map((c) => c.line)
          .join('\n'),
      ).toMatch(/is invalid at \//);
      return;
    }
    expect(outputs['verdict']).toMatch(/^(pass|warn|fail)$/);
    for (const name of ['size', 'size-delta', 'cache-hit-ratio']) expect(outputs[name], name).toMatch(/^(-?\d+(\.\d+)?)?$/);
    if (variant === 'numbers') expect([outputs['size'], outputs['size-delta'], outputs['cache-hit-ratio']]).toEqual(['', '', '']);
  });
});

describe('reportOutputs', () => {
  it('sets figures only from finite numbers and the verdict only from its three words (hostile: strings in a report)', () => {
    const forged = poison(richReport(), '1\n::error::x', 'numbers');
    (forged as { verdict: string }).verdict = 'pass\n::add-mask::x';
    const outputs = reportOutputs(forged, '/tmp/r.json', 'body');
    expect(outputs).toMatchObject({ verdict: '', size: '', 'size-delta': '', 'cache-hit-ratio': '' });
    const sound = reportOutputs(richReport(), '/tmp/r.json', 'body');
    expect(sound.verdict).toBe('fail');
    expect(sound.size).toMatch(/^\d+$/);
  });
});

/** The GITHUB_OUTPUT file format @actions/core writes: `name<<DELIMITER`, value lines, `DELIMITER`. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(os.EOL);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    outputs[m[1]!] = value.join(os.EOL);
  }
  return outputs;
}
