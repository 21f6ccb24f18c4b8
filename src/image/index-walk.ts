/**
 * Follows an image index (OCI index, Docker manifest list) down to image manifests, for every
 * source: attestations skipped, nesting and fan-out bounded, each document read and checked once.
 */
import { inputError } from '../errors.js';
import { validateImageIndex, validateImageManifest } from '../schema/image-json.js';
import { JsonCap, parseJsonBounded } from '../schema/json-input.js';
import type { BlobStore } from './blob-store.js';
import { verifyDigest } from './digest.js';
import { MediaType, RefNameAnnotations, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './oci.js';

/**
 * Indexes nested below the top one. Real images use at most two levels (a containerd export: its
 * index.json points at the image's index). It was 4 for archives and 3 for registries; 4 is kept
 * so that nothing either source opened before is refused now. The real bound on work is
 * MAX_INDEX_ENTRIES and reading each document once, not the depth.
 */
export const MAX_INDEX_DEPTH = 4;
/**
 * Descriptors followed in one walk, all indexes together. Real layouts list a few dozen; without a
 * bound, an index listing 1,000 times a nested index that lists 1,000 manifests makes a million
 * visits from a few kilobytes of JSON.
 */
export const MAX_INDEX_ENTRIES = 10_000;

/** An image manifest found by walking an index. */
export interface ManifestCandidate {
  digest: string;
  /** The descriptor that leads to it (size, media type). */
  descriptor: Descriptor;
  /** Read and checked: always for a local store, never before it is chosen for a remote one. */
  manifest: ImageManifest | null;
  /** Platform the index declares for it, if any. */
  platform: Platform | undefined;
  /** Ref-name annotations of the descriptors that lead to it (containerd name, OCI ref.name). */
  names: string[];
}

export interface IndexWalk {
  candidates: ManifestCandidate[];
  /** Digests listed by an index whose blobs are not in the store (other platforms, usually). */
  absent: string[];
  /** Whether an index pointed at another index (containerd-style export). */
  nested: boolean;
}

/** Attestation manifests (BuildKit provenance, SBOMs) sit in indexes beside the images: never an image. */
export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}

const IMAGE_MANIFEST_TYPES: ReadonlySet<string> = new Set([MediaType.ociManifest, MediaType.dockerManifest]);
const INDEX_TYPES: ReadonlySet<string> = new Set([MediaType.ociIndex, MediaType.dockerManifestList]);

/** An index whose descriptors are checked (digests, sizes, platforms: src/schema/image-json.ts). */
export function parseIndex(data: unknown, subject: string, what: string): ImageIndex {
  return validateImageIndex(data, subject, what);
}

/**
 * Reads a manifest or index by digest, checking size (against the descriptor) and digest; null when
 * the store does not hold it.
 */
export async function readDescribed(
  store: BlobStore,
  descriptor: Descriptor,
  what: string,
  cap: number = JsonCap.manifest,
  role: 'manifest' | 'blob' = 'manifest',
) {
  const blob = await store.readSmall({ digest: descriptor.digest }, role, cap, what);
  if (blob === null) return null;
  if (typeof descriptor.size === 'number' && descriptor.size !== blob.bytes.length) {
    throw inputError(store.subject, `${what} is ${blob.bytes.length} bytes but its descriptor says ${descriptor.size}`);
  }
  verifyDigest(blob.bytes, descriptor.digest, store.subject, what);
  return { ...blob, data: parseJsonBounded(blob.bytes, cap, store.subject, what) };
}

/** Follows `index` down to image manifests (see BlobStore.locality for what is read when). */
export async function walkIndex(store: BlobStore, index: ImageIndex): Promise<IndexWalk> {
  const result: IndexWalk = { candidates: [], absent: [], nested: false };
  await visit(store, index.manifests ?? [], [], 0, { result, visited: 0, documents: new Map(), checked: new Map() });
  return result;
}

interface WalkState {
  result: IndexWalk;
  /** Descriptors followed so far (bounded by MAX_INDEX_ENTRIES). */
  visited: number;
  /** Each blob is read, checked and parsed once however often indexes list it. */
  documents: Map<string, { bytes: Buffer; data: unknown } | null>;
  /** Documents already checked against the schema, by `index:` or `manifest:` and digest. */
  checked: Map<string, ImageIndex | ImageManifest>;
}

