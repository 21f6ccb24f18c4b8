/**
 * What every image source answers, and nothing more (the idea of go-containerregistry's `partial`
 * package): where the image starts (`top`), the bytes of a small document, and a layer blob's size
 * and stream. Index → manifest → config → layers resolution is written once over this interface
 * (src/image/resolve.ts), so adding a source is one file that implements it.
 */
import type { Readable } from 'node:stream';

/** A blob named by its digest (OCI layouts, registries) or by a path a docker `manifest.json` lists. */
export type BlobKey = { digest: string } | { path: string };

/** A blob the store holds, known without reading its body. */
export interface BlobStat {
  /** Where the store found it, in its own terms: the path after links in an archive, the digest in a registry. */
  location: string;
  /** Bytes as stored; null when the store learns it only by fetching (a registry: the descriptor says). */
  size: number | null;
  /** First bytes (up to 4) when the store has them without a request, to sniff compression; else null. */
  head: Buffer | null;
}

/** A small document (manifest, index, config) read whole. The resolver checks its digest and size. */
export interface SmallBlob {
  bytes: Buffer;
  /** As in BlobStat: lets a docker `manifest.json` config named by path reveal its digest. */
  location: string;
  /** The type the store declared for it (a registry's Content-Type); undefined when it has none. */
  contentType?: string | undefined;
}

/**
 * Where the image starts.
 * - `files`: a store of named files (archive, OCI layout directory, `docker save` output) says which
 *   top-level files it has; the resolver reads them by path (`index.json`, `manifest.json`: a Docker
 *   `manifest.json` is one more kind of top-level index). A store with neither throws from `top()`,
 *   saying what it holds instead.
 * - `document`: a store addressed by reference (a registry tag or digest) hands over the one document
 *   it names, an image index or an image manifest, and the digest to report for it.
 */
export type TopLevel =
  { kind: 'files'; index: boolean; layout: boolean; dockerManifest: boolean } | { kind: 'document'; blob: SmallBlob; digest: string; tags: string[] | null };

export interface BlobStore {
  /** Names the input in every error message. */
  readonly subject: string;
  /**
   * `local`: reading a blob is cheap and a store may lack blobs an index lists (a containerd export
   * holds one platform), so the resolver reads every listed manifest and keeps complete images.
   * `remote`: every listed blob is there and each read is a request, so the resolver reads only the
   * manifest it chooses and never a layer.
   */
  readonly locality: 'local' | 'remote';
  top(): Promise<TopLevel>;
  /**
   * A manifest, index or config whole, at most `cap` bytes (larger is refused naming `what`);
   * null when the store does not hold it. `role` matters to registries (manifests and blobs are
   * fetched from different endpoints).
   */
  readSmall(key: BlobKey, role: 'manifest' | 'blob', cap: number, what: string): Promise<SmallBlob | null>;
  /** A layer blob's location, size and head; null when absent. Never reads the body. */
  stat(key: BlobKey): Promise<BlobStat | null>;
  /** Streams a blob as stored, never holding it whole. `what` names it in errors ("layer 2/5 (sha256:…)"). */
  open(blob: BlobStat, what: string): Promise<Readable>;
  /** Releases file handles, sockets, child processes. Safe to call twice. */
  close(): Promise<void>;
}
