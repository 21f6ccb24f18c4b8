/**
 * Stacks layer indexes into the filesystem a container sees, the way overlay and `docker load`
 * apply layers (OCI image spec, "Applying changesets"): per layer, its whiteouts (`.wh.NAME`
 * removes NAME and everything under it; `.wh..wh..opq` hides everything its directory had below)
 * apply to the lower layers first, then its entries are added; a non-directory replacing a
 * directory hides the directory's contents; a directory over a directory merges.
 *
 * Along the way it records every regular-file copy that ships in some layer but is no longer
 * visible: the wasted bytes. Each copy is counted once, the visible copy never, and a copy still
 * reachable through a visible hardlink of its own layer is not waste. So `wastedBytes` equals the
 * bytes of every shipped file minus the bytes the final filesystem can reach.
 */
import type { WasteFigures } from '../core/report.js';
import { EntryKind, OPAQUE_MARKER, WHITEOUT_PREFIX, type LayerIndex } from './layer-index.js';

/** A visible entry: which layer (position in the stack) and which entry of it. */
export interface EntryRef {
  layer: number;
  entry: number;
}

interface Node {
  /** -1 for a directory no entry created (an implied parent). */
  layer: number;
  entry: number;
  children: Map<string, Node> | null;
}

/** A file copy hidden by a later layer (or by a later entry of the same layer). */
export interface HiddenCopy {
  /** The path the event happened at: the overwritten file, or the deleted / opaque / replaced directory. */
  at: string;
  layer: number;
  entry: number;
  bytes: number;
  /** The layer whose entry or whiteout hid it. */
  byLayer: number;
  how: 'overwritten' | 'deleted' | 'opaque' | 'replaced';
  /** For overwrites by a regular file: whether the new copy has the same size (and CRC, when both are known). */
  sameContent: boolean | null;
}

export interface Flattened {
  /** Visible paths (directories included; the root is not an entry). */
  visible: Map<string, EntryRef>;
  hidden: HiddenCopy[];
  /** Regular-file bytes of every layer. */
  shippedBytes: number;
}

export function flatten(layers: readonly LayerIndex[]): Flattened {
  const root: Node = { layer: -1, entry: -1, children: new Map() };
  const hidden: HiddenCopy[] = [];
  let shippedBytes = 0;

  const hideSubtree = (node: Node, at: string, byLayer: number, how: HiddenCopy['how']): void => {
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.layer >= 0) hideCopy(n, at, byLayer, how, null);
      if (n.children) for (const child of n.children.values()) stack.push(child);
    }
  };
  const hideCopy = (n: Node, at: string, byLayer: number, how: HiddenCopy['how'], sameContent: boolean | null): void => {
    const layer = layers[n.layer]!;
    if (layer.kinds[n.entry] !== EntryKind.file) return;
    hidden.push({ at, layer: n.layer, entry: n.entry, bytes: layer.sizes[n.entry]!, byLayer, how, sameContent });
  };

  for (let li = 0; li < layers.length; li++) {
    const layer = layers[li]!;
    shippedBytes += layer.contentBytes;
    const { paths, kinds } = layer;
    // Whiteouts first: they only ever apply to lower layers.
    for (let i = 0; i < layer.count; i++) {
      const p = paths[i]!;
      const slash = p.lastIndexOf('/');
      if (!p.startsWith(WHITEOUT_PREFIX, slash + 1)) continue;
      const dir = slash < 0 ? '' : p.slice(0, slash);
      const name = p.slice(slash + 1);
      if (name === OPAQUE_MARKER) {
        const node = lookup(root, dir);
        if (node?.children && node.children.size > 0) {
          for (const child of node.children.values()) hideSubtree(child, dir, li, 'opaque');
          node.children.clear();
        }
        continue;
      }
      const target = name.slice(WHITEOUT_PREFIX.length);
      const parent = lookup(root, dir);
      const node = parent?.children?.get(target);
      if (node) {
        parent!.children!.delete(target);
        hideSubtree(node, dir === '' ? target : `${dir}/${target}`, li, 'deleted');
      }
    }
    // Tars list a directory's entries together: remember the last parent so most entries find it
    // without slicing and walking their path again (200k paths would make as many garbage strings).
    let lastDir: string | null = null;
    let lastParent: Node = root;
    for (let i = 0; i < layer.count; i++) {
      const p = paths[i]!;
      if (p === '') continue;
      const slash = p.lastIndexOf('/');
      if (p.startsWith(WHITEOUT_PREFIX, slash + 1)) continue;
      let parent: Node;
      if (lastDir !== null && slash === lastDir.length && p.startsWith(lastDir)) {
        parent = lastParent;
      } else {
        lastDir = slash < 0 ? '' : p.slice(0, slash);
        parent = ensureDir(root, lastDir, (n, at) => hideCopy(n, at, li, 'replaced', null));
        lastParent = parent;
      }
      const name = slash < 0 ? p : p.slice(slash + 1);
      const isDir = kinds[i] === EntryKind.dir;
      const existing = parent.children!.get(name);
      if (!existing) {
        parent.children!.set(name, { layer: li, entry: i, children: isDir ? new Map() : null });
        continue;
      }
      if (existing.children && isDir) {
        existing.layer = li;
        existing.entry = i;
        continue;
      }
      if (existing.children) {
        hideSubtree(existing, p, li, 'replaced');
        existing.children = null;
        lastDir = null; // the remembered parent may have been this directory, or under it
      } else if (existing.layer >= 0) {
        hideCopy(existing, p, li, 'overwritten', kinds[i] === EntryKind.file ? sameCopy(layers[existing.layer]!, existing.entry, layer, i) : null);
      }
      existing.layer = li;
      existing.entry = i;
      if (isDir) {
        existing.children = new Map();
        lastDir = null;
      }
    }
  }

  // Depth first with an explicit stack (a path's depth is the input's to choose, the call stack's
  // is not); a directory's entry comes before its children, as the recursive walk had it. A node
  // is its own EntryRef (no second object per entry: a million of them weigh 40 MB), and a
  // directory lets go of its children once walked, so the tree is freed as `visible` fills.
  const visible = new Map<string, EntryRef>();
  const pending: Array<{ node: Node; prefix: string; children: IterableIterator<[string, Node]> }> = [
    { node: root, prefix: '', children: root.children!.entries() },
  ];
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    const next = top.children.next();
    if (next.done) {
      top.node.children = null;
      pending.pop();
      continue;
    }
    const [name, child] = next.value;
    // An entry's own (normalised) path is this very string: reuse it rather than build 200k copies.
    const p = child.layer >= 0 ? layers[child.layer]!.paths[child.entry]! : top.prefix === '' ? name : `${top.prefix}/${name}`;
    if (child.layer >= 0) visible.set(p, child);
    if (child.children) pending.push({ node: child, prefix: p, children: child.children.entries() });
  }

  // A hidden copy that a visible hardlink of its own layer still points at is not waste.
  const linked = new Set<string>();
  for (const ref of visible.values()) {
    const layer = layers[ref.layer]!;
    if (layer.kinds[ref.entry] === EntryKind.hardlink) linked.add(`${ref.layer}\0${layer.links.get(ref.entry) ?? ''}`);
  }
  const reachable = linked.size === 0 ? hidden : hidden.filter((h) => !linked.has(`${h.layer}\0${layers[h.layer]!.paths[h.entry]}`));
  return { visible, hidden: reachable, shippedBytes };
}

