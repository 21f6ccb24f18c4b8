import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../src/sources/registry/challenge.js';

describe('parseWwwAuthenticate', () => {
  it('reads a distribution bearer challenge, commas inside quotes included', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull,push"'),
    ).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull,push' } },
    ]);
  });

  it('reads basic, unquoted values, escapes and several challenges in one header', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry \\"x\\"", Bearer realm=https://t/token, error=insufficient_scope')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry "x"' } },
      { scheme: 'bearer', params: { realm: 'https://t/token', error: 'insufficient_scope' } },
    ]);
  });

  it('takes several header values and nothing', () => {
    expect(parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="b"']).map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});
