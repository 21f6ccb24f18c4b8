/**
 * Docker credential helpers run as docker runs them: `docker-credential-NAME get`, the server address
 * on stdin, JSON on stdout. Each helper here is a small shell script put first on PATH in a temp dir;
 * the oracle is docker-credential-helpers' protocol (client.Get in docker/docker-credential-helpers).
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCredentialHelper } from '../../src/sources/registry/credential-helper.js';
import { resolveCredentials } from '../../src/sources/registry/credentials.js';
import { parseRegistryName } from '../../src/sources/registry/name.js';

let dir: string;
let bin: string;

/** Writes `docker-credential-NAME` into the temp bin dir. `body` is POSIX sh; it logs argv and stdin. */
async function helper(name: string, body: string): Promise<void> {
  const file = path.join(bin, `docker-credential-${name}`);
  await writeFile(file, `#!/bin/sh\nprintf '%s' "$*" > "${dir}/${name}.argv"\n${body}\n`);
  await chmod(file, 0o755);
}

/** A config dir with this config.json; returns the env a test resolves with. */
async function configWith(config: object): Promise<NodeJS.ProcessEnv> {
  const configDir = await mkdtemp(path.join(dir, 'cfg-'));
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config));
  return { DOCKER_CONFIG: configDir, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
}

