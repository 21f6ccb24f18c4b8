/**
 * Walks a tar stream block by block and records each entry in a `LayerIndexBuilder`, skipping file
 * bodies without copying them. Chunks of any size go in; nothing but one 512-byte header and the
 * body of a meta entry (PAX, GNU long name, at most 1 MiB) is ever held.
 *
 * Why not `tar`'s `Parser`: measured here on 200k-entry layers it lists ~100k entries/s (a
 * `ReadEntry` stream per entry) and its `Header` class alone ~180k/s; a layer scan must reach
 * 500k entries/s, which this walker does by decoding only the fields an index needs. Its output
 * is checked against `tar`'s `Parser` and GNU tar in the tests.
 *
 * Formats: ustar (with prefix), old GNU (long names `L`/`K`, sparse `S` with extension blocks),
 * PAX local and global headers (path, linkpath, size, uid, gid, GNU.sparse.* of PAX sparse 0.x/1.0),
 * base-256 numbers. Entry kinds and which types carry data follow Go's archive/tar, the reader
 * dockerd and dive use, so sizes agree with theirs. Stops at the first zero block: whatever follows
 * (estargz's table of contents, padding) is not part of the filesystem.
 */
import zlib from 'node:zlib';
import { EntryKind, normalizeEntryPath, type LayerIndexBuilder } from './layer-index.js';
import { BLOCK, checksumValid, cString, isZeroBlock, padding, readNumber } from './tar-block.js';

const MAX_META_BYTES = 1024 * 1024;
/**
 * Longest path or link target accepted, in bytes (Linux PATH_MAX). No filesystem can hold a longer
 * one, and each name is kept for the whole analysis: 200 names of 1 MiB would be 200 MiB.
 */
export const MAX_PATH_BYTES = 4096;

const State = { header: 0, skip: 1, data: 2, meta: 3, sparseExt: 4, done: 5 } as const;
type State = (typeof State)[keyof typeof State];

interface Overrides {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  sparseName?: string;
  sparseRealSize?: number;
}

const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export class TarFormatError extends Error {}

export class TarWalker {
  private state: State = State.header;
  /** Partial header (or sparse extension) block carried across chunks. */
  private readonly block = Buffer.alloc(BLOCK);
  private blockFill = 0;
  private skipBytes = 0;
  private dataRemain = 0;
  private dataPad = 0;
  private dataEntry = -1;
  private crc = 0;
  private meta: Buffer | null = null;
  private metaFill = 0;
  private metaType = 0;
  private local: Overrides | null = null;
  private global: Overrides | null = null;
  /** Byte offset of the current chunk's start, for error messages. */
  offset = 0;
  private blockAt = 0;
  private readonly hashing: boolean;

  constructor(private readonly out: LayerIndexBuilder) {
    this.hashing = out.fingerprint && crc32 !== undefined;
  }

  get finished(): boolean {
    return this.state === State.done;
  }

  /** Feeds uncompressed tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk: Buffer): void {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.header:
        case State.sparseExt: {
          if (this.blockFill === 0 && pos + BLOCK <= len) {
            this.blockAt = this.offset + pos;
            this.onBlock(chunk, pos);
            pos += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.blockFill, len - pos);
            chunk.copy(this.block, this.blockFill, pos, pos + n);
            this.blockFill += n;
            pos += n;
            if (this.blockFill === BLOCK) {
              this.blockFill = 0;
              this.blockAt = this.offset + pos - BLOCK;
              this.onBlock(this.block, 0);
            }
          }
          break;
        }
        case State.skip: {
          const n = Math.min(this.skipBytes, len - pos);
          pos += n;
          this.skipBytes -= n;
          if (this.skipBytes === 0) this.state = State.header;
          break;
        }
        case State.data: {
          const n = Math.min(this.dataRemain, len - pos);
          this.crc = crc32!(chunk.subarray(pos, pos + n), this.crc);
          pos += n;
          this.dataRemain -= n;
          if (this.dataRemain === 0) this.endData();
          break;
        }
        case State.meta: {
          const meta = this.meta!;
          const n = Math.min(meta.length - this.metaFill, len - pos);
          chunk.copy(meta, this.metaFill, pos, pos + n);
          this.metaFill += n;
          pos += n;
          if (this.metaFill === meta.length) this.endMeta();
          break;
        }
        case State.done:
          this.offset += len - pos;
          return;
      }
    }
    this.offset += len;
  }

  /** Call at the end of the stream: throws when it ended inside an entry. */
  end(): void {
    if (this.state === State.done) return;
    if (this.state === State.header && this.blockFill === 0) {
      // Go's reader accepts a stream that ends on an entry boundary without the two zero blocks.
      this.state = State.done;
      return;
    }
    throw new TarFormatError(`unexpected end of tar data at byte ${this.offset} (truncated layer?)`);
  }

