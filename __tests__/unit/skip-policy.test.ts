/**
 * The skip policy every prerequisite helper goes through: skip with a reason on a laptop, fail under
 * CI unless the CI names the prerequisite in LAYERDIFF_TEST_ALLOW_MISSING.
 */
import { describe, expect, it } from 'vitest';
import { decide, isCi } from '../helpers/skip-policy.js';

const missing = 'skipped: ../shared/fixtures/real-images is absent beside this clone';

describe('skip policy', () => {
  it('runs the tests when the prerequisite is there, CI or not', () => {
    expect(decide('real-images', null, {})).toEqual({ action: 'run' });
    expect(decide('real-images', null, { CI: 'true' })).toEqual({ action: 'run' });
  });

  it('skips locally and says why', () => {
    expect(decide('real-images', missing, {})).toEqual({
      action: 'skip',
      message: 'skipped (real-images): ../shared/fixtures/real-images is absent beside this clone',
    });
    for (const off of ['', '0', 'false', 'FALSE']) expect(decide('dockerd', 'skipped: dockerd needs root', { CI: off }).action).toBe('skip');
  });

  it('fails under CI, naming what is missing and how to skip knowingly', () => {
    const decision = decide('registry-tools', 'skipped: skopeo not installed', { CI: 'true' });
    expect(decision.action).toBe('fail');
    expect(decision).toMatchObject({ message: expect.stringContaining('registry-tools is missing: skopeo not installed') });
    expect(decision).toMatchObject({ message: expect.stringContaining('LAYERDIFF_TEST_ALLOW_MISSING') });
    for (const on of ['true', '1', 'yes']) expect(isCi({ CI: on })).toBe(true);
  });

  it('skips under CI only what the CI declares absent', () => {
    const env = { CI: 'true', LAYERDIFF_TEST_ALLOW_MISSING: 'real-images, dockerd' };
    expect(decide('real-images', missing, env)).toEqual({
      action: 'skip',
      message: 'skipped (real-images, allowed by LAYERDIFF_TEST_ALLOW_MISSING): ../shared/fixtures/real-images is absent beside this clone',
    });
    expect(decide('dockerd', 'skipped: dockerd needs root', env).action).toBe('skip');
    expect(decide('registry-tools', 'skipped: skopeo not installed', env).action).toBe('fail');
  });
});
