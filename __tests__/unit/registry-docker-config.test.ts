import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerConfigPath, findDockerCredentials, parseCredentials, readDockerConfig, usesCredentialHelper } from '../../src/sources/docker-config.js';
import { credentialKeys } from '../../src/sources/registry/name.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('docker config credentials', () => {
  it('honours DOCKER_CONFIG, else HOME/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x/y' })).toBe('/x/y/config.json');
    expect(dockerConfigPath({ HOME: '/home/u' })).toBe('/home/u/.docker/config.json');
  });

  it('decodes base64 auth (passwords may hold colons) and username/password fields', () => {
    const config = { auths: { '127.0.0.1:5000': { auth: b64('alice:pa:ss') }, 'https://ghcr.io': { username: 'bob', password: 'tok' } } };
    expect(findDockerCredentials(config, credentialKeys('127.0.0.1:5000'))).toEqual({ username: 'alice', password: 'pa:ss' });
    expect(findDockerCredentials(config, credentialKeys('ghcr.io'))).toEqual({ username: 'bob', password: 'tok' });
    expect(findDockerCredentials(config, credentialKeys('quay.io'))).toBeNull();
  });

  it('finds Docker Hub under the key docker login writes', () => {
    const config = { auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } };
    expect(findDockerCredentials(config, credentialKeys('docker.io'))).toEqual({ username: 'hub', password: 'pw' });
  });

  it('notices credential helpers it does not run', () => {
    expect(usesCredentialHelper({ credsStore: 'desktop' }, ['x'])).toBe(true);
    expect(usesCredentialHelper({ credHelpers: { 'gcr.io': 'gcloud' } }, credentialKeys('gcr.io'))).toBe(true);
    expect(usesCredentialHelper({ auths: {} }, ['x'])).toBe(false);
  });

  it('reads the file, treats a missing one as none and a broken one as none with a warning', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-dc-'));
    try {
      expect(await readDockerConfig({ DOCKER_CONFIG: dir })).toBeNull();
      await writeFile(path.join(dir, 'config.json'), '{"auths":{"h":{"auth":"' + b64('u:p') + '"}}}');
      expect(findDockerCredentials(await readDockerConfig({ DOCKER_CONFIG: dir }), ['h'])).toEqual({ username: 'u', password: 'p' });
      await writeFile(path.join(dir, 'config.json'), '{ not json');
      const warnings: string[] = [];
      expect(await readDockerConfig({ DOCKER_CONFIG: dir }, (m) => warnings.push(m))).toBeNull();
      expect(warnings).toEqual([`${path.join(dir, 'config.json')}: not valid JSON; ignoring it`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses --creds USER:PASSWORD', () => {
    expect(parseCredentials('u:p:q')).toEqual({ username: 'u', password: 'p:q' });
    expect(parseCredentials('nocolon')).toBeNull();
    expect(parseCredentials(':p')).toBeNull();
  });
});
