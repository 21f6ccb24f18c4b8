import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/sources/registry/credentials.js';
import { parseRegistryName } from '../../src/sources/registry/name.js';

describe('resolveCredentials', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-creds-'));
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('cfg:from-config').toString('base64') } }, credsStore: 'desktop' }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const ghcr = parseRegistryName('ghcr.io/o/i:1');
  const quay = parseRegistryName('quay.io/o/i:1');

  it('--creds wins over the docker config and GITHUB_TOKEN', async () => {
    const found = await resolveCredentials(ghcr, { creds: 'me:pw' }, { DOCKER_CONFIG: dir, GITHUB_TOKEN: 'gh' });
    expect(found).toMatchObject({ credentials: { username: 'me', password: 'pw' }, origin: '--creds' });
  });

  it('the docker config wins over GITHUB_TOKEN', async () => {
    const found = await resolveCredentials(ghcr, {}, { DOCKER_CONFIG: dir, GITHUB_TOKEN: 'gh' });
    expect(found.credentials).toEqual({ username: 'cfg', password: 'from-config' });
  });

  it('GITHUB_TOKEN serves ghcr.io only, as the password', async () => {
    const env = { DOCKER_CONFIG: '/nonexistent', GITHUB_TOKEN: 'gh-token', GITHUB_ACTOR: 'octocat' };
    expect((await resolveCredentials(ghcr, {}, env)).credentials).toEqual({ username: 'octocat', password: 'gh-token' });
    expect((await resolveCredentials(quay, {}, env)).credentials).toBeNull();
  });

  it('says when the credential helper the config names is not installed', async () => {
    const found = await resolveCredentials(quay, {}, { DOCKER_CONFIG: dir });
    expect(found.credentials).toBeNull();
    expect(found.hint).toBe(
      'pass --creds USER:PASSWORD or run docker login quay.io (docker-credential-desktop, named by credsStore in the docker config, is not on PATH)',
    );
  });

  it('refuses malformed --creds without echoing them', async () => {
    await expect(resolveCredentials(quay, { creds: 'secretwithoutcolon' }, {})).rejects.toThrow('--creds: expected USER:PASSWORD (the value is not shown)');
  });
});
