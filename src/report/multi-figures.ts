/**
 * The figures of one row of a merged report (one image × platform), shared by the Markdown and the
 * text renderers: what sorts first, the summed headline, the failing rule names. Pure; no wording
 * of foreign strings here (the renderers escape them for their sink).
 */
import { entryVerdict, verdictRank, type ImageEntry, type MultiReport } from '../core/multi-report.js';
import type { Verdict } from '../core/report.js';

/** The entries worst first: verdict (no report counts as fail), then |Δ| largest first, then name. */
export function bySeverity(images: readonly ImageEntry[]): ImageEntry[] {
  return images
    .map((image, order) => ({ image, order, rank: verdictRank(entryVerdict(image)), weight: Math.abs(changeOf(image)) }))
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        b.weight - a.weight ||
        compareText(a.image.name, b.image.name) ||
        compareText(a.image.platform, b.image.platform) ||
        a.order - b.order,
    )
    .map((entry) => entry.image);
}

/** An entry's change in uncompressed bytes: its report's total Δ (a new image: its whole size); 0 without a report. */
export function changeOf(image: ImageEntry): number {
  const size = image.report?.totals.delta.size;
  return typeof size === 'number' && Number.isFinite(size) ? size : 0;
}

/**
 * What a pull of the head costs more or less than a pull of the base: the change in compressed
 * (stored) bytes, known when every layer of both is stored compressed; a new image's whole
 * compressed size. null when unknown.
 */
export function pullDeltaOf(image: ImageEntry): number | null {
  const report = image.report;
  if (!report) return null;
  const value = report.totals.base === null ? report.totals.head.compressedSize : report.totals.delta.compressedSize;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface MultiCounts {
  images: number;
  failed: number;
  warned: number;
  missing: number;
  /** Entries that have a base (a total Δ means something). */
  withBase: number;
  /** Entries with at least one budget. */
  withBudgets: number;
}

export function countsOf(multi: MultiReport): MultiCounts {
  const counts: MultiCounts = { images: multi.images.length, failed: 0, warned: 0, missing: 0, withBase: 0, withBudgets: 0 };
  for (const image of multi.images) {
    const report = image.report;
    if (!report) {
      counts.missing++;
      continue;
    }
    if (report.verdict === 'fail') counts.failed++;
    else if (report.verdict === 'warn') counts.warned++;
    if (report.base !== null) counts.withBase++;
    if (report.budgets.length > 0) counts.withBudgets++;
  }
  return counts;
}

/** The rule names of an entry's budgets with `status`, in the report's order, each once. */
export function rulesWith(image: ImageEntry, status: Verdict): string[] {
  const rules = (image.report?.budgets ?? []).filter((b) => b.status === status).map((b) => b.rule);
  return [...new Set(rules)];
}

function compareText(a: unknown, b: unknown): number {
  const x = typeof a === 'string' ? a : '';
  const y = typeof b === 'string' ? b : '';
  return x < y ? -1 : x > y ? 1 : 0;
}
