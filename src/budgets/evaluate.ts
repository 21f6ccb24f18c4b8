import { formatBytes, formatBytesDelta, formatPercentDelta, formatPercentExact } from '../report/format.js';
import { growthRatio } from '../core/ratio.js';
import type { BudgetResult, Report, Verdict } from '../core/report.js';
import { RULE_SPECS, type BudgetRule, type RuleSpec } from './rules.js';

type ReportSoFar = Omit<Report, 'budgets' | 'verdict'>;

/** A measured figure and how to print it, or why there is none. */
type Measured =
  | { actual: number; text: string; where?: string }
  | { actual: number; ratio: number; signed: boolean; render: (percent: string) => string; where?: string } | { actual: null; status: Verdict; message: string } | { actual: null; exceeds: true; text: string };

export function evaluateBudgets(rules: readonly BudgetRule[], report: ReportSoFar): BudgetResult[] {
  return rules.map((rule) => evaluateRule(rule, report));
}

export function worstVerdict(results: readonly BudgetResult[]): Verdict {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  return 'pass';
}

function evaluateRule(rule: BudgetRule, report: ReportSoFar): BudgetResult {
  const spec = RULE_SPECS.get(rule.rule);
  const base = { rule: rule.rule, limit: rule.limitText };
  if (!spec) return { ...base, actual: null, status: 'warn', message: `unknown rule ${rule.rule}: not checked` };
  const measured = measure(spec, rule, report);
  const limitNumber = rule.limit.kind === 'bytes' ? rule.limit.bytes : rule.limit.ratio;
  const limitText = rule.limit.kind === 'bytes' ? formatBytes(rule.limit.bytes) : formatPercentExact(rule.limit.ratio, 4);
  if ('status' in measured) return { ...base, actual: null, status: measured.status, message: measured.message };
  if ('exceeds' in measured) return { ...base, actual: null, status: rule.level, message: `${measured.text} > ${limitText}` };
  const broken = spec.bound === 'max' ? measured.actual > limitNumber : measured.actual < limitNumber;
  const sign = broken ? (spec.bound === 'max' ? '>' : '<') : spec.bound === 'max' ? '≤' : '≥';
  const where = measured.where ? ` (${measured.where})` : '';
  const actualText = 'ratio' in measured ? percentText(measured, limitText, measured.actual !== limitNumber) : measured.text;
  return { ...base, actual: measured.actual, status: broken ? rule.level : 'pass', message: `${actualText}${where} ${sign} ${limitText}` };
}

function measure(spec: RuleSpec, rule: BudgetRule, report: ReportSoFar): Measured {
  const head = report.totals.head;
  const percent = rule.limit.kind === 'ratio';
  switch (spec.measure) {
    case 'size':
      return { actual: head.size, text: formatBytes(head.size) };
    case 'compressed-size':
      if (head.compressedSize === null) return { actual: null, status: 'warn', message: 'compressed size unknown (layers stored uncompressed): not checked' };
      return { actual: head.compressedSize, text: formatBytes(head.compressedSize) };
    case 'growth': {
      const baseTotals = report.totals.base;
      if (report.base === null || baseTotals === null) return noBase();
      if (!percent) return { actual: report.totals.delta.size, text: formatBytesDelta(report.totals.delta.size) };
      const growth = growthRatio(baseTotals.size, head.size);
      if (growth === null) return { actual: null, exceeds: true, text: `${formatBytesDelta(report.totals.delta.size)} from an empty base` };
      return { actual: growth, ratio: growth, signed: true, render: (p) => p };
    }
    case 'layer-growth':
      if (report.base === null) return noBase();
      return percent ? largestLayerGrowthRatio(report) : largestLayerGrowthBytes(report);
    case 'cache-hit':
      if (report.cacheHit === null) return noBase();
      const hitRatio = report.cacheHit.bytes.ratio;
      return { actual: hitRatio, ratio: hitRatio, signed: false, render: (p) => `${p} of bytes reused` };
    case 'wasted':
      if (!report.deep) return needsDeep();
      return { actual: report.deep.waste.wastedBytes, text: `${formatBytes(report.deep.waste.wastedBytes)} wasted` };
    case 'efficiency':
      if (!report.deep) return needsDeep();
      const efficiency = report.deep.waste.efficiency;
      return { actual: efficiency, ratio: efficiency, signed: false, render: (p) => `efficiency ${p}` };
  }
}

/** Rounded figures must not read "80% < 80%": add decimals until the actual differs from the limit. */
function percentText(measured: { ratio: number; signed: boolean; render: (percent: string) => string }, limitText: string, differs: boolean): string {
  const format = (decimals: number) => (measured.signed ? formatPercentDelta(measured.ratio, decimals) : formatPercentExact(measured.ratio, decimals));
  let decimals = 1;
  let percent = format(decimals);
  while (differs && decimals < 4 && percent.replace(/^\+/, '') === limitText) percent = format(++decimals);
  return measured.render(percent);
}

function noBase(): Measured {
  return { actual: null, status: 'pass', message: 'no base' };
}

function needsDeep(): Measured {
  return { actual: null, status: 'warn', message: 'needs --deep (deep scan) to measure: not checked' };
}

/** The largest increase of one row (changed, or added from nothing); 0 when no layer grew. */
function largestLayerGrowthBytes(report: ReportSoFar): Measured {
  let best = 0;
  let where: string | undefined;
  for (const row of report.layers) {
    if ((row.status === 'changed' || row.status === 'added') && row.delta.size > best) {
      best = row.delta.size;
      where = layerLabel(row.head?.index ?? null);
    }
  }
  return where === undefined ? { actual: 0, text: formatBytesDelta(0) } : { actual: best, text: formatBytesDelta(best), where };
}

/** Percent growth is relative to the base layer, so only changed rows (those with one) count. */
function largestLayerGrowthRatio(report: ReportSoFar): Measured {
  let best = 0;
  let where: string | undefined;
  for (const row of report.layers) {
    if (row.status !== 'changed' || !row.base || row.base.size === 0) continue;
    const growth = row.delta.size / row.base.size;
    if (growth > best) {
      best = growth;
      where = layerLabel(row.head?.index ?? null);
    }
  }
  const growth = best;
  return where === undefined ? { actual: 0, text: formatPercentDelta(0) } : { actual: growth, ratio: growth, signed: true, render: (p) => p, where };
}

function layerLabel(index: number | null): string {
  return index === null ? 'a removed layer' : `layer ${index + 1}`;
}
