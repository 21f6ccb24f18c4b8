import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesDelta, formatPercent, formatPercentDelta, formatPercentExact, truncate } from '../../src/report/format.js';
import { shortDigest } from '../../src/core/digest.js';
import { growthRatio } from '../../src/core/ratio.js';

describe('formatBytes (decimal units, like docker)', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1024, '1.02 kB'],
    [1500, '1.5 kB'],
    [38_240_000, '38.2 MB'],
    [123_456_789, '123 MB'],
    [999_960, '1 MB'],
    [1_500_000_000, '1.5 GB'],
    [2e12, '2 TB'],
    [-1200, '-1.2 kB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('signed deltas use + and ASCII -', () => {
    expect(formatBytesDelta(38_240_000)).toBe('+38.2 MB');
    expect(formatBytesDelta(-1200)).toBe('-1.2 kB');
    expect(formatBytesDelta(0)).toBe('0 B');
  });
});

describe('percent', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.7123, '71%'],
    [0.004, '0.4%'],
    [0.0001, '<0.1%'],
    [0.996, '99.6%'],
    [0.99999, '>99.9%'],
    [1.5, '150%'],
  ])('formatPercent(%d) = %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  it('formatPercentDelta', () => {
    expect(formatPercentDelta(0.124)).toBe('+12.4%');
    expect(formatPercentDelta(-0.03)).toBe('-3%');
    expect(formatPercentDelta(0)).toBe('0%');
    expect(formatPercentDelta(0.0001)).toBe('+<0.1%');
    expect(formatPercentDelta(0.12345, 2)).toBe('+12.35%');
  });

  it('formatPercentExact', () => {
    expect(formatPercentExact(0.9844)).toBe('98.4%');
    expect(formatPercentExact(0.8)).toBe('80%');
    expect(formatPercentExact(0.7996, 2)).toBe('79.96%');
  });

  it('growthRatio has no percent from zero', () => {
    expect(growthRatio(100, 112)).toBeCloseTo(0.12);
    expect(growthRatio(0, 0)).toBe(0);
    expect(growthRatio(0, 5)).toBeNull();
  });
});

describe('shortDigest / truncate', () => {
  it('short digests are 12 hex chars without the algorithm', () => {
    expect(shortDigest('sha256:0123456789abcdef0123456789abcdef')).toBe('0123456789ab');
    expect(shortDigest('0123456789abcdef')).toBe('0123456789ab');
    expect(shortDigest(null)).toBe('-');
  });
  it('truncate marks the cut', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 1)).toBe('…');
    expect(truncate('abcdef', 0)).toBe('');
  });
});
