/**
 * How the reports word `--estimate-pull` (report.pullEstimate, row.pullSizeEstimate): always
 * marked as an estimate (`≈`, "estimate, gzip -6") when any layer's figure was estimated by
 * compressing it, since Go's gzip (what pushes use) and zlib differ by a few bytes per layer.
 * Numbers only: a report read from a file may hold anything, so each figure goes through
 * formatBytes / numberText, which print `?` for what is not a number.
 */
import type { LayerRow, PullEstimate, Report } from '../core/report.js';
import { numberText } from './escape.js';
import { formatBytes } from './format.js';

/** `≈ 41 MB pull (estimate, gzip -6)`; `41 MB pull (stored gzip sizes)` when nothing was estimated. */
export function pullSizeText(estimate: PullEstimate): string {
  return figureText(estimate, ' pull');
}

/** `≈ 41 MB (estimate, gzip -6)`, with `noun` after the figure. */
function figureText(estimate: PullEstimate, noun = ''): string {
  if (estimate.estimatedLayers === 0) return `${formatBytes(estimate.bytes)}${noun} (stored compressed sizes)`;
  return `≈ ${formatBytes(estimate.bytes)}${noun} (${methodText(estimate)})`;
}

/** `estimate, gzip -6` */
function methodText(estimate: PullEstimate): string {
  return `estimate, gzip -${numberText(estimate.level)}`;
}

/** What the figure covers: `2 layers the base lacks, 120 MB uncompressed` (the whole image without a base). */
function scopeText(report: Report, estimate: PullEstimate): string {
  const n = estimate.layers;
  const layers = `${numberText(n)} ${n === 1 ? 'layer' : 'layers'}`;
  const scope = report.base === null ? `${layers} (no base: the whole image)` : `${layers} the base lacks`;
  const mixed =
    estimate.estimatedLayers > 0 && estimate.estimatedLayers < estimate.layers
      ? `; ${numberText(estimate.estimatedLayers)} estimated, the rest at their stored compressed size`
      : '';
  return `${scope}, ${formatBytes(estimate.uncompressedBytes)} uncompressed${mixed}`;
}

/** The Markdown line under the totals: `**Pull:** ≈ 41 MB (estimate, gzip -6) for 2 layers …`; null without an estimate. */
export function pullEstimateMarkdownLine(report: Report): string | null {
  const estimate = report.pullEstimate;
  if (!estimate) return null;
  return `**Pull:** ${figureText(estimate)} for ${scopeText(report, estimate)}`;
}

/** The text report's line: `Pull: ≈ 41 MB (estimate, gzip -6) for 2 layers …`; null without an estimate. */
export function pullEstimateTextLine(report: Report): string | null {
  const estimate = report.pullEstimate;
  if (!estimate) return null;
  return `Pull: ${figureText(estimate)} for ${scopeText(report, estimate)}`;
}

/** A layer row's cell (Markdown or text): `≈ 12.3 MB` for an estimated row, '' otherwise. */
export function pullEstimateCell(row: LayerRow): string {
  return row.pullSizeEstimate === undefined ? '' : `≈ ${formatBytes(row.pullSizeEstimate)}`;
}
