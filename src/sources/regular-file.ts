/**
 * Opens a file that must be a regular file: image archives, snapshots, reports, budget files and
 * the blobs of an OCI layout. A FIFO, socket, device or directory given where a file is expected is
 * refused with one line before any byte is read, because reading one either blocks forever (a FIFO
 * with no writer, a socket) or never ends (`/dev/zero`, `/dev/urandom`).
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { inputError, LayerdiffError } from '../errors.js';

export interface RegularFileOptions {
  /** Refuse a file larger than this many bytes (checked on the opened file, before reading). */
  maxBytes?: number | undefined;
  /** What the file should be, for the size refusal: "a snapshot is small JSON". */
  tooLargeReason?: string | undefined;
  /** Reason used when the path is a directory (defaults to "is a directory, not a file"). */
  directoryReason?: string | undefined;
  /** Reason used when nothing is at the path (defaults to "no such file or directory"). */
  missingReason?: string | undefined;
}

export interface OpenedRegularFile {
  handle: FileHandle;
  /** Size from fstat of the opened descriptor (what will be read, whatever the path names later). */
  size: number;
}

/**
 * O_NONBLOCK makes open() of a FIFO return at once instead of waiting for a writer (the check after
 * it then refuses the FIFO); on a regular file it changes nothing. O_NOCTTY keeps a terminal device
 * from becoming the process's controlling terminal in the instant before it is refused.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * Opens `path` for reading after checking it is a regular file: `stat` first (so a FIFO or device is
 * refused without being opened at all), then `fstat` of the opened descriptor (so a path swapped for
 * a FIFO between the two calls is refused too). The caller owns the returned handle.
 */
export async function openRegularFile(path: string, subject: string, options: RegularFileOptions = {}): Promise<OpenedRegularFile> {
  const before = await stat(path).catch((error: unknown) => {
    throw openFailure(path, subject, error, options);
  });
  checkKind(before, subject, options);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(path, subject, error, options);
  }
  try {
    const info = await handle.stat();
    checkKind(info, subject, options);
    if (options.maxBytes !== undefined && info.size > options.maxBytes) {
      const why = options.tooLargeReason ? `; ${options.tooLargeReason}` : '';
      throw inputError(subject, `file is too large (${info.size} bytes, limit ${options.maxBytes}${why})`);
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Reads a whole regular file, at most `maxBytes` (always bounded: a file that grows while being
 * read is cut at the cap and refused, not followed).
 */
export async function readRegularFile(path: string, subject: string, options: RegularFileOptions & { maxBytes: number }): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, subject, options);
  try {
    // One byte more than allowed tells a file that grew past the cap from one that is exactly at it.
    const buffer = Buffer.alloc(Math.min(size, options.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > options.maxBytes) throw inputError(subject, `file is too large (it grew past ${options.maxBytes} bytes while being read)`);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What kind of non-regular file a stat describes, in words; null for a regular file. */
export function specialFileKind(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'something other than a regular file';
}

function checkKind(info: Stats, subject: string, options: RegularFileOptions): void {
  const kind = specialFileKind(info);
  if (kind === null) return;
  if (kind === 'a directory') throw inputError(subject, options.directoryReason ?? 'is a directory, not a file');
  throw inputError(subject, `is ${kind}, not a regular file`);
}

function openFailure(path: string, subject: string, error: unknown, options: RegularFileOptions): LayerdiffError {
  if (error instanceof LayerdiffError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new LayerdiffError('not-found', `${subject}: ${options.missingReason ?? 'no such file or directory'}`, { subject, cause: error });
  }
  // A unix socket cannot be open()ed (ENXIO); say what it is rather than the errno.
  if (code === 'ENXIO') return inputError(subject, 'is a socket or device with nothing behind it, not a regular file', error);
  if (code === 'EACCES' || code === 'EPERM') return inputError(subject, 'permission denied', error);
  if (code === 'ELOOP') return inputError(subject, 'too many levels of symbolic links', error);
  return inputError(subject, `cannot open ${JSON.stringify(path)}: ${(error as Error).message}`, error);
}
