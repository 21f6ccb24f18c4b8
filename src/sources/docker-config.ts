import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseJsonBounded } from '../schema/json-input.js';
import { readRegularFile } from './regular-file.js';

/** Registry credentials. Never logged, never part of an error message. */
export interface Credentials {
  username: string;
  password: string;
}

/** The part of `~/.docker/config.json` layerdiff reads. */
export interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string } | undefined>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (as the docker CLI looks it up). */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : path.join(env.HOME ?? os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/**
 * Largest `~/.docker/config.json` read. Real ones are a few kB (one `auths` entry is ~150 bytes, a
 * credential helper map a line per registry); 1 MiB holds thousands of registries and still keeps a
 * mistaken or planted file (a CI step can write it) from being read whole into memory.
 */
export const MAX_DOCKER_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads the docker config, or null when there is none. A config that cannot be used (not valid
 * JSON, too large, nested absurdly deep, not a regular file such as a FIFO that would block) is
 * treated as absent, as anonymous access may still work, and reported through `warn` without its
 * content.
 */
export async function readDockerConfig(env: NodeJS.ProcessEnv = process.env, warn?: (message: string) => void): Promise<DockerConfig | null> {
  const file = dockerConfigPath(env);
  // No config is the common case, and not worth a warning.
  if (
    !(await stat(file).then(
      () => true,
      () => false,
    ))
  )
    return null;
  try {
    const bytes = await readRegularFile(file, file, { maxBytes: MAX_DOCKER_CONFIG_BYTES });
    const data = parseJsonBounded(bytes, MAX_DOCKER_CONFIG_BYTES, file, 'docker config');
    return data && typeof data === 'object' && !Array.isArray(data) ? data : null;
  } catch (error) {
    // Never the parser's message: V8 quotes the text around a syntax error, which holds secrets.
    const message = error instanceof Error ? error.message : '';
    const reason = /is not valid JSON/.test(message) ? 'not valid JSON' : message.startsWith(`${file}: `) ? message.slice(file.length + 2) : 'cannot be read';
    warn?.(`${file}: ${reason}; ignoring it`);
    return null;
  }
}

/**
 * Credentials for a registry from the config's `auths` map, trying each spelling of the host in
 * `keys` (see registry/name.ts credentialKeys). `auth` is base64 `user:password`; explicit
 * `username`/`password` fields work too. Credential helpers are found by credentialHelperFor and run
 * by registry/credential-helper.ts.
 */
export function findDockerCredentials(config: DockerConfig | null, keys: readonly string[]): Credentials | null {
  const auths = config?.auths;
  if (!auths || typeof auths !== 'object') return null;
  const normalised = new Map<string, (typeof auths)[string]>();
  for (const [key, value] of Object.entries(auths)) normalised.set(normaliseKey(key), value);
  for (const key of keys) {
    const entry = auths[key] ?? normalised.get(normaliseKey(key));
    if (!entry || typeof entry !== 'object') continue;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '') {
      return { username: entry.username, password: entry.password };
    }
  }
  return null;
}

/**
 * The credential helper the config names for this registry, as docker chooses it: a `credHelpers`
 * entry for the host first, else the `credsStore` that serves every registry.
 */
export function credentialHelperFor(config: DockerConfig | null, keys: readonly string[]): { helper: string; field: 'credHelpers' | 'credsStore' } | null {
  if (!config) return null;
  const helpers = config.credHelpers && typeof config.credHelpers === 'object' ? config.credHelpers : {};
  for (const key of keys) {
    const helper = Object.hasOwn(helpers, key) ? helpers[key] : undefined;
    if (typeof helper === 'string' && helper !== '') return { helper, field: 'credHelpers' };
  }
  if (typeof config.credsStore === 'string' && config.credsStore !== '') return { helper: config.credsStore, field: 'credsStore' };
  return null;
}

/** Whether the config names a credential helper for this registry. */
export function usesCredentialHelper(config: DockerConfig | null, keys: readonly string[]): boolean {
  return credentialHelperFor(config, keys) !== null;
}

/** `user:password` as given to --creds; the password may contain colons. */
export function parseCredentials(text: string): Credentials | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function normaliseKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/(v1|v2)?\/?$/, '');
}
