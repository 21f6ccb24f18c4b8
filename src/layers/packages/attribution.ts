/**
 * Which packages a layer added, removed or changed, and the bytes each owns in that layer (pure).
 *
 * The package state of a stack at layer i is the flattened view of the database files of layers
 * 0..i (each record names its `source` file): a later layer's copy of a file replaces the earlier
 * one, a whiteout deletes it, an opaque directory hides everything below it. From that state:
 * dpkg packages are the status file's (and `status.d`'s) installed entries, their files the
 * `.list` files; apk's are `lib/apk/db/installed`; npm's one per `node_modules` package directory;
 * Python's one per `.dist-info` / `.egg-info` directory. A file belongs to the first package that
 * lists it (dpkg and apk before Python), else to the npm package whose directory holds it (nested
 * `node_modules` excluded), else to a Python info directory; files no package owns are "other".
 * Paths a database lists through a root-level symlink (`bin/ls` when `bin` → `usr/bin`, Debian's
 * merged /usr) also own their resolved path.
 */
import type { PackageChange, PackageChanges } from '../../core/report.js';
import { EntryKind, OPAQUE_MARKER, WHITEOUT_PREFIX, type LayerIndex } from '../layer-index.js';
import { npmOwnerDir } from './npm.js';
import type { PackageManager, PackageRecord } from './record.js';
import { compareVersions } from './versions.js';

/** One installed package as a state knows it. */
export interface InstalledPackage {
  manager: PackageManager;
  name: string;
  version: string;
  arch?: string;
  /** npm: the package directory; Python: the site directory it is installed in. */
  dir?: string;
}

export interface PackageState {
  /** Installed packages by key (manager, name, and where it lives when a manager allows several). */
  packages: Map<string, InstalledPackage>;
  /** Listed file path → package key. */
  owners: Map<string, string>;
  /** npm package directory → package key. */
  npmDirs: Map<string, string>;
  /** Python info directory → package key (the package owns its info directory's files). */
  infoDirs: Map<string, string>;
}

export const EMPTY_STATE: PackageState = { packages: new Map(), owners: new Map(), npmDirs: new Map(), infoDirs: new Map() };

/** Changes listed per row; the rest are counted in `omitted` (the JSON stays bounded). */
export const MAX_PACKAGE_CHANGES = 500;

/** Whether any layer of the stack carries a package database. */
export function hasPackages(layers: readonly LayerIndex[]): boolean {
  return layers.some((l) => (l.packages?.length ?? 0) > 0);
}

/**
 * The package state of `layers` at each position in `at` (a position of -1 is the empty state below
 * the first layer). One bottom-up pass over the layers.
 */
export function packageStates(layers: readonly LayerIndex[], at: Iterable<number>): Map<number, PackageState> {
  const wanted = new Set(at);
  const out = new Map<number, PackageState>();
  if (wanted.has(-1)) out.set(-1, EMPTY_STATE);
  const top = Math.max(-1, ...wanted);
  const sources = new Map<string, PackageRecord[]>();
  const rootLinks = new Map<string, string>();
  // Layers that touch no database leave the state as it was: it is built once, not per layer.
  let last: PackageState | null = null;
  for (let i = 0; i <= top && i < layers.length; i++) {
    const layer = layers[i]!;
    const before = sources.size;
    const deleted = applyWhiteouts(layer, sources);
    const linksChanged = noteRootLinks(layer, rootLinks);
    const mine = new Map<string, PackageRecord[]>();
    for (const r of layer.packages ?? []) {
      const list = mine.get(r.source);
      if (list) list.push(r);
      else mine.set(r.source, [r]);
    }
    for (const [source, records] of mine) sources.set(source, records);
    if (deleted || linksChanged || mine.size > 0 || sources.size !== before) last = null;
    if (wanted.has(i)) {
      last ??= stateOf(sources, rootLinks);
      out.set(i, last);
    }
  }
  return out;
}

