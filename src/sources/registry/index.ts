/**
 * An image in a registry, read over the OCI distribution API (`docker://HOST/REPO:TAG|@DIGEST`).
 *
 * Opening fetches only the manifest (and, for an index, the chosen platform's manifest) and the
 * config. Layer blobs are fetched when a LayerBlob is opened, which the engine does only for layers
 * whose size it must measure; a layer shared with the other image gets its size from there.
 */
import { createHash } from 'node:crypto';
import { inputError } from '../../errors.js';
import type { ImageConfig, ImageManifest } from '../../image/oci.js';
import { choosePlatform, formatPlatform } from '../../image/platform.js';
import { compressionFromMediaType } from '../../layers/compression.js';
import { isInsecureHost, parseRegistryName, type RegistryName } from './name.js';
import { layerHistory, sha256Digest } from '../../image/config.js';
import { chooseIndexEntry, isUncompressedTar, MANIFEST_ACCEPT, parseManifest } from './manifest.js';
import { DIGEST_PATTERN, validateImageConfig } from '../../schema/image-json.js';
import { JsonCap, parseJsonBounded } from '../../schema/json-input.js';
import { defaultClientTuning, RegistryClient, type ClientOptions } from './client.js';
import { resolveCredentials } from './credentials.js';
import type { ImageReference } from '../reference.js';
import type { ImageHandle, LayerBlob, OpenOptions } from '../types.js';

/** Bytes fetched at most for a manifest and a config (JsonCap says why these figures). */
const MANIFEST_LIMIT = JsonCap.manifest;
const CONFIG_LIMIT = JsonCap.config;
const DIGEST = new RegExp(DIGEST_PATTERN);
/** An index pointing at an index is legal; deeper nesting is not something registries serve. */
const MAX_INDEX_DEPTH = 3;

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
export async function openRegistryImage(name: string, ref: ImageReference, options: OpenOptions): Promise<ImageHandle> {
  return openRegistryImageWith(name, ref, options, {});
}

export async function openRegistryImageWith(name: string, ref: ImageReference, options: OpenOptions, tuning: Partial<RegistryTuning>): Promise<ImageHandle> {
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
  try {
    return await resolveImage(client, parsed, subject, options);
  } catch (error) {
    client.close();
    throw error;
  }
}

async function resolveImage(client: RegistryClient, name: RegistryName, subject: string, options: OpenOptions): Promise<ImageHandle> {
  let reference = name.reference;
  let expectedDigest = name.digest;
  let manifestDigest: string | null = null;
  let indexPlatform: string | null = null;
  for (let depth = 0; ; depth++) {
    const doc = await client.getManifest(reference, MANIFEST_ACCEPT, MANIFEST_LIMIT);
    const digest = sha256Digest(doc.bytes);
    if (expectedDigest !== null && expectedDigest.startsWith('sha256:') && digest !== expectedDigest) {
      throw inputError(subject, `manifest ${expectedDigest} does not match its content (got ${digest})`);
    }
    // The Docker-Content-Digest header is the registry's word; one that is not a digest is ignored.
    const headerDigest = doc.digest !== undefined && DIGEST.test(doc.digest) ? doc.digest : null;
    manifestDigest = expectedDigest ?? headerDigest ?? digest;
    const parsed = parseManifest(doc.bytes, doc.contentType, subject);
    if (parsed.kind === 'manifest') {
      const handle = await imageFromManifest(client, name, subject, parsed.manifest, manifestDigest, indexPlatform);
      // A single-platform image still has to be the platform asked for (same rule as archives).
      if (depth === 0 && options.platform !== undefined) {
        choosePlatform([handle.config], (c) => ({ os: c.os ?? 'unknown', architecture: c.architecture ?? 'unknown', variant: c.variant }), options.platform, subject);
      }
      return handle;
    }
    if (depth >= MAX_INDEX_DEPTH) throw inputError(subject, 'image indexes nested too deeply');
    const entry = chooseIndexEntry(parsed.index, options.platform, subject);
    if (entry.platform) indexPlatform = formatPlatform(entry.platform);
    reference = entry.digest;
    expectedDigest = entry.digest;
  }
}

async function imageFromManifest(
  client: RegistryClient,
  name: RegistryName,
  subject: string,
  manifest: ImageManifest,
  manifestDigest: string,
  indexPlatform: string | null,
): Promise<ImageHandle> {
  const configDigest = manifest.config.digest; // a checked digest (src/schema/image-json.ts)
  const configDoc = await client.getSmallBlob(configDigest, CONFIG_LIMIT, 'config');
  // The schema admits sha256 and sha512 only, so the config can always be checked against its name.
  const algorithm = configDigest.slice(0, configDigest.indexOf(':'));
  const actual = algorithm === 'sha256' ? sha256Digest(configDoc.bytes) : `${algorithm}:${createHash(algorithm).update(configDoc.bytes).digest('hex')}`;
  if (actual !== configDigest) throw inputError(subject, `config blob does not match its digest (expected ${configDigest}, got ${actual})`);
  const what = `config ${configDigest}`;
  const config: ImageConfig = validateImageConfig(parseJsonBounded(configDoc.bytes, JsonCap.config, subject, what), subject, what);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw inputError(subject, `manifest lists ${manifest.layers.length} layers but the config has ${diffIds.length} diff_ids`);
  }
  const history = layerHistory(config, manifest.layers.length);
  const layers: LayerBlob[] = manifest.layers.map((descriptor, index) => {
    const uncompressed = isUncompressedTar(descriptor.mediaType);
    const what = `layer ${index + 1}/${manifest.layers.length} (${descriptor.digest})`;
    return {
      index,
      diffId: diffIds[index] as string,
      digest: descriptor.digest,
      mediaType: descriptor.mediaType ?? null,
      storedSize: typeof descriptor.size === 'number' ? descriptor.size : null,
      compression: compressionFromMediaType(descriptor.mediaType),
      uncompressedSize: uncompressed && typeof descriptor.size === 'number' ? descriptor.size : null,
      createdBy: history[index] ?? null,
      open: () => client.openBlob(descriptor.digest, typeof descriptor.size === 'number' ? descriptor.size : null, what),
    };
  });
  const platform = config.os && config.architecture ? formatPlatform(config) : (indexPlatform ?? 'unknown/unknown');
  let closed = false;
  return {
    source: { type: 'registry', reference: subject, ...(name.tag ? { tags: [`${name.registry}/${name.repository}:${name.tag}`] } : {}) },
    platform,
    manifestDigest,
    configDigest,
    config,
    layers,
    close: async () => {
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
