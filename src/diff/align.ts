const MAX_CELLS = 4_000_000;
const LOOKAHEAD = 32;

/**
 * Order-preserving alignment of two sequences (Needleman–Wunsch without gap penalties): pairs
 * items so that the summed pair score is maximal and no two pairs cross. A pair scoring 0 is never
 * made, so items with nothing in common stay unpaired.
 */
export function alignSequences<A, B>(
  left: readonly A[],
  right: readonly B[],
  score: (a: A, b: B, i: number, j: number) => number,
  options: { maxCells?: number } = {},
): Array<[number, number]> {
  const n = left.length;
  const m = right.length;
  if (n === 0 || m === 0) return [];
  // The table is n*m numbers; images with thousands of rebuilt layers get a linear walk instead.
  if (n * m > (options.maxCells ?? MAX_CELLS)) return alignGreedily(left, right, score);
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

/** Linear, order-preserving: pair when both heads score, else skip to the nearest pairing within a window. */
function alignGreedily<A, B>(left: readonly A[], right: readonly B[], score: (a: A, b: B, i: number, j: number) => number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    let next: [number, number] | null = null;
    // Nearest pair first (smallest total skip), so an insertion or deletion costs only itself.
    search: for (let skip = 0; skip <= 2 * LOOKAHEAD; skip++) {
      for (let di = Math.max(0, skip - LOOKAHEAD); di <= Math.min(skip, LOOKAHEAD); di++) {
        const a = i + di;
        const b = j + skip - di;
        if (a >= left.length || b >= right.length) continue;
        if (score(left[a] as A, right[b] as B, a, b) > 0) {
          next = [a, b];
          break search;
        }
      }
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
