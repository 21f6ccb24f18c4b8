import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main, type CliIo } from '../../src/cli.js';
import { repoRoot } from './repo-root.js';

/** Runs the CLI in-process with captured output, as a terminal-less caller would. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stderrIsTty: false,
    columns: undefined,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

export interface BuiltCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the BUILT CLI (dist/cli.js) as a user does, from the repo root; a non-zero exit is a result
 * (its code and output), only a failure to run at all throws.
 */
export async function runBuiltCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; maxBuffer?: number } = {}): Promise<BuiltCliResult> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [builtCli, ...args], {
      cwd: repoRoot,
      maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
      ...(options.env ? { env: options.env } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const runFile = promisify(execFile);
const builtCli = path.join(repoRoot, 'dist', 'cli.js');
