/**
 * File-level differences, as `FileChanges`: of one layer against the base layer it aligns with,
 * and of two flattened filesystems. Every path counts, directories included (a new directory is
 * one added path, as `diff -r` reports it), with byte deltas of regular-file content.
 *
 * - added / removed: the path exists on one side only. A directory the layers below this one
 *   already hold is neither: a layer that writes `/usr/bin/x` also carries a `/usr` entry, and
 *   listing `/usr` as added (0 B) would be noise that says nothing true (`directoriesBelow`).
 * - grown / shrunk: content bytes differ.
 * - modified: same bytes but another kind, link target, mode or owner, or (when both sides were
 *   fingerprinted) another CRC-32 of the content. Modification times are ignored: every rebuild
 *   touches them, so they would flag every file of a rebuilt layer.
 */
import type { FileChange, FileChanges } from '../core/report.js';
import { EntryKind, WHITEOUT_PREFIX, type LayerIndex } from './layer-index.js';
import type { EntryRef, Flattened } from './flatten.js';

/**
 * Path -> position of its last entry (a later entry of the same path wins, as on extraction).
 * Whiteout markers are not files: what they delete is reported from the flattened stack instead.
 */
export function lastEntries(index: LayerIndex): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < index.count; i++) {
    const p = index.paths[i]!;
    if (p === '' || p.startsWith(WHITEOUT_PREFIX, p.lastIndexOf('/') + 1)) continue;
    map.set(p, i);
  }
  return map;
}

/**
 * One layer against the base layer it aligns with (null: an added layer). `deletions` are the
 * files this layer's whiteouts remove from the layers below it, with the bytes they held.
 */
export function diffLayers(
  base: LayerIndex | null,
  head: LayerIndex,
  deletions: readonly FileChange[] = [],
  existsBelow: (directory: string) => boolean = () => false,
): FileChanges {
  const headMap = lastEntries(head);
  const baseMap = base ? lastEntries(base) : new Map<string, number>();
  const changes: FileChange[] = [...deletions];
  for (const [path, hi] of headMap) {
    const bi = baseMap.get(path);
    // Only on one side, but a directory the image holds anyway: not a change of the image.
    if (bi === undefined && head.kinds[hi] === EntryKind.dir && existsBelow(path)) continue;
    const change = classify(path, base, bi ?? -1, head, hi);
    if (change) changes.push(change);
  }
  if (base) {
    for (const [path, bi] of baseMap) {
      if (headMap.has(path) || (base.kinds[bi] === EntryKind.dir && existsBelow(path))) continue;
      changes.push(classify(path, base, bi, null, -1)!);
    }
  }
  return summarize(changes);
}

/**
 * Per directory path (as layer indexes store it), the position of the lowest layer holding it, so
 * `diffLayers` can ask "does a layer below position p hold this directory?" in O(1). One pass over
 * the layers' entries; a missing index (a layer not scanned) holds nothing, which only keeps a
 * directory listed. Whiteouts are ignored: a directory deleted and re-created reads as existing,
 * and the deletion is listed on its own (`deletionsByLayer`).
 */
export function directoriesBelow(layers: ReadonlyArray<LayerIndex | undefined>): (position: number) => (directory: string) => boolean {
  const lowest = new Map<string, number>();
  layers.forEach((index, position) => {
    if (!index) return;
    for (let i = 0; i < index.count; i++) {
      const p = index.paths[i]!;
      if (index.kinds[i] === EntryKind.dir && !lowest.has(p)) lowest.set(p, position);
    }
  });
  return (position) => (directory) => {
    const at = lowest.get(directory);
    return at !== undefined && at < position;
  };
}

/** Flattened filesystems: `layers` resolve the refs of each side. */
export function diffFilesystems(
  base: Map<string, EntryRef>,
  baseLayers: readonly LayerIndex[],
  head: Map<string, EntryRef>,
  headLayers: readonly LayerIndex[],
): FileChanges {
  const changes: FileChange[] = [];
  for (const [path, h] of head) {
    const b = base.get(path);
    const headLayer = headLayers[h.layer]!;
    if (!b) {
      changes.push(classify(path, null, -1, headLayer, h.entry)!);
      continue;
    }
    const baseLayer = baseLayers[b.layer]!;
    // The same layer (shared by both images) and the same entry: identical by construction.
    if (baseLayer === headLayer && b.entry === h.entry) continue;
    const change = classify(path, baseLayer, b.entry, headLayer, h.entry);
    if (change) changes.push(change);
  }
  for (const [path, b] of base) if (!head.has(path)) changes.push(classify(path, baseLayers[b.layer]!, b.entry, null, -1)!);
  return summarize(changes);
}

function contentBytes(index: LayerIndex, i: number): number {
  return index.kinds[i] === EntryKind.file ? index.sizes[i]! : 0;
}

function classify(path: string, base: LayerIndex | null, bi: number, head: LayerIndex | null, hi: number): FileChange | null {
  const shown = '/' + path;
  if (!base || bi < 0) {
    const headSize = contentBytes(head!, hi);
    return { path: shown, change: 'added', baseSize: null, headSize, delta: headSize };
  }
  if (!head || hi < 0) {
    const baseSize = contentBytes(base, bi);
    return { path: shown, change: 'removed', baseSize, headSize: null, delta: -baseSize };
  }
  const baseSize = contentBytes(base, bi);
  const headSize = contentBytes(head, hi);
  if (headSize !== baseSize) return { path: shown, change: headSize > baseSize ? 'grown' : 'shrunk', baseSize, headSize, delta: headSize - baseSize };
  if (sameEntry(base, bi, head, hi)) return null;
  return { path: shown, change: 'modified', baseSize, headSize, delta: 0 };
}

function sameEntry(a: LayerIndex, ai: number, b: LayerIndex, bi: number): boolean {
  const kind = a.kinds[ai];
  if (kind !== b.kinds[bi]) return false;
  if (a.modes[ai] !== b.modes[bi] || a.uids[ai] !== b.uids[bi] || a.gids[ai] !== b.gids[bi]) return false;
  if (kind === EntryKind.symlink || kind === EntryKind.hardlink) return a.links.get(ai) === b.links.get(bi);
  if (kind === EntryKind.file && a.crcs && b.crcs) return a.crcs[ai] === b.crcs[bi];
  return true;
}

export function summarize(changes: FileChange[]): FileChanges {
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const result: FileChanges = { added: 0, removed: 0, grown: 0, shrunk: 0, modified: 0, changes };
  for (const c of changes) result[c.change]++;
  return result;
}

/**
 * What each layer's whiteouts delete from the layers below it, by layer position: `/path` for a
 * deleted file or directory (its bytes summed), `/dir/*` for the contents an opaque whiteout hides.
 */
export function deletionsByLayer(flat: Flattened): Map<number, FileChange[]> {
  const byLayer = new Map<number, Map<string, number>>();
  for (const h of flat.hidden) {
    if (h.how !== 'deleted' && h.how !== 'opaque') continue;
    const path = h.how === 'opaque' ? `/${h.at}/*` : `/${h.at}`;
    let paths = byLayer.get(h.byLayer);
    if (!paths) byLayer.set(h.byLayer, (paths = new Map<string, number>()));
    paths.set(path, (paths.get(path) ?? 0) + h.bytes);
  }
  const result = new Map<number, FileChange[]>();
  for (const [layer, paths] of byLayer) {
    result.set(
      layer,
      [...paths].map(([path, bytes]) => ({ path, change: 'removed' as const, baseSize: bytes, headSize: null, delta: -bytes })),
    );
  }
  return result;
}