function lookup(root: Node, dir: string): Node | undefined {
  if (dir === '') return root;
  let node: Node | undefined = root;
  for (const part of dir.split('/')) {
    node = node.children?.get(part);
    if (!node) return undefined;
  }
  return node;
}

/** The directory node at `dir`, creating implied parents; a non-directory in the way is replaced. */
function ensureDir(root: Node, dir: string, onReplace: (n: Node, at: string) => void): Node {
  if (dir === '') return root;
  let node = root;
  let start = 0;
  for (;;) {
    const slash = dir.indexOf('/', start);
    const part = slash < 0 ? dir.slice(start) : dir.slice(start, slash);
    let child = node.children!.get(part);
    if (!child) {
      child = { layer: -1, entry: -1, children: new Map() };
      node.children!.set(part, child);
    } else if (!child.children) {
      if (child.layer >= 0) onReplace(child, slash < 0 ? dir : dir.slice(0, slash));
      child.layer = -1;
      child.entry = -1;
      child.children = new Map();
    }
    node = child;
    if (slash < 0) return node;
    start = slash + 1;
  }
}

/** Same size and, when both layers were fingerprinted, the same CRC. */
export function sameCopy(a: LayerIndex, ai: number, b: LayerIndex, bi: number): boolean {
  if (a.kinds[ai] !== EntryKind.file || b.kinds[bi] !== EntryKind.file) return false;
  if (a.sizes[ai] !== b.sizes[bi]) return false;
  if (a.crcs && b.crcs) return a.crcs[ai] === b.crcs[bi];
  return true;
}

/** Wasted-space figures from a flattened image: kept copy counted once, per path, largest first. */
export function wasteFigures(flat: Flattened): WasteFigures {
  const rows = new Map<string, { bytes: number; layers: Set<number> }>();
  let wasted = 0;
  for (const h of flat.hidden) {
    if (h.bytes <= 0) continue;
    wasted += h.bytes;
    let row = rows.get(h.at);
    if (!row) rows.set(h.at, (row = { bytes: 0, layers: new Set() }));
    row.bytes += h.bytes;
    row.layers.add(h.layer);
    row.layers.add(h.byLayer);
  }
  const paths = [...rows].map(([path, row]) => ({ path: '/' + path, wastedBytes: row.bytes, layers: [...row.layers].sort((a, b) => a - b) }));
  paths.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { wastedBytes: wasted, efficiency: flat.shippedBytes > 0 ? 1 - wasted / flat.shippedBytes : 1, paths };
}
