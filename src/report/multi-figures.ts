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

/**
 * How many images (by name: the platforms of one image count once, at their worst) fail their
 * budgets, have no report, or warn; and the same in rows (image × platform, "builds").
 */
export interface MultiCounts {
  /** Distinct image names. */
  images: number;
  failed: number;
  warned: number;
  missing: number;
  /** Rows: one per image × platform. */
  builds: number;
  failedBuilds: number;
  /** Entries that have a base (a total Δ means something). */
  withBase: number;
  /** Entries with at least one budget. */
  withBudgets: number;
}

/** A name's worst state: fail beats no report beats warn beats pass. */
const STATE_RANK = { pass: 0, warn: 1, missing: 2, fail: 3 } as const;
type State = keyof typeof STATE_RANK;

export function countsOf(multi: MultiReport): MultiCounts {
  const counts: MultiCounts = { images: 0, failed: 0, warned: 0, missing: 0, builds: multi.images.length, failedBuilds: 0, withBase: 0, withBudgets: 0 };
  const byName = new Map<string, State>();
  for (const image of multi.images) {
    const report = image.report;
    const state: State = !report ? 'missing' : report.verdict === 'fail' ? 'fail' : report.verdict === 'warn' ? 'warn' : 'pass';
    const before = byName.get(image.name);
    if (before === undefined || STATE_RANK[state] > STATE_RANK[before]) byName.set(image.name, state);
    if (!report) continue;
    if (report.verdict === 'fail') counts.failedBuilds++;
    if (report.base !== null) counts.withBase++;
    if (report.budgets.length > 0) counts.withBudgets++;
  }
  counts.images = byName.size;
  for (const state of byName.values()) {
    if (state === 'fail') counts.failed++;
    else if (state === 'missing') counts.missing++;
    else if (state === 'warn') counts.warned++;
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
