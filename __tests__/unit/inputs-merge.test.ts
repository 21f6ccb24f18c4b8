/** Issue 13: the `report` input with several paths or a glob, and the `name` input. */
import { describe, expect, it } from 'vitest';
import { getInputs, reportPatterns } from '../../src/inputs.js';

const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('report input: one path, several, or a glob', () => {
  it('one plain path is read exactly as before (even with spaces), with no patterns', () => {
    expect(reportPatterns('report.json')).toBeNull();
    expect(reportPatterns('  /tmp/my reports/report.json \n')).toBeNull();
    expect(getInputs(read({ report: 'report.json' }))).not.toHaveProperty('reportPatterns');
  });

  it('several lines or a glob become patterns, blank lines and # comments skipped', () => {
    expect(reportPatterns('reports/**/report.json')).toEqual(['reports/**/report.json']);
    expect(reportPatterns('a.json\n\n# the arm64 leg\nb.json\r\n')).toEqual(['a.json', 'b.json']);
    expect(getInputs(read({ report: 'a.json\nb.json' }))).toMatchObject({ mode: 'report', reportPatterns: ['a.json', 'b.json'] });
  });

  it('refuses more than 256 lines, and name with report', () => {
    expect(() => reportPatterns(Array.from({ length: 257 }, (_, i) => `r${i}.json`).join('\n'))).toThrow('report: more than 256 lines');
    expect(() => getInputs(read({ report: 'a.json', name: 'api' }))).toThrow('report: posts a report computed elsewhere, so it cannot be combined with name');
  });
});

describe('name input', () => {
  it('names the image, else the comment key unless it is default', () => {
    expect(getInputs(read({ image: 'h.tar', name: 'api' }))).toMatchObject({ name: 'api' });
    expect(getInputs(read({ image: 'h.tar', 'comment-key': 'worker' }))).toMatchObject({ name: 'worker' });
    expect(getInputs(read({ image: 'h.tar' }))).toMatchObject({ name: undefined });
    expect(() => getInputs(read({ image: 'h.tar', name: 'x'.repeat(201) }))).toThrow('name: longer than 200 characters');
  });
});
