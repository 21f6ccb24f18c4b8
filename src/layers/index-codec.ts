/**
 * A layer's file index (src/layers/layer-index.ts) as plain JSON, for deep snapshots
 * (`layerdiff snapshot --deep`): what a later `diff snapshot:base.json head --deep` needs of the
 * base without the base image. Columns, not objects, so 74,000 entries cost a few MB of JSON and
 * well under 1 MB gzip-compressed:
 *
 * - paths are front-coded in tar order: `prefix[i]` characters shared with path i-1, then
 *   `suffix[i]` (tar order walks directories, so most of a path repeats the previous one);
 * - fixed-width columns are little-endian typed arrays in base64 (`kinds` u8, `modes` u16,
 *   `uids`/`gids` u32 or null when all 0, `crcs` i32 or null when not fingerprinted);
 * - `sizes` are plain JSON numbers: measured on 84,572 real entries they take 376 kB raw / 146 kB
 *   gzip against 902 kB / 209 kB as base64 f64 (most are small or 0). Front-coded paths take
 *   1.43 MB / 265 kB against 4.87 MB / 415 kB in full; CRCs are noise either way (3.5 B/entry gzip);
 * - link targets are two parallel lists (`links.at` positions, `links.to` targets);
 * - `extra` carries the index's other plain-JSON fields (package records ...): written as they
 *   are, read back only for the names `INDEX_EXTRAS` has a check for (others are dropped).
 *
 * Decoding trusts nothing: every column length, kind, size, mode, path and link is checked, and
 * the decoded path characters are bounded, before a `LayerIndex` is handed out.
 */
import type { Compression } from '../core/compression.js';
import { EntryKind, MAX_DEEP_ENTRIES, normalizeEntryPath, type LayerIndex } from './layer-index.js';
import { PACKAGE_LIMITS, packageCost, packageRecordsProblem, type PackageRecord } from './packages/record.js';

export const FILE_INDEX_FORMAT = 'layerdiff/file-index@1';

export interface FileIndexJson {
  format: typeof FILE_INDEX_FORMAT;
  count: number;
  prefix: string;
  suffix: string[];
  kinds: string;
  modes: string;
  sizes: number[];
  uids: string | null;
  gids: string | null;
  crcs: string | null;
  links: { at: number[]; to: string[] };
  extra?: Record<string, unknown>;
}

/** Longest shared prefix a `prefix` entry can say (it is a u16). */
const MAX_PREFIX = 0xffff;

/**
 * Most path characters the paths of a deep snapshot may decode to, over all its layers. Front
 * coding makes short JSON stand for long paths (a 65,535-character prefix repeated for every
 * entry), so the decoded total is bounded on its own: 48 Mi characters is 64 per entry at the
 * 750,000-entry cap; a real 74,000-file image decodes to about 5 Mi.
 */
export const MAX_INDEX_PATH_CHARS = 48 * 1024 * 1024;

/** Fields of a LayerIndex the columns carry; any other own field is an `extra`. */
const COLUMN_FIELDS = new Set([
  'count',
  'paths',
  'kinds',
  'sizes',
  'modes',
  'uids',
  'gids',
  'crcs',
  'links',
  'contentBytes',
  'tarBytes',
  'storedBytes',
  'compression',
]);
const EXTRA_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;

/**
 * Extra index fields a deep snapshot may bring back, each with its check (null: accepted, else the
 * reason). The code that reads such a field can then rely on its shape; a field without a check
 * is dropped on read, so a snapshot cannot put an unchecked value where an analysis looks.
 * `packages` (the layer's package records): checked field by field, with the parsers' own bounds
 * (`packageRecordsProblem`), so attribution reads them as it reads the records it makes.
 */
export const INDEX_EXTRAS: Readonly<Record<string, (value: unknown) => string | null>> = {
  packages: packageRecordsProblem,
};

