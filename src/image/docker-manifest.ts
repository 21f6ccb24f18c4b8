/**
 * A docker `manifest.json` (legacy `docker save`, Docker >= 25, skopeo, ggcr, kaniko): a top-level
 * index whose images are chosen by tag and whose config and layers are named by path.
 */
import { inputError, namingError, usageError } from '../errors.js';
import { JsonCap, parseJsonBounded } from '../schema/json-input.js';
import type { BlobStore } from './blob-store.js';
import { layerHistory, sha256Digest } from './config.js';
import { digestNamedByPath, verifyDigest } from './digest.js';
import { DOCKER_MANIFEST_FILE, type DockerArchiveManifestEntry } from './oci.js';
import { choosePlatform, formatPlatform } from './platform.js';
import { checkConfig, configPlatform, type ResolvedImage, type ResolvedLayer, type ResolveOptions } from './resolved.js';
import { nameList } from './name-list.js';
import { validateDockerManifest } from '../schema/image-json.js';
import { nameMatches } from './image-names.js';

/**
 * Checks that `manifest.json` has the shape every `docker save`-style writer gives it (an array of
 * {Config, RepoTags, Layers}; src/schema/image-json.ts), naming the first bad field.
 */
export function parseDockerManifest(data: unknown, subject: string): DockerArchiveManifestEntry[] {
  if (Array.isArray(data) && data.length === 0) throw inputError(subject, 'manifest.json lists no images');
  return validateDockerManifest(data, subject);
}

/** How an entry is named in messages: its tags, else its config file. */
export function describeEntry(entry: DockerArchiveManifestEntry): string {
  return entry.RepoTags && entry.RepoTags.length > 0 ? entry.RepoTags.join(' ') : `untagged (${entry.Config})`;
}

/**
 * Picks the image among the entries of manifest.json: the one tagged `wanted`, or the only one.
 * Several images and no choice is a usage error listing them.
 */
export function selectDockerEntry(entries: readonly DockerArchiveManifestEntry[], wanted: string | undefined, subject: string): DockerArchiveManifestEntry {
  if (wanted !== undefined) {
    const found = entries.find((e) => nameMatches(wanted, e.RepoTags ?? []));
    if (!found) throw usageError(`${subject}: no image tagged ${wanted}; the archive holds: ${nameList(entries.map(describeEntry))}`);
    return found;
  }
  if (entries.length === 1) return entries[0] as DockerArchiveManifestEntry;
  throw namingError(
    'usage',
    (name) => `${subject}: the archive holds ${entries.length} images; choose one with ${name('image')}: ${nameList(entries.map(describeEntry))}`,
  );
}

/** A docker `manifest.json`: images listed by tag, their config and layers named by path. */
export async function resolveDockerManifest(store: BlobStore, options: ResolveOptions, format: 'docker-oci' | null): Promise<ResolvedImage> {
  const subject = store.subject;
  const entries = await readDockerManifest(store);
  const entry = selectDockerEntry(entries, options.image, subject);

  const configDoc = await store.readSmall({ path: entry.Config }, 'blob', JsonCap.config, `config ${entry.Config}`);
  if (configDoc === null) throw inputError(subject, `missing config ${entry.Config} (listed in manifest.json)`);
  const configBytes = configDoc.bytes;
  const named = digestNamedByPath(entry.Config) ?? digestNamedByPath(configDoc.location);
  if (named !== null) verifyDigest(configBytes, named, subject, `config ${entry.Config}`);
  const config = checkConfig(parseJsonBounded(configBytes, JsonCap.config, subject, `config ${entry.Config}`), subject, `config ${entry.Config}`);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) {
    throw inputError(subject, `manifest.json lists ${entry.Layers.length} layers for ${describeEntry(entry)} but its config has ${diffIds.length} diff_ids`);
  }
  const platform = configPlatform(config);
  choosePlatform([platform], (p) => p, options.platform, subject);

  const history = layerHistory(config, diffIds.length);
  const layers: ResolvedLayer[] = [];
  for (const [i, layerPath] of entry.Layers.entries()) {
    const blob = await store.stat({ path: layerPath });
    if (blob === null) throw inputError(subject, `missing layer blob ${layerPath} (layer ${i + 1} in manifest.json)`);
    const digest = digestNamedByPath(layerPath) ?? digestNamedByPath(blob.location);
    const described = digest === null ? undefined : layerSource(entry, digest);
    layers.push({ blob, diffId: diffIds[i] as string, digest, mediaType: described?.mediaType ?? null, createdBy: history[i] ?? null });
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

async function readDockerManifest(store: BlobStore): Promise<DockerArchiveManifestEntry[]> {
  const doc = await store.readSmall({ path: DOCKER_MANIFEST_FILE }, 'manifest', JsonCap.manifest, 'manifest.json');
  if (doc === null) throw inputError(store.subject, 'manifest.json is not a regular file');
  return parseDockerManifest(parseJsonBounded(doc.bytes, JsonCap.manifest, store.subject, 'manifest.json'), store.subject);
}

function layerSource(entry: DockerArchiveManifestEntry, digest: string): { mediaType?: string } | undefined {
  return Object.values(entry.LayerSources ?? {}).find((d) => d && d.digest === digest);
}

/** RepoTags from manifest.json for the image with this config (Docker >= 25 saves have both). */
export async function dockerTagsForConfig(store: BlobStore, configDigest: string): Promise<string[]> {
  try {
    const entries = await readDockerManifest(store);
    return entries.filter((e) => digestNamedByPath(e.Config) === configDigest).flatMap((e) => e.RepoTags ?? []);
  } catch {
    return []; // tags are a courtesy; the OCI index is authoritative here
  }
}
