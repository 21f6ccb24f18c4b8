import { usageError } from '../errors.js';
import { explainBadSize, parseBytes, parsePercent, parseRatio, type Limit } from './limits.js';

/** A budget rule as the user wrote it, parsed. */
export interface BudgetRule {
  /** Rule name as written, e.g. `max-size`, `max-growth`, `warn-growth`, `min-cache-hit`. */
  rule: string;
  /** The text the user gave, e.g. `5%`, `500MB`. */
  limitText: string;
  /** Bytes, or a ratio in 0..1 for percent limits. */
  limit: Limit;
  /** `fail` for max-/min- rules, `warn` for their warn- twins. */
  level: 'fail' | 'warn';
}

import type { BudgetMeasure } from '../core/budget.js';

export type { BudgetMeasure };

export interface RuleSpec {
  measure: BudgetMeasure;
  /** `max`: the measure must not exceed the limit; `min`: must not fall below it. */
  bound: 'max' | 'min';
  /** Which limit values the rule takes. */
  accepts: 'bytes' | 'bytes-or-percent' | 'ratio';
  level: 'fail' | 'warn';
}

const MEASURES: ReadonlyArray<{ fail: string; warn: string; measure: BudgetMeasure; bound: 'max' | 'min'; accepts: RuleSpec['accepts'] }> = [
  { fail: 'max-size', warn: 'warn-size', measure: 'size', bound: 'max', accepts: 'bytes' },
  { fail: 'max-compressed-size', warn: 'warn-compressed-size', measure: 'compressed-size', bound: 'max', accepts: 'bytes' },
  { fail: 'max-growth', warn: 'warn-growth', measure: 'growth', bound: 'max', accepts: 'bytes-or-percent' },
  { fail: 'max-layer-growth', warn: 'warn-layer-growth', measure: 'layer-growth', bound: 'max', accepts: 'bytes-or-percent' },
  { fail: 'min-cache-hit', warn: 'warn-cache-hit', measure: 'cache-hit', bound: 'min', accepts: 'ratio' },
  { fail: 'max-wasted', warn: 'warn-wasted', measure: 'wasted', bound: 'max', accepts: 'bytes' },
  { fail: 'min-efficiency', warn: 'warn-efficiency', measure: 'efficiency', bound: 'min', accepts: 'ratio' },
];

export const RULE_SPECS: ReadonlyMap<string, RuleSpec> = new Map<string, RuleSpec>(
  MEASURES.flatMap(({ fail, warn, ...spec }): Array<[string, RuleSpec]> => [
    [fail, { ...spec, level: 'fail' }],
    [warn, { ...spec, level: 'warn' }],
  ]),
);

/** Every rule name, fail rules then their warn twins, in a stable order (help texts, error messages). */
export const RULE_NAMES: readonly string[] = [...MEASURES.map((m) => m.fail), ...MEASURES.map((m) => m.warn)];

const EXPECTED: Record<RuleSpec['accepts'], string> = {
  bytes: 'a size like 500MB, 1.5GiB or 123 (bytes)',
  'bytes-or-percent': 'a size like 50MB, 1.5GiB or 123 (bytes), or a percent like 5%',
  ratio: 'a percent like 80% or a ratio like 0.8',
};

/** One rule from its name and value; `origin` prefixes error messages (`--max-size`, `budgets line 3`). */
export function parseBudgetRule(rule: string, value: string, origin: string): BudgetRule {
  const spec = RULE_SPECS.get(rule);
  if (!spec) throw usageError(`${origin}: unknown budget rule '${rule}' (known rules: ${RULE_NAMES.join(', ')})`);
  const limitText = value.trim();
  const limit = parseLimit(spec.accepts, limitText);
  if (limit === null) {
    // Say why when it can be said (`5 XB`: unknown unit); the text read is always named.
    const why = spec.accepts === 'ratio' ? null : explainBadSize(limitText);
    throw usageError(`${origin}: ${rule}: cannot parse '${value}'${why ? `: ${why}` : ''} (expected ${EXPECTED[spec.accepts]})`);
  }
  return { rule, limitText, limit, level: spec.level };
}

function parseLimit(accepts: RuleSpec['accepts'], text: string): Limit | null {
  if (accepts === 'ratio') {
    const ratio = parseRatio(text);
    return ratio === null ? null : { kind: 'ratio', ratio };
  }
  if (accepts === 'bytes-or-percent') {
    const ratio = parsePercent(text);
    if (ratio !== null) return { kind: 'ratio', ratio };
  }
  const bytes = parseBytes(text);
  return bytes === null ? null : { kind: 'bytes', bytes };
}

/** Parses `rule: value` lines (action input `budgets`, `--budgets FILE`). Throws usage errors naming `origin`. */
export function parseBudgetLines(text: string, origin: string): BudgetRule[] {
  const rules: BudgetRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const where = `${origin} line ${index + 1}`;
    const colon = line.indexOf(':');
    if (colon < 0) throw usageError(`${where}: expected 'rule: value', got '${line}'`);
    const rule = line.slice(0, colon).trim().replace(/^--/, '');
    const value = line.slice(colon + 1).trim();
    if (value === '') throw usageError(`${where}: ${rule}: missing value`);
    rules.push(parseBudgetRule(rule, value, where));
  });
  return rules;
}

/** Budget rules from CLI flags (names without `--`); flags that are not budget rules are ignored. */
export function budgetRulesFromFlags(flags: Record<string, string | undefined>): BudgetRule[] {
  const rules: BudgetRule[] = [];
  for (const name of RULE_NAMES) {
    const value = flags[name];
    if (value === undefined) continue;
    rules.push(parseBudgetRule(name, value, `--${name}`));
  }
  return rules;
}

/** Measures only a deep scan (file-level data) can give. */
const DEEP_MEASURES: ReadonlySet<BudgetMeasure> = new Set<BudgetMeasure>(['wasted', 'efficiency']);

/** Whether a rule can only be evaluated with the deep scan: the engine switches it on for such rules. */
export function needsDeepScan(rule: Pick<BudgetRule, 'rule'>): boolean {
  const spec = RULE_SPECS.get(rule.rule);
  return spec !== undefined && DEEP_MEASURES.has(spec.measure);
}
