/**
 * Pictures for the PR comment, where they read faster than numbers:
 * - the trend: a Mermaid `xychart-beta` (GitHub renders ```mermaid blocks in comments) of the image's
 *   size over the base branch's recent commits (`Snapshot.history`), this PR as the last point,
 *   shown from three points on;
 * - the changed layers: a bar per row (base size kept, growth, shrink on one shared scale), the
 *   layer table's last column (src/report/markdown.ts decides when it is shown).
 * Pure. Everything foreign that reaches the Mermaid text is a number (checked finite) or a commit
 * name checked against COMMIT_PATTERN, and still passes through escape.ts (`numberText`, `oneLine`);
 * the rest is layerdiff's own words. Only the basic xychart syntax (no legend, no per-series titles,
 * no frontmatter; colours by an `init` directive) is written, so older Mermaid versions (GitHub's) read it too.
 */
import { COMMIT_PATTERN, HISTORY_KEEP } from '../core/history.js';
import type { HistoryPoint } from '../core/snapshot.js';
import type { LayerRow, Report } from '../core/report.js';
import { FIELD_MAX, mdCode, numberText, oneLine } from './escape.js';
import { formatBytes } from './format.js';

/** Points a trend needs before it says anything: two are a delta, which the headline has. */
export const MIN_TREND_POINTS = 3;
/** Rows a layer table may have and still draw bars (a longer table is read by its numbers). */
export const MAX_BAR_ROWS = 12;
/**
 * Points whose x labels are short commit names; beyond, they would overlap at a comment's width
 * (Mermaid does not thin them out), so the points are numbered 1, 2, ... oldest first instead.
 */
export const MAX_NAMED_POINTS = 10;
/** Bar width in cells. */
export const BAR_WIDTH = 24;

export interface TrendPoint {
  /** Short commit name (a number, oldest first, past MAX_NAMED_POINTS), or `PR` for this pull request's image. */
  label: string;
  /** The full commit name; null for the PR. */
  commit: string | null;
  size: number;
}

/**
 * The points to plot: the base snapshot's history (valid points only, the last HISTORY_KEEP - 1)
 * and this PR's head last; empty when that makes fewer than MIN_TREND_POINTS.
 */
export function trendPoints(report: Report): TrendPoint[] {
  const history = Array.isArray(report.base?.history) ? (report.base.history as unknown[]) : [];
  const valid = history.filter(isPlottable);
  const kept = valid.slice(Math.max(0, valid.length - (HISTORY_KEEP - 1)));
  const head = report.totals.head.size;
  if (!isSize(head) || kept.length + 1 < MIN_TREND_POINTS) return [];
  const commits = kept.map((p) => p.commit);
  // Numbers past MAX_NAMED_POINTS, and when a (forged) history repeats a commit: Mermaid merges equal labels.
  const numbered = kept.length + 1 > MAX_NAMED_POINTS || new Set(commits).size !== commits.length;
  const labels = numbered ? kept.map((_, k) => String(k + 1)) : shortNames(commits);
  return [...kept.map((p, k) => ({ label: labels[k] ?? '?', commit: p.commit, size: p.size })), { label: 'PR', commit: null, size: head }];
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A history point that may reach the chart: a checked commit name and a finite size. */
function isPlottable(point: unknown): point is HistoryPoint {
  if (point === null || typeof point !== 'object') return false;
  const { commit, size } = point as Partial<HistoryPoint>;
  return typeof commit === 'string' && COMMIT_PATTERN.test(commit) && isSize(size);
}

/** The shortest prefixes (7 characters at least) that keep every distinct commit apart. */
function shortNames(commits: readonly string[]): string[] {
  const distinct = new Set(commits).size;
  for (let length = 7; length < 64; length++) {
    const names = commits.map((c) => c.slice(0, length));
    if (new Set(names).size === distinct) return names;
  }
  return [...commits];
}

/** A decimal unit for the y axis, the one formatBytes would pick for the largest point. */
function axisUnit(max: number): { name: string; bytes: number } {
  if (max >= 1e12) return { name: 'TB', bytes: 1e12 };
  if (max >= 1e9) return { name: 'GB', bytes: 1e9 };
  if (max >= 1e6) return { name: 'MB', bytes: 1e6 };
  if (max >= 1e3) return { name: 'kB', bytes: 1e3 };
  return { name: 'B', bytes: 1 };
}

/** A round top (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n) 5% above `max`, for an axis that starts at 0 (so a small change looks small). */
function axisTop(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15]) {
    if (step * magnitude >= max * 1.05) return Number((step * magnitude).toPrecision(3));
  }
  return Number((15 * magnitude).toPrecision(3));
}

