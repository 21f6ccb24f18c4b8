/**
 * How a budget check reads: "+38.2 MB > 20 MB", "69.2% of bytes reused < 80%", "no base". The one
 * wording of budget outcomes: the engine fills the JSON report's `budgets[].message` with it, and
 * the Markdown and text renderers print that message.
 */
import type { BudgetCheck, BudgetFinding, Limit } from '../core/budget.js';
import type { BudgetResult } from '../core/report.js';
import { formatBytes, formatBytesDelta, formatPercentDelta, formatPercentExact } from './format.js';

/** The public result of each check: its data plus the message. */
export function budgetResults(checks: readonly BudgetCheck[]): BudgetResult[] {
  return checks.map((check) => ({ rule: check.rule, limit: check.limitText, actual: check.actual, status: check.status, message: budgetMessage(check) }));
}

/** One line a human reads for one check. */
export function budgetMessage(check: BudgetCheck): string {
  const finding = check.finding;
  switch (finding.kind) {
    case 'unknown-rule':
      return `unknown rule ${check.rule}: not checked`;
    case 'compressed-size-unknown':
      return 'compressed size unknown (layers stored uncompressed): not checked';
    case 'no-base':
      return 'no base';
    case 'needs-deep':
      return 'needs --deep (deep scan) to measure: not checked';
    case 'from-empty-base':
      return `${formatBytesDelta(finding.deltaBytes)} from an empty base > ${limitText(finding.limit)}`;
    case 'compared':
      return comparedText(finding);
  }
}

function limitText(limit: Limit): string {
  return limit.kind === 'bytes' ? formatBytes(limit.bytes) : formatPercentExact(limit.ratio, 4);
}

function comparedText(finding: Extract<BudgetFinding, { kind: 'compared' }>): string {
  const limitNumber = finding.limit.kind === 'bytes' ? finding.limit.bytes : finding.limit.ratio;
  const limit = limitText(finding.limit);
  const broken = finding.bound === 'max' ? finding.figure > limitNumber : finding.figure < limitNumber;
  const sign = broken ? (finding.bound === 'max' ? '>' : '<') : finding.bound === 'max' ? '≤' : '≥';
  const where = finding.layer === undefined ? '' : ` (${finding.layer === null ? 'a removed layer' : `layer ${finding.layer + 1}`})`;
  const percent = (signed: boolean) => percentText(finding.figure, signed, limit, finding.figure !== limitNumber);
  const ratioLimit = finding.limit.kind === 'ratio';
  let actual: string;
  switch (finding.measure) {
    case 'size':
    case 'compressed-size':
      actual = formatBytes(finding.figure);
      break;
    case 'growth':
    case 'layer-growth':
      actual = ratioLimit ? percent(true) : formatBytesDelta(finding.figure);
      break;
    case 'cache-hit':
      actual = `${percent(false)} of bytes reused`;
      break;
    case 'wasted':
      actual = `${formatBytes(finding.figure)} wasted`;
      break;
    case 'efficiency':
      actual = `efficiency ${percent(false)}`;
      break;
  }
  return `${actual}${where} ${sign} ${limit}`;
}

/** Rounded figures must not read "80% < 80%": add decimals until the actual differs from the limit. */
function percentText(ratio: number, signed: boolean, limitText: string, differs: boolean): string {
  const format = (decimals: number) => (signed ? formatPercentDelta(ratio, decimals) : formatPercentExact(ratio, decimals));
  let decimals = 1;
  let percent = format(decimals);
  while (differs && decimals < 4 && percent.replace(/^\+/, '') === limitText) percent = format(++decimals);
  return percent;
}
