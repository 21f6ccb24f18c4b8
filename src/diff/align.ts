const MAX_CELLS = 4_000_000;
const LOOKAHEAD = 32;

export interface AlignOptions {
  /** Above n·m cells the exact table gives way to the linear greedy walk. */
  maxCells?: number;
  /** Greedy walk only: what skipping one item costs against a better pair further on (default 0: nearest pair). */
  skipCost?: number;
  /** Greedy walk only: no score exceeds this, so the search stops once a farther pair cannot win. */
  maxScore?: number;
}

/**
 * Order-preserving alignment of two sequences (Needleman–Wunsch without gap penalties): pairs
 * items so that the summed pair score is maximal and no two pairs cross. A pair scoring 0 is never
 * made, so items with nothing in common stay unpaired.
 */
export function alignSequences<A, B>(
  left: readonly A[],
  right: readonly B[],
  score: (a: A, b: B, i: number, j: number) => number,
  options: AlignOptions = {},
): Array<[number, number]> {
  const n = left.length;
  const m = right.length;
  if (n === 0 || m === 0) return [];
  // The table is n*m numbers; images with thousands of rebuilt layers get a linear walk instead.
  if (n * m > (options.maxCells ?? MAX_CELLS)) return alignGreedily(left, right, score, options.skipCost ?? 0, options.maxScore ?? Infinity);
  const width = m + 1;
  // best[i*width+j]: best total aligning left[i..] with right[j..].
  const best = new Float64Array((n + 1) * width);
  const pairScore = new Float64Array(n * m);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(left[i] as A, right[j] as B, i, j);
      pairScore[i * m + j] = s;
      const skipLeft = best[(i + 1) * width + j] as number;
      const skipRight = best[i * width + j + 1] as number;
      const pair = s > 0 ? s + (best[(i + 1) * width + j + 1] as number) : -Infinity;
      best[i * width + j] = Math.max(pair, skipLeft, skipRight);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const here = best[i * width + j] as number;
    const s = pairScore[i * m + j] as number;
    if (s > 0 && here === s + (best[(i + 1) * width + j + 1] as number)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (here === (best[(i + 1) * width + j] as number)) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/**
 * Linear, order-preserving: from the current heads, take the best pair within a small window, each
 * skipped layer costing `skipCost` (about what an ordinary pair is worth, since a skipped layer
 * loses its own pairing). With the default cost of 0 and equal scores, that is the nearest pair.
 * At most O(n·w²) score calls with w = LOOKAHEAD, far fewer when `maxScore` bounds the search;
 * when nothing pairs within the window, both heads step on.
 */
function alignGreedily<A, B>(
  left: readonly A[],
  right: readonly B[],
  score: (a: A, b: B, i: number, j: number) => number,
  skipCost: number,
  maxScore: number,
): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    let next: [number, number] | null = null;
    let bestValue = -Infinity;
    // Nearest first, so that among equal values the smallest skip wins.
    for (let skip = 0; skip <= 2 * LOOKAHEAD; skip++) {
      // A pair this far away is worth at most maxScore - skip·skipCost: once that cannot beat the best, stop.
      if (next !== null && maxScore - skip * skipCost <= bestValue) break;
      for (let di = Math.max(0, skip - LOOKAHEAD); di <= Math.min(skip, LOOKAHEAD); di++) {
        const a = i + di;
        const b = j + skip - di;
        if (a >= left.length || b >= right.length) continue;
        const s = score(left[a] as A, right[b] as B, a, b);
        if (s <= 0) continue;
        const value = s - skip * skipCost;
        if (value > bestValue) {
          bestValue = value;
          next = [a, b];
        }
      }
      if (next !== null && skipCost === 0) break;
    }
    if (next === null) {
      i++;
      j++;
      continue;
    }
    pairs.push(next);
    i = next[0] + 1;
    j = next[1] + 1;
  }
  return pairs;
}
