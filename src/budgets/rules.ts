/** A budget rule as the user wrote it, parsed. */
export interface BudgetRule {
  /** Canonical rule name, e.g. `max-size`, `max-growth`, `max-layer-growth`, `min-cache-hit`. */
  rule: string;
  /** The text the user gave, e.g. `5%`, `500MB`. */
  limitText: string;
  /** Bytes, or a ratio in 0..1 for percent limits. */
  limit: { kind: 'bytes'; bytes: number } | { kind: 'ratio'; ratio: number };
  /** `fail` for max-/min- rules, `warn` for their warn- twins. */
  level: 'fail' | 'warn';
}

/** Parses `rule: value` lines (action input `budgets`, `--budgets FILE`). Throws usage errors naming `origin`. */
export function parseBudgetLines(_text: string, _origin: string): BudgetRule[] {
  throw new Error('not implemented');
}
