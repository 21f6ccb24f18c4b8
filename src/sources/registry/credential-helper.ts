/**
 * Runs a Docker credential helper as the docker CLI does: `docker-credential-NAME get`, the server
 * address on stdin, `{"ServerURL","Username","Secret"}` as JSON on stdout. Bounded in time (killed
 * after the timeout) and in output; nothing the helper prints is ever echoed into a message except
 * its well-known "credentials not found" answer.
 */
import { spawn } from 'node:child_process';
import { LayerdiffError } from '../../errors.js';
import { parseJsonBounded } from '../../schema/json-input.js';
import type { Credentials } from '../docker-config.js';

export const HELPER_TIMEOUT_MS = 10_000;
/** A real answer is a few hundred bytes; tokens can be a few KiB. */
const STDOUT_LIMIT = 64 * 1024;
const STDERR_LIMIT = 4 * 1024;
/** What docker-credential-helpers print (exit 1) for a server they hold nothing for. */
const NOT_FOUND = /credentials not found/i;

export type HelperAnswer =
  | { kind: 'found'; credentials: Credentials }
  /** The helper holds nothing for this server: go anonymous, as docker does. */
  | { kind: 'not-found' }
  /** `docker-credential-NAME` is not on PATH (a config copied from another machine). */
  | { kind: 'missing' }
  /** `Username: "<token>"`: an OAuth refresh token (ACR, Docker Hub SSO) that layerdiff cannot exchange. */
  | { kind: 'identity-token' };

/** Helper names are a suffix of an executable name: a `/` would make the config choose any program. */
export function isHelperName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
}

/**
 * Asks `docker-credential-<name>` for `serverAddress`. `origin` says where the helper was named
 * (for messages: `credsStore in ~/.docker/config.json`). Throws an `auth` LayerdiffError when the
 * helper fails in a way anonymous access would only hide (timeout, garbage, a crash).
 */
export async function runCredentialHelper(
  name: string,
  serverAddress: string,
  origin: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = HELPER_TIMEOUT_MS,
): Promise<HelperAnswer> {
  const program = `docker-credential-${name}`;
  const instead = 'pass --creds or set LAYERDIFF_REGISTRY_USERNAME/LAYERDIFF_REGISTRY_PASSWORD instead';
  const fail = (reason: string) => new LayerdiffError('auth', `${program} (${origin}): ${reason}; ${instead}`);
  if (!isHelperName(name)) {
    throw new LayerdiffError('auth', `${origin}: "${name.slice(0, 80)}" is not a credential helper name (letters, digits, . _ - only)`);
  }
  type Outcome =
    | { code: number | null; stdout: string; stderr: string }
    | { error: 'missing' }
    | { error: 'timeout' }
    | { error: 'too-long' }
    | { error: 'spawn'; message: string };
  const outcome = await new Promise<Outcome>((resolve) => {
    let settled = false;
    const settle = (value: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    // `env` carries PATH: spawn looks the program up there (tests put a fake helper first on it).
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ error: 'timeout' });
    }, timeoutMs);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > STDOUT_LIMIT) {
        child.kill('SIGKILL');
        settle({ error: 'too-long' });
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes < STDERR_LIMIT) stderr.push(chunk.subarray(0, STDERR_LIMIT - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ENOENT' ? { error: 'missing' } : { error: 'spawn', message: error.message }));
    child.on('close', (code) => settle({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    // A helper that exits without reading its stdin makes this write fail with EPIPE: harmless.
    child.stdin.on('error', () => {});
    child.stdin.end(serverAddress);
  });

  if ('error' in outcome) {
    if (outcome.error === 'missing') return { kind: 'missing' };
    if (outcome.error === 'timeout') throw fail(`did not answer within ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`} (killed)`);
    if (outcome.error === 'too-long') throw fail(`printed more than ${STDOUT_LIMIT / 1024} KiB`);
    throw fail(`cannot be run: ${outcome.message}`);
  }
  if (outcome.code !== 0) {
    if (NOT_FOUND.test(outcome.stdout) || NOT_FOUND.test(outcome.stderr)) return { kind: 'not-found' };
    throw fail(`exited with ${outcome.code === null ? 'a signal' : `code ${outcome.code}`}${safeFirstLine(outcome.stderr || outcome.stdout)}`);
  }
  let parsed: unknown;
  try {
    // The one reader of foreign JSON (size and nesting caps); what it refuses is "not JSON" here.
    parsed = parseJsonBounded(outcome.stdout, STDOUT_LIMIT, 'credential helper', 'answer');
  } catch {
    throw fail('printed something that is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail('printed JSON that is not an object');
  const { Username: username, Secret: secret } = parsed as { Username?: unknown; Secret?: unknown };
  if ((username !== undefined && typeof username !== 'string') || (secret !== undefined && typeof secret !== 'string')) {
    throw fail('printed JSON whose Username or Secret is not a string');
  }
  // Some helpers answer an empty record rather than an error for a server they do not know.
  if (!secret) return { kind: 'not-found' };
  if (username === '<token>') return { kind: 'identity-token' };
  if (!username) throw fail('answered a Secret without a Username');
  return { kind: 'found', credentials: { username, password: secret } };
}

/**
 * The helper's own first line of complaint, when it cannot be a secret: short, and not JSON (a
 * helper that printed its answer and then failed must not have that answer echoed).
 */
function safeFirstLine(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (line === '' || line.includes('{') || line.length > 200) return '';
  return `: ${line}`;
}
