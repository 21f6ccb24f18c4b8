import { inputError } from '../../errors.js';
import { MediaType, RefNameAnnotations, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from '../../image/oci.js';
import { validateImageIndex, validateImageManifest } from '../../schema/image-json.js';
import { readDigestedJson, blobPath, type JsonDocument } from './read-json.js';
import type { EntryStore } from './entry-store.js';

/** Nesting of indexes followed (containerd exports use two levels). */
const MAX_INDEX_DEPTH = 4;
/**
 * Descriptors followed in one walk, all indexes together. Real layouts list a few dozen; without a
 * bound, an index listing 1,000 times a nested index that lists 1,000 manifests makes a million
 * visits from a few kilobytes of JSON.
 */
export const MAX_INDEX_ENTRIES = 10_000;

/** An image manifest found by walking index.json. */
export interface ManifestCandidate {
  digest: string;
  manifest: ImageManifest;
  /** Platform the index declares for it, if any. */
  platform: Platform | undefined;
  /** Ref-name annotations of the descriptors that lead to it (containerd name, OCI ref.name). */
  names: string[];
}

export interface IndexWalk {
  candidates: ManifestCandidate[];
  /** Digests listed by an index whose blobs are not in the archive (other platforms, usually). */
  absent: string[];
  /** Whether an index pointed at another index (containerd-style export). */
  nested: boolean;
}

export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}

/** An index whose descriptors are checked (digests, sizes, platforms: src/schema/image-json.ts). */
export function parseIndex(data: unknown, subject: string, what: string): ImageIndex {
  return validateImageIndex(data, subject, what);
}

/** Follows index.json down to image manifests, keeping only those whose manifest blob is present. */
export async function walkIndex(store: EntryStore, index: ImageIndex, subject: string): Promise<IndexWalk> {
  const result: IndexWalk = { candidates: [], absent: [], nested: false };
  await visit(store, index.manifests ?? [], [], 0, subject, { result, visited: 0, documents: new Map(), checked: new Map() });
  return result;
}

interface WalkState {
  result: IndexWalk;
  /** Descriptors followed so far (bounded by MAX_INDEX_ENTRIES). */
  visited: number;
  /** Each blob is read, checked and parsed once however often indexes list it. */
  documents: Map<string, JsonDocument | null>;
  /** Documents already checked against the schema, by `index:` or `manifest:` and digest. */
  checked: Map<string, ImageIndex | ImageManifest>;
}

async function visit(store: EntryStore, descriptors: readonly Descriptor[], names: string[], depth: number, subject: string, state: WalkState): Promise<void> {
  if (depth > MAX_INDEX_DEPTH) throw inputError(subject, `image indexes nested more than ${MAX_INDEX_DEPTH} deep`);
  const { result } = state;
  for (const descriptor of descriptors) {
    if (++state.visited > MAX_INDEX_ENTRIES) throw inputError(subject, `image indexes list more than ${MAX_INDEX_ENTRIES} entries`);
    if (!descriptor || typeof descriptor !== 'object' || typeof descriptor.digest !== 'string') {
      throw inputError(subject, 'an image index lists a descriptor without a digest');
    }
    if (isAttestation(descriptor)) continue;
    const path = blobPath(descriptor.digest, subject);
    let found = state.documents.get(descriptor.digest);
    if (found === undefined) {
      found = await readDigestedJson(store, path, descriptor, `manifest ${descriptor.digest}`);
      state.documents.set(descriptor.digest, found);
    } else if (found !== null && typeof descriptor.size === 'number' && descriptor.size !== found.file.size) {
      throw inputError(subject, `manifest ${descriptor.digest} is ${found.file.size} bytes but its descriptor says ${descriptor.size}`);
    }
    if (found === null) {
      result.absent.push(descriptor.digest);
      continue;
    }
    const data = found.data as Record<string, unknown> | null;
    const ownNames = RefNameAnnotations.map((key) => descriptor.annotations?.[key]).filter((n): n is string => typeof n === 'string' && n !== '');
    const allNames = [...names, ...ownNames];
    const mediaType = descriptor.mediaType ?? (typeof data?.mediaType === 'string' ? data.mediaType : undefined);
    const isIndex = mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList || (mediaType === undefined && Array.isArray(data?.manifests));
    if (isIndex) {
      result.nested = true;
      const key = `index:${descriptor.digest}`;
      const nested = (state.checked.get(key) as ImageIndex | undefined) ?? parseIndex(data, subject, `index ${descriptor.digest}`);
      state.checked.set(key, nested);
      await visit(store, nested.manifests ?? [], allNames, depth + 1, subject, state);
      continue;
    }
    const shape = data as Partial<ImageManifest> | null;
    const declaresManifest = mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest;
    const looksLikeManifest = shape !== null && typeof shape === 'object' && typeof shape.config === 'object' && shape.config !== null && Array.isArray(shape.layers);
    if (!declaresManifest && !looksLikeManifest) continue; // some other artifact
    const key = `manifest:${descriptor.digest}`;
    const manifest = (state.checked.get(key) as ImageManifest | undefined) ?? validateImageManifest(data, subject, `manifest ${descriptor.digest}`);
    state.checked.set(key, manifest);
    const configType = manifest.config.mediaType;
    if (configType !== undefined && configType !== MediaType.ociConfig && configType !== MediaType.dockerConfig) continue; // signatures, SBOMs, other artifacts
    result.candidates.push({ digest: descriptor.digest, manifest, platform: descriptor.platform, names: allNames });
  }
}
