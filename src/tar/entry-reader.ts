/**
 * The one tar reader: which entries a tar stream holds, header by header. A push parser: chunks of
 * any size go in, each entry's decoded header comes out to a sink, and bodies are passed over
 * without copying (or handed to the sink when it asks for them). Nothing but one 512-byte header
 * and the body of a meta entry (PAX, GNU long name, at most MAX_META_BYTES) is ever held.
 *
 * Two readers drive it:
 * - the layer scanner (src/layers/tar-walker.ts) pushes a whole decompressed layer through it;
 * - the archive index (src/sources/archive/tar-walk.ts) pushes only header blocks and meta bodies,
 *   and seeks over file bodies itself (`skipping`/`bytesWanted`/`skip`), so indexing a 2 GiB
 *   `docker save` reads a few KB.
 *
 * Why not `tar`'s `Parser`: measured here on 200k-entry layers it lists ~100k entries/s (a
 * `ReadEntry` stream per entry) and its `Header` class alone ~180k/s; a layer scan must reach
 * 500k entries/s, which this reader does by decoding only the fields an index needs. Its output is
 * checked against `tar`'s `Parser` and GNU tar in the tests.
 *
 * Formats: ustar (with prefix), v7, old GNU (long names `L`/`K`, sparse `S` with extension blocks),
 * PAX local (`x`, and Solaris `X`) and global (`g`) headers (path, linkpath, size, uid, gid,
 * GNU.sparse.* of PAX sparse 0.x/1.0), base-256 numbers, volume labels (`V`, skipped). Stops at the
 * first zero block: whatever follows (estargz's table of contents, padding) is not part of the
 * filesystem.
 *
 * Rules, one set for every reader:
 * - Which types carry a body follows Go's archive/tar (the reader dockerd and dive use): hard
 *   links, symlinks, devices, directories and FIFOs are header-only whatever their size field says.
 * - Sizes: `size` is the entry's content, the logical size of a regular (or sparse) file and 0 for
 *   every other kind; a size field on a directory or link counts for nothing (a directory header
 *   claiming 2^60 bytes is a directory of 0 bytes, as dockerd applies it).
 * - Unknown type flags: an upper-case letter `A`–`Z` is a vendor extension (POSIX reserves them for
 *   implementations: Solaris ACLs `A`, GNU multi-volume `M`, GNU `N`...) and reads as `other`, its
 *   body passed over; any other unknown value reads as a regular file, as POSIX requires
 *   ("treat any unrecognized typeflag value as a regular file").
 */
import { checkPath, MAX_META_BYTES, TarFormatError } from './format-error.js';
import { BLOCK, checksumValid, cString, isZeroBlock, padding, readNumber, readString } from './header-block.js';
import { parsePax, type PaxFields } from './pax-records.js';

/** Entry kinds (the numbering the layer index stores). */
export const TarKind = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  char: 4,
  block: 5,
  fifo: 6,
  other: 7,
} as const;
export type TarKind = (typeof TarKind)[keyof typeof TarKind];

/** One entry's decoded header. The reader reuses one object: copy what you keep. */
export interface TarHeader {
  /** Path as written (PAX or GNU long name applied), not normalised. */
  path: string;
  kind: TarKind;
  /** The raw type flag byte. */
  typeflag: number;
  /** Content bytes: a regular file's logical size (real size of a sparse file); 0 for other kinds. */
  size: number;
  /** Bytes of body after the header (for a sparse file, the stored data; 0 for header-only types). */
  bodySize: number;
  /** Offset of the header block in the stream. */
  headerAt: number;
  /** Offset of the body in the stream (after any sparse extension blocks). */
  bodyAt: number;
  /** Sparse file (old GNU `S` or PAX GNU.sparse.*): the body is a map and data, not the file's bytes. */
  sparse: boolean;
  /** Link target of a symlink or hard link, as written; null for other kinds. */
  linkpath: string | null;
  /** Mode bits, uid and gid; 0 when the field is unreadable. */
  mode: number;
  uid: number;
  gid: number;
}

export interface TarEntrySink {
  /** An entry's header, before its body. Return true to receive the body through `data`. */
  entry(header: TarHeader): boolean;
  /** A piece of the body of the last entry that asked for it. */
  data?(piece: Buffer): void;
  /** The body of the last entry that asked for it is complete. */
  dataEnd?(): void;
}

const State = { header: 0, skip: 1, data: 2, meta: 3, sparseExt: 4, done: 5 } as const;
type State = (typeof State)[keyof typeof State];

