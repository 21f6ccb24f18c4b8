import { usageError } from '../../errors.js';

/**
 * A registry image name split into what the distribution API needs. Pure: no I/O.
 *
 * `registry` is how the user and ~/.docker/config.json name the host (`127.0.0.1:5000`,
 * `docker.io`); `apiHost` is where requests go (Docker Hub's API lives at registry-1.docker.io).
 */
export interface RegistryName {
  registry: string;
  apiHost: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  /** Tag or digest, as the manifest endpoint takes it. */
  reference: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses `HOST[:PORT]/REPO[:TAG|@DIGEST]` (the part after `docker://`). Like Docker, a first
 * component without `.` or `:` that is not `localhost` is a Docker Hub namespace, and Docker Hub
 * names without a namespace live under `library/`. No tag and no digest means `latest`.
 */
export function parseRegistryName(name: string, subject = name): RegistryName {
  const text = name.trim();
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw usageError(`${subject}: "${digest}" is not a digest (expected sha256:<64 hex>)`);
    if (digest.startsWith('sha256:') && !SHA256.test(digest)) throw usageError(`${subject}: "${digest}" is not a sha256 digest (64 lowercase hex)`);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw usageError(`${subject}: "${tag}" is not a valid tag`);
  }
  if (rest === '') throw usageError(`${subject}: no repository name`);

  let registry = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      path = rest.slice(slash + 1);
    }
  }
  if (path === '') throw usageError(`${subject}: no repository after the registry host`);
  if (DOCKER_HUB_ALIASES.has(registry.toLowerCase())) {
    registry = DOCKER_HUB;
    if (!path.includes('/')) path = `library/${path}`;
  }
  for (const component of path.split('/')) {
    if (!REPO_COMPONENT.test(component)) {
      throw usageError(`${subject}: "${path}" is not a valid repository name (lowercase letters, digits and . _ - separated by /)`);
    }
  }
  if (tag === null && digest === null) tag = 'latest';
  return {
    registry,
    apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry,
    repository: path,
    tag,
    digest,
    reference: digest ?? (tag as string),
  };
}

/** Names Docker's config.json may use for the same registry, most specific first. */
export function credentialKeys(registry: string): string[] {
  if (registry === DOCKER_HUB) {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io', 'https://registry-1.docker.io'];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/**
 * Whether `host` (`HOST[:PORT]`) is listed as insecure (plain HTTP). Listing a bare hostname covers
 * every port on it. Loopback gets no special treatment: `127.0.0.1:5000` speaks HTTPS unless listed,
 * so a typo never silently downgrades a real registry to plain text.
 */
export function isInsecureHost(host: string, insecureRegistries: readonly string[] | undefined): boolean {
  if (!insecureRegistries || insecureRegistries.length === 0) return false;
  const wanted = host.toLowerCase();
  const hostname = hostnameOf(wanted);
  return insecureRegistries.some((entry) => {
    const e = entry
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    return e === wanted || e === hostname;
  });
}

export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}
