/**
 * Budget evaluation as data: each rule's measured figure, the limit and the outcome. Nothing here
 * words a figure (src/report/budget-text.ts does), so this stage imports only the core.
 */
import type { BudgetCheck, BudgetFinding } from '../core/budget.js';
import { growthRatio } from '../core/ratio.js';
import type { Report, Verdict } from '../core/report.js';
import { RULE_SPECS, type BudgetRule, type RuleSpec } from './rules.js';

type ReportSoFar = Omit<Report, 'budgets' | 'verdict'>;

/** A measured figure (and the layer it came from), or a finding that compares nothing. */
type Measured = { figure: number; layer?: number | null } | { none: Exclude<BudgetFinding, { kind: 'compared' }>; status: Verdict | 'rule' };

export function checkBudgets(rules: readonly BudgetRule[], report: ReportSoFar): BudgetCheck[] {
  return rules.map((rule) => checkRule(rule, report));
}

export function worstVerdict(results: ReadonlyArray<{ status: Verdict }>): Verdict {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  return 'pass';
}

function checkRule(rule: BudgetRule, report: ReportSoFar): BudgetCheck {
  const spec = RULE_SPECS.get(rule.rule);
  const base = { rule: rule.rule, limitText: rule.limitText };
  if (!spec) return { ...base, actual: null, status: 'warn', finding: { kind: 'unknown-rule' } };
  const measured = measure(spec, rule, report);
  if ('none' in measured) return { ...base, actual: null, status: measured.status === 'rule' ? rule.level : measured.status, finding: measured.none };
  const limitNumber = rule.limit.kind === 'bytes' ? rule.limit.bytes : rule.limit.ratio;
  const broken = spec.bound === 'max' ? measured.figure > limitNumber : measured.figure < limitNumber;
  const finding: BudgetFinding = { kind: 'compared', measure: spec.measure, bound: spec.bound, figure: measured.figure, limit: rule.limit };
  if (measured.layer !== undefined) finding.layer = measured.layer;
  return { ...base, actual: measured.figure, status: broken ? rule.level : 'pass', finding };
}

function measure(spec: RuleSpec, rule: BudgetRule, report: ReportSoFar): Measured {
  const head = report.totals.head;
  const percent = rule.limit.kind === 'ratio';
  switch (spec.measure) {
    case 'size':
      return { figure: head.size };
    case 'compressed-size':
      if (head.compressedSize === null) return { none: { kind: 'compressed-size-unknown' }, status: 'warn' };
      return { figure: head.compressedSize };
    case 'growth': {
      const baseTotals = report.totals.base;
      if (report.base === null || baseTotals === null) return noBase();
      if (!percent) return { figure: report.totals.delta.size };
      const growth = growthRatio(baseTotals.size, head.size);
      if (growth === null) return { none: { kind: 'from-empty-base', deltaBytes: report.totals.delta.size, limit: rule.limit }, status: 'rule' };
      return { figure: growth };
    }
    case 'layer-growth':
      if (report.base === null) return noBase();
      return percent ? largestLayerGrowthRatio(report) : largestLayerGrowthBytes(report);
    case 'cache-hit':
      if (report.cacheHit === null) return noBase();
      return { figure: report.cacheHit.bytes.ratio };
    case 'wasted':
      if (!report.deep) return needsDeep();
      return { figure: report.deep.waste.wastedBytes };
    case 'efficiency':
      if (!report.deep) return needsDeep();
      return { figure: report.deep.waste.efficiency };
  }
}

function noBase(): Measured {
  return { none: { kind: 'no-base' }, status: 'pass' };
}

function needsDeep(): Measured {
  return { none: { kind: 'needs-deep' }, status: 'warn' };
}

/** The largest increase of one row (changed, or added from nothing); 0 when no layer grew. */
function largestLayerGrowthBytes(report: ReportSoFar): Measured {
  let best = 0;
  let layer: number | null | undefined;
  for (const row of report.layers) {
    if ((row.status === 'changed' || row.status === 'added') && row.delta.size > best) {
      best = row.delta.size;
      layer = row.head?.index ?? null;
    }
  }
  return layer === undefined ? { figure: 0 } : { figure: best, layer };
}

/** Percent growth is relative to the base layer, so only changed rows (those with one) count. */
function largestLayerGrowthRatio(report: ReportSoFar): Measured {
  let best = 0;
  let layer: number | null | undefined;
  for (const row of report.layers) {
    if (row.status !== 'changed' || !row.base || row.base.size === 0) continue;
    const growth = row.delta.size / row.base.size;
    if (growth > best) {
      best = growth;
      layer = row.head?.index ?? null;
    }
  }
  return layer === undefined ? { figure: 0 } : { figure: best, layer };
}
