/**
 * CLI ergonomics (issue 14 part 6): image names given as paths get a hint, sizes written with a space
 * parse and a split `--max-size 5 MB` is explained, and registry passwords can come from stdin or
 * the environment instead of the command line, without ever being echoed.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetRule } from '../../src/budgets/rules.js';
import { explainBadSize, parseBytes } from '../../src/budgets/limits.js';
import { credentialsFromCli, readPasswordFromStdin } from '../../src/cli-credentials.js';
import { main, usage, type CliIo } from '../../src/cli.js';
import { repoRoot } from '../helpers/repo-root.js';
import { LayerdiffError } from '../../src/errors.js';
import { missingPathReason } from '../../src/sources/reference.js';

/** Runs the CLI in-process with captured output, a given stdin and environment. */
async function cli(argv: string[], extra: { stdin?: string; stdinIsTty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const stdin = Object.assign(Readable.from(extra.stdin === undefined ? [] : [Buffer.from(extra.stdin)]), { isTTY: extra.stdinIsTty ?? false });
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stderrIsTty: false,
    columns: undefined,
    stdin,
    env: { HOME: '/nonexistent', ...extra.env },
    stdout(text) {
      io.out += text;
    },
    stderr(text) {
      io.err += text;
    },
  };
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function expectOneLineUsage(r: { code: number; err: string }) {
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
}

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LayerdiffError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('an image name given where a file was expected', () => {
  it('hints at docker-daemon: and docker:// for `app:ci`, one line, exit 2', async () => {
    const r = await cli(['inspect', 'app:ci']);
    expectOneLineUsage(r);
    expect(r.err).toBe(
      'layerdiff: app:ci is not a file or directory; for a local Docker image use docker-daemon:app:ci, for a registry docker://REGISTRY/app:ci\n',
    );
  });

  it('keeps the registry a name already has, and handles ports and digests', () => {
    expect(missingPathReason('ghcr.io/acme/app:1.2')).toBe(
      'ghcr.io/acme/app:1.2 is not a file or directory; for a local Docker image use docker-daemon:ghcr.io/acme/app:1.2, for a registry docker://ghcr.io/acme/app:1.2',
    );
    expect(missingPathReason('localhost:5000/app:ci')).toContain('for a registry docker://localhost:5000/app:ci');
    expect(missingPathReason(`app@sha256:${'a'.repeat(64)}`)).toContain('docker-daemon:app@sha256:');
    expect(missingPathReason('acme/app')).toContain('for a registry docker://REGISTRY/acme/app');
  });

  it.each(['/nonexistent/image.tar', './head.tar', 'head.tar', 'base.json', 'images/app.tar.gz', '~/x', 'App:CI'])(
    '%j stays "no such file or directory"',
    (text) => {
      expect(missingPathReason(text)).toBe(`${text}: no such file or directory`);
    },
  );

  it('gives the hint for the base of a diff too', async () => {
    const r = await cli(['diff', 'app:main', 'app:ci']);
    expectOneLineUsage(r);
    expect(r.err).toMatch(/app:main is not a file or directory; for a local Docker image use docker-daemon:app:main/);
  });
});

describe('sizes', () => {
  it.each([
    ['5 MB', 5_000_000],
    ['5 MiB', 5 * 1024 ** 2],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['500 kB', 500_000],
  ])('%j with a space parses (flag or budgets line)', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
    expect(parseBudgetRule('max-size', text, '--max-size').limit).toEqual({ kind: 'bytes', bytes });
  });

  it('a bad size names what was read and why', () => {
    expect(usageMessage(() => parseBudgetRule('max-size', '5 XB', '--max-size'))).toBe(
      "--max-size: max-size: cannot parse '5 XB': unknown unit 'XB' (decimal kB, MB, GB… or binary KiB, MiB, GiB…) (expected a size like 500MB, 1.5GiB or 123 (bytes))",
    );
    expect(usageMessage(() => parseBudgetRule('max-growth', '-5MB', 'budgets line 2'))).toMatch(/cannot parse '-5MB': a size cannot be negative/);
    expect(explainBadSize('1e6')).toMatch(/instead of an exponent/);
    expect(explainBadSize('ten')).toBeNull();
  });

  it.each([
    [['diff', 'a.tar', 'b.tar', '--max-size', '5', 'MB'], '--max-size 5 MB'],
    [['diff', '--max-growth', '5', '%', 'a.tar', 'b.tar'], '--max-growth 5 %'],
    [['inspect', 'a.tar', '--warn-size', '1.5', 'GiB'], '--warn-size 1.5 GiB'],
    [['diff', 'a.tar', 'b.tar', '--max-size=5', 'MB'], '--max-size 5 MB'],
  ])('explains an unquoted %j instead of "(got 3)"', async (argv, what) => {
    const r = await cli(argv);
    expectOneLineUsage(r);
    expect(r.err).not.toMatch(/got \d/);
    expect(r.err).toContain(`${what}: the shell passed`);
    expect(r.err).toMatch(/it would be read as an image\); write --[a-z-]+ [\d.]+\S+ or --[a-z-]+ "[\d.]+ \S+"/);
  });

  it('still counts images when a stray word is not a unit', async () => {
    const r = await cli(['diff', 'a.tar', 'b.tar', '--max-size', '5', 'c.tar']);
    expect(r.err).toMatch(/diff takes two images, <base> and <head> \(got 3\)/);
  });
});

