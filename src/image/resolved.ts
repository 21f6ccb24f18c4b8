/** What resolving an image yields, whatever the source, and the config facts every path reads. */
import { validateImageConfig } from '../schema/image-json.js';
import type { BlobStat } from './blob-store.js';
import type { ImageConfig } from './oci.js';
import type { PlatformSpec } from './platform.js';

/** Archive layouts told apart from content (DESIGN.md: "format detected from content"). */
export type ArchiveFormat = 'docker-legacy' | 'docker-oci' | 'oci' | 'containerd' | 'tarball';

export interface ResolveOptions {
  /** os/arch[/variant] wanted; undefined = the host's if present, else the only one. */
  platform?: string | undefined;
  /** NAME:TAG to pick among several images of one archive (a registry reference names one already). */
  image?: string | undefined;
}

export interface ResolvedLayer {
  /** Where the store holds the blob (size filled from the descriptor when the store cannot tell). */
  blob: BlobStat;
  diffId: string;
  digest: string | null;
  mediaType: string | null;
  createdBy: string | null;
}

/** One platform's image, its layer blobs located, nothing measured. */
export interface ResolvedImage {
  /** Layout of a store of files; null for a store addressed by reference (a registry). */
  format: ArchiveFormat | null;
  /** Names the image carries; null when the source names none (a registry reference by digest). */
  tags: string[] | null;
  platform: string;
  manifestDigest: string | null;
  config: ImageConfig;
  configDigest: string;
  layers: ResolvedLayer[];
}

export function configPlatform(config: ImageConfig): PlatformSpec {
  return { os: config.os ?? 'unknown', architecture: config.architecture ?? 'unknown', variant: config.variant };
}

/** An image config checked before use (src/schema/image-json.ts: diff_ids, history, platform fields). */
export function checkConfig(data: unknown, subject: string, what: string): ImageConfig {
  return validateImageConfig(data, subject, what);
}
