import type { LayerRef, Sizes, Snapshot } from '../core/snapshot.js';
import type { CacheHit, LayerRow, LayerStatus, RatioFigure, Report } from '../core/report.js';
import { alignSequences } from './align.js';
import { instructionKeyword, normaliseCreatedBy } from './instruction.js';

export type LayerDiff = Pick<Report, 'layers' | 'totals' | 'cacheHit'>;

/** Matches layers by diff_id, aligns the rest by history; rows, totals and cache-hit figures. */
export function diffSnapshots(base: Snapshot | null, head: Snapshot): LayerDiff {
  const baseLayers = base?.layers ?? [];
  const headLayers = head.layers;

  // headPos -> basePos for identical content; each base layer is used at most once, duplicates pair in order.
  const reusedBaseOf = matchByDiffId(baseLayers, headLayers);
  const baseUsed = new Set(reusedBaseOf.values());

  const leftoverBase = baseLayers.map((_, i) => i).filter((i) => !baseUsed.has(i));
  const leftoverHead = headLayers.map((_, j) => j).filter((j) => !reusedBaseOf.has(j));
  const changedBaseOf = alignLeftovers(baseLayers, headLayers, leftoverBase, leftoverHead, reusedBaseOf);

  const headRows: LayerRow[] = headLayers.map((layer, j) => {
    const reused = reusedBaseOf.get(j);
    if (reused !== undefined) return row('unchanged', baseLayers[reused] ?? null, layer);
    const changed = changedBaseOf.get(j);
    if (changed !== undefined) return row('changed', baseLayers[changed] ?? null, layer);
    return row('added', null, layer);
  });

  const pairedBase = new Map<number, number>(); // basePos -> headPos
  for (const [j, i] of reusedBaseOf) pairedBase.set(i, j);
  for (const [j, i] of changedBaseOf) pairedBase.set(i, j);
  const layers = placeRemoved(headRows, baseLayers, pairedBase);

  return {
    layers,
    totals: totalsOf(base, head),
    cacheHit: base === null ? null : cacheHitOf(baseLayers, headLayers, head.totals.size),
  };
}

function matchByDiffId(baseLayers: readonly LayerRef[], headLayers: readonly LayerRef[]): Map<number, number> {
  const queues = new Map<string, number[]>();
  baseLayers.forEach((layer, i) => {
    const queue = queues.get(layer.diffId);
    if (queue) queue.push(i);
    else queues.set(layer.diffId, [i]);
  });
  const matched = new Map<number, number>();
  headLayers.forEach((layer, j) => {
    const i = queues.get(layer.diffId)?.shift();
    if (i !== undefined) matched.set(j, i);
  });
  return matched;
}

// Scores are tiers far apart so that no tie-break can outweigh a better instruction match.
const SAME_INSTRUCTION = 100;
const SAME_KEYWORD = 10;
const BOTH_UNKNOWN = 1;
const SAME_GAP_BONUS = 0.5;
const SIZE_LIKENESS_BONUS = 0.25;

/**
 * Pairs the layers that did not match by content, by their history, in order. Tie-breaks favour
 * layers that sit between the same reused neighbours, then layers of similar size.
 */
function alignLeftovers(
  baseLayers: readonly LayerRef[],
  headLayers: readonly LayerRef[],
  leftoverBase: readonly number[],
  leftoverHead: readonly number[],
  reusedBaseOf: ReadonlyMap<number, number>,
): Map<number, number> {
  const headOfBase = new Map<number, number>();
  for (const [j, i] of reusedBaseOf) headOfBase.set(i, j);
  // The gap a layer sits in: the head position of the nearest reused layer before it (-1: none).
  const baseGap = gapsOf(baseLayers.length, (i) => headOfBase.get(i));
  const headGap = gapsOf(headLayers.length, (j) => (reusedBaseOf.has(j) ? j : undefined));

  const describe = (layer: LayerRef) => {
    const instruction = normaliseCreatedBy(layer.createdBy);
    return { instruction, keyword: instructionKeyword(instruction), size: layer.size };
  };
  const left = leftoverBase.map((i) => ({ pos: i, ...describe(baseLayers[i] as LayerRef) }));
  const right = leftoverHead.map((j) => ({ pos: j, ...describe(headLayers[j] as LayerRef) }));

  const pairs = alignSequences(left, right, (a, b) => {
    let score: number;
    if (a.instruction !== null && b.instruction !== null) {
      if (a.instruction === b.instruction) score = SAME_INSTRUCTION;
      else if (a.keyword !== null && a.keyword === b.keyword) score = SAME_KEYWORD;
      else return 0;
    } else if (a.instruction === null && b.instruction === null) {
      score = BOTH_UNKNOWN;
    } else {
      return 0;
    }
    if (baseGap[a.pos] === headGap[b.pos]) score += SAME_GAP_BONUS;
    const larger = Math.max(a.size, b.size);
    score += SIZE_LIKENESS_BONUS * (larger === 0 ? 1 : Math.min(a.size, b.size) / larger);
    return score;
  });

  const changed = new Map<number, number>();
  for (const [l, r] of pairs) changed.set((right[r] as { pos: number }).pos, (left[l] as { pos: number }).pos);
  return changed;
}

