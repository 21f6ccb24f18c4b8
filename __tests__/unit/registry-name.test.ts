import { describe, expect, it } from 'vitest';
import { credentialKeys, isInsecureHost, parseRegistryName } from '../../src/sources/registry/name.js';

describe('parseRegistryName', () => {
  it.each([
    ['127.0.0.1:5000/app:main', { registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'app', tag: 'main', digest: null, reference: 'main' }],
    ['localhost/team/app', { registry: 'localhost', apiHost: 'localhost', repository: 'team/app', tag: 'latest', digest: null, reference: 'latest' }],
    ['ghcr.io/owner/image:1.2.3', { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'owner/image', tag: '1.2.3', digest: null, reference: '1.2.3' }],
    ['alpine', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest', digest: null, reference: 'latest' }],
    [
      'docker.io/alpine:3.19',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.19', digest: null, reference: '3.19' },
    ],
    [
      'index.docker.io/user/tool:v1',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'user/tool', tag: 'v1', digest: null, reference: 'v1' },
    ],
    ['user/tool', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'user/tool', tag: 'latest', digest: null, reference: 'latest' }],
  ])('%s', (text, expected) => {
    expect(parseRegistryName(text)).toEqual(expected);
  });

  it('takes a digest, with or without a tag beside it', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseRegistryName(`127.0.0.1:5000/app@${digest}`)).toMatchObject({ repository: 'app', tag: null, digest, reference: digest });
    expect(parseRegistryName(`127.0.0.1:5000/app:main@${digest}`)).toMatchObject({ tag: 'main', digest, reference: digest });
  });

  it('does not mistake a port for a tag', () => {
    expect(parseRegistryName('127.0.0.1:5000/app')).toMatchObject({ registry: '127.0.0.1:5000', tag: 'latest' });
  });

  it.each([
    ['127.0.0.1:5000/app@sha256:abc', /not a digest/],
    ['127.0.0.1:5000/App:main', /not a valid repository name/],
    ['127.0.0.1:5000/app:bad/tag', /not a valid repository name|not a valid tag/],
    ['127.0.0.1:5000/', /no repository/],
  ])('refuses %s with a usage error', (text, message) => {
    expect(() => parseRegistryName(text, `docker://${text}`)).toThrow(message);
  });
});

describe('isInsecureHost', () => {
  it('matches HOST:PORT exactly or a bare hostname on any port; loopback is not special', () => {
    expect(isInsecureHost('127.0.0.1:5000', ['127.0.0.1:5000'])).toBe(true);
    expect(isInsecureHost('127.0.0.1:5000', ['127.0.0.1'])).toBe(true);
    expect(isInsecureHost('127.0.0.1:5000', ['http://127.0.0.1:5000/'])).toBe(true);
    expect(isInsecureHost('127.0.0.1:5001', ['127.0.0.1:5000'])).toBe(false);
    expect(isInsecureHost('127.0.0.1:5000', [])).toBe(false);
    expect(isInsecureHost('localhost:5000', undefined)).toBe(false);
  });
});

describe('credentialKeys', () => {
  it('knows how docker login spells Docker Hub', () => {
    expect(credentialKeys('docker.io')[0]).toBe('https://index.docker.io/v1/');
    expect(credentialKeys('ghcr.io')).toContain('ghcr.io');
  });
});