describe('credentials from flags and the environment (pure)', () => {
  const none = {};
  it('--creds for both sides unless --base-creds, as before', () => {
    expect(credentialsFromCli({ creds: 'u:p' }, none)).toEqual({ head: { creds: 'u:p', origin: '--creds' }, base: { creds: 'u:p', origin: '--creds' } });
    expect(credentialsFromCli({ creds: 'u:p', baseCreds: 'b:q' }, none).base).toEqual({ creds: 'b:q', origin: '--base-creds' });
    expect(credentialsFromCli({}, none)).toEqual({ head: undefined, base: undefined });
  });

  it('--username with the password from stdin, or from LAYERDIFF_REGISTRY_PASSWORD', () => {
    expect(credentialsFromCli({ username: 'u', passwordFromStdin: 's3cret' }, none).head).toEqual({ creds: 'u:s3cret', origin: '--username/--password-stdin' });
    expect(credentialsFromCli({ username: 'u' }, { LAYERDIFF_REGISTRY_PASSWORD: 'e' }).head).toEqual({
      creds: 'u:e',
      origin: '--username/LAYERDIFF_REGISTRY_PASSWORD',
    });
  });

  it('LAYERDIFF_REGISTRY_* for both sides, LAYERDIFF_BASE_REGISTRY_* for the base; flags win', () => {
    const env = {
      LAYERDIFF_REGISTRY_USERNAME: 'h',
      LAYERDIFF_REGISTRY_PASSWORD: 'hp',
      LAYERDIFF_BASE_REGISTRY_USERNAME: 'b',
      LAYERDIFF_BASE_REGISTRY_PASSWORD: 'bp',
    };
    expect(credentialsFromCli({}, env)).toEqual({
      head: { creds: 'h:hp', origin: 'LAYERDIFF_REGISTRY_USERNAME/LAYERDIFF_REGISTRY_PASSWORD' },
      base: { creds: 'b:bp', origin: 'LAYERDIFF_BASE_REGISTRY_USERNAME/LAYERDIFF_BASE_REGISTRY_PASSWORD' },
    });
    expect(credentialsFromCli({}, { LAYERDIFF_REGISTRY_USERNAME: 'h', LAYERDIFF_REGISTRY_PASSWORD: 'hp' }).base?.creds).toBe('h:hp');
    expect(credentialsFromCli({ creds: 'f:fp' }, env).head?.creds).toBe('f:fp');
    expect(credentialsFromCli({ baseCreds: 'f:fp' }, env).base?.creds).toBe('f:fp');
  });

  it.each([
    [{ passwordFromStdin: 'hunter2' }, {}, /--password-stdin needs --username USER/],
    [{ username: 'u' }, {}, /--username needs a password: pipe it in with --password-stdin, or set LAYERDIFF_REGISTRY_PASSWORD/],
    [{ creds: 'u:hunter2', username: 'u' }, {}, /--creds and --username both give the registry user/],
    [{}, { LAYERDIFF_REGISTRY_PASSWORD: 'hunter2' }, /LAYERDIFF_REGISTRY_PASSWORD is set but LAYERDIFF_REGISTRY_USERNAME is not/],
    [{}, { LAYERDIFF_BASE_REGISTRY_USERNAME: 'u' }, /LAYERDIFF_BASE_REGISTRY_USERNAME is set but LAYERDIFF_BASE_REGISTRY_PASSWORD is not/],
    [
      {},
      { LAYERDIFF_REGISTRY_USERNAME: 'a:b', LAYERDIFF_REGISTRY_PASSWORD: 'hunter2' },
      /LAYERDIFF_REGISTRY_USERNAME: a registry user name must be non-empty and hold no colon/,
    ],
  ])('refuses %j with env %j, never echoing the password', (flags, env, message) => {
    const text = usageMessage(() => credentialsFromCli(flags, env));
    expect(text).toMatch(message);
    expect(text).not.toContain('hunter2');
  });
});

