import { inputError, type LayerdiffError } from '../../errors.js';
import { MAGIC_BYTES } from '../../layers/compression.js';
import { TarEntryReader, TarKind, type TarHeader } from '../../tar/entry-reader.js';
import { MAX_PATH_BYTES, TarFormatError } from '../../tar/format-error.js';
import { BLOCK } from '../../tar/header-block.js';
import { normalizeArchivePath, type LinkInfo } from './archive-path.js';
import type { ByteReader } from './byte-reader.js';

const NOT_TAR = 'not a tar archive (and not gzip or zstd compressed)';
/** Image archives hold a few hundred members; an index of millions would only exhaust memory. */
const MAX_ENTRIES = 200_000;

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
 * Indexes a tar archive with the one tar reader (src/tar/entry-reader.ts), feeding it header blocks
 * and meta records only: bodies are passed over with `reader.skip` (a seek on a file), so the index
 * of a 2 GiB archive costs one read per header. Stops at the first zero block, so data after the
 * end of the archive is never read.
 */
export async function walkTar(reader: ByteReader, options: WalkOptions): Promise<WalkResult> {
  const { subject } = options;
  const entries: TarEntry[] = [];
  const seen = new Map<string, number>();
  let header: TarHeader | null = null;
  const tar = new TarEntryReader({
    entry(h) {
      header = h;
      return false; // bodies are read (or skipped) here, by seeking
    },
  });
  const push = (bytes: Buffer): void => {
    try {
      tar.push(bytes);
    } catch (error) {
      throw error instanceof TarFormatError ? refusal(subject, error) : error;
    }
  };

  while (!tar.finished) {
    const at = reader.position;
    if (tar.skipping) {
      // Padding after a body or a meta record (a missing final padding is harmless), or the body
      // of an entry that is not listed (a volume label): a body cut short is not.
      const wanted = tar.bytesWanted;
      const pad = tar.paddingWanted;
      const skipped = await reader.skip(wanted);
      tar.skip(skipped);
      if (skipped < wanted - pad)
        throw inputError(subject, `truncated archive: the data ends at byte ${reader.position}, inside the member whose header is before it`);
      if (skipped < wanted) break;
      continue;
    }
    const wanted = tar.bytesWanted;
    const bytes = await reader.read(wanted);
    if (tar.atHeader && bytes.length < BLOCK) {
      if (bytes.length === 0) {
        if (at === 0) throw inputError(subject, 'empty archive');
        break; // no end-of-archive marker: tolerated, as GNU tar does
      }
      throw inputError(subject, `truncated archive (tar header at byte ${at} cut short: ${bytes.length} of ${BLOCK} bytes)`);
    }
    if (bytes.length < wanted) throw inputError(subject, `truncated archive (extended header cut short)`);
    push(bytes);
    if (header === null) continue;
    const h: TarHeader = header;
    header = null;

    const { bodyAt, bodySize: size } = h;
    if (reader.length !== null && bodyAt + size > reader.length) {
      throw inputError(
        subject,
        `truncated archive: "${h.path}" at byte ${h.headerAt} claims ${size} bytes, ${bodyAt + size - reader.length} beyond the end of the file (${reader.length} bytes)`,
      );
    }
    const path = normalizeArchivePath(h.path);
    const occurrence = seen.get(path) ?? 0;
    seen.set(path, occurrence + 1);
    const entry: TarEntry = {
      path,
      kind: kindOf(h),
      linkpath: h.linkpath || null,
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
      throw inputError(subject, `truncated archive: "${h.path}" at byte ${h.headerAt} claims ${size} bytes, the data ends after ${skipped}`);
    }
    tar.skip(size);
  }
  return { entries, stoppedAt: null };
}

/** A refusal of the tar reader, worded for an archive. */
function refusal(subject: string, error: TarFormatError): LayerdiffError {
  const { at, detail } = error;
  switch (error.code) {
    case 'checksum':
      return inputError(subject, at === 0 ? NOT_TAR : `corrupt tar header at byte ${at} (${detail})`, error);
    case 'pax':
      return inputError(subject, `corrupt PAX header at byte ${at} (${error.message})`, error);
    case 'path-too-long':
      return error.message.startsWith('GNU')
        ? inputError(subject, `GNU long name at byte ${at} is longer than ${MAX_PATH_BYTES} bytes; refusing`, error)
        : inputError(subject, `corrupt PAX header at byte ${at} (${error.message})`, error);
    case 'meta-too-large':
      return inputError(subject, `tar ${detail}; refusing`, error);
    default:
      return inputError(subject, `corrupt tar header at byte ${at} (${detail})`, error);
  }
}

/**
 * What an image reader may do with a member. Only a regular, non-sparse file's body is its bytes
 * (a sparse member's body is a map and the data between holes), so a sparse member is `other`.
 */
function kindOf(h: TarHeader): TarEntry['kind'] {
  switch (h.kind) {
    case TarKind.file:
      return h.sparse ? 'other' : 'file';
    case TarKind.dir:
      return 'directory';
    case TarKind.symlink:
      return 'symlink';
    case TarKind.hardlink:
      return 'hardlink';
    default:
      return 'other';
  }
}