/** Drops the database files a layer's whiteouts (and opaque directories) delete from the layers below. */
function applyWhiteouts(layer: LayerIndex, sources: Map<string, PackageRecord[]>): boolean {
  if (sources.size === 0) return false;
  const gone = new Set<string>();
  const opaque = new Set<string>();
  for (const path of layer.paths) {
    if (!path.includes(WHITEOUT_PREFIX)) continue;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (name === OPAQUE_MARKER) opaque.add(dir);
    else if (name.startsWith(WHITEOUT_PREFIX)) gone.add((dir === '' ? '' : dir + '/') + name.slice(WHITEOUT_PREFIX.length));
  }
  if (gone.size === 0 && opaque.size === 0) return false;
  let deleted = false;
  for (const source of [...sources.keys()]) {
    // The file itself or any directory above it, deleted or made opaque.
    let p = source;
    let hit = gone.has(p);
    while (!hit) {
      const slash = p.lastIndexOf('/');
      p = slash < 0 ? '' : p.slice(0, slash);
      hit = gone.has(p) || opaque.has(p);
      if (p === '') break;
    }
    if (hit) deleted = sources.delete(source) || deleted;
  }
  return deleted;
}

/** Root-level symlinks to directories (`bin` → `usr/bin`), as the stack so far leaves them. */
function noteRootLinks(layer: LayerIndex, links: Map<string, string>): boolean {
  let changed = false;
  for (let i = 0; i < layer.count; i++) {
    const path = layer.paths[i]!;
    if (path === '' || path.includes('/')) continue;
    const target = layer.kinds[i] === EntryKind.symlink ? layer.links.get(i) : undefined;
    const clean = target?.split('/').filter((s) => s !== '' && s !== '.');
    const next = clean && clean.length > 0 && !clean.includes('..') ? clean.join('/') : undefined;
    if (links.get(path) === next) continue;
    if (next === undefined) links.delete(path);
    else links.set(path, next);
    changed = true;
  }
  return changed;
}

const keyOf = (...parts: string[]): string => parts.join('\0');

function stateOf(sources: Map<string, PackageRecord[]>, rootLinks: Map<string, string>): PackageState {
  const state: PackageState = { packages: new Map(), owners: new Map(), npmDirs: new Map(), infoDirs: new Map() };
  const lists: PackageRecord[] = [];
  const dpkgByName = new Map<string, string>();
  const own = (path: string, key: string): void => {
    if (!state.owners.has(path)) state.owners.set(path, key);
    const slash = path.indexOf('/');
    const link = slash < 0 ? undefined : rootLinks.get(path.slice(0, slash));
    if (link !== undefined) {
      const resolved = link + path.slice(slash);
      if (!state.owners.has(resolved)) state.owners.set(resolved, key);
    }
  };
  const python: Array<[string, PackageRecord]> = [];
  for (const records of sources.values()) {
    for (const r of records) {
      if (r.manager === 'dpkg') {
        if (r.version === '') {
          lists.push(r);
          continue;
        }
        const key = keyOf('dpkg', r.name, r.arch ?? '');
        state.packages.set(key, { manager: 'dpkg', name: r.name, version: r.version, ...(r.arch ? { arch: r.arch } : {}) });
        dpkgByName.set(r.name, key);
        dpkgByName.set(`${r.name}:${r.arch ?? ''}`, key);
      } else if (r.manager === 'apk') {
        const key = keyOf('apk', r.name);
        state.packages.set(key, { manager: 'apk', name: r.name, version: r.version, ...(r.arch ? { arch: r.arch } : {}) });
        for (const f of r.files ?? []) own(f, key);
      } else if (r.manager === 'npm' && r.dir !== undefined) {
        const key = keyOf('npm', r.dir);
        state.packages.set(key, { manager: 'npm', name: r.name, version: r.version, dir: r.dir });
        state.npmDirs.set(r.dir, key);
      } else if (r.manager === 'python' && r.dir !== undefined) python.push([r.dir, r]);
    }
  }
  // A `.list` file owns files only for a package the status file says is installed.
  for (const r of lists) {
    const key = dpkgByName.get(r.arch !== undefined ? `${r.name}:${r.arch}` : r.name) ?? dpkgByName.get(r.name);
    if (key !== undefined) for (const f of r.files ?? []) own(f, key);
  }
  for (const [dir, r] of python) {
    const site = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
    const key = keyOf('python', site, r.name.toLowerCase().replace(/[-_.]+/g, '-'));
    state.packages.set(key, { manager: 'python', name: r.name, version: r.version, dir: site });
    state.infoDirs.set(dir, key);
    for (const f of r.files ?? []) own(f, key);
  }
  return state;
}

