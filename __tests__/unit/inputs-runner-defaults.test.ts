/**
 * The runner sets INPUT_X for every input action.yml gives a default, whether the step names it or
 * not. getInputs must accept those defaults in every mode: `estimate-pull` (default "false") once
 * made every `report:` run fail with "cannot be combined with estimate-pull" (stage 2 of the
 * fork-safe workflow, the merged comment of a matrix), and the e2e harness, which passed only some
 * defaults, did not see it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getInputs } from '../../src/inputs.js';
import { repoRoot } from '../helpers/repo-root.js';

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string | number | boolean }> };
const defaults = Object.fromEntries(
  Object.entries(action.inputs).flatMap(([name, input]) =>
    input.default === undefined ? [] : [[name, String(input.default).replace('${{ github.token }}', 'ghs_x')]],
  ),
);
const reader = (given: Record<string, string>) => (name: string) => ({ ...defaults, ...given })[name] ?? '';

describe("action.yml's defaults, as the runner passes them", () => {
  it('include estimate-pull and deep (the inputs a report run must not clash with)', () => {
    expect(defaults).toMatchObject({ 'estimate-pull': 'false', deep: 'false' });
  });

  it('are accepted with report (one path, several, a glob) and with image', () => {
    for (const report of ['r.json', 'reports/*.json', 'a.json\nb.json']) expect(getInputs(reader({ report })).mode).toBe('report');
    expect(getInputs(reader({ image: 'i.tar', platform: 'all' })).mode).toBe('compare');
  });

  it('report with estimate-pull turned on is still refused, naming it', () => {
    expect(() => getInputs(reader({ report: 'r.json', 'estimate-pull': 'true' }))).toThrow(
      'report: posts a report computed elsewhere, so it cannot be combined with estimate-pull',
    );
    expect(() => getInputs(reader({ report: 'r.json', 'estimate-pull': 'maybe' }))).toThrow(/^estimate-pull: "maybe" is not true or false/);
  });
});