const ghcr = parseRegistryName('ghcr.io/acme/app:1');
const quay = parseRegistryName('quay.io/acme/app:1');
const hub = parseRegistryName('library/alpine:3');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-credhelpers-'));
  bin = path.join(dir, 'bin');
  await mkdir(bin);
  // Answers for any server, echoing the server it was asked about in the user name (so the test sees what stdin held).
  await helper(
    'store',
    `server=$(cat); printf '%s' "$server" > "${dir}/store.stdin"; printf '{"ServerURL":"%s","Username":"user-for-%s","Secret":"s3cret"}' "$server" "$server"`,
  );
  await helper('gcloud', `cat >/dev/null; printf '{"ServerURL":"ghcr.io","Username":"from-gcloud","Secret":"g-s3cret"}'`);
  await helper('empty', `cat >/dev/null; echo 'credentials not found in native keychain'; exit 1`);
  await helper('hang', `cat >/dev/null; echo $$ > "${dir}/hang.pid"; exec sleep 30`);
  await helper('garbage', `cat >/dev/null; echo 'Username: admin Secret: hunter2 <html>'`);
  await helper('crash', `cat >/dev/null; echo '{"Secret":"hunter2"}'; echo 'keychain locked' >&2; exit 3`);
  await helper('flood', `cat >/dev/null; head -c 200000 /dev/zero | tr '\\0' 'x'`);
  await helper('token', `cat >/dev/null; printf '{"Username":"<token>","Secret":"refresh-token"}'`);
  await helper('noread', `printf '{"Username":"u","Secret":"p"}'`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credential helpers from the docker config', () => {
  it('runs the credsStore helper with `get` and the registry host on stdin', async () => {
    const env = await configWith({ credsStore: 'store' });
    const found = await resolveCredentials(quay, {}, env);
    expect(found).toMatchObject({ credentials: { username: 'user-for-quay.io', password: 's3cret' }, origin: 'docker-credential-store' });
    expect(await readFile(path.join(dir, 'store.argv'), 'utf8')).toBe('get');
    expect(await readFile(path.join(dir, 'store.stdin'), 'utf8')).toBe('quay.io');
  });

  it('asks about Docker Hub as https://index.docker.io/v1/, as docker login stored it', async () => {
    const env = await configWith({ credsStore: 'store' });
    expect((await resolveCredentials(hub, {}, env)).credentials?.username).toBe('user-for-https://index.docker.io/v1/');
  });

  it('a credHelpers entry for the host wins over credsStore; other hosts keep credsStore', async () => {
    const env = await configWith({ credsStore: 'store', credHelpers: { 'ghcr.io': 'gcloud' } });
    expect((await resolveCredentials(ghcr, {}, env)).credentials).toEqual({ username: 'from-gcloud', password: 'g-s3cret' });
    expect((await resolveCredentials(quay, {}, env)).credentials?.username).toBe('user-for-quay.io');
  });

  it('--creds, and an auths entry holding credentials, come before any helper', async () => {
    const env = await configWith({ credsStore: 'hang', auths: { 'quay.io': { auth: Buffer.from('cfg:pw').toString('base64') } } });
    expect((await resolveCredentials(quay, { creds: 'me:pw' }, env, 200)).origin).toBe('--creds');
    expect((await resolveCredentials(quay, {}, env, 200)).credentials).toEqual({ username: 'cfg', password: 'pw' });
  });

  it('"credentials not found" means anonymous, with a hint that says so', async () => {
    const env = await configWith({ credsStore: 'empty' });
    const found = await resolveCredentials(quay, {}, env);
    expect(found.credentials).toBeNull();
    expect(found.hint).toBe('pass --creds USER:PASSWORD or run docker login quay.io (docker-credential-empty holds no credentials for quay.io)');
  });

  it('a helper that is not installed means anonymous, with a hint and a progress note', async () => {
    const env = await configWith({ credsStore: 'osxkeychain' });
    const notes: string[] = [];
    const found = await resolveCredentials(quay, { onProgress: (m) => notes.push(m) }, env);
    expect(found.credentials).toBeNull();
    expect(found.hint).toMatch(/\(docker-credential-osxkeychain, named by credsStore in the docker config, is not on PATH\)$/);
    expect(notes).toEqual([
      expect.stringMatching(/^docker-credential-osxkeychain \(credsStore in .*config\.json\) is not on PATH; trying quay\.io without its credentials$/),
    ]);
  });

  it('GITHUB_TOKEN still serves ghcr.io when the helper holds nothing', async () => {
    const env = { ...(await configWith({ credsStore: 'empty' })), GITHUB_TOKEN: 'gh', GITHUB_ACTOR: 'octo' };
    expect((await resolveCredentials(ghcr, {}, env)).credentials).toEqual({ username: 'octo', password: 'gh' });
  });

  it('kills a helper that hangs and says so in one line (hostile: helper never answers)', async () => {
    const env = await configWith({ credsStore: 'hang' });
    const started = Date.now();
    const error = await resolveCredentials(quay, {}, env, 300).then(
      () => null,
      (e: Error) => e,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error?.message).toMatch(
      /^docker-credential-hang \(credsStore in .*config\.json\): did not answer within 300 ms \(killed\); pass --creds or set LAYERDIFF_REGISTRY_USERNAME\/LAYERDIFF_REGISTRY_PASSWORD instead$/,
    );
    // The helper process (exec'd into sleep) is gone, not left behind.
    const pid = Number(await readFile(path.join(dir, 'hang.pid'), 'utf8'));
    // Reaping the killed child takes a moment on a busy machine: poll, bounded.
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('refuses garbage on stdout without echoing it (hostile: helper prints non-JSON)', async () => {
    const env = await configWith({ credsStore: 'garbage' });
    const error = await resolveCredentials(quay, {}, env).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^docker-credential-garbage \(credsStore in .*\): printed something that is not JSON; pass --creds/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it("reports a crash with the helper's complaint but not its JSON", async () => {
    const env = await configWith({ credsStore: 'crash' });
    const message = ((await resolveCredentials(quay, {}, env).catch((e: Error) => e)) as Error).message;
    expect(message).toMatch(/docker-credential-crash \(credsStore in .*\): exited with code 3: keychain locked;/);
    expect(message).not.toContain('hunter2');
  });

  it('stops reading a helper that floods its stdout (hostile: 200 kB answer)', async () => {
    const env = await configWith({ credsStore: 'flood' });
    expect(((await resolveCredentials(quay, {}, env).catch((e: Error) => e)) as Error).message).toMatch(
      /docker-credential-flood .*: printed more than 64 KiB;/,
    );
  });

  it('refuses a helper name that is a path (hostile: credsStore "../../bin/sh")', async () => {
    const env = await configWith({ credsStore: '../../bin/sh' });
    expect(((await resolveCredentials(quay, {}, env).catch((e: Error) => e)) as Error).message).toMatch(
      /^credsStore in .*config\.json: "\.\.\/\.\.\/bin\/sh" is not a credential helper name \(letters, digits, \. _ - only\)$/,
    );
    const viaHelpers = await configWith({ credHelpers: { 'quay.io': 'x/../../y' } });
    await expect(resolveCredentials(quay, {}, viaHelpers)).rejects.toThrow(/is not a credential helper name/);
  });

  it('an identity token (Username "<token>") is not used as a password', async () => {
    const env = await configWith({ credsStore: 'token' });
    const found = await resolveCredentials(quay, {}, env);
    expect(found.credentials).toBeNull();
    expect(found.hint).toMatch(/docker-credential-token holds an identity token, which layerdiff cannot use/);
  });

  it('a helper that exits without reading stdin still answers (no EPIPE crash)', async () => {
    const env = await configWith({});
    for (let i = 0; i < 5; i++) {
      expect(await runCredentialHelper('noread', 'quay.io', 'test', env)).toEqual({ kind: 'found', credentials: { username: 'u', password: 'p' } });
    }
  });
});
