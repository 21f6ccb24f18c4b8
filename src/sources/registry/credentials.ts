import { cliInputNames, LayerdiffError } from '../../errors.js';
import { credentialHelperFor, dockerConfigPath, findDockerCredentials, parseCredentials, readDockerConfig, type Credentials } from '../docker-config.js';
import type { OpenOptions } from '../types.js';
import { HELPER_TIMEOUT_MS, runCredentialHelper } from './credential-helper.js';
import { credentialKeys, DOCKER_HUB, type RegistryName } from './name.js';

export interface FoundCredentials {
  credentials: Credentials | null;
  origin: string | null;
  /** What to tell a user who has none. */
  hint: string;
}

/**
 * Credentials in order of precedence: `--creds` (or what the CLI assembled from `--username
 * --password-stdin` / LAYERDIFF_REGISTRY_* variables, named by `credsOrigin`) / the action input;
 * then the docker config: an `auths` entry holding credentials, else the credential helper it names
 * (`credHelpers` for the host, else `credsStore`), run as docker runs it; then, for ghcr.io only,
 * `GITHUB_TOKEN` (ghcr.io accepts a GitHub token as the password with any user name, which is how
 * `docker login ghcr.io -u USER --password-stdin` works in Actions).
 *
 * Unlike docker, an `auths` entry with credentials is used before a `credsStore`: with a store
 * configured, `docker login` writes only an empty `auths` entry, so a filled one was put there on
 * purpose (often by a CI step writing the file by hand), and using it runs no program.
 */
export async function resolveCredentials(
  name: RegistryName,
  options: Pick<OpenOptions, 'creds' | 'credsOrigin' | 'onProgress' | 'inputNames'>,
  env: NodeJS.ProcessEnv,
  helperTimeoutMs = HELPER_TIMEOUT_MS,
): Promise<FoundCredentials> {
  const hint = `pass ${(options.inputNames ?? cliInputNames)('creds')} USER:PASSWORD or run docker login ${name.registry}`;
  if (options.creds !== undefined && options.creds !== '') {
    const origin = options.credsOrigin ?? '--creds';
    const parsed = parseCredentials(options.creds);
    if (!parsed) throw new LayerdiffError('usage', `${origin}: expected USER:PASSWORD (the value is not shown)`);
    return { credentials: parsed, origin, hint };
  }
  const keys = credentialKeys(name.registry);
  const config = await readDockerConfig(env, options.onProgress);
  const fromConfig = findDockerCredentials(config, keys);
  if (fromConfig) return { credentials: fromConfig, origin: 'the docker config (auths)', hint };
  let helperNote = '';
  const named = credentialHelperFor(config, keys);
  if (named) {
    const where = `${named.field} in ${dockerConfigPath(env)}`;
    const program = `docker-credential-${named.helper}`;
    // The address docker hands its helpers: Docker Hub's historical URL, else the host as written.
    const serverAddress = name.registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : name.registry;
    const answer = await runCredentialHelper(named.helper, serverAddress, where, env, helperTimeoutMs);
    if (answer.kind === 'found') return { credentials: answer.credentials, origin: program, hint };
    if (answer.kind === 'missing') {
      helperNote = ` (${program}, named by ${named.field} in the docker config, is not on PATH)`;
      options.onProgress?.(`${program} (${where}) is not on PATH; trying ${name.registry} without its credentials`);
    } else if (answer.kind === 'identity-token') {
      helperNote = ` (${program} holds an identity token, which layerdiff cannot use)`;
    } else {
      helperNote = ` (${program} holds no credentials for ${serverAddress})`;
    }
  }
  if (name.registry === 'ghcr.io' && env.GITHUB_TOKEN) {
    return { credentials: { username: env.GITHUB_ACTOR || 'github', password: env.GITHUB_TOKEN }, origin: 'GITHUB_TOKEN', hint };
  }
  return { credentials: null, origin: null, hint: `${hint}${helperNote}` };
}
