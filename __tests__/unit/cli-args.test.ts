import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { VERSION } from '../../src/version.js';

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTty: false,
    columns: undefined,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

async function run(...argv: string[]) {
  const io = fakeIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('cli arguments', () => {
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
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