async function visit(store: BlobStore, descriptors: readonly Descriptor[], names: string[], depth: number, state: WalkState): Promise<void> {
  const subject = store.subject;
  if (depth > MAX_INDEX_DEPTH) throw inputError(subject, `image indexes nested more than ${MAX_INDEX_DEPTH} deep`);
  const { result } = state;
  for (const descriptor of descriptors) {
    if (++state.visited > MAX_INDEX_ENTRIES) throw inputError(subject, `image indexes list more than ${MAX_INDEX_ENTRIES} entries`);
    if (!descriptor || typeof descriptor !== 'object' || typeof descriptor.digest !== 'string') {
      throw inputError(subject, 'an image index lists a descriptor without a digest');
    }
    if (isAttestation(descriptor)) continue;
    const ownNames = RefNameAnnotations.map((key) => descriptor.annotations?.[key]).filter((n): n is string => typeof n === 'string' && n !== '');
    const allNames = [...names, ...ownNames];
    // A remote store holds every blob it lists: a manifest is read only once chosen, and an entry
    // of another declared type (a signature, a helm chart) is not fetched at all.
    if (store.locality === 'remote' && descriptor.mediaType !== undefined && !INDEX_TYPES.has(descriptor.mediaType)) {
      if (IMAGE_MANIFEST_TYPES.has(descriptor.mediaType))
        result.candidates.push({ digest: descriptor.digest, descriptor, manifest: null, platform: descriptor.platform, names: allNames });
      continue;
    }
    let found = state.documents.get(descriptor.digest);
    if (found === undefined) {
      found = await readDescribed(store, descriptor, `manifest ${descriptor.digest}`);
      state.documents.set(descriptor.digest, found);
    } else if (found !== null && typeof descriptor.size === 'number' && descriptor.size !== found.bytes.length) {
      throw inputError(subject, `manifest ${descriptor.digest} is ${found.bytes.length} bytes but its descriptor says ${descriptor.size}`);
    }
    if (found === null) {
      result.absent.push(descriptor.digest);
      continue;
    }
    const data = found.data as Record<string, unknown> | null;
    const mediaType = descriptor.mediaType ?? (typeof data?.mediaType === 'string' ? data.mediaType : undefined);
    const isIndex = (mediaType !== undefined && INDEX_TYPES.has(mediaType)) || (mediaType === undefined && Array.isArray(data?.manifests));
    if (isIndex) {
      result.nested = true;
      const key = `index:${descriptor.digest}`;
      const nested = (state.checked.get(key) as ImageIndex | undefined) ?? parseIndex(data, subject, `index ${descriptor.digest}`);
      state.checked.set(key, nested);
      await visit(store, nested.manifests ?? [], allNames, depth + 1, state);
      continue;
    }
    const shape = data as Partial<ImageManifest> | null;
    const declaresManifest = mediaType !== undefined && IMAGE_MANIFEST_TYPES.has(mediaType);
    const looksLikeManifest =
      shape !== null && typeof shape === 'object' && typeof shape.config === 'object' && shape.config !== null && Array.isArray(shape.layers);
    if (!declaresManifest && !looksLikeManifest) continue; // some other artifact
    const key = `manifest:${descriptor.digest}`;
    const manifest = (state.checked.get(key) as ImageManifest | undefined) ?? validateImageManifest(data, subject, `manifest ${descriptor.digest}`);
    state.checked.set(key, manifest);
    if (!isImageConfigType(manifest.config.mediaType)) continue; // signatures, SBOMs, other artifacts
    result.candidates.push({ digest: descriptor.digest, descriptor, manifest, platform: descriptor.platform, names: allNames });
  }
}

/** Whether a manifest's config type is an image config (absent counts: old writers leave it out). */
export function isImageConfigType(configType: string | undefined): boolean {
  return configType === undefined || configType === MediaType.ociConfig || configType === MediaType.dockerConfig;
}