/** The JSON form of one layer's index. */
export function encodeLayerIndex(index: LayerIndex): FileIndexJson {
  const n = index.count;
  const prefix = Buffer.alloc(n * 2);
  const suffix: string[] = new Array<string>(n);
  let previous = '';
  for (let i = 0; i < n; i++) {
    const path = index.paths[i]!;
    const shared = Math.min(commonPrefix(previous, path), MAX_PREFIX);
    prefix.writeUInt16LE(shared, i * 2);
    suffix[i] = path.slice(shared);
    previous = path;
  }
  const modes = Buffer.alloc(n * 2);
  const sizes: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    modes.writeUInt16LE(index.modes[i]! & 0o7777, i * 2);
    sizes[i] = index.sizes[i]!;
  }
  const at: number[] = [];
  const to: string[] = [];
  for (const [i, target] of [...index.links].sort((a, b) => a[0] - b[0])) {
    at.push(i);
    to.push(target);
  }
  const extra = extraFields(index);
  return {
    format: FILE_INDEX_FORMAT,
    count: n,
    prefix: prefix.toString('base64'),
    suffix,
    kinds: Buffer.from(index.kinds.buffer, index.kinds.byteOffset, n).toString('base64'),
    modes: modes.toString('base64'),
    sizes,
    uids: allZero(index.uids) ? null : u32Base64(index.uids),
    gids: allZero(index.gids) ? null : u32Base64(index.gids),
    crcs: index.crcs ? u32Base64(index.crcs) : null,
    links: { at, to },
    ...(extra ? { extra } : {}),
  };
}

/** What a decode may still use, shared by the layers of one snapshot. */
export interface DecodeBudget {
  entries: number;
  pathChars: number;
  /**
   * Package records and listed paths still allowed over all layers (`PACKAGE_LIMITS.run`): a deep
   * scan keeps no more (past it, it drops every layer's records), so a snapshot holding more was
   * not written by one, and attribution over millions of listed paths would cost minutes.
   */
  packageCost?: number;
}

export function newDecodeBudget(): DecodeBudget {
  return { entries: MAX_DEEP_ENTRIES, pathChars: MAX_INDEX_PATH_CHARS, packageCost: PACKAGE_LIMITS.run };
}

/** What the snapshot's layer says about the bytes the index came from. */
export interface LayerBytes {
  tarBytes: number;
  storedBytes: number;
  compression: Compression;
}

