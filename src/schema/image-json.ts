/**
 * The image JSON every source reads (OCI / Docker manifests and indexes, image configs, the
 * `manifest.json` of `docker save`), checked in one place before any field is used. Only the
 * fields layerdiff reads are constrained; the rest of each document may be anything, because
 * refusing an image for a field nothing reads helps no one. These schemas are internal (not
 * published): the OCI image spec is the contract for these documents.
 */
import type { DockerArchiveManifestEntry, ImageConfig, ImageIndex, ImageManifest } from '../image/oci.js';
import { checkShape, lazyValidator } from './check.js';
import { MAX_LAYERS } from './json-input.js';

/** Digest algorithms layerdiff can verify (and so accepts): sha256, sha512. */
export const DIGEST_PATTERN = '^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$';
/** diff_ids are compared with the sha256 of the uncompressed layer (--verify), so sha256 only. */
export const DIFF_ID_PATTERN = '^sha256:[a-f0-9]{64}$';

const size = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
/**
 * Platform words and media types are short by definition (RFC 6838 allows 127 + 1 + 127
 * characters); bounding them keeps a megabyte "architecture" out of every line and report, and
 * keeps the platform string a snapshot writes within what the snapshot schema reads back.
 */
const platformWord = { type: 'string', maxLength: 128 } as const;
const mediaType = { type: 'string', maxLength: 255 } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

const platform = {
  type: 'object',
  required: ['architecture', 'os'],
  properties: {
    architecture: platformWord,
    os: platformWord,
    variant: platformWord,
    'os.version': platformWord,
  },
} as const;

const descriptor = {
  type: 'object',
  required: ['digest'],
  properties: {
    mediaType,
    digest: { type: 'string', pattern: DIGEST_PATTERN },
    // Required by the spec; optional here because layerdiff only uses it to cross-check.
    size,
    platform,
    annotations: stringMap,
  },
} as const;

const indexSchema = {
  type: 'object',
  properties: {
    schemaVersion: { type: 'integer' },
    mediaType: { type: 'string' },
    // Docker 25 writes `manifests: null` for images it only knows by digest.
    manifests: { type: ['array', 'null'], items: descriptor },
  },
} as const;

const manifestSchema = {
  type: 'object',
  required: ['config', 'layers'],
  properties: {
    schemaVersion: { type: 'integer' },
    mediaType: { type: 'string' },
    config: descriptor,
    layers: { type: 'array', maxItems: MAX_LAYERS, items: descriptor },
  },
} as const;

const configSchema = {
  type: 'object',
  required: ['rootfs'],
  properties: {
    architecture: platformWord,
    os: platformWord,
    variant: platformWord,
    rootfs: {
      type: 'object',
      required: ['diff_ids'],
      properties: {
        type: { type: 'string' },
        diff_ids: { type: 'array', maxItems: MAX_LAYERS, items: { type: 'string', pattern: DIFF_ID_PATTERN } },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        // The fields layerdiff reads; `created`, `author`, `comment` are left as they come.
        properties: { created_by: { type: 'string' }, empty_layer: { type: 'boolean' } },
      },
    },
  },
} as const;

const dockerManifestSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['Config', 'Layers'],
    properties: {
      Config: { type: 'string' },
      RepoTags: { type: ['array', 'null'], items: { type: 'string' } },
      Layers: { type: 'array', maxItems: MAX_LAYERS, items: { type: 'string' } },
      LayerSources: { type: 'object', additionalProperties: descriptor },
    },
  },
} as const;

const validIndex = lazyValidator(indexSchema);
const validManifest = lazyValidator(manifestSchema);
const validConfig = lazyValidator(configSchema);
const validDockerManifest = lazyValidator(dockerManifestSchema);

/** An OCI image index or Docker manifest list. `what` names the document: "index.json". */
export function validateImageIndex(data: unknown, subject: string, what: string): ImageIndex {
  checkShape(validIndex, data, subject, what);
  const index = data as ImageIndex;
  return { ...index, manifests: index.manifests ?? null };
}

/** An OCI image manifest or Docker v2 manifest. */
export function validateImageManifest(data: unknown, subject: string, what: string): ImageManifest {
  checkShape(validManifest, data, subject, what);
  return data as ImageManifest;
}

/** An image config: platform fields, rootfs.diff_ids, history. */
export function validateImageConfig(data: unknown, subject: string, what: string): ImageConfig & { rootfs: { diff_ids: string[] } } {
  checkShape(validConfig, data, subject, what);
  return data as ImageConfig & { rootfs: { diff_ids: string[] } };
}

/** The `manifest.json` of a `docker save` (or skopeo, ggcr, kaniko) archive. */
export function validateDockerManifest(data: unknown, subject: string): DockerArchiveManifestEntry[] {
  checkShape(validDockerManifest, data, subject, 'manifest.json');
  return (data as DockerArchiveManifestEntry[]).map((entry) => ({ ...entry, RepoTags: entry.RepoTags ?? null }));
}
