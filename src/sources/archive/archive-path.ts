import { posix } from 'node:path';

/** Symlink hops followed before calling it a loop (Linux allows 40; image archives need 1). */
export const MAX_LINK_HOPS = 16;

/**
 * The canonical form of a path inside an archive: no leading `./`, no `.` or empty segments, no
 * trailing slash. `..` segments that stay inside are folded; one that climbs out is kept, so
 * `escapesArchive` can refuse it.
 */
export function normalizeArchivePath(raw: string): string {
  if (raw === '') return '';
  const absolute = raw.startsWith('/');
  let normalized = posix.normalize(raw);
  if (normalized.endsWith('/') && normalized.length > 1) normalized = normalized.slice(0, -1);
  if (normalized === '.' || normalized === './') return '';
  if (!absolute) normalized = normalized.replace(/^(\.\/)+/, '');
  return normalized;
}

/** True when a path (already normalised) names something outside the archive root. */
export function escapesArchive(normalized: string): boolean {
  return normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../');
}

/** Where a symlink at `linkPath` pointing at `target` lands, relative to the archive root. */
export function symlinkTarget(linkPath: string, target: string): string {
  if (target.startsWith('/')) return normalizeArchivePath(target);
  return normalizeArchivePath(posix.join(posix.dirname(linkPath), target));
}

export interface LinkInfo {
  kind: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  /** Raw link target as stored. */
  linkpath: string | null;
}

export type LinkResolution<T> =
  | { ok: true; path: string; entry: T }
  | { ok: false; reason: 'missing'; path: string }
  | { ok: false; reason: 'escape' | 'loop' | 'not-a-file'; path: string; detail: string };

/**
 * Follows symlinks (relative to the link's directory) and hardlinks (relative to the archive root)
 * until a regular file, refusing targets outside the archive and loops.
 */
export function resolveLinks<T extends LinkInfo>(start: string, lookup: (path: string) => T | undefined): LinkResolution<T> {
  let path = normalizeArchivePath(start);
  const seen: string[] = [];
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    if (escapesArchive(path)) {
      return {
        ok: false,
        reason: 'escape',
        path,
        detail: hop === 0 ? `path "${start}" points outside the archive` : `link chain ${[...seen, path].join(' -> ')} points outside the archive`,
      };
    }
    const entry = lookup(path);
    if (entry === undefined) return { ok: false, reason: 'missing', path };
    seen.push(path);
    switch (entry.kind) {
      case 'file':
        return { ok: true, path, entry };
      case 'symlink':
        path = symlinkTarget(path, entry.linkpath ?? '');
        break;
      case 'hardlink':
        path = normalizeArchivePath(entry.linkpath ?? '');
        break;
      default:
        return { ok: false, reason: 'not-a-file', path, detail: `"${path}" is a ${entry.kind}, not a file` };
    }
  }
  return {
    ok: false,
    reason: 'loop',
    path,
    detail: `symlink loop or chain longer than ${MAX_LINK_HOPS} hops at "${start}" (${seen.slice(0, 4).join(' -> ')} -> ...)`,
  };
}
