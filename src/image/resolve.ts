/**
 * The one image resolver: from a source's top-level document (an OCI index, a Docker
 * `manifest.json`, a registry's manifest or index) down to one platform's config and layer blobs.
 * Platform choice, attestation skipping (index-walk.ts), depth and fan-out limits, config
 * validation (src/schema/image-json.ts) and history alignment (config.ts) happen here, the same for
 * every source; a source only implements BlobStore (blob-store.ts). A docker `manifest.json` is
 * one more kind of top-level index, resolved by docker-manifest.ts from here.
 */
import { inputError, namingError, usageError } from '../errors.js';
import { validateImageManifest } from '../schema/image-json.js';
import { JsonCap, parseJsonBounded } from '../schema/json-input.js';
import type { BlobStore, TopLevel } from './blob-store.js';
import { layerHistory, sha256Digest } from './config.js';
import { blobPath } from './digest.js';
import { dockerTagsForConfig, resolveDockerManifest } from './docker-manifest.js';
import { checkConfig, configPlatform, type ResolvedImage, type ResolveOptions, type ResolvedLayer } from './resolved.js';
import { nameMatches, normalizeImageName } from './image-names.js';
import { isImageConfigType, parseIndex, readDescribed, walkIndex, type ManifestCandidate } from './index-walk.js';
import { parseManifest } from './manifest-doc.js';
import { nameList } from './name-list.js';
import { OCI_INDEX_FILE, type ImageConfig, type ImageIndex, type ImageManifest } from './oci.js';
import { choosePlatform, formatPlatform, type PlatformSpec } from './platform.js';

/** Resolves the image `options` asks for in any store. */
export async function resolveImage(store: BlobStore, options: ResolveOptions): Promise<ResolvedImage> {
  const top = await store.top();
  return top.kind === 'files' ? resolveFiles(store, top, options) : resolveDocument(store, top, options);
}

/** An archive, layout directory or `docker save` stream: index.json, manifest.json, or both. */
async function resolveFiles(store: BlobStore, top: Extract<TopLevel, { kind: 'files' }>, options: ResolveOptions): Promise<ResolvedImage> {
  const subject = store.subject;
  if (top.index && (top.layout || !top.dockerManifest)) {
    const doc = await store.readSmall({ path: OCI_INDEX_FILE }, 'manifest', JsonCap.index, 'index.json');
    if (doc === null) throw inputError(subject, 'index.json is not a regular file');
    const index = parseIndex(parseJsonBounded(doc.bytes, JsonCap.index, subject, 'index.json'), subject, 'index.json');
    // Docker 25 saves images it only knows by digest with `manifests: null`; manifest.json has them.
    if ((index.manifests ?? []).length > 0 || !top.dockerManifest) {
      return resolveIndex(store, options, index, { what: 'index.json', dockerManifest: top.dockerManifest, layout: true });
    }
  }
  if (top.dockerManifest) return resolveDockerManifest(store, options, top.index ? 'docker-oci' : null);
  throw inputError(subject, 'not a supported image archive: no manifest.json or index.json');
}

/** A document named by reference (a registry tag or digest): an index or one image manifest. */
async function resolveDocument(store: BlobStore, top: Extract<TopLevel, { kind: 'document' }>, options: ResolveOptions): Promise<ResolvedImage> {
  const parsed = parseManifest(top.blob.bytes, top.blob.contentType, store.subject);
  if (parsed.kind === 'index') {
    const image = await resolveIndex(store, options, parsed.index, { what: 'image index', dockerManifest: false, layout: false });
    return { ...image, tags: top.tags };
  }
  const candidate: ManifestCandidate = {
    digest: top.digest,
    descriptor: { digest: top.digest, size: top.blob.bytes.length },
    manifest: parsed.manifest,
    platform: undefined,
    names: [],
  };
  const image = await imageOf(store, candidate, null, `manifest ${top.digest}`);
  // A single-platform image still has to be the platform asked for (same rule as a docker archive).
  choosePlatform([image.config], configPlatform, options.platform, store.subject);
  return { ...image, format: null, tags: top.tags };
}