export class TarEntryReader {
  private state: State = State.header;
  /** Partial header (or sparse extension) block carried across chunks. */
  private readonly block = Buffer.alloc(BLOCK);
  private blockFill = 0;
  private skipBytes = 0;
  /** How many of the last `skipBytes` are block padding (not part of any body). */
  private skipPad = 0;
  private dataRemain = 0;
  private dataPad = 0;
  private meta: Buffer | null = null;
  private metaFill = 0;
  private metaType = 0;
  private metaAt = 0;
  private local: PaxFields | null = null;
  private global: PaxFields | null = null;
  /** Bytes consumed so far (pushed or skipped). */
  offset = 0;
  private blockAt = 0;
  private readonly current: TarHeader = {
    path: '',
    kind: TarKind.file,
    typeflag: 0,
    size: 0,
    bodySize: 0,
    headerAt: 0,
    bodyAt: 0,
    sparse: false,
    linkpath: null,
    mode: 0,
    uid: 0,
    gid: 0,
  };

  constructor(private readonly sink: TarEntrySink) {}

  /** True once the end-of-archive block has been read (or `end()` accepted the stream). */
  get finished(): boolean {
    return this.state === State.done;
  }

  /** True while passing over bytes nobody reads (a body, padding): a seeking driver may `skip` them. */
  get skipping(): boolean {
    return this.state === State.skip;
  }

  /** True when the next byte starts a header block (not a body, a meta record or an extension block). */
  get atHeader(): boolean {
    return this.state === State.header && this.blockFill === 0;
  }

  /** Of the bytes being skipped, how many at the end are padding: a stream may end without them. */
  get paddingWanted(): number {
    return this.state === State.skip ? Math.min(this.skipPad, this.skipBytes) : 0;
  }

  /** Bytes the reader needs before its next decision: the rest of a block, a meta body, a body. */
  get bytesWanted(): number {
    switch (this.state) {
      case State.header:
      case State.sparseExt:
        return BLOCK - this.blockFill;
      case State.skip:
        return this.skipBytes;
      case State.data:
        return this.dataRemain;
      case State.meta:
        return this.meta!.length - this.metaFill;
      default:
        return 0;
    }
  }

  /** Passes over `n` bytes the driver did not push (it seeked over them); only while `skipping`. */
  skip(n: number): void {
    if (n === 0) return;
    if (this.state !== State.skip || n > this.skipBytes) throw new Error(`TarEntryReader.skip(${n}) outside a body`);
    this.skipBytes -= n;
    this.offset += n;
    if (this.skipBytes === 0) this.state = State.header;
  }

  /** Feeds tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk: Buffer): void {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.header:
        case State.sparseExt: {
          if (this.blockFill === 0 && pos + BLOCK <= len) {
            this.blockAt = this.offset + pos;
            pos += BLOCK;
            this.onBlock(chunk, pos - BLOCK, this.offset + pos);
          } else {
            const n = Math.min(BLOCK - this.blockFill, len - pos);
            chunk.copy(this.block, this.blockFill, pos, pos + n);
            this.blockFill += n;
            pos += n;
            if (this.blockFill === BLOCK) {
              this.blockFill = 0;
              this.blockAt = this.offset + pos - BLOCK;
              this.onBlock(this.block, 0, this.offset + pos);
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
          this.sink.data!(chunk.subarray(pos, pos + n));
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
    throw new TarFormatError(`unexpected end of tar data at byte ${this.offset} (truncated layer?)`, 'truncated', this.blockAt, 'truncated');
  }

  private endData(): void {
    this.sink.dataEnd?.();
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }

  /** `next` is the stream offset just past this block (where a body would start). */
  private onBlock(buf: Buffer, off: number, next: number): void {
    if (this.state === State.sparseExt) {
      // Old GNU sparse extension block: 21 sparse descriptors, then the "more follow" flag.
      if (buf[off + 504] === 0) this.emit(next);
      return;
    }
    this.onHeader(buf, off, next);
  }

