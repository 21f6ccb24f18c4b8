import type { Readable } from 'node:stream';
import type { InputNamer } from '../errors.js';
import type { ImageConfig } from '../image/oci.js';
import type { SnapshotSource, Snapshot } from '../core/snapshot.js';

export type { Compression } from '../core/compression.js';
import type { Compression } from '../core/compression.js';
import type { LayerIndex } from '../layers/layer-index.js';

/** One layer of a resolved image, before anything is measured. */
export interface LayerBlob {
  /** Position in the image, 0 = bottom. */
  index: number;
  /** Uncompressed digest from the config's rootfs.diff_ids. */
  diffId: string;
  /** Digest of the stored blob, when the format names it (OCI descriptors, blobs/sha256/ paths). */
  digest: string | null;
  /** Media type as the manifest declares it (may be wrong: compression is sniffed from bytes). */
  mediaType: string | null;
  /** Bytes as stored (file size in the archive, descriptor size in a registry); null if unknown. */
  storedSize: number | null;
  /**
   * Compression of the stored bytes when the source knows it without reading (sniffed magic bytes
   * for archives); null when it can only be learned by opening the blob.
   */
  compression: Compression | null;
  /** Uncompressed tar bytes when known without decompressing (uncompressed blob, snapshot). */
  uncompressedSize: number | null;
  /** `created_by` of the history entry this layer came from (empty_layer entries skipped). */
  createdBy: string | null;
  /** Streams the stored bytes, as stored (compressed or not). Never buffers the whole blob. */
  open(): Promise<Readable>;
}

/** One platform's image, resolved from any source, ready to snapshot. */
export interface ImageHandle {
  source: SnapshotSource;
  /** os/arch[/variant] */
  platform: string;
  manifestDigest: string | null;
  configDigest: string;
  config: ImageConfig;
  layers: LayerBlob[];
  /**
   * A ready snapshot when the source is one (snapshot:PATH, artifacts holding a snapshot):
   * nothing can be opened, everything is already measured.
   */
  snapshot?: Snapshot;
  /** A deep snapshot's file indexes, by diff_id: its layers' content as a deep scan saw it. */
  layerIndexes?: ReadonlyMap<string, LayerIndex>;
  /** Releases file handles, child processes, sockets. Safe to call twice. */
  close(): Promise<void>;
}

/** Every platform of one image reference (`--platform all`), read from one opened store. */
export interface ImageSet {
  reference: string;
  /** `os/arch[/variant]` of each image, in index order, each once (attestations skipped). */
  platforms: string[];
  /** Index entries set aside because an earlier one has the same platform (the first wins). */
  duplicates: number;
  /** One platform's image; its `close()` leaves the set's store open. */
  open(platform: string): Promise<ImageHandle>;
  /** Closes the store (file handles, sockets, spools). Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** os/arch[/variant] wanted; undefined = host platform if present, else the only one. */
  platform?: string | undefined;
  /** NAME:TAG to pick among several images in one archive. */
  image?: string | undefined;
  /** Registry credentials `user:password` given on the command line / input. */
  creds?: string | undefined;
  /** Where `creds` came from, for messages (default `--creds`): never the value itself. */
  credsOrigin?: string | undefined;
  /** Hosts to talk to over plain HTTP. */
  insecureRegistries?: string[] | undefined;
  /** How the running shell names its inputs in messages (default: the CLI's flags). */
  inputNames?: InputNamer | undefined;
  /** Progress messages for long work (stderr on a TTY, core.info in the action). */
  onProgress?: ((message: string) => void) | undefined;
}