interface IndexContext {
  /** Names the top index in messages: `index.json`, `image index`. */
  what: string;
  /** A docker `manifest.json` beside index.json (Docker >= 25) whose RepoTags name the image too. */
  dockerManifest: boolean;
  /** A store of files (format is reported) rather than a registry. */
  layout: boolean;
}

async function resolveIndex(store: BlobStore, options: ResolveOptions, index: ImageIndex, context: IndexContext): Promise<ResolvedImage> {
  const prepared = await prepareIndex(store, options, index, context);
  return prepared.resolve(choosePlatform(prepared.pool, prepared.platformOf, options.platform, store.subject));
}

/** An index walked once: its complete images, their platforms, and how to resolve one of them. */
interface PreparedIndex {
  pool: ManifestCandidate[];
  platformOf: (c: ManifestCandidate) => PlatformSpec;
  resolve: (chosen: ManifestCandidate) => Promise<ResolvedImage>;
}

async function prepareIndex(store: BlobStore, options: ResolveOptions, index: ImageIndex, context: IndexContext): Promise<PreparedIndex> {
  const subject = store.subject;
  const local = store.locality === 'local';
  const walk = await walkIndex(store, index);
  if (walk.candidates.length === 0) {
    if (walk.absent.length > 0) throw inputError(subject, `missing blob ${blobPath(walk.absent[0] as string, subject)} (a manifest listed in ${context.what})`);
    throw inputError(subject, `${context.what} lists no image manifests`);
  }
  let pool = walk.candidates;
  let configs = new Map<string, ReadConfig>();
  if (local) {
    pool = await completeImages(store, pool);
    pool = chooseByName(pool, options.image, subject);
    configs = await readConfigs(store, pool);
  }
  // The index's platform, else the config's (read above for local stores; a registry's index
  // always declares platforms, and reading every config would cost a request each).
  const platformOf = (c: ManifestCandidate): PlatformSpec => {
    const config = configs.get(c.digest)?.config;
    const p = c.platform ?? { os: config?.os ?? 'unknown', architecture: config?.architecture ?? 'unknown', variant: config?.variant };
    return { os: p.os, architecture: p.architecture, variant: p.variant };
  };
  const resolve = async (chosen: ManifestCandidate): Promise<ResolvedImage> => {
    const image = await imageOf(store, chosen, configs.get(chosen.digest) ?? null, `manifest ${chosen.digest}`);
    let tags = chosen.names;
    if (context.dockerManifest) tags = unique([...(await dockerTagsForConfig(store, (chosen.manifest as ImageManifest).config.digest)), ...tags]);
    return {
      ...image,
      format: context.layout ? (walk.nested ? 'containerd' : context.dockerManifest ? 'docker-oci' : 'oci') : null,
      tags: tidyTags(tags),
      platform: formatPlatform(chosen.platform ?? configPlatform(image.config)),
    };
  };
  return { pool, platformOf, resolve };
}

/**
 * Every platform a store holds, for `--platform all`: the top level and the index are read once,
 * then each platform resolves from the same store (an archive opened once, a registry's index
 * fetched once). Attestations are skipped as for one platform (index-walk.ts).
 */
export interface StorePlatforms {
  /**
   * `os/arch[/variant]` of each image, in index order, each once. A platform listed twice (a hostile
   * index, or Windows images differing only in os.version) resolves to its first manifest, as
   * `--platform` would pick it; `duplicates` counts the entries set aside that way.
   */
  platforms: string[];
  duplicates: number;
  /** One platform's image (one of `platforms`). */
  resolve(platform: string): Promise<ResolvedImage>;
}

