/**
 * The files a pattern like `reports/**\/report.json` names (the action's `report` input; what
 * actions/download-artifact with `pattern:` and `merge-multiple:` leaves). A small matcher of our
 * own rather than node:fs/promises `glob`: that one is experimental before Node 24 (a warning on
 * the CLI's Node 22), has no bound on how much of a tree it walks, and follows symbolic links. This
 * one walks at most MAX_GLOB_ENTRIES directory entries, MAX_GLOB_DEPTH levels deep, returns at most
 * `maxFiles` files, never descends into a symbolic link, and accepts a link to a file only when its
 * target lies inside the pattern's base directory (an artifact cannot point the action at
 * /etc/passwd or another job's files).
 *
 * Syntax: `*` (any characters but `/`), `?` (one character but `/`), `**` as a whole segment (any
 * number of directories). Wildcards do not match a name starting with `.`. Every other character
 * is literal. The base directory is the pattern's literal leading segments, relative to `cwd`.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';

export const MAX_GLOB_ENTRIES = 100_000;
export const MAX_GLOB_DEPTH = 32;

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export interface GlobOptions {
  /** Relative patterns start here (the workspace). */
  cwd: string;
  /** More matches than this is an error naming the pattern. */
  maxFiles: number;
  /** How errors name the pattern: `report: reports/**\/report.json`. */
  subject: string;
}

/** The regular files (or links to files inside the base) that match, sorted; an error when none does. */
export async function expandGlob(pattern: string, options: GlobOptions): Promise<string[]> {
  const segments = pattern.split('/');
  const firstWild = segments.findIndex(isGlob);
  if (firstWild === -1) return [path.resolve(options.cwd, pattern)];
  const baseText = segments.slice(0, firstWild).join('/');
  const base = path.resolve(options.cwd, baseText === '' && pattern.startsWith('/') ? '/' : baseText || '.');
  const rest = segments.slice(firstWild).filter((s, i, all) => s !== '' || i === all.length - 1);
  if (rest.some((s) => s.includes('**') && s !== '**')) throw inputError(options.subject, '`**` must be a whole path segment (a/**/b), not part of a name');
  let realBase: string;
  try {
    realBase = await realpath(base);
  } catch {
    throw inputError(options.subject, `no file matches (${baseText || '.'} does not exist)`);
  }
  const walk = new Walk(realBase, options);
  await walk.match(realBase, rest, 0);
  const found = [...walk.found].sort();
  if (found.length === 0) throw inputError(options.subject, 'no file matches');
  return found;
}

class Walk {
  readonly found = new Set<string>();
  private entries = 0;
  private readonly listed = new Map<string, Dirent[]>();

  constructor(
    private readonly root: string,
    private readonly options: GlobOptions,
  ) {}

  async match(dir: string, segments: readonly string[], depth: number): Promise<void> {
    if (depth > MAX_GLOB_DEPTH) throw inputError(this.options.subject, `the pattern reaches more than ${MAX_GLOB_DEPTH} directories deep`);
    const [segment, ...rest] = segments;
    if (segment === undefined) return;
    if (segment === '**') {
      // Zero directories, then each subdirectory (not links) with `**` still ahead.
      await this.match(dir, rest, depth);
      for (const entry of await this.list(dir)) {
        if (entry.isDirectory() && !entry.name.startsWith('.')) await this.match(path.join(dir, entry.name), segments, depth + 1);
      }
      return;
    }
    const test = segmentMatcher(segment);
    for (const entry of await this.list(dir)) {
      if (!test(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (rest.length > 0) {
        if (entry.isDirectory()) await this.match(full, rest, depth + 1);
        continue;
      }
      if (entry.isFile()) this.add(full);
      else if (entry.isSymbolicLink()) await this.addLink(full);
    }
  }

  private async list(dir: string): Promise<Dirent[]> {
    const cached = this.listed.get(dir);
    if (cached) return cached;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      entries = [];
    }
    this.entries += entries.length;
    if (this.entries > MAX_GLOB_ENTRIES) throw inputError(this.options.subject, `the pattern walks more than ${MAX_GLOB_ENTRIES} directory entries`);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.listed.set(dir, entries);
    return entries;
  }

  private add(file: string): void {
    this.found.add(file);
    if (this.found.size > this.options.maxFiles) throw inputError(this.options.subject, `matches more than ${this.options.maxFiles} files`);
  }

  /** A link is followed only to a regular file inside the base directory. */
  private async addLink(link: string): Promise<void> {
    let target: string;
    try {
      target = await realpath(link);
    } catch {
      throw inputError(`${this.options.subject}: ${link}`, 'a symbolic link to nothing');
    }
    const inside = path.relative(this.root, target);
    if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
      throw inputError(`${this.options.subject}: ${link}`, 'a symbolic link out of the pattern’s directory (refused)');
    }
    if ((await stat(target)).isFile()) this.add(target);
  }
}

/** A test for one path segment: `*` and `?` never match `/` (segments have none) nor a leading `.`. */
export function segmentMatcher(segment: string): (name: string) => boolean {
  if (!isGlob(segment)) return (name) => name === segment;
  const source = Array.from(segment, (ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[\\^$.+()[\]{}|]/g, '\\$&'))).join('');
  const re = new RegExp(`^${source}$`, 'su');
  const dotAllowed = segment.startsWith('.');
  return (name) => (dotAllowed || !name.startsWith('.')) && re.test(name);
}
