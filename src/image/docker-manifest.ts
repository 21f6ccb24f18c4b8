import { inputError, usageError } from '../errors.js';
import type { DockerArchiveManifestEntry } from './oci.js';
import { nameList } from './name-list.js';
import { validateDockerManifest } from '../schema/image-json.js';
import { nameMatches } from './image-names.js';

/**
 * Checks that `manifest.json` has the shape every `docker save`-style writer gives it (an array of
 * {Config, RepoTags, Layers}; src/schema/image-json.ts), naming the first bad field.
 */
export function parseDockerManifest(data: unknown, subject: string): DockerArchiveManifestEntry[] {
  if (Array.isArray(data) && data.length === 0) throw inputError(subject, 'manifest.json lists no images');
  return validateDockerManifest(data, subject);
}

/** How an entry is named in messages: its tags, else its config file. */
export function describeEntry(entry: DockerArchiveManifestEntry): string {
  return entry.RepoTags && entry.RepoTags.length > 0 ? entry.RepoTags.join(' ') : `untagged (${entry.Config})`;
}

/**
 * Picks the image among the entries of manifest.json: the one tagged `wanted`, or the only one.
 * Several images and no choice is a usage error listing them.
 */
export function selectDockerEntry(entries: readonly DockerArchiveManifestEntry[], wanted: string | undefined, subject: string): DockerArchiveManifestEntry {
  if (wanted !== undefined) {
    const found = entries.find((e) => nameMatches(wanted, e.RepoTags ?? []));
    if (!found) throw usageError(`${subject}: no image tagged ${wanted}; the archive holds: ${nameList(entries.map(describeEntry))}`);
    return found;
  }
  if (entries.length === 1) return entries[0] as DockerArchiveManifestEntry;
  throw usageError(`${subject}: the archive holds ${entries.length} images; choose one with --image: ${nameList(entries.map(describeEntry))}`);
}