export async function listPlatforms(store: BlobStore, options: Omit<ResolveOptions, 'platform'>): Promise<StorePlatforms> {
  const top = await store.top();
  const subject = store.subject;
  let prepared: PreparedIndex | null = null;
  if (top.kind === 'files' && top.index && (top.layout || !top.dockerManifest)) {
    const doc = await store.readSmall({ path: OCI_INDEX_FILE }, 'manifest', JsonCap.index, 'index.json');
    if (doc === null) throw inputError(subject, 'index.json is not a regular file');
    const index = parseIndex(parseJsonBounded(doc.bytes, JsonCap.index, subject, 'index.json'), subject, 'index.json');
    if ((index.manifests ?? []).length > 0 || !top.dockerManifest) {
      prepared = await prepareIndex(store, options, index, { what: 'index.json', dockerManifest: top.dockerManifest, layout: true });
    }
  } else if (top.kind === 'document') {
    const parsed = parseManifest(top.blob.bytes, top.blob.contentType, subject);
    if (parsed.kind === 'index') {
      const index = await prepareIndex(store, options, parsed.index, { what: 'image index', dockerManifest: false, layout: false });
      prepared = { ...index, resolve: async (c) => ({ ...(await index.resolve(c)), tags: top.tags }) };
    }
  }
  if (prepared === null) {
    // One image only (a docker manifest.json, a registry manifest): resolved once, its own platform.
    const image = await resolveImage(store, options);
    return { platforms: [image.platform], duplicates: 0, resolve: async () => image };
  }
  const { pool, platformOf, resolve } = prepared;
  const byPlatform = new Map<string, ManifestCandidate>();
  let duplicates = 0;
  for (const candidate of pool) {
    const name = formatPlatform(platformOf(candidate));
    const first = byPlatform.get(name);
    if (first === undefined) byPlatform.set(name, candidate);
    else if (first.digest !== candidate.digest) duplicates += 1;
  }
  return {
    platforms: [...byPlatform.keys()],
    duplicates,
    resolve: (platform) => {
      const chosen = byPlatform.get(platform);
      if (chosen === undefined) throw usageError(`${subject}: no image for platform ${platform}; available: ${nameList([...byPlatform.keys()])}`);
      return resolve(chosen);
    },
  };
}

interface ReadConfig {
  bytes: Buffer;
  config: ImageConfig;
}

/** Only images whose config and layers are all present count (a containerd export holds one platform). */
async function completeImages(store: BlobStore, candidates: readonly ManifestCandidate[]): Promise<ManifestCandidate[]> {
  const complete: ManifestCandidate[] = [];
  let firstMissing: string | null = null;
  // Once per manifest: an index may list the same one under many names (and a hostile one 10,000 times).
  const absentByManifest = new Map<string, { path: string; role: string } | null>();
  for (const candidate of candidates) {
    let missing = absentByManifest.get(candidate.digest);
    if (missing === undefined) {
      missing = await firstAbsentBlob(store, candidate);
      absentByManifest.set(candidate.digest, missing);
    }
    if (missing === null) complete.push(candidate);
    else firstMissing ??= `missing blob ${missing.path} (${missing.role} of manifest ${candidate.digest})`;
  }
  if (complete.length === 0) throw inputError(store.subject, firstMissing ?? 'no complete image in the archive');
  return complete;
}

function chooseByName(candidates: ManifestCandidate[], wanted: string | undefined, subject: string): ManifestCandidate[] {
  if (wanted !== undefined) {
    const pool = candidates.filter((c) => nameMatches(wanted, c.names));
    if (pool.length === 0) throw usageError(`${subject}: no image named ${wanted}; the archive holds: ${describeCandidates(candidates)}`);
    return pool;
  }
  const distinct = new Set(candidates.map((c) => c.names.join(' ')));
  if (distinct.size > 1 && [...distinct].every((n) => n !== '')) {
    throw namingError('usage', (name) => `${subject}: the archive holds ${distinct.size} images; choose one with ${name('image')}: ${nameList([...distinct])}`);
  }
  return candidates;
}

async function readConfigs(store: BlobStore, pool: readonly ManifestCandidate[]): Promise<Map<string, ReadConfig>> {
  const configs = new Map<string, ReadConfig>();
  for (const candidate of pool) {
    if (!configs.has(candidate.digest)) configs.set(candidate.digest, await readConfig(store, candidate));
  }
  return configs;
}

