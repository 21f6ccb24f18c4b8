import { Header, Pax, type HeaderData } from 'tar';
import { inputError } from '../../errors.js';
import { MAGIC_BYTES } from '../../layers/compression.js';
import { BLOCK, checksumValid, cString, isZeroBlock } from '../../layers/tar-block.js';
import { parsePax } from '../../layers/tar-walker.js';
import { normalizeArchivePath, type LinkInfo } from './archive-path.js';
import type { ByteReader } from './byte-reader.js';

const NOT_TAR = 'not a tar archive (and not gzip or zstd compressed)';
/** Bodies of PAX and GNU long-name records are read whole; real ones are a few hundred bytes. */
const MAX_META_RECORD = 1024 * 1024;
/** Image archives hold a few hundred members; an index of millions would only exhaust memory. */
const MAX_ENTRIES = 200_000;
/** Longest member name or link target, in bytes (as for layers: Linux PATH_MAX). */
const MAX_PATH_BYTES = 4096;

/** One member of a tar archive, as far as an image reader cares. */
export interface TarEntry extends LinkInfo {
  /** Normalised path (no leading `./`). */
  path: string;
  /** Byte offset of the body in the (uncompressed) tar stream. */
  offset: number;
  /** Body length in bytes. */
  size: number;
  /** First bytes of a regular file's body, enough to sniff compression. */
  head: Buffer;
  /** How many earlier members had the same path (tar lets a later one replace an earlier one). */
  occurrence: number;
  /** The whole body, when the walker was asked to keep it (small JSON in sequential mode). */
  data?: Buffer;
}

export interface WalkOptions {
  /** Names the input in error messages. */
  subject: string;
  /**
   * Called when an entry's header has been read, before its body: return true to stop right there
   * (the reader is then positioned at the body).
   */
  stopAt?: (entry: TarEntry) => boolean;
  /** Whether to keep this entry's body in memory; called with `head` filled in. */
  capture?: (entry: TarEntry) => boolean;
  /** Whether to read the first bytes of regular files (costs one small read per file). */
  readHeads?: boolean;
}

export interface WalkResult {
  entries: TarEntry[];
  /** The entry `stopAt` chose, if any. */
  stoppedAt: TarEntry | null;
}

/**
 * Walks a tar archive header by header, passing over bodies. Understands PAX ('x', 'g') and GNU
 * long-name ('L', 'K') records; stops at the first zero block, so data after the end of the
 * archive is never read.
 */
