/**
 * Merging a `--platform all` multi-report: each entry keeps the platform and change it was written
 * with. A platform gone from the head has a report whose head is an image without layers (platform
 * `none`), so the report's head platform must not name the entry.
 */
import { describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { multiReportOf } from '../../src/core/multi-report.js';
import { mergeInputs } from '../../src/merge.js';
import { parseMergeInputJson } from '../../src/schema/layerdiff-json.js';
import { report, typicalBase, typicalHead } from './report-fixtures.js';

const rules = parseBudgetLines('max-growth: 5%', 'b');
const paired = report(typicalBase, typicalHead, rules);
const added = report(null, { ...typicalHead, platform: 'linux/arm/v6' }, rules);
const removed = report(
  { ...typicalBase, platform: 'linux/arm/v7' },
  { ...typicalHead, platform: 'none', layers: [], totals: { size: 0, compressedSize: 0, contentSize: 0 } },
  rules,
);
const written = multiReportOf([
  { name: 'app', platform: 'linux/amd64', report: paired },
  { name: 'app', platform: 'linux/arm/v6', report: added, change: 'added' },
  { name: 'app', platform: 'linux/arm/v7', report: removed, change: 'removed' },
]);

describe('merge of a --platform all multi-report', () => {
  it("keeps each entry's platform and change, not its report's head platform", () => {
    const input = parseMergeInputJson(JSON.stringify(written), 'all.json');
    const merged = mergeInputs([input, { kind: 'report', report: { ...paired, name: 'tool' } }]);
    expect(merged.images.map((i) => [i.name, i.platform, i.change ?? null])).toEqual([
      ['app', 'linux/amd64', null],
      ['app', 'linux/arm/v6', 'added'],
      ['app', 'linux/arm/v7', 'removed'],
      ['tool', typicalHead.platform, null],
    ]);
    // Merging the merge again changes nothing (a matrix of matrices).
    expect(mergeInputs([parseMergeInputJson(JSON.stringify(merged), 'merged.json')]).images).toEqual(merged.images);
  });

  it('refuses an entry whose change is not added or removed (hostile: change: "pwned")', () => {
    const forged = { ...written, images: written.images.map((i, n) => (n === 1 ? { ...i, change: 'pwned' } : i)) };
    expect(() => parseMergeInputJson(JSON.stringify(forged), 'forged.json')).toThrow(/^forged\.json: /);
  });
});