/** The package that owns `path` in `state`, or null. */
export function ownerOf(state: PackageState, path: string): string | null {
  const listed = state.owners.get(path);
  if (listed !== undefined) return listed;
  if (state.npmDirs.size > 0) {
    const dir = npmOwnerDir(path);
    const key = dir === null ? undefined : state.npmDirs.get(dir);
    if (key !== undefined) return key;
  }
  if (state.infoDirs.size > 0) {
    const slash = path.lastIndexOf('/');
    const key = slash < 0 ? undefined : state.infoDirs.get(path.slice(0, slash));
    if (key !== undefined) return key;
  }
  return null;
}

/** Bytes of a layer's regular files per owning package, and the bytes no package owns. */
export function layerBytesByPackage(layer: LayerIndex, state: PackageState): { byPackage: Map<string, number>; other: number } {
  const byPackage = new Map<string, number>();
  let other = 0;
  for (let i = 0; i < layer.count; i++) {
    if (layer.kinds[i] !== EntryKind.file) continue;
    const size = layer.sizes[i]!;
    const key = ownerOf(state, layer.paths[i]!);
    if (key === null) other += size;
    else byPackage.set(key, (byPackage.get(key) ?? 0) + size);
  }
  return { byPackage, other };
}

/**
 * What a layer did to the packages: `after` is the state at the layer (`afterLayer` its index),
 * `before` the state it is compared with (the aligned base layer's, or the layer below for an added
 * layer, whose `beforeLayer` is null: no bytes before). Null when neither state has a package.
 */
export function packageChanges(before: PackageState, beforeLayer: LayerIndex | null, after: PackageState, afterLayer: LayerIndex): PackageChanges | null {
  if (before.packages.size === 0 && after.packages.size === 0) return null;
  const now = layerBytesByPackage(afterLayer, after);
  const then = beforeLayer ? layerBytesByPackage(beforeLayer, before) : { byPackage: new Map<string, number>(), other: 0 };
  const changes: PackageChange[] = [];
  const describe = (key: string, b: InstalledPackage | undefined, h: InstalledPackage | undefined): void => {
    const p = (h ?? b)!;
    let change: PackageChange['change'];
    if (!b) change = 'added';
    else if (!h) change = 'removed';
    else {
      const order = compareVersions(p.manager, b.version, h.version);
      change = order === null ? 'changed' : order < 0 ? 'upgraded' : order > 0 ? 'downgraded' : 'changed';
    }
    const bytes = h ? (now.byPackage.get(key) ?? 0) : 0;
    const baseBytes = b ? (then.byPackage.get(key) ?? 0) : 0;
    changes.push({
      manager: p.manager,
      name: p.name,
      change,
      baseVersion: b ? b.version : null,
      headVersion: h ? h.version : null,
      ...(p.arch !== undefined ? { arch: p.arch } : {}),
      ...(p.dir !== undefined ? { dir: p.dir } : {}),
      bytes,
      delta: bytes - baseBytes,
    });
  };
  let unchangedBytes = 0;
  let unchangedBase = 0;
  for (const [key, h] of after.packages) {
    const b = before.packages.get(key);
    if (!b || b.version !== h.version) describe(key, b, h);
    else {
      unchangedBytes += now.byPackage.get(key) ?? 0;
      unchangedBase += then.byPackage.get(key) ?? 0;
    }
  }
  for (const [key, b] of before.packages) if (!after.packages.has(key)) describe(key, b, undefined);
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || y.bytes - x.bytes || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const shown = changes.slice(0, MAX_PACKAGE_CHANGES);
  return {
    changes: shown,
    omitted: changes.length - shown.length,
    unchangedBytes,
    unchangedDelta: unchangedBytes - unchangedBase,
    otherBytes: now.other,
    otherDelta: now.other - then.other,
  };
}