/**
 * Bars in a light blue with the line in GitHub's blue over them: the default palette draws the first
 * series in a lavender that barely shows on white. An `init` directive, which Mermaid has read since
 * long before xychart existed.
 */
const CHART_COLOURS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#9ec5f0, #1f6feb"}}}}%%';

/** The Mermaid source of the trend chart, or null with fewer than MIN_TREND_POINTS points. */
export function trendMermaid(report: Report): string | null {
  const points = trendPoints(report);
  if (points.length < MIN_TREND_POINTS) return null;
  const max = Math.max(...points.map((p) => p.size));
  const unit = axisUnit(max);
  const inUnit = max / unit.bytes;
  // Four significant digits at the top of the scale: 123.4 MB, 5.234 GB.
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.max(inUnit, 1))));
  const values = points.map((p) => numberText(Number((p.size / unit.bytes).toFixed(decimals))));
  const labels = points.map((p) => `"${oneLine(p.label, FIELD_MAX.identifier).replace(/[^0-9a-zA-Z]/g, '')}"`);
  const commits = points.length - 1;
  return [
    CHART_COLOURS,
    'xychart-beta',
    `  title "Image size: last ${commits} base-branch ${commits === 1 ? 'build' : 'builds'} and this PR"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "Uncompressed size (${unit.name})" 0 --> ${numberText(axisTop(inUnit))}`,
    `  bar [${values.join(', ')}]`,
    `  line [${values.join(', ')}]`,
  ].join('\n');
}

/** The trend as a Markdown section: the fenced chart and one line in words (for readers without Mermaid). */
export function trendChartMarkdown(report: Report): string | null {
  const mermaid = trendMermaid(report);
  if (mermaid === null) return null;
  const points = trendPoints(report);
  const first = points[0];
  const base = points[points.length - 2];
  const head = points[points.length - 1];
  if (!first || !base || !head) return null;
  const name = (p: TrendPoint) => mdCode(shortNames([p.commit ?? ''])[0] ?? '');
  const words = `<sub>Uncompressed size, oldest first: ${nb(formatBytes(first.size))} at ${name(first)}, ${nb(formatBytes(base.size))} at ${name(base)}, ${nb(formatBytes(head.size))} in this PR.</sub>`;
  return ['```mermaid', mermaid, '```', '', words].join('\n');
}

/** Numbers keep their units on one line (a non-breaking space between). */
function nb(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/** A row's sizes as numbers (0 for the side it lacks), or null when a figure is not a number (a forged report). */
export function rowSizes(row: LayerRow): { base: number; head: number } | null {
  const base = row.base === null ? 0 : row.base.size;
  const head = row.head === null ? 0 : row.head.size;
  return isSize(base) && isSize(head) ? { base, head } : null;
}

/**
 * One bar on a shared scale: `█` the size base and head share, `▒` growth, `░` shrink. A non-zero
 * part gets at least one cell, so a small change is never invisible.
 */
export function sizeBar(base: number, head: number, scale: number, width = BAR_WIDTH): string {
  if (!(scale > 0)) return '';
  const cells = (bytes: number) => (bytes <= 0 ? 0 : Math.max(1, Math.round((bytes / scale) * width)));
  const kept = cells(Math.min(base, head));
  const change = cells(Math.abs(head - base));
  return '█'.repeat(kept) + (head >= base ? '▒' : '░').repeat(change);
}
