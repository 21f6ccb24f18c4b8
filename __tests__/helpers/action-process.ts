/**
 * The built action (dist/index.js) run the way the runner runs it: a node24 child process with
 * INPUT_* variables (hyphens kept, upper-cased), a real event payload, GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT files, and GITHUB_API_URL pointing at a loopback fake of the GitHub API.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { FakeGitHub } from './fake-github.js';
import { DIST } from './ensure-built.js';
import { repoRoot } from './real-images.js';

export { DIST, ensureBuilt } from './ensure-built.js';

export const EVENTS = path.join(repoRoot, '__tests__', 'fixtures', 'events');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionEnv {
  /** File name under __tests__/fixtures/events. */
  event: string;
  eventName: string;
  ref: string;
  sha: string;
  workflowRef: string;
  token: string;
  /** GITHUB_RUN_ID and GITHUB_WORKFLOW; default 9002 and `image comment` (stage 2 of the fork workflow). */
  runId?: string;
  workflow?: string;
}

export async function runAction(gh: FakeGitHub, work: string, inputs: Record<string, string>, options: ActionEnv): Promise<ActionRun> {
  const runDir = await mkdtemp(path.join(work, 'run-'));
  const outputFile = path.join(runDir, 'output');
  const summaryFile = path.join(runDir, 'summary.md');
  const runnerTemp = path.join(runDir, 'temp');
  await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, ''), mkdir(runnerTemp, { recursive: true })]);
  // The runner sets INPUT_X for every input action.yml gives a default, whether the step names it or not.
  const defaults: Record<string, string> = { ...(await actionDefaults()), 'github-token': options.token };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: runDir,
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: path.join(EVENTS, options.event),
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_REPOSITORY_OWNER: gh.owner,
    GITHUB_REF: options.ref,
    GITHUB_SHA: options.sha,
    GITHUB_RUN_ID: options.runId ?? '9002',
    GITHUB_RUN_NUMBER: '43',
    GITHUB_WORKFLOW: options.workflow ?? 'image comment',
    GITHUB_WORKFLOW_REF: options.workflowRef,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: runDir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
  };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST], { cwd: runDir, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      const exit = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code: exit, stdout: out, stderr: err });
    });
  });
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8') };
}

/** action.yml's input defaults, as the runner passes them (`${{ github.token }}` is the run's token). */
export async function actionDefaults(): Promise<Record<string, string>> {
  const action = parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string | number | boolean }> };
  return Object.fromEntries(Object.entries(action.inputs).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, String(input.default)]])));
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string);
    outputs[m[1] as string] = value.join('\n');
  }
  return outputs;
}
