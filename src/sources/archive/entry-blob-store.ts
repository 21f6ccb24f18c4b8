/**
 * The files of an archive, layout directory or `docker save` stream (an EntryStore) seen as a
 * BlobStore: blobs by digest live at `blobs/<alg>/<hex>`, the rest by path; the top level is
 * whichever of index.json, oci-layout and manifest.json exist.
 */
import { inputError } from '../../errors.js';
import type { BlobKey, BlobStat, BlobStore, SmallBlob, TopLevel } from '../../image/blob-store.js';
import { blobPath } from '../../image/digest.js';
import { DOCKER_MANIFEST_FILE, OCI_INDEX_FILE, OCI_LAYOUT_FILE } from '../../image/oci.js';
import type { EntryStore, StoredFile } from './entry-store.js';

export function entryBlobStore(store: EntryStore): BlobStore {
  const subject = store.subject;
  /** Files found by stat(), so open() streams the very entry that was resolved. */
  const files = new Map<string, StoredFile>();
  const pathOf = (key: BlobKey): string => ('digest' in key ? blobPath(key.digest, subject) : key.path);
  return {
    subject,
    locality: 'local',
    async top(): Promise<TopLevel> {
      const [index, layout, dockerManifest] = await Promise.all([
        store.exists(OCI_INDEX_FILE),
        store.exists(OCI_LAYOUT_FILE),
        store.exists(DOCKER_MANIFEST_FILE),
      ]);
      if (index || dockerManifest) return { kind: 'files', index, layout, dockerManifest };
      if (await store.exists('repositories')) {
        throw inputError(subject, 'not a supported image archive: no manifest.json or index.json (pre-1.10 docker save without manifest.json?)');
      }
      const names = (await store.sampleNames()).slice(0, 5);
      throw inputError(subject, `not a supported image archive: no manifest.json or index.json${names.length > 0 ? ` (it holds: ${names.join(', ')})` : ''}`);
    },
    async readSmall(key, _role, cap, what): Promise<SmallBlob | null> {
      const file = await store.resolve(pathOf(key));
      if (file === null) return null;
      if (file.size > cap) throw inputError(subject, `${what} is too large (${file.size} bytes, limit ${cap})`);
      return { bytes: await store.readSmall(file), location: file.path };
    },
    async stat(key): Promise<BlobStat | null> {
      const file = await store.resolve(pathOf(key));
      if (file === null) return null;
      files.set(file.path, file);
      return { location: file.path, size: file.size, head: file.head };
    },
    async open(blob) {
      const file = files.get(blob.location);
      if (file === undefined) throw inputError(subject, `"${blob.location}" was not located before being opened`);
      return store.open(file);
    },
    close: () => store.close(),
  };
}
