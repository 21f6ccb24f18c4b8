/** The action's outputs (action.yml `outputs`), computed from the report without I/O. */
import type { MultiReport } from '../core/multi-report.js';
import type { Report, Verdict } from '../core/report.js';
import type { ActionIO } from './io.js';

export interface ActionOutputs {
  verdict: string;
  size: string;
  'size-delta': string;
  'cache-hit-ratio': string;
  'report-path': string;
  'comment-body': string;
  'comment-url': string;
}

export type OutputName = keyof ActionOutputs;

/**
 * Everything but the comment URL, which only exists after posting. A report may come from a fork:
 * the figures are set only when they are finite numbers, the verdict only when it is one of the
 * three words; anything else becomes '' (a workflow reading the output sees "unknown", never text
 * the fork chose).
 */
export function reportOutputs(report: Report, reportPath: string, commentBody: string): Omit<ActionOutputs, 'comment-url'> {
  return {
    verdict: VERDICTS.includes(report.verdict) ? report.verdict : '',
    size: integerOutput(report.totals.head.size),
    'size-delta': report.totals.base === null ? '' : integerOutput(report.totals.delta.size),
    // Share of the head's uncompressed bytes that sit in layers reused from the base, 0..1.
    'cache-hit-ratio': report.cacheHit === null ? '' : formatRatio(report.cacheHit.bytes.ratio),
    'report-path': reportPath,
    'comment-body': commentBody,
  };
}

/**
 * The outputs of a merged report describe the whole: the worst verdict, the summed head size and Δ
 * (Δ empty when no image has a base), the share of head bytes reused over every image with a base;
 * `report-path` is the merged JSON, whose `images[].verdict` holds each image's verdict.
 */
export function multiReportOutputs(multi: MultiReport, reportPath: string, commentBody: string): Omit<ActionOutputs, 'comment-url'> {
  let hit = 0;
  let total = 0;
  let reused = false;
  for (const image of multi.images) {
    const bytes = image.report?.cacheHit?.bytes;
    if (!bytes) continue;
    reused = true;
    hit += bytes.hit;
    total += bytes.total;
  }
  return {
    verdict: VERDICTS.includes(multi.verdict) ? multi.verdict : '',
    size: integerOutput(multi.totals.head.size),
    'size-delta': multi.totals.base === null ? '' : integerOutput(multi.totals.delta.size),
    'cache-hit-ratio': !reused ? '' : formatRatio(total === 0 ? 0 : hit / total),
    'report-path': reportPath,
    'comment-body': commentBody,
  };
}

export function setOutputs(io: ActionIO, outputs: Partial<ActionOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) if (value !== undefined) io.setOutput(name, value);
}

const VERDICTS: readonly Verdict[] = ['pass', 'warn', 'fail'];

function integerOutput(value: unknown): string {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
}

function formatRatio(ratio: unknown): string {
  return typeof ratio === 'number' && Number.isFinite(ratio) ? String(Math.round(ratio * 10_000) / 10_000) : '';
}
