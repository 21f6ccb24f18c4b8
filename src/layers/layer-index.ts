/**
 * The compact file index of one layer: what a deep scan keeps of a layer tar, one row per tar
 * entry, in columns (typed arrays) so 200k entries cost a few MB and cross a worker boundary as a
 * handful of buffers instead of 200k objects.
 */
import type { Compression } from '../core/compression.js';
import { TarKind } from '../tar/entry-reader.js';
import { PackageCapture } from './packages/capture.js';
import type { PackageRecord } from './packages/record.js';

/**
 * Entry kinds, as stored in `LayerIndex.kinds`: the tar reader's kinds (src/tar/entry-reader.ts).
 * Whiteouts are regular names (`.wh.*`) here: their meaning is applied by `flatten`.
 */
export const EntryKind = TarKind;
export type EntryKind = TarKind;

export interface LayerIndex {
  /** Number of tar entries (meta headers such as PAX and GNU long names are not entries). */
  count: number;
  /** Normalised paths: no leading `/` or `./`, no trailing `/`, `.`/`..` resolved; `''` is the root. */
  paths: string[];
  kinds: Uint8Array;
  /** Bytes of the entry's content: logical size for regular (and sparse) files, 0 for every other kind (a size field on a directory or link counts for nothing). */
  sizes: Float64Array;
  /** Permission bits (`& 0o7777`). */
  modes: Uint32Array;
  uids: Uint32Array;
  gids: Uint32Array;
  /** CRC-32 of each regular file's stored bytes, when the scan was asked to fingerprint content. */
  crcs: Int32Array | null;
  /** Link targets of symlinks and hardlinks, by entry position (normalised for hardlinks, as written for symlinks). */
  links: Map<number, string>;
  /** Sum of regular-file bytes (the layer's `contentSize`). */
  contentBytes: number;
  /** Uncompressed tar bytes walked. */
  tarBytes: number;
  /** Stored bytes read. */
  storedBytes: number;
  compression: Compression;
  /**
   * What the package databases this layer carries say (dpkg, apk, npm, Python), one record per
   * package entry of each database file; null when it carries none. Plain data (crosses the worker
   * boundary, stored as-is in deep snapshots); absent on indexes built before package capture.
   */
  packages?: PackageRecord[] | null;
}

/**
 * Most entries a deep scan indexes, over all the layers of a run. What one entry costs, from the
 * tar header to the flattened filesystem, is about 300 bytes of peak RSS: 1,000,000 entries took
 * 344 MB, 500,000 took 210 MB, 750,000 stays under the 300 MB budget. Real images hold tens of
 * thousands (a 2 GiB image of 200k files is large). LAYERDIFF_MAX_ENTRIES raises it for a machine
 * with memory to spare.
 */
export const MAX_DEEP_ENTRIES = envCount('LAYERDIFF_MAX_ENTRIES') ?? 750_000;

