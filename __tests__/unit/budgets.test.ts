import { describe, expect, it } from 'vitest';
import { worstVerdict } from '../../src/budgets/evaluate.js';
import { evaluateBudgets } from '../../src/engine.js';
import { parseBytes, parsePercent, parseRatio } from '../../src/budgets/limits.js';
import { budgetRulesFromFlags, parseBudgetLines, parseBudgetRule, RULE_NAMES } from '../../src/budgets/rules.js';
import { LayerdiffError } from '../../src/errors.js';
import type { DeepReport, Report } from '../../src/core/report.js';
import { MB, report, snapshot, type LayerSpec } from './report-fixtures.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LayerdiffError);
    expect((error as LayerdiffError).code).toBe('usage');
    return (error as LayerdiffError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseBytes', () => {
  it.each([
    ['123', 123],
    ['0', 0],
    ['123B', 123],
    ['500MB', 500_000_000],
    ['500 MB', 500_000_000],
    ['500mb', 500_000_000],
    ['1.5GB', 1_500_000_000],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['10KiB', 10_240],
    ['10kB', 10_000],
    ['10k', 10_000],
    ['2TB', 2e12],
    ['1TiB', 1024 ** 4],
    ['3MiB', 3 * 1024 ** 2],
    ['.5MB', 500_000],
    ['+20MB', 20_000_000],
    ['  7 GiB ', 7 * 1024 ** 3],
    ['1.5', 2],
  ])('%j = %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it.each(['', 'MB', '10%', '-5MB', '5 XB', '1e3', 'ten', '5MB5', '1..2MB', '99999999999999999TB'])('%j is not a size', (text) => {
    expect(parseBytes(text)).toBeNull();
  });
});

describe('parsePercent / parseRatio', () => {
  it('percent', () => {
    expect(parsePercent('5%')).toBe(0.05);
    expect(parsePercent('12.5 %')).toBe(0.125);
    expect(parsePercent('150%')).toBe(1.5);
    expect(parsePercent('5')).toBeNull();
    expect(parsePercent('%')).toBeNull();
  });
  it('ratio as percent or fraction, within 0..1', () => {
    expect(parseRatio('80%')).toBe(0.8);
    expect(parseRatio('0.8')).toBe(0.8);
    expect(parseRatio('1')).toBe(1);
    expect(parseRatio('0')).toBe(0);
    expect(parseRatio('80')).toBeNull();
    expect(parseRatio('120%')).toBeNull();
    expect(parseRatio('80MB')).toBeNull();
  });
});

describe('parseBudgetRule', () => {
  it('bytes rules take sizes, not percents', () => {
    expect(parseBudgetRule('max-size', '500MB', 'x')).toEqual({
      rule: 'max-size',
      limitText: '500MB',
      limit: { kind: 'bytes', bytes: 500_000_000 },
      level: 'fail',
    });
    expect(usageMessage(() => parseBudgetRule('max-size', '5%', '--max-size'))).toBe(
      "--max-size: max-size: cannot parse '5%' (expected a size like 500MB, 1.5GiB or 123 (bytes))",
    );
  });
  it('growth rules take bytes or percent', () => {
    expect(parseBudgetRule('max-growth', '5%', 'x').limit).toEqual({ kind: 'ratio', ratio: 0.05 });
    expect(parseBudgetRule('max-growth', '50MB', 'x').limit).toEqual({ kind: 'bytes', bytes: 50_000_000 });
    expect(parseBudgetRule('max-layer-growth', '10 MiB', 'x').limit).toEqual({ kind: 'bytes', bytes: 10 * 1024 ** 2 });
    expect(parseBudgetRule('warn-layer-growth', '20%', 'x')).toMatchObject({ level: 'warn', limit: { kind: 'ratio', ratio: 0.2 } });
  });
  it('cache-hit and efficiency take a percent or a ratio', () => {
    expect(parseBudgetRule('min-cache-hit', '80%', 'x').limit).toEqual({ kind: 'ratio', ratio: 0.8 });
    expect(parseBudgetRule('min-cache-hit', '0.8', 'x').limit).toEqual({ kind: 'ratio', ratio: 0.8 });
    expect(parseBudgetRule('min-efficiency', '95%', 'x').limit).toEqual({ kind: 'ratio', ratio: 0.95 });
    expect(usageMessage(() => parseBudgetRule('min-cache-hit', '80', 'x'))).toMatch(
      /min-cache-hit: cannot parse '80' \(expected a percent like 80% or a ratio like 0.8\)/,
    );
    expect(usageMessage(() => parseBudgetRule('min-cache-hit', '10MB', 'x'))).toMatch(/'10MB'/);
  });
  it('every fail rule has a warn twin', () => {
    expect(RULE_NAMES).toEqual([
      'max-size',
      'max-compressed-size',
      'max-growth',
      'max-layer-growth',
      'min-cache-hit',
      'max-wasted',
      'min-efficiency',
      'warn-size',
      'warn-compressed-size',
      'warn-growth',
      'warn-layer-growth',
      'warn-cache-hit',
      'warn-wasted',
      'warn-efficiency',
    ]);
    for (const name of RULE_NAMES)
      expect(parseBudgetRule(name, name.includes('cache') || name.includes('efficiency') ? '50%' : '1MB', 'x').level).toBe(
        name.startsWith('warn-') ? 'warn' : 'fail',
      );
  });
  it('an unknown rule lists the known ones', () => {
    const message = usageMessage(() => parseBudgetRule('max-sise', '1MB', 'budgets line 1'));
    expect(message).toContain("budgets line 1: unknown budget rule 'max-sise'");
    expect(message).toContain('max-size, max-compressed-size');
    expect(message).toContain('warn-efficiency');
  });
});