  private endData(): void {
    this.out.setCrc(this.dataEntry, this.crc);
    this.skipBytes = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }

  private onBlock(buf: Buffer, off: number): void {
    if (this.state === State.sparseExt) {
      // Old GNU sparse extension block: 21 sparse descriptors, then the "more follow" flag.
      if (buf[off + 504] === 0) this.afterSparseExt();
      return;
    }
    this.onHeader(buf, off);
  }

  private pendingSkip = 0;
  private afterSparseExt(): void {
    this.beginBody(this.pendingSkip, -1);
  }

  private onHeader(buf: Buffer, off: number): void {
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.state = State.done;
      return;
    }
    if (!checksumValid(buf, off)) {
      throw new TarFormatError(`invalid tar header at byte ${this.blockAt} (bad checksum)`);
    }
    const type = buf[off + 156]!;
    const storedSize = readNumber(buf, off + 124, 12);
    if (storedSize < 0) throw new TarFormatError(`invalid tar header at byte ${this.blockAt}: bad size field`);

    // Meta entries describe the next entry; their bodies are small and kept.
    if (type === 0x78 /* x */ || type === 0x67 /* g */ || type === 0x4c /* L */ || type === 0x4b /* K */ || type === 0x58 /* X: old Solaris PAX */) {
      if (storedSize > MAX_META_BYTES) throw new TarFormatError(`tar meta header of ${storedSize} bytes exceeds ${MAX_META_BYTES} (corrupt layer?)`);
      this.metaType = type;
      this.meta = Buffer.allocUnsafe(storedSize);
      this.metaFill = 0;
      this.dataPad = padding(storedSize);
      if (storedSize === 0) this.endMeta();
      else this.state = State.meta;
      return;
    }
    if (type === 0x56 /* V: volume label */) {
      this.local = null;
      this.beginBody(storedSize + padding(storedSize), -1);
      return;
    }

    const local = this.local;
    const global = this.global;
    this.local = null;

    const ustar = buf[off + 257] === 0x75 && buf[off + 258] === 0x73 && buf[off + 259] === 0x74 && buf[off + 260] === 0x61 && buf[off + 261] === 0x72;
    const posix = ustar && buf[off + 262] === 0; // "ustar\0" (POSIX) vs "ustar  \0" (old GNU)
    let name = local?.path ?? global?.path;
    if (name === undefined) {
      name = readString(buf, off, 100);
      if (posix && buf[off + 345] !== 0) name = readString(buf, off + 345, 155) + '/' + name;
    }
    let kind: EntryKind;
    let headerOnly = false;
    switch (type) {
      case 0x30: // '0'
      case 0x00:
      case 0x37: // '7' contiguous
        kind = name.endsWith('/') ? EntryKind.dir : EntryKind.file;
        break;
      case 0x31: // '1'
        kind = EntryKind.hardlink;
        headerOnly = true;
        break;
      case 0x32:
        kind = EntryKind.symlink;
        headerOnly = true;
        break;
      case 0x33:
        kind = EntryKind.char;
        headerOnly = true;
        break;
      case 0x34:
        kind = EntryKind.block;
        headerOnly = true;
        break;
      case 0x35:
        kind = EntryKind.dir;
        headerOnly = true;
        break;
      case 0x36:
        kind = EntryKind.fifo;
        headerOnly = true;
        break;
      case 0x44: // 'D' GNU dump dir: a directory with a listing as data
        kind = EntryKind.dir;
        break;
      case 0x53: // 'S' old GNU sparse
        kind = EntryKind.file;
        break;
      default:
        // POSIX: unknown types read as regular files.
        kind = type >= 0x41 && type <= 0x5a ? EntryKind.other : EntryKind.file;
    }
    let dataSize = local?.size ?? global?.size ?? storedSize;
    let logicalSize = dataSize;
    if (type === 0x53) {
      logicalSize = readNumber(buf, off + 483, 12);
      if (logicalSize < 0) throw new TarFormatError(`invalid tar header at byte ${this.blockAt}: bad sparse real size field`);
    }
    const sparseName = local?.sparseName;
    if (sparseName !== undefined) name = sparseName;
    if (local?.sparseRealSize !== undefined) logicalSize = local.sparseRealSize;
    if (headerOnly) dataSize = 0;