  private onHeader(buf: Buffer, off: number, next: number): void {
    const at = this.blockAt;
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.state = State.done;
      return;
    }
    if (!checksumValid(buf, off)) throw new TarFormatError(`invalid tar header at byte ${at} (bad checksum)`, 'checksum', at, 'bad checksum');
    const type = buf[off + 156]!;
    const storedSize = readNumber(buf, off + 124, 12);
    if (storedSize < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad size field`, 'size', at, 'invalid size');

    // Meta entries describe the next entry; their bodies are small and kept.
    if (type === 0x78 /* x */ || type === 0x67 /* g */ || type === 0x4c /* L */ || type === 0x4b /* K */ || type === 0x58 /* X: old Solaris PAX */) {
      if (storedSize > MAX_META_BYTES) {
        const name = readString(buf, off, 100);
        throw new TarFormatError(
          `tar meta header of ${storedSize} bytes exceeds ${MAX_META_BYTES} (corrupt layer?)`,
          'meta-too-large',
          at,
          `extended header for "${name}" is ${storedSize} bytes`,
        );
      }
      this.metaType = type;
      this.metaAt = at;
      this.meta = Buffer.allocUnsafe(storedSize);
      this.metaFill = 0;
      this.dataPad = padding(storedSize);
      if (storedSize === 0) this.endMeta();
      else this.state = State.meta;
      return;
    }
    if (type === 0x56 /* V: volume label, not a file */) {
      this.local = null;
      this.skipBytes = storedSize + padding(storedSize);
      this.skipPad = padding(storedSize);
      this.state = this.skipBytes > 0 ? State.skip : State.header;
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
    let kind: TarKind;
    let headerOnly = false;
    switch (type) {
      case 0x30: // '0'
      case 0x00: // v7 regular file ('/' ending marks a v7 directory)
      case 0x37: // '7' contiguous
        kind = name.endsWith('/') ? TarKind.dir : TarKind.file;
        break;
      case 0x31: // '1'
        kind = TarKind.hardlink;
        headerOnly = true;
        break;
      case 0x32:
        kind = TarKind.symlink;
        headerOnly = true;
        break;
      case 0x33:
        kind = TarKind.char;
        headerOnly = true;
        break;
      case 0x34:
        kind = TarKind.block;
        headerOnly = true;
        break;
      case 0x35:
        kind = TarKind.dir;
        headerOnly = true;
        break;
      case 0x36:
        kind = TarKind.fifo;
        headerOnly = true;
        break;
      case 0x44: // 'D' GNU dump dir: a directory with a listing as body
        kind = TarKind.dir;
        break;
      case 0x53: // 'S' old GNU sparse
        kind = TarKind.file;
        break;
      default:
        // The unknown-type rule (see the top of this file).
        kind = type >= 0x41 && type <= 0x5a ? TarKind.other : TarKind.file;
    }
    let bodySize = local?.size ?? global?.size ?? storedSize;
    let size = bodySize;
    if (type === 0x53) {
      size = readNumber(buf, off + 483, 12);
      if (size < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad sparse real size field`, 'sparse-size', at, 'invalid sparse real size');
    }
    const sparseName = local?.sparseName;
    if (sparseName !== undefined) name = sparseName;
    if (local?.sparseRealSize !== undefined) size = local.sparseRealSize;
    if (headerOnly) bodySize = 0;
    if (kind !== TarKind.file) size = 0;

    let linkpath: string | null = null;
    if (kind === TarKind.symlink || kind === TarKind.hardlink) linkpath = local?.linkpath ?? global?.linkpath ?? readString(buf, off + 157, 100);
    const mode = readNumber(buf, off + 100, 8);
    const uid = local?.uid ?? global?.uid ?? readNumber(buf, off + 108, 8);
    const gid = local?.gid ?? global?.gid ?? readNumber(buf, off + 116, 8);

    const h = this.current;
    h.path = name;
    h.kind = kind;
    h.typeflag = type;
    h.size = size;
    h.bodySize = bodySize;
    h.headerAt = at;
    h.sparse = type === 0x53 || local?.sparseRealSize !== undefined || sparseName !== undefined;
    h.linkpath = linkpath;
    h.mode = mode < 0 ? 0 : mode;
    h.uid = uid < 0 ? 0 : uid;
    h.gid = gid < 0 ? 0 : gid;

    if (type === 0x53 && buf[off + 482] !== 0) {
      // Extension blocks come before the body and are not counted in the size field.
      this.state = State.sparseExt;
      return;
    }
    this.emit(next);
  }

  /** Hands the current header to the sink, then sets up its body. */
  private emit(bodyAt: number): void {
    const h = this.current;
    h.bodyAt = bodyAt;
    const wantsData = this.sink.entry(h);
    const total = h.bodySize + padding(h.bodySize);
    if (wantsData) {
      this.dataRemain = h.bodySize;
      this.dataPad = total - h.bodySize;
      if (h.bodySize === 0) this.endData();
      else this.state = State.data;
      return;
    }
    this.skipBytes = total;
    this.skipPad = total - h.bodySize;
    this.state = total > 0 ? State.skip : State.header;
  }

  private endMeta(): void {
    const body = this.meta!;
    const at = this.metaAt;
    this.meta = null;
    switch (this.metaType) {
      case 0x78:
      case 0x58:
        this.local = parsePax(body, this.local ?? {}, at);
        break;
      case 0x67: {
        // A global record names no file: a `path` in it would give every later entry one name
        // (node-tar and GNU tar ignore it too); its other fields apply to the entries after it.
        const global = parsePax(body, this.global ?? {}, at);
        delete global.path;
        delete global.linkpath;
        delete global.sparseName;
        this.global = global;
        break;
      }
      case 0x4c:
        (this.local ??= {}).path = checkPath('GNU long name', cString(body), at);
        break;
      case 0x4b:
        (this.local ??= {}).linkpath = checkPath('GNU long link name', cString(body), at);
        break;
    }
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
}
