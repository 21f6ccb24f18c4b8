/**
 * What a budget check found, as data: which rule, the limit, the figure compared and the outcome.
 * The budgets stage produces it; renderers word it (src/report/budget-text.ts), so no budget code
 * formats a byte count or a percent.
 */
import type { Verdict } from './report.js';

/** A limit as parsed: bytes, or a ratio in 0..1 for percent limits. */
export type Limit = { kind: 'bytes'; bytes: number } | { kind: 'ratio'; ratio: number };

/** What a rule measures; a fail rule and its warn twin share one. */
export type BudgetMeasure = 'size' | 'compressed-size' | 'growth' | 'layer-growth' | 'cache-hit' | 'wasted' | 'efficiency';

/** Why a figure was compared, or why none was. */
export type BudgetFinding =
  /** The figure was measured and compared with the limit. `layer`: the head layer it came from (0-based), null for a removed one. */
  | { kind: 'compared'; measure: BudgetMeasure; bound: 'max' | 'min'; figure: number; limit: Limit; layer?: number | null }
  /** Percent growth from an empty base: infinitely large, so above any percent. */
  | { kind: 'from-empty-base'; deltaBytes: number; limit: Limit }
  | { kind: 'no-base' }
  | { kind: 'needs-deep' }
  | { kind: 'compressed-size-unknown' }
  | { kind: 'unknown-rule' };

export interface BudgetCheck {
  /** Rule name as written by the user, e.g. `max-growth`. */
  rule: string;
  /** The limit as the user wrote it (`5%`, `500MB`). */
  limitText: string;
  /** The measured value the rule compared (bytes, ratio ...), null when none was. */
  actual: number | null;
  status: Verdict;
  finding: BudgetFinding;
}