    let link: string | null = null;
    if (kind === EntryKind.symlink || kind === EntryKind.hardlink) {
      const raw = local?.linkpath ?? global?.linkpath ?? readString(buf, off + 157, 100);
      link = kind === EntryKind.hardlink ? normalizeEntryPath(raw) : raw;
    }
    const mode = readNumber(buf, off + 100, 8);
    const uid = local?.uid ?? global?.uid ?? readNumber(buf, off + 108, 8);
    const gid = local?.gid ?? global?.gid ?? readNumber(buf, off + 116, 8);
    // Sizes as Go's archive/tar reports them (the header's field, logical for sparse files), so
    // dive-compatible figures agree; only regular files count towards content bytes.
    const entry = this.out.add(normalizeEntryPath(name), kind, kind === EntryKind.dir ? storedSize : logicalSize, mode < 0 ? 0 : mode, uid < 0 ? 0 : uid, gid < 0 ? 0 : gid, link);

    const body = dataSize + padding(dataSize);
    if (type === 0x53 && buf[off + 482] !== 0) {
      // Extension blocks come before the data and are not counted in the size field.
      this.pendingSkip = body;
      this.state = State.sparseExt;
      return;
    }
    this.beginBody(body, kind === EntryKind.file && this.hashing ? entry : -1, dataSize);
  }

  private beginBody(total: number, hashEntry: number, dataSize = 0): void {
    if (hashEntry >= 0) {
      this.dataEntry = hashEntry;
      this.crc = 0;
      this.dataRemain = dataSize;
      this.dataPad = total - dataSize;
      if (dataSize === 0) this.endData();
      else this.state = State.data;
      return;
    }
    this.skipBytes = total;
    this.state = total > 0 ? State.skip : State.header;
  }

  private endMeta(): void {
    const body = this.meta!;
    this.meta = null;
    switch (this.metaType) {
      case 0x78:
      case 0x58:
        this.local = parsePax(body, this.local ?? {});
        break;
      case 0x67:
        this.global = parsePax(body, this.global ?? {});
        break;
      case 0x4c:
        (this.local ??= {}).path = checkPath('GNU long name', cString(body));
        break;
      case 0x4b:
        (this.local ??= {}).linkpath = checkPath('GNU long link name', cString(body));
        break;
    }
    this.skipBytes = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
}

/** NUL-terminated field as UTF-8. */
function readString(buf: Buffer, off: number, length: number): string {
  let end = off;
  const limit = off + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString('utf8', off, end);
}

/** PAX records `"<len> <key>=<value>\n"`; keeps the keys an index uses. */
export function parsePax(body: Buffer, into: Overrides): Overrides {
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const recordLength = Number(body.toString('latin1', pos, space));
    if (!Number.isInteger(recordLength) || recordLength <= 0 || pos + recordLength > body.length) {
      if (body[pos] === 0) break; // NUL padding after the last record
      throw new TarFormatError('invalid PAX header record');
    }
    const record = body.toString('utf8', space + 1, pos + recordLength - 1);
    pos += recordLength;
    const eq = record.indexOf('=');
    if (eq < 0) continue;
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    switch (key) {
      case 'path':
        into.path = checkPath('PAX path', value);
        break;
      case 'linkpath':
        into.linkpath = checkPath('PAX linkpath', value);
        break;
      case 'mtime':
      case 'atime':
      case 'ctime':
        // Not kept, but a malformed time means a malformed header. POSIX times may be negative and
        // carry a fraction (GNU tar --posix writes them so), unlike sizes and ids.
        if (!/^-?[0-9]{1,15}(\.[0-9]{1,9})?$/.test(value)) throw new TarFormatError(`invalid PAX ${key} "${clip(value)}"`);
        break;
      case 'size':
        setNumber(into, 'size', value);
        break;
      case 'uid':
        setNumber(into, 'uid', value);
        break;
      case 'gid':
        setNumber(into, 'gid', value);
        break;
      case 'GNU.sparse.name':
        into.sparseName = checkPath('PAX GNU.sparse.name', value);
        break;
      case 'GNU.sparse.realsize':
      case 'GNU.sparse.size':
        setNumber(into, 'sparseRealSize', value);
        break;
    }
  }
  return into;
}

/** PAX sizes and ids: decimal digits only (no sign, fraction, exponent, hex or blanks), within 2^53. */
function setNumber(into: Overrides, key: 'size' | 'uid' | 'gid' | 'sparseRealSize', value: string): void {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) into[key] = n;
  else throw new TarFormatError(`invalid PAX ${key} "${clip(value)}" (not a non-negative integer)`);
}

function checkPath(what: string, value: string): string {
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PATH_BYTES) throw new TarFormatError(`${what} of ${bytes} bytes is longer than ${MAX_PATH_BYTES}; refusing`);
  return value;
}

/** A field as it can be shown in a one-line message. */
function clip(value: string): string {
  const oneLine = JSON.stringify(value).slice(1, -1);
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
