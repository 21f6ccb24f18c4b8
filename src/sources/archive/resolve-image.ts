import { inputError, namingError, usageError } from '../../errors.js';
import { DOCKER_MANIFEST_FILE, OCI_INDEX_FILE, OCI_LAYOUT_FILE, type DockerArchiveManifestEntry, type ImageConfig } from '../../image/oci.js';
import { choosePlatform, formatPlatform, type PlatformSpec } from '../../image/platform.js';
import type { OpenOptions } from '../types.js';
import { describeEntry, parseDockerManifest, selectDockerEntry } from './docker-manifest.js';
import type { EntryStore, StoredFile } from './entry-store.js';
import { nameMatches, normalizeImageName } from './image-names.js';
import { parseIndex, walkIndex, type ManifestCandidate } from './oci-index.js';
import { layerHistory, sha256Digest } from '../../image/config.js';
import { nameList } from '../../image/name-list.js';
import { validateImageConfig } from '../../schema/image-json.js';
import { JsonCap } from '../../schema/json-input.js';
import { blobPath, digestNamedByPath, parseJson, readDigestedJson, readJsonFile, verifyDigest } from './read-json.js';

/** Archive layouts told apart from content (DESIGN.md: "format detected from content"). */
export type ArchiveFormat = 'docker-legacy' | 'docker-oci' | 'oci' | 'containerd' | 'tarball';

export interface ResolvedLayer {
  file: StoredFile;
  diffId: string;
  digest: string | null;
  mediaType: string | null;
  createdBy: string | null;
}

/** One platform's image found in an archive or layout, with its layer files located. */
export interface ResolvedImage {
  format: ArchiveFormat;
  tags: string[];
  platform: string;
  manifestDigest: string | null;
  config: ImageConfig;
  configDigest: string;
  layers: ResolvedLayer[];
}

/** Detects the layout of `store` and resolves the image `options` asks for. */
export async function resolveImage(store: EntryStore, options: OpenOptions): Promise<ResolvedImage> {
  const subject = store.subject;
  const [hasIndex, hasLayout, hasManifest] = await Promise.all([store.exists(OCI_INDEX_FILE), store.exists(OCI_LAYOUT_FILE), store.exists(DOCKER_MANIFEST_FILE)]);
  if (hasIndex && (hasLayout || !hasManifest)) {
    const doc = await readJsonFile(store, OCI_INDEX_FILE, 'index.json');
    if (doc === null) throw inputError(subject, 'index.json is not a regular file');
    const index = parseIndex(doc.data, subject, 'index.json');
    // Docker 25 saves images it only knows by digest with `manifests: null`; manifest.json has them.
    if ((index.manifests ?? []).length > 0 || !hasManifest) return resolveOciLayout(store, options, index, hasManifest);
  }
  if (hasManifest) return resolveDockerArchive(store, options, hasIndex ? 'docker-oci' : null);
  if (await store.exists('repositories')) {
    throw inputError(subject, 'not a supported image archive: no manifest.json or index.json (pre-1.10 docker save without manifest.json?)');
  }
  const names = (await store.sampleNames()).slice(0, 5);
  throw inputError(subject, `not a supported image archive: no manifest.json or index.json${names.length > 0 ? ` (it holds: ${names.join(', ')})` : ''}`);
}

