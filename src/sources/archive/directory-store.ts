import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inputError, LayerdiffError } from '../../errors.js';
import { MAGIC_BYTES } from '../../layers/compression.js';
import { stats } from '../../stats.js';
import { escapesArchive, normalizeArchivePath } from './archive-path.js';
import { checkSmall, type EntryStore, type StoredFile } from './entry-store.js';
import { openRegularFile, specialFileKind } from '../regular-file.js';

/**
 * An OCI image layout directory. Every path is checked twice: as written (no `..`, not absolute)
 * and after the file system resolves symlinks (still under the root).
 */
export async function openDirectoryStore(dir: string, subject: string): Promise<EntryStore> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await lstat(root)).isDirectory()) throw inputError(subject, 'not a directory');
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LayerdiffError('not-found', `${subject}: ${code === 'ENOENT' ? 'no such directory' : (error as Error).message}`, { subject });
  }

  function inside(relative: string): string {
    const normalized = normalizeArchivePath(relative);
    if (escapesArchive(normalized)) throw inputError(subject, `path "${relative}" points outside the layout directory`);
    return path.join(root, normalized);
  }

  async function resolve(relative: string): Promise<StoredFile | null> {
    const full = inside(relative);
    let real: string;
    try {
      real = await realpath(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      if (code === 'ELOOP') throw inputError(subject, `symlink loop at "${relative}"`);
      throw inputError(subject, `cannot read "${relative}": ${(error as Error).message}`);
    }
    if (real !== root && !real.startsWith(root + path.sep)) throw inputError(subject, `"${relative}" is a link that points outside the layout directory`);
    const info = await lstat(real);
    if (!info.isFile()) throw inputError(subject, `"${relative}" is ${specialFileKind(info) ?? 'not a regular file'}, not a regular file`);
    const { handle } = await openRegularFile(real, `${subject}: "${relative}"`);
    try {
      const head = Buffer.alloc(Math.min(MAGIC_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      stats.archiveBytesRead += bytesRead;
      return { path: path.relative(root, real).split(path.sep).join('/'), size: info.size, head: head.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  }

  return {
    subject,
    async exists(relative) {
      try {
        await lstat(inside(relative));
        return true;
      } catch (error) {
        if (error instanceof LayerdiffError) throw error;
        return false;
      }
    },
    resolve,
    async readSmall(file) {
      checkSmall(subject, file);
      const full = inside(file.path);
      const { handle } = await openRegularFile(full, `${subject}: "${file.path}"`);
      try {
        const buffer = Buffer.alloc(file.size);
        let filled = 0;
        while (filled < file.size) {
          const { bytesRead } = await handle.read(buffer, filled, file.size - filled, filled);
          if (bytesRead === 0) throw inputError(subject, `"${file.path}" shrank while being read`);
          filled += bytesRead;
        }
        stats.archiveBytesRead += filled;
        return buffer;
      } finally {
        await handle.close();
      }
    },
    async open(file) {
      if (file.size === 0) return Readable.from([]);
      // Read through the checked descriptor: a blob swapped for a FIFO after resolve() is refused.
      const { handle } = await openRegularFile(inside(file.path), `${subject}: "${file.path}"`);
      const stream = handle.createReadStream({ highWaterMark: 1024 * 1024 });
      stream.on('data', (chunk) => {
        stats.archiveBytesRead += chunk.length;
      });
      return stream;
    },
    async sampleNames() {
      return (await readdir(root)).sort();
    },
    close: async () => undefined,
  };
}
