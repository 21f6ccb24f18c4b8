import { stat } from 'node:fs/promises';
import { LayerdiffError } from '../errors.js';
import { openArchive, openOciDirectory } from './archive/index.js';
import { openDaemonImage } from './daemon.js';
import { missingPathReason, parseReference } from './reference.js';
import { openRegistryImage } from './registry/index.js';
import { openSnapshotFile } from './snapshot-file.js';
import { imageSetFromBlobStore } from './image-handle.js';
import type { ImageHandle, ImageSet, OpenOptions } from './types.js';

/** Turns any image reference of DESIGN.md into a readable image. */
export async function openImage(raw: string, options: OpenOptions = {}): Promise<ImageHandle> {
  const ref = parseReference(raw);
  switch (ref.transport) {
    case 'path': {
      // A directory is an OCI layout; anything else must be a regular file (openArchive refuses
      // FIFOs, sockets and devices before reading them).
      const info = await stat(ref.path).catch((error: NodeJS.ErrnoException) => {
        throw new LayerdiffError('not-found', error.code === 'ENOENT' ? missingPathReason(raw) : `${raw}: ${error.message}`, { subject: raw });
      });
      return info.isDirectory() ? openOciDirectory(ref.path, ref, options) : openArchive(ref.path, ref, options);
    }
    case 'docker-archive':
    case 'oci-archive':
      return openArchive(ref.path, ref, options);
    case 'oci':
      return openOciDirectory(ref.path, ref, options);
    case 'docker':
      return openRegistryImage(ref.name, ref, options);
    case 'docker-daemon':
      return openDaemonImage(ref.name, ref, options);
    case 'snapshot':
      return openSnapshotFile(ref.path, ref);
  }
}

/**
 * Every platform of an image reference (`--platform all`), its store opened once. A snapshot holds
 * one platform: it is a set of one.
 */
export async function openImageSet(raw: string, options: OpenOptions = {}): Promise<ImageSet> {
  const ref = parseReference(raw);
  const finish = imageSetFromBlobStore;
  switch (ref.transport) {
    case 'path': {
      const info = await stat(ref.path).catch((error: NodeJS.ErrnoException) => {
        throw new LayerdiffError('not-found', error.code === 'ENOENT' ? missingPathReason(raw) : `${raw}: ${error.message}`, { subject: raw });
      });
      return info.isDirectory() ? openOciDirectory(ref.path, ref, options, finish) : openArchive(ref.path, ref, options, finish);
    }
    case 'docker-archive':
    case 'oci-archive':
      return openArchive(ref.path, ref, options, finish);
    case 'oci':
      return openOciDirectory(ref.path, ref, options, finish);
    case 'docker':
      return openRegistryImage(ref.name, ref, options, finish);
    case 'docker-daemon':
      return openDaemonImage(ref.name, ref, options, finish);
    case 'snapshot': {
      const handle = await openSnapshotFile(ref.path, ref);
      return {
        reference: raw,
        platforms: [handle.platform],
        duplicates: 0,
        open: async () => ({ ...handle, close: async () => undefined }),
        close: () => handle.close(),
      };
    }
  }
}
