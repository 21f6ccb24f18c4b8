/** The action's outputs (action.yml `outputs`), computed from the report without I/O. */
import type { Report } from '../report/model.js';
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

/** Everything but the comment URL, which only exists after posting. */
export function reportOutputs(report: Report, reportPath: string, commentBody: string): Omit<ActionOutputs, 'comment-url'> {
  return {
    verdict: report.verdict,
    size: String(report.totals.head.size),
    'size-delta': report.totals.base === null ? '' : String(report.totals.delta.size),
    // Share of the head's uncompressed bytes that sit in layers reused from the base, 0..1.
    'cache-hit-ratio': report.cacheHit === null ? '' : formatRatio(report.cacheHit.bytes.ratio),
    'report-path': reportPath,
    'comment-body': commentBody,
  };
}

export function setOutputs(io: ActionIO, outputs: Partial<ActionOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) if (value !== undefined) io.setOutput(name, value);
}

function formatRatio(ratio: number): string {
  return String(Math.round(ratio * 10_000) / 10_000);
}
