import { describe, expect, it } from 'vitest';
import { getInputs, type CompareSettings } from '../../src/inputs.js';

/** Inputs as the runner hands them over: absent = ''. */
function read(inputs: Record<string, string>): (name: string) => string {
  return (name) => inputs[name] ?? '';
}

function compare(inputs: Record<string, string>): CompareSettings {
  const settings = getInputs(read({ 'github-token': 'tok', ...inputs }));
  if (settings.mode !== 'compare') throw new Error('expected compare mode');
  return settings;
}

describe('getInputs', () => {
  it('gives the documented defaults', () => {
    expect(compare({ image: 'head.tar' })).toEqual({
      mode: 'compare',
      image: 'head.tar',
      base: { kind: 'none' },
      platform: undefined,
      budgets: [],
      deep: false,
      estimatePull: false,
      snapshotPath: undefined,
      registryCredentials: undefined,
      failOn: 'fail',
      comment: 'always',
      commentKey: 'default',
      githubToken: 'tok',
      prNumber: null,
    });
  });

  it('reads every base form', () => {
    expect(compare({ image: 'h.tar', 'base-image': 'docker://ghcr.io/acme/app:main' }).base).toEqual({
      kind: 'reference',
      reference: 'docker://ghcr.io/acme/app:main',
      input: 'base-image',
    });
    expect(compare({ image: 'h.tar', 'base-snapshot': 'base.json' }).base).toEqual({
      kind: 'reference',
      reference: 'snapshot:base.json',
      input: 'base-snapshot',
    });
    expect(compare({ image: 'h.tar', 'base-snapshot': 'snapshot:base.json' }).base).toMatchObject({ reference: 'snapshot:base.json' });
    expect(compare({ image: 'h.tar', 'base-artifact': 'image-snapshot' }).base).toEqual({ kind: 'artifact', name: 'image-snapshot' });
  });

  it('reads the other inputs', () => {
    const s = compare({
      image: ' head.tar ',
      platform: 'linux/arm/v7',
      deep: 'True',
      'fail-on': 'warn',
      comment: 'on-change',
      'comment-key': 'linux/arm64',
      'snapshot-path': 'out/head.json',
      'pr-number': '42',
      'registry-credentials': 'user:p:ss',
      budgets: 'max-size: 500MB\n# a comment\n\nwarn-growth: 5%\n',
    });
    expect(s).toMatchObject({
      image: 'head.tar',
      platform: 'linux/arm/v7',
      deep: true,
      failOn: 'warn',
      comment: 'on-change',
      commentKey: 'linux/arm64',
      snapshotPath: 'out/head.json',
      prNumber: 42,
      registryCredentials: 'user:p:ss',
    });
    expect(s.budgets.map((b) => [b.rule, b.level])).toEqual([
      ['max-size', 'fail'],
      ['warn-growth', 'warn'],
    ]);
  });

  it('reads comment-from-report mode', () => {
    expect(getInputs(read({ report: 'report.json', 'pr-number': '7', 'github-token': 't' }))).toEqual({
      mode: 'report',
      reportPath: 'report.json',
      prNumber: 7,
      failOn: 'fail',
      comment: 'always',
      commentKey: 'default',
      githubToken: 't',
    });
  });

  it.each([
    [{}, /^image: required/],
    [{ image: 'h', 'fail-on': 'error' }, /^fail-on: "error" is not one of fail, warn, never$/],
    [{ image: 'h', comment: 'sometimes' }, /^comment: "sometimes" is not one of always, on-change, never$/],
    [{ image: 'h', 'comment-key': 'a-->b' }, /^comment-key: /],
    [{ image: 'h', 'comment-key': 'has space' }, /^comment-key: /],
    [{ image: 'h', deep: 'yes' }, /^deep: "yes" is not true or false$/],
    [{ image: 'h', 'pr-number': '12a' }, /^pr-number: /],
    [{ image: 'h', 'pr-number': '0' }, /^pr-number: /],
    [{ image: 'h', platform: 'amd64' }, /^platform: "amd64" is not os\/arch/],
    [{ image: 'h', budgets: 'max-size 5MB' }, /^budgets line 1: /],
    [{ image: 'h', budgets: 'max-size: 5MB\nmax-sise: 5MB' }, /^budgets line 2: unknown budget rule/],
    [{ image: 'h', 'base-image': 'a.tar', 'base-snapshot': 'b.json' }, /^base-snapshot: give only one of base-image, base-artifact, base-snapshot/],
    [{ image: 'h', 'base-artifact': 'a/b' }, /^base-artifact: "a\/b" is not an artifact name/],
    [{ image: 'h', 'registry-credentials': 'token-only' }, /^registry-credentials: expected USER:PASSWORD$/],
    [{ report: 'r.json', image: 'h.tar' }, /^report: .* cannot be combined with image$/],
  ])('refuses %j naming the input', (inputs, message) => {
    expect(() => getInputs(read(inputs))).toThrow(message);
  });

  it('throws one-line usage errors', () => {
    try {
      getInputs(read({ image: 'h', 'fail-on': 'x' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'usage' });
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
