/**
 * dive's own efficiency figures (wagoodman/dive, `filetree.Efficiency` and `image.Analyze`),
 * reproduced exactly so users who gate on dive's numbers today get the same ones. What dive does:
 *
 * - Each layer becomes a tree of its tar entries (`path.Clean`ed); parents a layer does not list
 *   are implied nodes with an empty payload (size 0, not a directory); `.wh..wh..*` names are left out.
 * - For every layer, every *leaf* of its tree (visited depth-first, children in byte order) adds its
 *   size to a per-path record; a whiteout leaf counts the path it deletes with, when that path is a
 *   directory (by its payload) in the stack of the layers below, the size of everything under it,
 *   else 0. A whiteout whose path the stack below lacks stops the visit of that layer's remaining
 *   leaves and leaves a record with a minimum of -1 (dive logs the error and goes on).
 * - efficiency = Σ per-path minimum size / Σ per-path cumulative size.
 * - wasted bytes = Σ cumulative size of every path seen at least twice: all copies, the kept one too.
 * - size = Σ of every layer's entry sizes; user wasted percent = wasted / size of all layers but the first.
 *
 * The stack of lower layers is dive's `StackTreeRange(trees, 0, i-1)`: a copy of layer 0 with
 * layers 0..i-1 stacked on it (layer 0 twice), where stacking visits every node of the upper tree
 * child-first and sets its payload at its path, implied nodes included, and a whiteout removes its path.
 * This module keeps that stack incrementally instead of rebuilding it per whiteout.
 */
import { EntryKind, WHITEOUT_PREFIX, type LayerIndex } from './layer-index.js';

export interface DiveFigures {
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
  sizeBytes: number;
}

interface Payload {
  size: number;
  isDir: boolean;
}
const EMPTY: Payload = { size: 0, isDir: false };

interface DNode {
  name: string;
  parent: DNode | null;
  children: Map<string, DNode>;
  payload: Payload;
  sorted: DNode[] | null;
}

const DOUBLE_WHITEOUT = '.wh..wh..';

function newNode(name: string, parent: DNode | null, payload: Payload): DNode {
  return { name, parent, children: new Map(), payload, sorted: null };
}

function addPath(root: DNode, path: string, payload: Payload): void {
  const names = path.split('/');
  let node = root;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === '') continue;
    let child = node.children.get(name);
    if (!child) {
      if (name.startsWith(DOUBLE_WHITEOUT)) return;
      child = newNode(name, node, EMPTY);
      node.children.set(name, child);
      node.sorted = null;
    }
    node = child;
    if (i === names.length - 1) node.payload = payload;
  }
}

function getNode(root: DNode, path: string): DNode | null {
  let node = root;
  for (const name of path.split('/')) {
    if (name === '') continue;
    const child = node.children.get(name);
    if (!child) return null;
    node = child;
  }
  return node;
}

/** The path dive gives a node: whiteout prefix dropped from the leaf name. */
function nodePath(node: DNode): string {
  const parts: string[] = [];
  for (let n: DNode | null = node; n && n.parent; n = n.parent)
    parts.push(n === node && n.name.startsWith(WHITEOUT_PREFIX) ? n.name.slice(WHITEOUT_PREFIX.length) : n.name);
  return '/' + parts.reverse().join('/');
}

function sortedChildren(node: DNode): DNode[] {
  if (!node.sorted) node.sorted = [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return node.sorted;
}

/**
 * Depth-first, children first (in byte order), root never visited; `visit` returning false stops
 * the walk. An explicit stack, not recursion: a path may nest ~2,000 levels (4096-byte path cap),
 * and the depth of recursion should never be the input's to choose.
 */
function visitChildFirst(start: DNode, root: DNode, visit: (n: DNode) => boolean, onlyLeaves: boolean): boolean {
  const pending: Array<{ node: DNode; children: DNode[]; next: number }> = [{ node: start, children: sortedChildren(start), next: 0 }];
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    if (top.next < top.children.length) {
      const child = top.children[top.next++]!;
      pending.push({ node: child, children: sortedChildren(child), next: 0 });
      continue;
    }
    pending.pop();
    const node = top.node;
    if (node === root) continue;
    if (onlyLeaves && node.children.size > 0) continue;
    if (!visit(node)) return false;
  }
  return true;
}

/** A deep copy of the tree under `root` (explicit stack, as above). */
function copyTree(root: DNode): DNode {
  const copy = newNode(root.name, null, root.payload);
  const pending: Array<[DNode, DNode]> = [[root, copy]];
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    for (const [name, child] of from.children) {
      const childCopy = newNode(child.name, to, child.payload);
      to.children.set(name, childCopy);
      pending.push([child, childCopy]);
    }
  }
  return copy;
}

function stack(lower: DNode, upperRoot: DNode): void {
  visitChildFirst(
    upperRoot,
    upperRoot,
    (node) => {
      const path = nodePath(node);
      if (node.name.startsWith(WHITEOUT_PREFIX)) {
        const target = getNode(lower, path);
        if (target && target.parent) {
          target.parent.children.delete(target.name);
          target.parent.sorted = null;
        }
      } else {
        addPath(lower, path, node.payload);
      }
      return true;
    },
    false,
  );
}

function layerTree(index: LayerIndex): { root: DNode; size: number } {
  const root = newNode('', null, EMPTY);
  let size = 0;
  for (let i = 0; i < index.count; i++) {
    size += index.sizes[i]!;
    const path = index.paths[i]!;
    if (path === '') continue;
    addPath(root, path, { size: index.sizes[i]!, isDir: index.kinds[i] === EntryKind.dir });
  }
  return { root, size };
}

export function diveFigures(layers: readonly LayerIndex[]): DiveFigures {
  const trees = layers.map(layerTree);
  const records = new Map<string, { cumulative: number; min: number; count: number }>();
  let lowerStack: DNode | null = null;
  for (let li = 0; li < trees.length; li++) {
    const tree = trees[li]!;
    if (li === 0) lowerStack = copyTree(trees[0]!.root);
    else stack(lowerStack!, trees[li - 1]!.root);
    const lower = lowerStack!;
    visitChildFirst(
      tree.root,
      tree.root,
      (node) => {
        const path = nodePath(node);
        let record = records.get(path);
        if (!record) records.set(path, (record = { cumulative: 0, min: -1, count: 0 }));
        let size = 0;
        if (node.name.startsWith(WHITEOUT_PREFIX)) {
          const previous = getNode(lower, path);
          if (!previous) return false;
          if (previous.payload.isDir) {
            visitChildFirst(
              previous,
              lower,
              (n) => {
                size += n.payload.size;
                return true;
              },
              false,
            );
          }
        } else {
          size = node.payload.size;
        }
        record.cumulative += size;
        if (record.min < 0 || size < record.min) record.min = size;
        record.count++;
        return true;
      },
      true,
    );
  }
  let minimum = 0;
  let discovered = 0;
  let wasted = 0;
  for (const r of records.values()) {
    minimum += r.min;
    discovered += r.cumulative;
    if (r.count >= 2) wasted += r.cumulative;
  }
  const sizeBytes = trees.reduce((sum, t) => sum + t.size, 0);
  const userSize = sizeBytes - (trees[0]?.size ?? 0);
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes: wasted,
    userWastedPercent: userSize > 0 ? wasted / userSize : 0,
    sizeBytes,
  };
}
