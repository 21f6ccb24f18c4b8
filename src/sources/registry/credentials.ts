import { LayerdiffError } from '../../errors.js';
import { findDockerCredentials, parseCredentials, readDockerConfig, usesCredentialHelper, type Credentials } from '../docker-config.js';
import type { OpenOptions } from '../types.js';
import { credentialKeys, type RegistryName } from './name.js';

export interface FoundCredentials {
  credentials: Credentials | null;
  origin: string | null;
  /** What to tell a user who has none. */
  hint: string;
}

/**
 * Credentials in order of precedence: `--creds` / the action input, then the docker config's
 * `auths`, then, for ghcr.io only, `GITHUB_TOKEN` (ghcr.io accepts a GitHub token as the password
 * with any user name, which is how `docker login ghcr.io -u USER --password-stdin` works in Actions).
 */
export async function resolveCredentials(name: RegistryName, options: Pick<OpenOptions, 'creds' | 'onProgress'>, env: NodeJS.ProcessEnv): Promise<FoundCredentials> {
  const hint = `pass --creds USER:PASSWORD or run docker login ${name.registry}`;
  if (options.creds !== undefined && options.creds !== '') {
    const parsed = parseCredentials(options.creds);
    if (!parsed) throw new LayerdiffError('usage', `--creds: expected USER:PASSWORD (the value is not shown)`);
    return { credentials: parsed, origin: '--creds', hint };
  }
  const keys = credentialKeys(name.registry);
  const config = await readDockerConfig(env, options.onProgress);
  const fromConfig = findDockerCredentials(config, keys);
  if (fromConfig) return { credentials: fromConfig, origin: 'the docker config (auths)', hint };
  if (name.registry === 'ghcr.io' && env.GITHUB_TOKEN) {
    return { credentials: { username: env.GITHUB_ACTOR || 'github', password: env.GITHUB_TOKEN }, origin: 'GITHUB_TOKEN', hint };
  }
  if (usesCredentialHelper(config, keys)) {
    return { credentials: null, origin: null, hint: `${hint} (credential helpers in the docker config are not run)` };
  }
  return { credentials: null, origin: null, hint };
}
