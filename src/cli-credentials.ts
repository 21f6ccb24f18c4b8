/**
 * Which registry credentials the CLI was given, for the head and for the base, from flags and
 * environment variables, so a password need not be on the command line (where `ps` and shell
 * history see it). Pure: the caller reads stdin. Messages name flags and variables, never values.
 */
import { usageError } from './errors.js';

export interface CredentialFlags {
  /** `--creds USER:PASSWORD` */
  creds?: string | undefined;
  /** `--base-creds USER:PASSWORD` */
  baseCreds?: string | undefined;
  /** `--username USER` */
  username?: string | undefined;
  /** The password read by `--password-stdin`, when given. */
  passwordFromStdin?: string | undefined;
}

/** Credentials as OpenOptions takes them (`user:password`), with where they came from. */
export interface GivenCredentials {
  creds: string;
  origin: string;
}

export const ENV_USERNAME = 'LAYERDIFF_REGISTRY_USERNAME';
export const ENV_PASSWORD = 'LAYERDIFF_REGISTRY_PASSWORD';
export const ENV_BASE_USERNAME = 'LAYERDIFF_BASE_REGISTRY_USERNAME';
export const ENV_BASE_PASSWORD = 'LAYERDIFF_BASE_REGISTRY_PASSWORD';

/**
 * Head: `--creds`, else `--username` with the password from `--password-stdin` or
 * LAYERDIFF_REGISTRY_PASSWORD, else LAYERDIFF_REGISTRY_USERNAME + LAYERDIFF_REGISTRY_PASSWORD.
 * Base: `--base-creds`, else LAYERDIFF_BASE_REGISTRY_USERNAME + _PASSWORD, else the head's (as
 * `--creds` always did). Undefined means "none given": the docker config is tried next.
 */
export function credentialsFromCli(flags: CredentialFlags, env: NodeJS.ProcessEnv): { head: GivenCredentials | undefined; base: GivenCredentials | undefined } {
  const envUser = nonEmpty(env[ENV_USERNAME]);
  const envPassword = nonEmpty(env[ENV_PASSWORD]);
  checkCredentialFlags({ ...flags, passwordStdin: flags.passwordFromStdin !== undefined });
  let head: GivenCredentials | undefined;
  if (flags.creds !== undefined) {
    head = { creds: flags.creds, origin: '--creds' };
  } else if (flags.username !== undefined) {
    const user = checkUser(flags.username, '--username');
    if (flags.passwordFromStdin !== undefined) head = { creds: `${user}:${flags.passwordFromStdin}`, origin: '--username/--password-stdin' };
    else if (envPassword !== undefined) head = { creds: `${user}:${envPassword}`, origin: `--username/${ENV_PASSWORD}` };
    else throw usageError(`--username needs a password: pipe it in with --password-stdin, or set ${ENV_PASSWORD}`);
  } else {
    head = fromEnv(env, ENV_USERNAME, ENV_PASSWORD, envUser, envPassword);
  }
  const base =
    flags.baseCreds !== undefined ? { creds: flags.baseCreds, origin: '--base-creds' } : (fromEnv(env, ENV_BASE_USERNAME, ENV_BASE_PASSWORD) ?? head);
  return { head, base };
}

/** Flag combinations that cannot work, refused before stdin is read. */
export function checkCredentialFlags(flags: { creds?: string | undefined; username?: string | undefined; passwordStdin: boolean }): void {
  if (flags.creds !== undefined && flags.username !== undefined) throw usageError('--creds and --username both give the registry user: use one');
  if (flags.passwordStdin && flags.username === undefined) {
    throw usageError('--password-stdin needs --username USER (stdin holds the password only, as with docker login)');
  }
}

function fromEnv(
  env: NodeJS.ProcessEnv,
  userVar: string,
  passwordVar: string,
  user = nonEmpty(env[userVar]),
  password = nonEmpty(env[passwordVar]),
): GivenCredentials | undefined {
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined) throw usageError(`${passwordVar} is set but ${userVar} is not: set both`);
  if (password === undefined) throw usageError(`${userVar} is set but ${passwordVar} is not: set both`);
  return { creds: `${checkUser(user, userVar)}:${password}`, origin: `${userVar}/${passwordVar}` };
}

/** A user name cannot hold a colon (basic auth splits there); it is not secret, but kept out of messages anyway. */
function checkUser(user: string, origin: string): string {
  if (user === '' || user.includes(':')) throw usageError(`${origin}: a registry user name must be non-empty and hold no colon`);
  return user;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Most a password read from stdin may be: registry tokens are a few KiB at most. */
export const STDIN_PASSWORD_LIMIT = 64 * 1024;

/**
 * The password piped to `--password-stdin`: the whole of stdin, bounded, less one trailing newline
 * (what `echo` adds; docker login trims it the same way).
 */
export async function readPasswordFromStdin(stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean; destroy?: () => void }): Promise<string> {
  if (stdin.isTTY) throw usageError('--password-stdin: stdin is a terminal; pipe the password in, e.g. printf %s "$TOKEN" | layerdiff ... --password-stdin');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > STDIN_PASSWORD_LIMIT) {
      stdin.destroy?.();
      throw usageError(`--password-stdin: stdin holds more than ${STDIN_PASSWORD_LIMIT / 1024} KiB; expected one password`);
    }
    chunks.push(bytes);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw usageError('--password-stdin: stdin was empty');
  if (/[\r\n]/.test(password)) throw usageError('--password-stdin: stdin holds more than one line; expected one password');
  return password;
}