export async function walkTar(reader: ByteReader, options: WalkOptions): Promise<WalkResult> {
  const { subject } = options;
  const entries: TarEntry[] = [];
  const seen = new Map<string, number>();
  let local: HeaderData | undefined;
  let global: HeaderData | undefined;

  for (;;) {
    const headerAt = reader.position;
    const block = await reader.read(BLOCK);
    if (block.length === 0) {
      if (headerAt === 0) throw inputError(subject, 'empty archive');
      break; // no end-of-archive marker: tolerated, as GNU tar does
    }
    if (block.length < BLOCK) {
      throw inputError(subject, `truncated archive (tar header at byte ${headerAt} cut short: ${block.length} of ${BLOCK} bytes)`);
    }
    if (isZeroBlock(block)) break;

    if (!checksumValid(block)) {
      throw inputError(subject, headerAt === 0 ? NOT_TAR : `corrupt tar header at byte ${headerAt} (bad checksum)`);
    }
    let header: Header;
    try {
      header = new Header(block, 0, local, global);
    } catch (error) {
      throw inputError(subject, `corrupt tar header at byte ${headerAt} (${(error as Error).message})`);
    }
    const size = header.size;
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
      throw inputError(subject, `corrupt tar header at byte ${headerAt} (invalid size)`);
    }
    const bodyAt = reader.position;
    const name = header.path ?? '';
    if (reader.length !== null && bodyAt + size > reader.length) {
      throw inputError(
        subject,
        `truncated archive: "${name}" at byte ${headerAt} claims ${size} bytes, ${bodyAt + size - reader.length} beyond the end of the file (${reader.length} bytes)`,
      );
    }
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;

    switch (header.typeKey) {
      case 'x':
      case 'g': {
        const body = await readRecord(reader, size, padding, subject, name);
        // node-tar reads `size=0x10` as 16 and `size=1.5` as 1.5: the layer walker's strict parser
        // judges the records first (framing, digits-only sizes and ids, times, path lengths).
        try {
          parsePax(body, {});
        } catch (error) {
          throw inputError(subject, `corrupt PAX header at byte ${headerAt} (${(error as Error).message})`);
        }
        const text = body.toString('utf8');
        if (header.typeKey === 'x') local = Pax.parse(text, local, false);
        else global = Pax.parse(text, global, true);
        const problem = paxProblem(header.typeKey === 'x' ? local : global);
        if (problem) throw inputError(subject, `corrupt PAX header at byte ${headerAt} (${problem})`);
        continue;
      }
      case 'L':
      case 'N':
      case 'K': {
        const text = cString(await readRecord(reader, size, padding, subject, name));
        if (Buffer.byteLength(text) > MAX_PATH_BYTES) throw inputError(subject, `GNU long name at byte ${headerAt} is longer than ${MAX_PATH_BYTES} bytes; refusing`);
        local = header.typeKey === 'K' ? { ...local, linkpath: text } : { ...local, path: text };
        continue;
      }
      default:
        break;
    }
    // node-tar's Header lets the block's own linkpath (and ustar prefix) win over a pending
    // PAX/GNU record; the record is the authority, as in GNU tar.
    const fullName = local?.path ?? name;
    const linkpath = local?.linkpath ?? header.linkpath ?? '';
    local = undefined;

    const path = normalizeArchivePath(fullName);
    const occurrence = seen.get(path) ?? 0;
    seen.set(path, occurrence + 1);
    const entry: TarEntry = {
      path,
      kind: kindOf(header.typeKey),
      linkpath: linkpath || null,
      offset: bodyAt,
      size,
      head: Buffer.alloc(0),
      occurrence,
    };
    entries.push(entry);
    if (entries.length > MAX_ENTRIES) throw inputError(subject, `more than ${MAX_ENTRIES} members; not an image archive`);
    if (options.stopAt?.(entry)) return { entries, stoppedAt: entry };

    let consumed = 0;
    if (entry.kind === 'file' && size > 0 && (options.readHeads ?? true)) {
      entry.head = await reader.read(Math.min(MAGIC_BYTES, size));
      consumed = entry.head.length;
      if (options.capture?.(entry)) {
        const rest = await reader.read(size - consumed);
        consumed += rest.length;
        entry.data = Buffer.concat([entry.head, rest]);
      }
    }
    const skipped = consumed + (await reader.skip(size - consumed));
    if (skipped < size) {
      throw inputError(subject, `truncated archive: "${fullName}" at byte ${headerAt} claims ${size} bytes, the data ends after ${skipped}`);
    }
    await reader.skip(padding); // a missing final padding is harmless
  }
  return { entries, stoppedAt: null };
}

async function readRecord(reader: ByteReader, size: number, padding: number, subject: string, name: string): Promise<Buffer> {
  if (size > MAX_META_RECORD) throw inputError(subject, `tar extended header for "${name}" is ${size} bytes; refusing`);
  const body = await reader.read(size);
  if (body.length < size) throw inputError(subject, `truncated archive (extended header cut short)`);
  await reader.skip(padding);
  return body;
}

/**
 * What is wrong with the fields a PAX record set, if anything. node-tar keeps a value it cannot read
 * as a number as a string (`size=1.5`), and turns any time into a Date, valid or not.
 */
function paxProblem(fields: HeaderData | undefined): string | null {
  if (!fields) return null;
  if (fields.size !== undefined && !(Number.isSafeInteger(fields.size) && fields.size >= 0)) return `invalid size "${String(fields.size).slice(0, 40)}"`;
  for (const key of ['mtime', 'atime', 'ctime'] as const) {
    const time = fields[key];
    if (time !== undefined && !(time instanceof Date && Number.isFinite(time.getTime()))) return `invalid ${key}`;
  }
  for (const key of ['path', 'linkpath'] as const) {
    const value = fields[key];
    if (value !== undefined && Buffer.byteLength(String(value)) > MAX_PATH_BYTES) return `${key} longer than ${MAX_PATH_BYTES} bytes`;
  }
  return null;
}

function kindOf(typeKey: string): TarEntry['kind'] {
  switch (typeKey) {
    case '0':
    case '':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}