async function resolveOciLayout(store: EntryStore, options: OpenOptions, index: ReturnType<typeof parseIndex>, hasManifest: boolean): Promise<ResolvedImage> {
  const subject = store.subject;
  const walk = await walkIndex(store, index, subject);
  if (walk.candidates.length === 0) {
    if (walk.absent.length > 0) throw inputError(subject, `missing blob ${blobPath(walk.absent[0] as string, subject)} (a manifest listed in index.json)`);
    throw inputError(subject, 'index.json lists no image manifests');
  }
  // Only images whose config and layers are all present count (containerd exports one platform).
  const complete: ManifestCandidate[] = [];
  let firstMissing: string | null = null;
  // Once per manifest: an index may list the same one under many names (and a hostile one 10,000 times).
  const absentByManifest = new Map<string, { path: string; role: string } | null>();
  for (const candidate of walk.candidates) {
    let missing = absentByManifest.get(candidate.digest);
    if (missing === undefined) {
      missing = await firstAbsentBlob(store, candidate);
      absentByManifest.set(candidate.digest, missing);
    }
    if (missing === null) complete.push(candidate);
    else firstMissing ??= `missing blob ${missing.path} (${missing.role} of manifest ${candidate.digest})`;
  }
  if (complete.length === 0) throw inputError(subject, firstMissing ?? 'no complete image in the archive');

  let pool = complete;
  if (options.image !== undefined) {
    pool = complete.filter((c) => nameMatches(options.image as string, c.names));
    if (pool.length === 0) throw usageError(`${subject}: no image named ${options.image}; the archive holds: ${describeCandidates(complete)}`);
  } else {
    const distinct = new Set(complete.map((c) => c.names.join(' ')));
    if (distinct.size > 1 && [...distinct].every((n) => n !== '')) {
      throw namingError('usage', (name) => `${subject}: the archive holds ${distinct.size} images; choose one with ${name('image')}: ${nameList([...distinct])}`);
    }
  }

  // The index's platform, else the config's: read the configs of the remaining candidates (small).
  const configs = new Map<string, { bytes: Buffer; config: ImageConfig }>();
  for (const candidate of pool) {
    if (configs.has(candidate.digest)) continue;
    const descriptor = candidate.manifest.config;
    const doc = await readDigestedJson(store, blobPath(descriptor.digest, subject), descriptor, `config ${descriptor.digest}`, JsonCap.config);
    if (doc === null) throw inputError(subject, `missing blob ${blobPath(descriptor.digest, subject)} (config of manifest ${candidate.digest})`);
    configs.set(candidate.digest, { bytes: doc.bytes, config: checkConfig(doc.data, subject, `config ${descriptor.digest}`) });
  }
  const platformOf = (c: ManifestCandidate): PlatformSpec => {
    const config = configs.get(c.digest)?.config;
    const p = c.platform ?? { os: config?.os ?? 'unknown', architecture: config?.architecture ?? 'unknown', variant: config?.variant };
    return { os: p.os, architecture: p.architecture, variant: p.variant };
  };
  const chosen = choosePlatform(pool, platformOf, options.platform, subject);
  const { bytes: configBytes, config } = configs.get(chosen.digest) as { bytes: Buffer; config: ImageConfig };
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== chosen.manifest.layers.length) {
    throw inputError(subject, `manifest ${chosen.digest} lists ${chosen.manifest.layers.length} layers but its config has ${diffIds.length} diff_ids`);
  }
  const history = layerHistory(config, diffIds.length);
  const layers: ResolvedLayer[] = [];
  for (const [i, descriptor] of chosen.manifest.layers.entries()) {
    if (!descriptor || typeof descriptor.digest !== 'string') throw inputError(subject, `manifest ${chosen.digest}: layer ${i + 1} has no digest`);
    const path = blobPath(descriptor.digest, subject);
    const file = await store.resolve(path);
    if (file === null) throw inputError(subject, `missing blob ${path} (layer ${i + 1} of manifest ${chosen.digest})`);
    if (typeof descriptor.size === 'number' && descriptor.size !== file.size) {
      throw inputError(subject, `layer blob ${path} is ${file.size} bytes but the manifest says ${descriptor.size}`);
    }
    layers.push({ file, diffId: diffIds[i] as string, digest: descriptor.digest, mediaType: descriptor.mediaType ?? null, createdBy: history[i] ?? null });
  }
  let tags = chosen.names;
  if (hasManifest) tags = unique([...(await dockerTagsForConfig(store, chosen.manifest.config.digest)), ...tags]);
  return {
    format: walk.nested ? 'containerd' : hasManifest ? 'docker-oci' : 'oci',
    tags: tidyTags(tags),
    platform: formatPlatform(platformOf(chosen)),
    manifestDigest: chosen.digest,
    config,
    configDigest: sha256Digest(configBytes),
    layers,
  };
}

