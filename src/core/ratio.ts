/** The growth of `to` over `from` as a ratio, or null when `from` is 0 (no meaningful percent). */
export function growthRatio(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return (to - from) / from;
}
