import type { BudgetResult, Report, Verdict } from '../report/model.js';
import type { BudgetRule } from './rules.js';

export function evaluateBudgets(_rules: readonly BudgetRule[], _report: Omit<Report, 'budgets' | 'verdict'>): BudgetResult[] {
  throw new Error('not implemented');
}

export function worstVerdict(results: readonly BudgetResult[]): Verdict {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  return 'pass';
}