async function readConfig(store: BlobStore, candidate: ManifestCandidate): Promise<ReadConfig> {
  const descriptor = (candidate.manifest as ImageManifest).config;
  const what = `config ${descriptor.digest}`;
  const doc = await readDescribed(store, descriptor, what, JsonCap.config, 'blob');
  if (doc === null) throw inputError(store.subject, `missing blob ${blobPath(descriptor.digest, store.subject)} (config of manifest ${candidate.digest})`);
  return { bytes: doc.bytes, config: checkConfig(doc.data, store.subject, what) };
}

/** The chosen manifest's config and layers (reading the manifest first when the walk did not). */
async function imageOf(store: BlobStore, candidate: ManifestCandidate, read: ReadConfig | null, what: string): Promise<Omit<ResolvedImage, 'format' | 'tags'>> {
  const subject = store.subject;
  if (candidate.manifest === null) {
    const doc = await readDescribed(store, candidate.descriptor, what);
    if (doc === null) throw inputError(subject, `missing ${what}`);
    const manifest = validateImageManifest(doc.data, subject, what);
    if (!isImageConfigType(manifest.config.mediaType)) throw inputError(subject, `${what} is not an image (its config is ${manifest.config.mediaType})`);
    candidate = { ...candidate, manifest };
  }
  const manifest = candidate.manifest as ImageManifest;
  const { bytes: configBytes, config } = read ?? (await readConfig(store, candidate));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw inputError(subject, `manifest ${candidate.digest} lists ${manifest.layers.length} layers but its config has ${diffIds.length} diff_ids`);
  }
  const history = layerHistory(config, diffIds.length);
  const layers: ResolvedLayer[] = [];
  for (const [i, descriptor] of manifest.layers.entries()) {
    if (!descriptor || typeof descriptor.digest !== 'string') throw inputError(subject, `manifest ${candidate.digest}: layer ${i + 1} has no digest`);
    const blob = await store.stat({ digest: descriptor.digest });
    if (blob === null) throw inputError(subject, `missing blob ${blobPath(descriptor.digest, subject)} (layer ${i + 1} of manifest ${candidate.digest})`);
    if (blob.size !== null && typeof descriptor.size === 'number' && descriptor.size !== blob.size) {
      throw inputError(subject, `layer blob ${blobPath(descriptor.digest, subject)} is ${blob.size} bytes but the manifest says ${descriptor.size}`);
    }
    const size = blob.size ?? (typeof descriptor.size === 'number' ? descriptor.size : null);
    layers.push({
      blob: { ...blob, size },
      diffId: diffIds[i] as string,
      digest: descriptor.digest,
      mediaType: descriptor.mediaType ?? null,
      createdBy: history[i] ?? null,
    });
  }
  return { platform: formatPlatform(configPlatform(config)), manifestDigest: candidate.digest, config, configDigest: sha256Digest(configBytes), layers };
}

/** The first blob of an image (config, then layers) that the store lacks, or null when all are there. */
async function firstAbsentBlob(store: BlobStore, candidate: ManifestCandidate): Promise<{ path: string; role: string } | null> {
  const manifest = candidate.manifest as ImageManifest;
  const config = manifest.config;
  if (typeof config.digest !== 'string') throw inputError(store.subject, `manifest ${candidate.digest} has a config without a digest`);
  const configPath = blobPath(config.digest, store.subject);
  if ((await store.stat({ digest: config.digest })) === null) return { path: configPath, role: 'config' };
  for (const [i, layer] of manifest.layers.entries()) {
    if (!layer || typeof layer.digest !== 'string') throw inputError(store.subject, `manifest ${candidate.digest}: layer ${i + 1} has no digest`);
    const path = blobPath(layer.digest, store.subject);
    if ((await store.stat({ digest: layer.digest })) === null) return { path, role: `layer ${i + 1}` };
  }
  return null;
}

function describeCandidates(candidates: readonly ManifestCandidate[]): string {
  return nameList(unique(candidates.map((c) => (c.names.length > 0 ? c.names.join(' ') : `untagged ${c.digest.slice(0, 19)}`))));
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