describe('--password-stdin reads', () => {
  const stream = (text: string, isTTY = false) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY });
  it('the whole of stdin less one trailing newline, as docker login does', async () => {
    expect(await readPasswordFromStdin(stream('s3cret\n'))).toBe('s3cret');
    expect(await readPasswordFromStdin(stream('s3cret\r\n'))).toBe('s3cret');
    expect(await readPasswordFromStdin(stream('with spaces and: colons'))).toBe('with spaces and: colons');
  });

  it.each([
    ['', false, /stdin was empty/],
    ['\n', false, /stdin was empty/],
    ['one\ntwo\n', false, /more than one line/],
    ['x', true, /stdin is a terminal/],
  ])('refuses %j (tty %s)', async (text, tty, message) => {
    await expect(readPasswordFromStdin(stream(text, tty))).rejects.toThrow(message);
  });

  it('refuses more than 64 KiB without reading on (hostile: endless stdin)', async () => {
    let produced = 0;
    const endless = Object.assign(
      new Readable({
        read() {
          produced += 16 * 1024;
          this.push(Buffer.alloc(16 * 1024, 'x'));
        },
      }),
      { isTTY: false },
    );
    await expect(readPasswordFromStdin(endless)).rejects.toThrow('--password-stdin: stdin holds more than 64 KiB; expected one password');
    expect(produced).toBeLessThan(200 * 1024);
  });
});

describe('credentials reach the registry, never the messages', () => {
  /** A registry that wants basic auth and refuses everything, recording what it was sent per repository. */
  let server: http.Server;
  let host: string;
  const seen: Array<{ repo: string; authorization: string | undefined }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const repo = /^\/v2\/(.+)\/manifests\//.exec(req.url ?? '')?.[1] ?? '';
      if (req.headers.authorization) seen.push({ repo, authorization: req.headers.authorization });
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"', 'Content-Type': 'application/json' });
      res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('--username USER --password-stdin sends the piped password and names its origin when refused', async () => {
    seen.length = 0;
    const r = await cli(['inspect', `docker://${host}/app:1`, '--insecure-registry', host, '--username', 'robot', '--password-stdin'], {
      stdin: 'pipe-s3cret\n',
    });
    expectOneLineUsage(r);
    expect(r.err).toBe(`layerdiff: docker://${host}/app:1: credentials from --username/--password-stdin were refused by ${host} (401 Unauthorized)\n`);
    expect(seen).toEqual([{ repo: 'app', authorization: basic('robot', 'pipe-s3cret') }]);
  });

  it('LAYERDIFF_REGISTRY_* serve the head, LAYERDIFF_BASE_REGISTRY_* the base', async () => {
    seen.length = 0;
    const env = {
      LAYERDIFF_REGISTRY_USERNAME: 'head-user',
      LAYERDIFF_REGISTRY_PASSWORD: 'head-s3cret',
      LAYERDIFF_BASE_REGISTRY_USERNAME: 'base-user',
      LAYERDIFF_BASE_REGISTRY_PASSWORD: 'base-s3cret',
    };
    const r = await cli(['diff', `docker://${host}/base:1`, `docker://${host}/head:1`, '--insecure-registry', host], { env });
    expectOneLineUsage(r);
    expect(r.err).toMatch(/credentials from LAYERDIFF_(BASE_)?REGISTRY_USERNAME\/LAYERDIFF_(BASE_)?REGISTRY_PASSWORD were refused/);
    expect(r.err).not.toMatch(/s3cret/);
    expect(seen.sort((a, b) => a.repo.localeCompare(b.repo))).toEqual([
      { repo: 'base', authorization: basic('base-user', 'base-s3cret') },
      { repo: 'head', authorization: basic('head-user', 'head-s3cret') },
    ]);
  });

  it.each(['hunter2', ''])('--password-stdin without --username is a usage error, before stdin (%j) is read', async (stdin) => {
    const r = await cli(['inspect', `docker://${host}/app:1`, '--password-stdin'], { stdin });
    expectOneLineUsage(r);
    expect(r.err).toBe('layerdiff: --password-stdin needs --username USER (stdin holds the password only, as with docker login)\n');
  });
});

describe('documentation', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  it.each([
    'LAYERDIFF_REGISTRY_USERNAME',
    'LAYERDIFF_REGISTRY_PASSWORD',
    'LAYERDIFF_BASE_REGISTRY_USERNAME',
    '--password-stdin',
    '--username',
    'credsStore',
    'credHelpers',
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'NO_PROXY',
  ])('--help and the README name %s', (name) => {
    expect(usage).toContain(name);
    expect(readme).toContain(name);
  });
});