function envCount(name: string): number | undefined {
  const raw = process.env[name];
  const n = raw ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A layer (or the layers of a run together) holds more entries than a deep scan indexes. */
export class EntryLimitError extends Error {
  constructor(limit: number) {
    super(`more than ${limit} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it)`);
  }
}

/** The index of a layer with no entries (the other side of a removed layer's file list). */
export function emptyLayerIndex(): LayerIndex {
  return new LayerIndexBuilder(false).finish({ tarBytes: 0, storedBytes: 0, compression: 'none' });
}

/** Grows typed columns as entries arrive; `finish()` trims them to the entry count. */
export class LayerIndexBuilder {
  private capacity = 0;
  count = 0;
  contentBytes = 0;
  readonly paths: string[] = [];
  private kinds = new Uint8Array(0);
  private sizes = new Float64Array(0);
  private modes = new Uint32Array(0);
  private uids = new Uint32Array(0);
  private gids = new Uint32Array(0);
  private crcs: Int32Array | null;
  readonly links = new Map<number, string>();
  /** Package database files met during the scan (their content, bounded). */
  readonly packages = new PackageCapture();

  constructor(
    readonly fingerprint: boolean,
    private readonly maxEntries = MAX_DEEP_ENTRIES,
  ) {
    this.crcs = fingerprint ? new Int32Array(0) : null;
    this.grow(1024);
  }

  private grow(capacity: number): void {
    this.capacity = capacity;
    this.kinds = resize(this.kinds, capacity, Uint8Array);
    this.sizes = resize(this.sizes, capacity, Float64Array);
    this.modes = resize(this.modes, capacity, Uint32Array);
    this.uids = resize(this.uids, capacity, Uint32Array);
    this.gids = resize(this.gids, capacity, Uint32Array);
    if (this.crcs) this.crcs = resize(this.crcs, capacity, Int32Array);
  }

  /** Appends an entry and returns its position. */
  add(path: string, kind: EntryKind, size: number, mode: number, uid: number, gid: number, link: string | null): number {
    if (this.count === this.capacity) {
      if (this.count >= this.maxEntries) throw new EntryLimitError(this.maxEntries);
      this.grow(Math.min(this.capacity * 2, this.maxEntries));
    }
    const i = this.count++;
    this.paths.push(path);
    this.kinds[i] = kind;
    this.sizes[i] = size;
    this.modes[i] = mode & 0o7777;
    this.uids[i] = clampU32(uid);
    this.gids[i] = clampU32(gid);
    if (link !== null) this.links.set(i, link);
    if (kind === EntryKind.file) this.contentBytes += size;
    return i;
  }

  setCrc(i: number, crc: number): void {
    if (this.crcs) this.crcs[i] = crc | 0;
  }

  finish(extra: { tarBytes: number; storedBytes: number; compression: Compression }): LayerIndex {
    const n = this.count;
    return {
      count: n,
      paths: this.paths,
      kinds: this.kinds.slice(0, n),
      sizes: this.sizes.slice(0, n),
      modes: this.modes.slice(0, n),
      uids: this.uids.slice(0, n),
      gids: this.gids.slice(0, n),
      crcs: this.crcs ? this.crcs.slice(0, n) : null,
      links: this.links,
      contentBytes: this.contentBytes,
      ...extra,
      packages: this.packages.records(),
    };
  }
}

type TypedArray = Uint8Array | Float64Array | Uint32Array | Int32Array;
function resize<T extends TypedArray>(old: T, capacity: number, ctor: new (n: number) => T): T {
  const next = new ctor(capacity);
  next.set(old.subarray(0, Math.min(old.length, capacity)));
  return next;
}

function clampU32(n: number): number {
  return n >= 0 && n <= 0xffffffff ? n : 0xffffffff;
}

/** The buffers of an index, to transfer (not copy) across a worker boundary. */
export function transferList(index: LayerIndex): ArrayBuffer[] {
  const list: ArrayBuffer[] = [index.kinds.buffer, index.sizes.buffer, index.modes.buffer, index.uids.buffer, index.gids.buffer] as ArrayBuffer[];
  if (index.crcs) list.push(index.crcs.buffer as ArrayBuffer);
  return list;
}

/**
 * Normalises a tar entry name the way Go's `path.Clean` does for image tools (dockerd, dive):
 * leading `./` and `/` dropped, `//` and `.` collapsed, `..` resolved without leaving the root,
 * trailing `/` dropped. The fast path returns the name untouched when it is already clean.
 */
export function normalizeEntryPath(raw: string): string {
  if (isClean(raw)) return raw;
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** No leading `/` or `./`, no trailing `/`, no empty, `.` or `..` segment; one pass, no allocation. */
function isClean(p: string): boolean {
  const n = p.length;
  if (n === 0) return true;
  if (p.charCodeAt(n - 1) === 0x2f) return false;
  let segmentStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 0x2f) continue;
    const len = i - segmentStart;
    if (len === 0) return false;
    if (p.charCodeAt(segmentStart) === 0x2e && (len === 1 || (len === 2 && p.charCodeAt(segmentStart + 1) === 0x2e))) return false;
    segmentStart = i + 1;
  }
  return true;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