function gapsOf(length: number, anchorAt: (pos: number) => number | undefined): number[] {
  const gaps: number[] = [];
  let current = -1;
  for (let pos = 0; pos < length; pos++) {
    gaps.push(current);
    const anchor = anchorAt(pos);
    if (anchor !== undefined) current = anchor;
  }
  return gaps;
}

/** Head order, with each removed base layer right after the row of the nearest paired base layer before it. */
function placeRemoved(headRows: LayerRow[], baseLayers: readonly LayerRef[], pairedBase: ReadonlyMap<number, number>): LayerRow[] {
  const removedAfter = new Map<number, LayerRow[]>(); // headPos (-1: before all) -> removed rows, in base order
  let anchor = -1;
  baseLayers.forEach((layer, i) => {
    const headPos = pairedBase.get(i);
    if (headPos !== undefined) {
      anchor = headPos;
      return;
    }
    const list = removedAfter.get(anchor) ?? [];
    list.push(row('removed', layer, null));
    removedAfter.set(anchor, list);
  });
  // One push at a time: spreading a list of removed rows into push() overflows the stack once an
  // input (a hostile snapshot) holds ~100k of them.
  const rows: LayerRow[] = [];
  const append = (list: readonly LayerRow[] | undefined) => {
    for (const r of list ?? []) rows.push(r);
  };
  append(removedAfter.get(-1));
  headRows.forEach((r, j) => {
    rows.push(r);
    append(removedAfter.get(j));
  });
  return rows;
}

function row(status: LayerStatus, base: LayerRef | null, head: LayerRef | null): LayerRow {
  return { status, base, head, delta: deltaOf(base, head) };
}

function deltaOf(base: LayerRef | null, head: LayerRef | null): LayerRow['delta'] {
  if (base && head) {
    return {
      size: head.size - base.size,
      compressedSize: base.compressedSize === null || head.compressedSize === null ? null : head.compressedSize - base.compressedSize,
    };
  }
  if (head) return { size: head.size, compressedSize: head.compressedSize };
  if (base) return { size: -base.size, compressedSize: base.compressedSize === null ? null : -base.compressedSize };
  return { size: 0, compressedSize: 0 };
}

function totalsOf(base: Snapshot | null, head: Snapshot): Report['totals'] {
  const baseTotals = base?.totals ?? null;
  const from: Sizes = baseTotals ?? { size: 0, compressedSize: 0, contentSize: 0 };
  const to = head.totals;
  return {
    base: baseTotals,
    head: to,
    delta: {
      size: to.size - from.size,
      compressedSize: nullableDifference(to.compressedSize, from.compressedSize),
      contentSize: nullableDifference(to.contentSize, from.contentSize),
    },
  };
}

function nullableDifference(to: number | null, from: number | null): number | null {
  return to === null || from === null ? null : to - from;
}

/**
 * DESIGN.md: head layers whose diff_id occurs in the base, by count and by uncompressed bytes.
 * An empty head reuses everything it needs: ratio 1.
 */
export function cacheHitOf(baseLayers: readonly LayerRef[], headLayers: readonly LayerRef[], headUncompressedBytes: number): CacheHit {
  const inBase = new Set(baseLayers.map((l) => l.diffId));
  const hits = headLayers.filter((l) => inBase.has(l.diffId));
  const hitBytes = hits.reduce((sum, l) => sum + l.size, 0);
  return {
    layers: ratio(hits.length, headLayers.length),
    bytes: ratio(hitBytes, headUncompressedBytes),
  };
}

function ratio(hit: number, total: number): RatioFigure {
  return { hit, total, ratio: total === 0 ? 1 : hit / total };
}
