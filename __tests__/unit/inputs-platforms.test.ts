/** The action's `platform:` input for several platforms (issue 13: `all` or a comma list). */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/report/error-line.js';
import { actionInputNames, getInputs, type CompareSettings } from '../../src/inputs.js';
import { parsePlatformSelection } from '../../src/image/platform-set.js';

const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
const compare = (inputs: Record<string, string>) => getInputs(read({ image: 'head.tar', ...inputs })) as CompareSettings;

describe('platform input', () => {
  it('accepts all and comma lists, tidied', () => {
    expect(compare({ platform: 'All' }).platform).toBe('all');
    expect(compare({ platform: 'linux/amd64, linux/arm64' }).platform).toBe('linux/amd64,linux/arm64');
    expect(compare({ platform: 'linux/arm/v7' }).platform).toBe('linux/arm/v7');
  });

  it('refuses a malformed entry in one line', () => {
    expect(() => compare({ platform: 'linux/amd64,linux' })).toThrow(
      'platform: "linux/amd64,linux" is not os/arch[/variant] (e.g. linux/amd64, linux/arm/v7), a comma list of them, or all',
    );
  });

  it('refuses snapshot-path with several platforms (a snapshot holds one)', () => {
    expect(() => compare({ platform: 'all', 'snapshot-path': 'head.json' })).toThrow('snapshot-path: a snapshot holds one platform; not with platform: all');
  });

  it('names the input, not the CLI flag, in list errors', () => {
    let error: unknown;
    try {
      parsePlatformSelection('linux/amd64,linux/amd64');
    } catch (e) {
      error = e;
    }
    expect(describeError(error, actionInputNames)).toBe('the `platform:` input: linux/amd64 is listed twice');
  });
});