describe('parseBudgetLines', () => {
  it('reads rule: value lines, skipping blanks and comments', () => {
    const rules = parseBudgetLines(
      ['# size budgets', 'max-size: 500MB', '', '  warn-growth:5% ', 'min-cache-hit: 0.8   # most layers reused', 'max-layer-growth: 1.5 GiB', '\r'].join('\n'),
      'budgets',
    );
    expect(rules.map((r) => [r.rule, r.limitText, r.level])).toEqual([
      ['max-size', '500MB', 'fail'],
      ['warn-growth', '5%', 'warn'],
      ['min-cache-hit', '0.8', 'fail'],
      ['max-layer-growth', '1.5 GiB', 'fail'],
    ]);
  });
  it('handles CRLF and an empty text', () => {
    expect(parseBudgetLines('max-size: 1MB\r\nwarn-size: 2MB\r\n', 'f')).toHaveLength(2);
    expect(parseBudgetLines('', 'f')).toEqual([]);
    expect(parseBudgetLines('# only a comment\n\n', 'f')).toEqual([]);
  });
  it('names the origin and line on errors', () => {
    expect(usageMessage(() => parseBudgetLines('max-size: 1MB\nmax-growth: lots', 'budgets.txt'))).toBe(
      "budgets.txt line 2: max-growth: cannot parse 'lots' (expected a size like 50MB, 1.5GiB or 123 (bytes), or a percent like 5%)",
    );
    expect(usageMessage(() => parseBudgetLines('max-size 1MB', 'input budgets'))).toBe("input budgets line 1: expected 'rule: value', got 'max-size 1MB'");
    expect(usageMessage(() => parseBudgetLines('max-size:', 'b'))).toBe('b line 1: max-size: missing value');
    expect(usageMessage(() => parseBudgetLines('biggest: 1MB', 'b'))).toMatch(/^b line 1: unknown budget rule 'biggest' \(known rules: max-size, /);
  });
});

describe('budgetRulesFromFlags', () => {
  it('reads the flags that are rules, in a stable order, and ignores the rest', () => {
    const rules = budgetRulesFromFlags({ format: 'json', 'warn-growth': '2%', 'max-size': '1GB', 'min-cache-hit': undefined });
    expect(rules.map((r) => `${r.rule}=${r.limitText}`)).toEqual(['max-size=1GB', 'warn-growth=2%']);
  });
  it('names the flag on a bad value', () => {
    expect(usageMessage(() => budgetRulesFromFlags({ 'max-growth': 'x' }))).toMatch(/^--max-growth: max-growth: cannot parse 'x'/);
  });
});

const L = (id: string, size: number, createdBy = `RUN make ${id}`, compressed?: number | null): LayerSpec => ({ id, size, createdBy, compressed });

describe('evaluateBudgets', () => {
  // base 200 MB; head: layer b grows 20 -> 50 MB (+150%), c (100 MB) unchanged, new layer d 30 MB.
  const base = snapshot('b', [L('a', 80 * MB), L('b', 20 * MB), L('c', 100 * MB)]);
  const head = snapshot('h', [L('a', 80 * MB), L('b2', 50 * MB, 'RUN make b'), L('c', 100 * MB), L('d', 30 * MB)]);
  const grown = report(base, head);

  function check(text: string, r: Omit<Report, 'budgets' | 'verdict'> = grown) {
    return evaluateBudgets(parseBudgetLines(text, 'test'), r);
  }

  it('max-size / warn-size on head uncompressed bytes', () => {
    expect(check('max-size: 300MB\nmax-size: 250MB\nwarn-size: 250MB')).toEqual([
      { rule: 'max-size', limit: '300MB', actual: 260 * MB, status: 'pass', message: '260 MB ≤ 300 MB' },
      { rule: 'max-size', limit: '250MB', actual: 260 * MB, status: 'fail', message: '260 MB > 250 MB' },
      { rule: 'warn-size', limit: '250MB', actual: 260 * MB, status: 'warn', message: '260 MB > 250 MB' },
    ]);
  });

  it('max-compressed-size on head compressed bytes, warn when unknown', () => {
    const compressed = head.totals.compressedSize ?? 0;
    expect(compressed).toBe(86_666_667);
    expect(check('max-compressed-size: 80MB\nwarn-compressed-size: 90MB')).toEqual([
      { rule: 'max-compressed-size', limit: '80MB', actual: compressed, status: 'fail', message: '86.7 MB > 80 MB' },
      { rule: 'warn-compressed-size', limit: '90MB', actual: compressed, status: 'pass', message: '86.7 MB ≤ 90 MB' },
    ]);
    const plain = report(null, snapshot('h', [L('a', 10, 'RUN a', null)]));
    expect(check('max-compressed-size: 1MB', plain)).toEqual([
      { rule: 'max-compressed-size', limit: '1MB', actual: null, status: 'warn', message: 'compressed size unknown (layers stored uncompressed): not checked' },
    ]);
  });

  it('max-growth in bytes and percent of base total', () => {
    expect(check('max-growth: 50MB\nmax-growth: 70MB\nmax-growth: 25%\nwarn-growth: 35%\nwarn-growth: 20%')).toEqual([
      { rule: 'max-growth', limit: '50MB', actual: 60 * MB, status: 'fail', message: '+60 MB > 50 MB' },
      { rule: 'max-growth', limit: '70MB', actual: 60 * MB, status: 'pass', message: '+60 MB ≤ 70 MB' },
      { rule: 'max-growth', limit: '25%', actual: 0.3, status: 'fail', message: '+30% > 25%' },
      { rule: 'warn-growth', limit: '35%', actual: 0.3, status: 'pass', message: '+30% ≤ 35%' },
      { rule: 'warn-growth', limit: '20%', actual: 0.3, status: 'warn', message: '+30% > 20%' },
    ]);
  });

  it('shrinking always passes a growth budget', () => {
    expect(check('max-growth: 0', report(head, base))[0]).toMatchObject({ status: 'pass', actual: -60 * MB, message: '-60 MB ≤ 0 B' });
  });

  it('percent growth from an empty base exceeds any percent', () => {
    const r = report(snapshot('b', []), snapshot('h', [L('a', 10)]));
    expect(check('max-growth: 500%', r)[0]).toEqual({
      rule: 'max-growth',
      limit: '500%',
      actual: null,
      status: 'fail',
      message: '+10 B from an empty base > 500%',
    });
  });

  it('max-layer-growth: the largest single-row increase, bytes or percent of that base layer', () => {
    expect(check('max-layer-growth: 25MB\nmax-layer-growth: 40MB\nmax-layer-growth: 100%\nwarn-layer-growth: 200%')).toEqual([
      { rule: 'max-layer-growth', limit: '25MB', actual: 30 * MB, status: 'fail', message: '+30 MB (layer 2) > 25 MB' },
      { rule: 'max-layer-growth', limit: '40MB', actual: 30 * MB, status: 'pass', message: '+30 MB (layer 2) ≤ 40 MB' },
      { rule: 'max-layer-growth', limit: '100%', actual: 1.5, status: 'fail', message: '+150% (layer 2) > 100%' },
      { rule: 'warn-layer-growth', limit: '200%', actual: 1.5, status: 'pass', message: '+150% (layer 2) ≤ 200%' },
    ]);
  });

  it('max-layer-growth counts an added layer in bytes', () => {
    const r = report(snapshot('b', [L('a', 10)]), snapshot('h', [L('a', 10), L('big', 5 * MB, 'COPY big /')]));
    expect(check('max-layer-growth: 1MB', r)[0]).toMatchObject({ status: 'fail', actual: 5 * MB, message: '+5 MB (layer 2) > 1 MB' });
    // Percent growth needs a base layer: an added layer alone grows no layer by a percent.
    expect(check('max-layer-growth: 1%', r)[0]).toMatchObject({ status: 'pass', actual: 0 });
  });

  it('max-layer-growth with nothing grown is 0', () => {
    expect(check('max-layer-growth: 0', report(base, base))[0]).toMatchObject({ status: 'pass', actual: 0, message: '0 B ≤ 0 B' });
  });

  it('min-cache-hit on the byte ratio', () => {
    // hit: a (80) + c (100) of 260 MB.
    const ratio = 180 / 260;
    expect(check('min-cache-hit: 80%\nmin-cache-hit: 0.6\nwarn-cache-hit: 70%')).toEqual([
      { rule: 'min-cache-hit', limit: '80%', actual: ratio, status: 'fail', message: '69.2% of bytes reused < 80%' },
      { rule: 'min-cache-hit', limit: '0.6', actual: ratio, status: 'pass', message: '69.2% of bytes reused ≥ 60%' },
      { rule: 'warn-cache-hit', limit: '70%', actual: ratio, status: 'warn', message: '69.2% of bytes reused < 70%' },
    ]);
  });

  it('rules that need a base pass with "no base" when there is none', () => {
    const first = report(null, head);
    const results = check('max-growth: 1MB\nwarn-growth: 1%\nmax-layer-growth: 1MB\nmin-cache-hit: 99%\nmax-size: 1GB', first);
    expect(results.slice(0, 4).map((r) => [r.status, r.actual, r.message])).toEqual(Array(4).fill(['pass', null, 'no base']));
    expect(results[4]).toMatchObject({ status: 'pass', actual: 260 * MB });
  });

  it('deep rules warn without --deep', () => {
    expect(check('max-wasted: 1MB\nmin-efficiency: 95%')).toEqual([
      { rule: 'max-wasted', limit: '1MB', actual: null, status: 'warn', message: 'needs --deep (deep scan) to measure: not checked' },
      { rule: 'min-efficiency', limit: '95%', actual: null, status: 'warn', message: 'needs --deep (deep scan) to measure: not checked' },
    ]);
  });

  it('deep rules read report.deep.waste', () => {
    const deep: DeepReport = { waste: { wastedBytes: 32_025, efficiency: 0.9844, paths: [] }, hints: [] };
    const withDeep = { ...grown, deep };
    expect(check('max-wasted: 30kB\nwarn-wasted: 50kB\nmin-efficiency: 99%\nwarn-efficiency: 0.95', withDeep)).toEqual([
      { rule: 'max-wasted', limit: '30kB', actual: 32_025, status: 'fail', message: '32 kB wasted > 30 kB' },
      { rule: 'warn-wasted', limit: '50kB', actual: 32_025, status: 'pass', message: '32 kB wasted ≤ 50 kB' },
      { rule: 'min-efficiency', limit: '99%', actual: 0.9844, status: 'fail', message: 'efficiency 98.4% < 99%' },
      { rule: 'warn-efficiency', limit: '0.95', actual: 0.9844, status: 'pass', message: 'efficiency 98.4% ≥ 95%' },
    ]);
  });

  it('limits are inclusive: equal passes', () => {
    expect(check('max-size: 260MB\nmin-cache-hit: 0')[0]?.status).toBe('pass');
    expect(check('max-size: 260MB\nmin-cache-hit: 0')[1]?.status).toBe('pass');
  });

  it('worstVerdict', () => {
    expect(worstVerdict([])).toBe('pass');
    expect(worstVerdict(check('max-size: 1GB\nwarn-size: 1MB'))).toBe('warn');
    expect(worstVerdict(check('warn-size: 1MB\nmax-size: 1MB'))).toBe('fail');
  });

  it('the engine report carries budgets and the verdict', () => {
    const r = report(base, head, parseBudgetLines('max-growth: 10%', 'b'));
    expect(r.verdict).toBe('fail');
    expect(r.budgets[0]?.status).toBe('fail');
  });
});

describe('budget messages never read "80% < 80%"', () => {
  it('adds decimals when rounding would hide the difference', () => {
    // 7996 of 10000 head bytes reused.
    const base = snapshot('b', [{ id: 'a', size: 7996, createdBy: 'RUN a' }]);
    const head = snapshot('h', [
      { id: 'a', size: 7996, createdBy: 'RUN a' },
      { id: 'n', size: 2004, createdBy: 'RUN n' },
    ]);
    const [result] = evaluateBudgets(parseBudgetLines('min-cache-hit: 80%', 'b'), report(base, head));
    expect(result).toMatchObject({ status: 'fail', message: '79.96% of bytes reused < 80%' });
  });
});
