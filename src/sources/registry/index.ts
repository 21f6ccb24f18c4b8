/**
 * An image in a registry, read over the OCI distribution API (`docker://HOST/REPO:TAG|@DIGEST`).
 *
 * Opening fetches only the manifest (and, for an index, the chosen platform's manifest) and the
 * config (src/image/resolve.ts reads a remote store that way). Layer blobs are fetched when a LayerBlob is opened, which the engine does only for layers
 * whose size it must measure; a layer shared with the other image gets its size from there.
 */
import { inputError } from '../../errors.js';
import type { BlobStore } from '../../image/blob-store.js';
import { sha256Digest } from '../../image/config.js';
import { MANIFEST_ACCEPT } from '../../image/manifest-doc.js';
import { DIGEST_PATTERN } from '../../schema/image-json.js';
import { JsonCap } from '../../schema/json-input.js';
import { handleFromBlobStore, type StoreFinish } from '../image-handle.js';
import { isInsecureHost, parseRegistryName, type RegistryName } from './name.js';
import { defaultClientTuning, RegistryClient, type ClientOptions } from './client.js';
import { resolveCredentials } from './credentials.js';
import type { ImageReference } from '../reference.js';
import type { ImageHandle, OpenOptions } from '../types.js';

const DIGEST = new RegExp(DIGEST_PATTERN);

/** Knobs tests turn; the defaults suit real registries. */
export interface RegistryTuning {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  /** Environment to read DOCKER_CONFIG, HOME, GITHUB_TOKEN, PATH (credential helpers) and the proxy variables from. */
  env: NodeJS.ProcessEnv;
}

/**
 * `name` is what follows `docker://`. Requests use HTTPS unless the host is in
 * `options.insecureRegistries` (loopback included: `127.0.0.1:5000` must be listed to get plain
 * HTTP). Credentials: `options.creds`, else the docker config's `auths`, else GITHUB_TOKEN for
 * ghcr.io (see credentials.ts). LAYERDIFF_REGISTRY_TIMEOUT_MS overrides the 30 s idle timeout;
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the same environment route the requests (proxy.ts).
 */
export async function openRegistryImage<T = ImageHandle>(name: string, ref: ImageReference, options: OpenOptions, finish?: StoreFinish<T>): Promise<T> {
  return openRegistryImageWith(name, ref, options, {}, finish);
}

export async function openRegistryImageWith<T = ImageHandle>(
  name: string,
  ref: ImageReference,
  options: OpenOptions,
  tuning: Partial<RegistryTuning>,
  finish: StoreFinish<T> = handleFromBlobStore as unknown as StoreFinish<T>,
): Promise<T> {
  const subject = ref.raw;
  const env = tuning.env ?? process.env;
  const parsed = parseRegistryName(name, subject);
  const found = await resolveCredentials(parsed, options, env);
  const insecure = isInsecureHost(parsed.registry, options.insecureRegistries) || isInsecureHost(parsed.apiHost, options.insecureRegistries);
  const clientOptions: ClientOptions = {
    protocol: insecure ? 'http:' : 'https:',
    apiHost: parsed.apiHost,
    repository: parsed.repository,
    auth: {
      subject,
      host: parsed.apiHost,
      credentials: found.credentials,
      credentialsOrigin: found.origin,
      insecureRegistries: options.insecureRegistries ?? [],
      missingCredentialsHint: found.hint,
    },
    timeoutMs: tuning.timeoutMs ?? timeoutFromEnv(env) ?? defaultClientTuning.timeoutMs,
    retries: tuning.retries ?? defaultClientTuning.retries,
    backoffMs: tuning.backoffMs ?? defaultClientTuning.backoffMs,
    env,
  };
  const client = new RegistryClient(clientOptions);
  return finish(registryBlobStore(client, parsed, subject), { type: 'registry', reference: subject }, options);
}

/**
 * A repository as a BlobStore: the top level is the manifest or index the reference names, manifests
 * and configs are fetched whole by digest, layers are streamed (and only when opened).
 */
export function registryBlobStore(client: RegistryClient, name: RegistryName, subject: string): BlobStore {
  let closed = false;
  return {
    subject,
    locality: 'remote',
    async top() {
      const doc = await client.getManifest(name.reference, MANIFEST_ACCEPT, JsonCap.manifest);
      const digest = sha256Digest(doc.bytes);
      const expected = name.digest;
      if (expected !== null && expected.startsWith('sha256:') && digest !== expected) {
        throw inputError(subject, `manifest ${expected} does not match its content (got ${digest})`);
      }
      // The Docker-Content-Digest header is the registry's word; one that is not a digest is ignored.
      const headerDigest = doc.digest !== undefined && DIGEST.test(doc.digest) ? doc.digest : null;
      return {
        kind: 'document',
        blob: { bytes: doc.bytes, location: name.reference, contentType: doc.contentType },
        digest: expected ?? headerDigest ?? digest,
        tags: name.tag ? [`${name.registry}/${name.repository}:${name.tag}`] : null,
      };
    },
    async readSmall(key, role, cap) {
      if (!('digest' in key)) return null; // a registry names blobs by digest only
      const doc = role === 'manifest' ? await client.getManifest(key.digest, MANIFEST_ACCEPT, cap) : await client.getSmallBlob(key.digest, cap, 'config');
      return { bytes: doc.bytes, location: key.digest, contentType: doc.contentType };
    },
    // Every blob a manifest lists is in the repository; its size is the descriptor's (no request).
    stat: async (key) => ('digest' in key ? { location: key.digest, size: null, head: null } : null),
    open: (blob, what) => client.openBlob(blob.location, blob.size, what),
    async close() {
      if (closed) return;
      closed = true;
      client.close();
    },
  };
}

function timeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.LAYERDIFF_REGISTRY_TIMEOUT_MS;
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
