/**
 * Several images in one report (`layerdiff/multi-report@1`): every platform of an index
 * (`--platform all`) and every leg of a build matrix (`layerdiff merge`). Each entry keeps its own
 * single-image report untouched; the whole carries the worst verdict and the summed totals.
 * Field names are a public contract (DESIGN.md); do not rename.
 */
import type { Report, Verdict } from './report.js';
import type { Sizes } from './snapshot.js';

export const MULTI_REPORT_SCHEMA = 'layerdiff/multi-report@1';

/** The placeholder a matrix leg that failed before reporting leaves instead of its report. */
export const MISSING_REPORT_SCHEMA = 'layerdiff/missing-report@1';

export interface ImageEntry {
  /** The image's name: the `name` flag or input, else the comment key, else the image reference. */
  name: string;
  /** The head's platform (`os/arch[/variant]`); '' when a leg left no report and named none. */
  platform: string;
  /** The image's own report; null when its leg produced none (it failed before reporting). */
  report: Report | null;
  /** One line saying why there is no report, when `report` is null. */
  error?: string;
  /**
   * `--platform all`: `added` when the base has no image for this platform (the report has no
   * base), `removed` when the head has none (the report's head is an image without layers).
   * Absent when both sides have the platform, and for single-platform entries.
   */
  change?: 'added' | 'removed';
  /**
   * This entry's verdict, for readers of the JSON (per-image verdicts of a matrix): the report's,
   * `fail` without a report. Written by multiReportOf; an entry given to it needs none.
   */
  verdict?: Verdict;
}

export interface MultiReport {
  schema: typeof MULTI_REPORT_SCHEMA;
  /** The worst verdict of the entries; an entry without a report counts as `fail`. */
  verdict: Verdict;
  /**
   * Sums over the entries that have a report (`base` null when no entry has a base). An entry
   * without a base adds its whole head to `delta`, as its own report's delta does.
   */
  totals: { base: Sizes | null; head: Sizes; delta: Sizes };
  images: ImageEntry[];
}

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 };

/** How bad a verdict is: pass 0, warn 1, fail 2 (for sorting and the worst of several). */
export function verdictRank(verdict: Verdict): number {
  return Object.hasOwn(RANK, verdict) ? RANK[verdict] : RANK.fail;
}

/** The verdict an entry counts with: its report's, `fail` when its leg left no report. */
export function entryVerdict(image: ImageEntry): Verdict {
  return image.report ? image.report.verdict : 'fail';
}

/** The multi-report of some entries, in the order given (pure). */
export function multiReportOf(images: readonly ImageEntry[]): MultiReport {
  let verdict: Verdict = 'pass';
  const head: Sizes = { size: 0, compressedSize: 0, contentSize: 0 };
  const delta: Sizes = { size: 0, compressedSize: 0, contentSize: 0 };
  let base: Sizes | null = null;
  for (const image of images) {
    const v = entryVerdict(image);
    if (verdictRank(v) > verdictRank(verdict)) verdict = v;
    if (!image.report) continue;
    const t = image.report.totals;
    addSizes(head, t.head);
    addSizes(delta, t.delta);
    if (t.base) addSizes((base ??= { size: 0, compressedSize: 0, contentSize: 0 }), t.base);
  }
  return {
    schema: MULTI_REPORT_SCHEMA,
    verdict,
    totals: { base, head, delta },
    images: images.map((image) => ({ ...image, verdict: entryVerdict(image) })),
  };
}

function addSizes(into: Sizes, add: Sizes): void {
  into.size += add.size;
  into.compressedSize = into.compressedSize === null || add.compressedSize === null ? null : into.compressedSize + add.compressedSize;
  into.contentSize = into.contentSize === null || add.contentSize === null ? null : into.contentSize + add.contentSize;
}
