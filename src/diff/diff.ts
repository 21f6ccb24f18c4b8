import type { LayerRef, Sizes, Snapshot } from '../core/snapshot.js';
import type { CacheHit, LayerRow, LayerStatus, PairedBy, RatioFigure, Report } from '../core/report.js';
import { alignSequences } from './align.js';
import { instructionKeyword, instructionTokens, normaliseCreatedBy, sortedSimilarity } from './instruction.js';

export type LayerDiff = Pick<Report, 'layers' | 'totals' | 'cacheHit'>;

/** Matches layers by diff_id, aligns the rest by history; rows, totals and cache-hit figures. */
export function diffSnapshots(base: Snapshot | null, head: Snapshot, options: DiffOptions = {}): LayerDiff {
  const baseLayers = base?.layers ?? [];
  const headLayers = head.layers;

  // headPos -> basePos for identical content; each base layer is used at most once, duplicates pair in order.
  const reusedBaseOf = matchByDiffId(baseLayers, headLayers);
  const baseUsed = new Set(reusedBaseOf.values());

  const leftoverBase = baseLayers.map((_, i) => i).filter((i) => !baseUsed.has(i));
  const leftoverHead = headLayers.map((_, j) => j).filter((j) => !reusedBaseOf.has(j));
  const changedBaseOf = alignLeftovers(baseLayers, headLayers, leftoverBase, leftoverHead, reusedBaseOf, options);

  const headRows: LayerRow[] = headLayers.map((layer, j) => {
    const reused = reusedBaseOf.get(j);
    if (reused !== undefined) return row('unchanged', baseLayers[reused] ?? null, layer);
    const changed = changedBaseOf.get(j);
    if (changed !== undefined) return { ...row('changed', baseLayers[changed.base] ?? null, layer), pairedBy: changed.pairedBy };
    return row('added', null, layer);
  });

  const pairedBase = new Map<number, number>(); // basePos -> headPos
  for (const [j, i] of reusedBaseOf) pairedBase.set(i, j);
  for (const [j, { base: i }] of changedBaseOf) pairedBase.set(i, j);
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

/**
 * Optional evidence for pairing changed layers. `layerFiles`: the paths a layer writes (files, not
 * directories), known after a deep scan; undefined when that layer was not scanned.
 */
export interface DiffOptions {
  layerFiles?: ((layer: LayerRef) => ReadonlySet<string> | undefined) | undefined;
}

// Scores are tiers far apart, in the order of the evidence: shared file paths decide, then how alike
// the instructions are, then the position between reused neighbours, then the size.
const FILES_TIER = 1000; // × Jaccard of the two layers' file paths
const SAME_INSTRUCTION = 100;
const SAME_KEYWORD = 10;
const SIMILARITY_RANGE = 80; // SAME_KEYWORD + this × word Jaccard stays below SAME_INSTRUCTION
const BOTH_UNKNOWN = 1;
const SAME_GAP_BONUS = 0.5;
const SIZE_LIKENESS_BONUS = 0.25;
// Shared-path counting walks, for each base path, the head layers that hold it: bounded, so a
// hostile pair of images (every layer writing the same 100k paths) cannot make it quadratic.
const MAX_OVERLAP_STEPS = 2_000_000;
// The exact alignment table: at most this many cells, and about this many word comparisons.
const MAX_TABLE_CELLS = 4_000_000;
const MAX_WORD_STEPS = 40_000_000;

interface Side {
  pos: number;
  instruction: string | null;
  keyword: string | null;
  /** Its instruction's distinct words (after the keyword) as sorted ids. */
  words: Int32Array;
  size: number;
  files: ReadonlySet<string> | undefined;
}

/**
 * Pairs the layers that did not match by content, in order, by what they share: file paths (deep
 * scan), then instruction words, then the reused neighbours they sit between, then size.
 * Returns headPos -> basePos and why each pair was made.
 */
function alignLeftovers(
  baseLayers: readonly LayerRef[],
  headLayers: readonly LayerRef[],
  leftoverBase: readonly number[],
  leftoverHead: readonly number[],
  reusedBaseOf: ReadonlyMap<number, number>,
  options: DiffOptions,
): Map<number, { base: number; pairedBy: PairedBy }> {
  const headOfBase = new Map<number, number>();
  for (const [j, i] of reusedBaseOf) headOfBase.set(i, j);
  // The gap a layer sits in: the head position of the nearest reused layer before it (-1: none).
  const baseGap = gapsOf(baseLayers.length, (i) => headOfBase.get(i));
  const headGap = gapsOf(headLayers.length, (j) => (reusedBaseOf.has(j) ? j : undefined));

  // Words as sorted integer ids: comparing two instructions is then one merge, no string hashing.
  const wordIds = new Map<string, number>();
  const idsOf = (words: ReadonlySet<string>) =>
    Int32Array.from(words, (word) => {
      let id = wordIds.get(word);
      if (id === undefined) wordIds.set(word, (id = wordIds.size));
      return id;
    }).sort();
  const describe = (pos: number, layer: LayerRef): Side => {
    const instruction = normaliseCreatedBy(typeof layer.createdBy === 'string' ? layer.createdBy : null);
    return {
      pos,
      instruction,
      keyword: instructionKeyword(instruction),
      words: idsOf(instructionTokens(instruction)),
      size: layer.size,
      files: options.layerFiles?.(layer),
    };
  };
  const left = leftoverBase.map((i) => describe(i, baseLayers[i] as LayerRef));
  const right = leftoverHead.map((j) => describe(j, headLayers[j] as LayerRef));
  const shared = options.layerFiles ? sharedFileCounts(left, right) : null;

  const filesScore = (a: Side, b: Side, l: number, r: number): number => filesLikeness(shared?.get(l * right.length + r) ?? 0, a, b);
  const sameInstruction = (a: Side, b: Side) => a.instruction !== null && a.instruction === b.instruction;
  const sameKeyword = (a: Side, b: Side) => a.instruction !== null && b.instruction !== null && a.keyword !== null && a.keyword === b.keyword;
  // Called for every cell of the alignment table: numbers only, nothing allocated.
  const score = (a: Side, b: Side, l: number, r: number): number => {
    const files = filesScore(a, b, l, r);
    let total: number;
    if (sameInstruction(a, b)) total = SAME_INSTRUCTION;
    else if (sameKeyword(a, b)) total = SAME_KEYWORD + SIMILARITY_RANGE * sortedSimilarity(a.words, b.words);
    else if (a.instruction === null && b.instruction === null) total = BOTH_UNKNOWN;
    else if (files > 0) total = 0;
    else return 0;
    total += files;
    if (baseGap[a.pos] === headGap[b.pos]) total += SAME_GAP_BONUS;
    const larger = Math.max(a.size, b.size);
    return total + SIZE_LIKENESS_BONUS * (larger === 0 ? 1 : Math.min(a.size, b.size) / larger);
  };
  const pairedBy = (a: Side, b: Side, l: number, r: number): PairedBy => {
    if (filesScore(a, b, l, r) > 0) return 'files';
    if (sameInstruction(a, b)) return 'instruction';
    if (sameKeyword(a, b) && sortedSimilarity(a.words, b.words) > 0) return 'similar-instruction';
    return 'position';
  };

  // The exact table compares every pair's words: past a bound on that work, the greedy walk aligns.
  const averageWords = (left.reduce((t, s) => t + s.words.length, 0) + right.reduce((t, s) => t + s.words.length, 0)) / Math.max(1, left.length + right.length);
  const pairs = alignSequences(left, right, score, {
    maxCells: Math.floor(Math.min(MAX_TABLE_CELLS, MAX_WORD_STEPS / Math.max(1, averageWords))),
    // Greedy walk (thousands of rebuilt layers): skipping a layer loses about an ordinary pair.
    skipCost: SAME_KEYWORD,
    maxScore: bestFilesScore(shared, left, right) + SAME_INSTRUCTION + SAME_GAP_BONUS + SIZE_LIKENESS_BONUS,
  });

  const changed = new Map<number, { base: number; pairedBy: PairedBy }>();
  for (const [l, r] of pairs) {
    const a = left[l] as Side;
    const b = right[r] as Side;
    changed.set(b.pos, { base: a.pos, pairedBy: pairedBy(a, b, l, r) });
  }
  return changed;
}

/** FILES_TIER × Jaccard of two layers' file paths, given how many they share. */
function filesLikeness(common: number, a: Side, b: Side): number {
  return common > 0 && a.files && b.files ? FILES_TIER * (common / (a.files.size + b.files.size - common)) : 0;
}

/** The highest file score of any pair: the greedy walk stops searching once no farther pair can beat its best. */
function bestFilesScore(shared: ReadonlyMap<number, number> | null, left: readonly Side[], right: readonly Side[]): number {
  let best = 0;
  for (const [key, common] of shared ?? []) {
    best = Math.max(best, filesLikeness(common, left[Math.floor(key / right.length)] as Side, right[key % right.length] as Side));
  }
  return best;
}

/**
 * How many file paths each (base, head) pair of leftover layers shares, keyed l·m + r; only pairs
 * that share at least one. Null when either side has no file lists or the count would run past its bound.
 */
function sharedFileCounts(left: readonly Side[], right: readonly Side[]): Map<number, number> | null {
  const holders = new Map<string, number[]>(); // path -> right positions that write it
  let steps = 0;
  for (let r = 0; r < right.length; r++) {
    for (const path of right[r]?.files ?? []) {
      if (++steps > MAX_OVERLAP_STEPS) return null;
      const list = holders.get(path);
      if (list) list.push(r);
      else holders.set(path, [r]);
    }
  }
  if (holders.size === 0) return null;
  const counts = new Map<number, number>();
  for (let l = 0; l < left.length; l++) {
    for (const path of left[l]?.files ?? []) {
      const list = holders.get(path);
      steps += 1 + (list?.length ?? 0);
      if (steps > MAX_OVERLAP_STEPS) return null;
      for (const r of list ?? []) {
        const key = l * right.length + r;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
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