async function resolveDockerArchive(store: EntryStore, options: OpenOptions, format: 'docker-oci' | null): Promise<ResolvedImage> {
  const subject = store.subject;
  const doc = await readJsonFile(store, DOCKER_MANIFEST_FILE, 'manifest.json');
  if (doc === null) throw inputError(subject, 'manifest.json is not a regular file');
  const entries = parseDockerManifest(doc.data, subject);
  const entry = selectDockerEntry(entries, options.image, subject);

  const configFile = await store.resolve(entry.Config);
  if (configFile === null) throw inputError(subject, `missing config ${entry.Config} (listed in manifest.json)`);
  const configBytes = await store.readSmall(configFile);
  const named = digestNamedByPath(entry.Config) ?? digestNamedByPath(configFile.path);
  if (named !== null) verifyDigest(configBytes, named, subject, `config ${entry.Config}`);
  const config = checkConfig(parseJson(configBytes, subject, `config ${entry.Config}`, JsonCap.config), subject, `config ${entry.Config}`);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) {
    throw inputError(subject, `manifest.json lists ${entry.Layers.length} layers for ${describeEntry(entry)} but its config has ${diffIds.length} diff_ids`);
  }
  const platform = { os: config.os ?? 'unknown', architecture: config.architecture ?? 'unknown', variant: config.variant };
  choosePlatform([platform], (p) => p, options.platform, subject);

  const history = layerHistory(config, diffIds.length);
  const layers: ResolvedLayer[] = [];
  for (const [i, layerPath] of entry.Layers.entries()) {
    const file = await store.resolve(layerPath);
    if (file === null) throw inputError(subject, `missing layer blob ${layerPath} (layer ${i + 1} in manifest.json)`);
    const digest = digestNamedByPath(layerPath) ?? digestNamedByPath(file.path);
    const described = digest === null ? undefined : layerSource(entry, digest);
    layers.push({ file, diffId: diffIds[i] as string, digest, mediaType: described?.mediaType ?? null, createdBy: history[i] ?? null });
  }
  const tarball = entry.Config.startsWith('sha256:') || entry.Layers.some((l) => l.endsWith('.tar.gz'));
  return {
    format: format ?? (tarball ? 'tarball' : 'docker-legacy'),
    tags: entry.RepoTags ?? [],
    platform: formatPlatform(platform),
    manifestDigest: null,
    config,
    configDigest: sha256Digest(configBytes),
    layers,
  };
}

/** The first blob of an image (config, then layers) that the store lacks, or null when all are there. */
async function firstAbsentBlob(store: EntryStore, candidate: ManifestCandidate): Promise<{ path: string; role: string } | null> {
  const config = candidate.manifest.config;
  if (typeof config.digest !== 'string') throw inputError(store.subject, `manifest ${candidate.digest} has a config without a digest`);
  const configPath = blobPath(config.digest, store.subject);
  if ((await store.resolve(configPath)) === null) return { path: configPath, role: 'config' };
  for (const [i, layer] of candidate.manifest.layers.entries()) {
    if (!layer || typeof layer.digest !== 'string') throw inputError(store.subject, `manifest ${candidate.digest}: layer ${i + 1} has no digest`);
    const path = blobPath(layer.digest, store.subject);
    if ((await store.resolve(path)) === null) return { path, role: `layer ${i + 1}` };
  }
  return null;
}

function layerSource(entry: DockerArchiveManifestEntry, digest: string): { mediaType?: string } | undefined {
  const found = Object.values(entry.LayerSources ?? {}).find((d) => d && d.digest === digest);
  return found;
}

/** RepoTags from manifest.json for the image with this config (Docker >= 25 saves have both). */
async function dockerTagsForConfig(store: EntryStore, configDigest: string): Promise<string[]> {
  try {
    const doc = await readJsonFile(store, DOCKER_MANIFEST_FILE, 'manifest.json');
    const entries = doc === null ? [] : parseDockerManifest(doc.data, store.subject);
    return entries.filter((e) => digestNamedByPath(e.Config) === configDigest).flatMap((e) => e.RepoTags ?? []);
  } catch {
    return []; // tags are a courtesy; the OCI index is authoritative here
  }
}

function describeCandidates(candidates: readonly ManifestCandidate[]): string {
  return nameList(unique(candidates.map((c) => (c.names.length > 0 ? c.names.join(' ') : `untagged ${c.digest.slice(0, 19)}`))));
}

/** An image config checked before use (src/schema/image-json.ts: diff_ids, history, platform fields). */
export function checkConfig(data: unknown, subject: string, what: string): ImageConfig {
  return validateImageConfig(data, subject, what);
}

/** One spelling per image name; bare ref-name tags (`latest`) only when nothing fuller names it. */
function tidyTags(tags: readonly string[]): string[] {
  const full = tags.filter((t) => t.includes(':') || t.includes('/'));
  const chosen = full.length > 0 ? full : tags;
  const seen = new Set<string>();
  return chosen.filter((t) => {
    const key = normalizeImageName(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