/** A refused index: `where` is the JSON pointer of the offending field. */
export class FileIndexError extends Error {
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

/**
 * The LayerIndex a schema-checked `FileIndexJson` stands for. `where` is its JSON pointer, for
 * messages. Throws FileIndexError on any inconsistency (the caller names the file).
 */
export function decodeLayerIndex(json: FileIndexJson, bytes: LayerBytes, budget: DecodeBudget, where: string): LayerIndex {
  const n = json.count;
  const fail = (field: string, reason: string): never => {
    throw new FileIndexError(`${where}/${field}`, reason);
  };
  if (!Number.isSafeInteger(n) || n < 0) fail('count', 'not a count');
  if (n > budget.entries) fail('count', `more entries than a deep scan indexes (${MAX_DEEP_ENTRIES} over all layers; LAYERDIFF_MAX_ENTRIES raises it)`);
  budget.entries -= n;
  const column = (field: 'prefix' | 'kinds' | 'modes' | 'uids' | 'gids' | 'crcs', width: number): Buffer => {
    const text = json[field] as string;
    const buf = Buffer.from(text, 'base64');
    // Buffer.from skips what is not base64: the length check below catches a short column, the
    // schema's pattern the stray characters.
    if (buf.length !== n * width) fail(field, `holds ${Math.floor(buf.length / width)} values for ${n} entries`);
    return buf;
  };
  if (!Array.isArray(json.suffix) || json.suffix.length !== n)
    fail('suffix', `holds ${Array.isArray(json.suffix) ? json.suffix.length : 0} values for ${n} entries`);

  const prefix = column('prefix', 2);
  const paths: string[] = new Array<string>(n);
  let previous = '';
  for (let i = 0; i < n; i++) {
    const shared = prefix.readUInt16LE(i * 2);
    if (shared > previous.length) fail(`prefix`, `entry ${i} shares ${shared} characters with a path of ${previous.length}`);
    const suffix = json.suffix[i]!;
    const length = shared + suffix.length;
    budget.pathChars -= length;
    if (budget.pathChars < 0) fail('suffix', `paths longer than ${MAX_INDEX_PATH_CHARS} characters in all`);
    // Flattened once (not a rope of slices), so each path holds its own characters only.
    const path = shared === 0 ? suffix : previous.slice(0, shared) + suffix;
    if (normalizeEntryPath(path) !== path) fail(`suffix/${i}`, 'not a normalised path (empty, ".", ".." segment, leading or trailing "/")');
    paths[i] = path;
    previous = path;
  }

  const kindBytes = column('kinds', 1);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = kindBytes[i]!;
    if (k > EntryKind.other) fail('kinds', `entry ${i} has unknown kind ${k}`);
    kinds[i] = k;
  }
  const modeBytes = column('modes', 2);
  const modes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const m = modeBytes.readUInt16LE(i * 2);
    if (m > 0o7777) fail('modes', `entry ${i} has mode ${m.toString(8)} (more than permission bits)`);
    modes[i] = m;
  }
  if (!Array.isArray(json.sizes) || json.sizes.length !== n)
    fail('sizes', `holds ${Array.isArray(json.sizes) ? json.sizes.length : 0} values for ${n} entries`);
  const sizes = new Float64Array(n);
  let contentBytes = 0;
  for (let i = 0; i < n; i++) {
    const s = json.sizes[i]!;
    if (!Number.isSafeInteger(s) || s < 0) fail('sizes', `entry ${i} has size ${s}`);
    if (s !== 0 && kinds[i] !== EntryKind.file) fail('sizes', `entry ${i} is not a regular file but has ${s} bytes`);
    sizes[i] = s;
    contentBytes += s;
  }
  if (!Number.isSafeInteger(contentBytes)) fail('sizes', 'content bytes add up past 2^53');
  const u32 = (field: 'uids' | 'gids'): Uint32Array => {
    const out = new Uint32Array(n);
    if (json[field] === null) return out;
    const buf = column(field, 4);
    for (let i = 0; i < n; i++) out[i] = buf.readUInt32LE(i * 4);
    return out;
  };
  const uids = u32('uids');
  const gids = u32('gids');
  let crcs: Int32Array | null = null;
  if (json.crcs !== null) {
    const buf = column('crcs', 4);
    crcs = new Int32Array(n);
    for (let i = 0; i < n; i++) crcs[i] = buf.readInt32LE(i * 4);
  }

  const links = new Map<number, string>();
  const { at, to } = json.links;
  if (at.length !== to.length) fail('links', `${at.length} positions for ${to.length} targets`);
  let last = -1;
  for (let j = 0; j < at.length; j++) {
    const i = at[j]!;
    if (!Number.isSafeInteger(i) || i <= last || i >= n) fail(`links/at/${j}`, `position ${i} is out of order or past ${n} entries`);
    if (kinds[i] !== EntryKind.symlink && kinds[i] !== EntryKind.hardlink) fail(`links/at/${j}`, `entry ${i} is not a link`);
    budget.pathChars -= to[j]!.length;
    if (budget.pathChars < 0) fail('links', `paths longer than ${MAX_INDEX_PATH_CHARS} characters in all`);
    links.set(i, to[j]!);
    last = i;
  }

  const index: LayerIndex = { count: n, paths, kinds, sizes, modes, uids, gids, crcs, links, contentBytes, ...bytes };
  for (const [name, value] of Object.entries(json.extra ?? {})) {
    if (!EXTRA_NAME.test(name) || COLUMN_FIELDS.has(name)) fail(`extra/${name}`, 'not a field an index may carry');
    const check = Object.hasOwn(INDEX_EXTRAS, name) ? INDEX_EXTRAS[name]! : null;
    if (check === null) continue;
    const reason = check(value);
    if (reason !== null) fail(`extra/${name}`, reason);
    if (name === 'packages') {
      budget.packageCost = (budget.packageCost ?? PACKAGE_LIMITS.run) - packageCost(value as PackageRecord[] | null);
      if (budget.packageCost < 0)
        fail(`extra/${name}`, `more than ${PACKAGE_LIMITS.run} package records and listed paths over all layers (more than a deep scan keeps)`);
    }
    (index as unknown as Record<string, unknown>)[name] = value;
  }
  return index;
}

/**
 * Other fields of the index that are plain JSON (helpers add optional ones, such as the package
 * records of a layer): carried through as they are. Functions, Maps, typed arrays are skipped.
 */
function extraFields(index: LayerIndex): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [name, value] of Object.entries(index)) {
    if (COLUMN_FIELDS.has(name) || value === undefined || !EXTRA_NAME.test(name) || !isPlainJson(value, 0)) continue;
    out[name] = value;
    any = true;
  }
  return any ? out : null;
}

function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isPlainJson(v, depth + 1));
  }
  return false;
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never split a surrogate pair: the suffix must stay valid UTF-16 on its own in JSON.
  if (i > 0 && i < b.length && isHighSurrogate(b.charCodeAt(i - 1))) i--;
  return i;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function allZero(column: Uint32Array): boolean {
  for (let i = 0; i < column.length; i++) if (column[i] !== 0) return false;
  return true;
}

function u32Base64(column: Uint32Array | Int32Array): string {
  const buf = Buffer.alloc(column.length * 4);
  for (let i = 0; i < column.length; i++) buf.writeUInt32LE(column[i]! >>> 0, i * 4);
  return buf.toString('base64');
}
