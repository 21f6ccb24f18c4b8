/**
 * What a manifest document fetched by reference is (an index or an image manifest), told apart by
 * its declared type and its shape. Pure: no I/O.
 */
import { inputError } from '../errors.js';
import { MediaType, type ImageIndex, type ImageManifest } from './oci.js';
import { validateImageIndex, validateImageManifest } from '../schema/image-json.js';
import { JsonCap, parseJsonBounded } from '../schema/json-input.js';

const DockerSchema1 = 'application/vnd.docker.distribution.manifest.v1+json';
const DockerSchema1Signed = 'application/vnd.docker.distribution.manifest.v1+prettyjws';

/**
 * Every manifest type layerdiff reads. Registries pick the response type from this list; leaving
 * one out makes some answer 404 or downgrade to schema 1, so all four are always sent.
 */
export const MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, MediaType.dockerManifest].join(', ');

export type ParsedManifest = { kind: 'index'; mediaType: string; index: ImageIndex } | { kind: 'manifest'; mediaType: string; manifest: ImageManifest };

/**
 * Classifies manifest bytes by their Content-Type, falling back to the document's own `mediaType`
 * and shape (some registries answer `application/json`).
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, subject: string): ParsedManifest {
  const headerType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (headerType === DockerSchema1 || headerType === DockerSchema1Signed) throw schema1Error(subject);
  let data: unknown;
  try {
    data = parseJsonBounded(bytes, JsonCap.manifest, subject, 'manifest');
  } catch (error) {
    if (error instanceof Error && / is not valid JSON /.test(error.message))
      throw inputError(subject, `manifest is not JSON (Content-Type ${headerType || 'none'})`);
    throw error;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw inputError(subject, 'manifest is not a JSON object');
  const doc = data as { schemaVersion?: unknown; mediaType?: unknown; manifests?: unknown; layers?: unknown; config?: unknown; fsLayers?: unknown };
  if (doc.schemaVersion === 1 || Array.isArray(doc.fsLayers)) throw schema1Error(subject);
  const declared = typeof doc.mediaType === 'string' ? doc.mediaType : '';
  const type = isKnown(headerType) ? headerType : declared;
  const looksLikeIndex = type === MediaType.ociIndex || type === MediaType.dockerManifestList || (type === '' && Array.isArray(doc.manifests));
  if (looksLikeIndex) {
    if (!Array.isArray(doc.manifests)) throw inputError(subject, 'image index has no "manifests" list');
    return { kind: 'index', mediaType: type || MediaType.ociIndex, index: validateImageIndex(data, subject, 'image index') };
  }
  const looksLikeManifest = type === MediaType.ociManifest || type === MediaType.dockerManifest || (type === '' && Array.isArray(doc.layers));
  if (looksLikeManifest) {
    if (!Array.isArray(doc.layers) || !doc.config || typeof doc.config !== 'object') {
      throw inputError(subject, 'image manifest has no config or layers');
    }
    return { kind: 'manifest', mediaType: type || MediaType.ociManifest, manifest: validateImageManifest(data, subject, 'image manifest') };
  }
  throw inputError(subject, `unsupported manifest type ${type || '(none)'}; expected an OCI or Docker v2 image manifest or index`);
}

function isKnown(type: string): boolean {
  return type === MediaType.ociIndex || type === MediaType.dockerManifestList || type === MediaType.ociManifest || type === MediaType.dockerManifest;
}

function schema1Error(subject: string) {
  return inputError(
    subject,
    'the registry serves a Docker schema 1 manifest, which layerdiff does not read (it has no layer digests of uncompressed content); push the image again with a current client',
  );
}

/** Uncompressed size when the media type says the blob is a plain tar; null otherwise. */
export function isUncompressedTar(mediaType: string | undefined): boolean {
  return mediaType === MediaType.ociLayerTar || mediaType === 'application/vnd.docker.image.rootfs.diff.tar';
}
