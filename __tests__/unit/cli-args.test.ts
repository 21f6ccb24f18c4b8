import { describe, expect, it } from 'vitest';
import { cliFlagNames, usage } from '../../src/cli.js';
import { runCli } from '../helpers/cli-io.js';
import { VERSION } from '../../src/version.js';

const run = runCli;

describe('cli arguments', () => {
  it('documents every flag it takes in --help', () => {
    for (const name of cliFlagNames) expect(usage).toMatch(new RegExp(`--${name}\\b`));
  });

  it('prints the version', async () => {
    const r = await run('--version');
    expect(r).toMatchObject({ code: 0, out: `${VERSION}\n` });
  });

  it('prints help with exit 0, and usage with exit 2 when no command is given', async () => {
    expect((await run('--help')).code).toBe(0);
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.out).toContain('layerdiff diff <base> <head>');
  });

  it.each([
    [['diff', 'a.tar'], /diff takes two images/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['diff', 'a', 'b', '--no-such-flag'], /no-such-flag/],
    [['inspect', 'x.tar', '--format', 'yaml'], /--format: "yaml"/],
    [['inspect', '/nonexistent/image.tar'], /\/nonexistent\/image.tar: no such file or directory/],
    [['inspect', 'docker:app'], /docker:\/\/HOST\/REPO:TAG/],
    [['inspect', 'x.tar', '--platform', 'linux'], /--platform: "linux" is not os\/arch/],
  ])('refuses %j with exit 2 and one line', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
