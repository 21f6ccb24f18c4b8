/**
 * `--platform all` (issue 13): listing an index's platforms over in-memory stores of both kinds,
 * pairing head and base platforms by os/arch/variant, and the bounds a hostile index meets.
 */
import { describe, expect, it } from 'vitest';
import { planPairs } from '../../src/engine-multi.js';
import { MAX_INDEX_ENTRIES } from '../../src/image/index-walk.js';
import { MediaType, type Descriptor, type Platform } from '../../src/image/oci.js';
import { MAX_PLATFORMS, pairPlatforms, parsePlatformSelection } from '../../src/image/platform-set.js';
import { listPlatforms } from '../../src/image/resolve.js';
import { errorOf } from '../helpers/error-of.js';
import { memoryBlobStore, type MemoryStore } from '../helpers/memory-blob-store.js';

type Locality = 'local' | 'remote';

function putImage(store: MemoryStore, platform: Platform, body = `layer of ${JSON.stringify(platform)}`): Descriptor {
  const layers = [{ mediaType: MediaType.ociLayerTar, digest: store.put(body), size: Buffer.byteLength(body) }];
  const configText = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, history: [{ created_by: 'COPY app' }] });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: store.put(configText), size: Buffer.byteLength(configText) },
    layers,
  });
  return { mediaType: MediaType.ociManifest, digest: store.put(manifest), size: Buffer.byteLength(manifest), platform };
}

function storeWithIndex(locality: Locality, build: (store: MemoryStore) => Descriptor[]): MemoryStore {
  let top = '';
  const files: Record<string, string> = {};
  const store = memoryBlobStore({
    locality,
    files,
    top: () =>
      locality === 'local'
        ? { kind: 'files', index: true, layout: true, dockerManifest: false }
        : { kind: 'document', blob: { bytes: Buffer.from(top), location: 'tag' }, digest: 'sha256:' + '0'.repeat(64), tags: ['reg/app:tag'] },
  });
  top = JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: build(store) });
  files['index.json'] = top;
  return store;
}

const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64' };
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' };

describe.each(['local', 'remote'] as const)('listPlatforms over a %s store', (locality) => {
  it('lists each platform once in index order, attestations skipped, and resolves each from the index read once', async () => {
    const store = storeWithIndex(locality, (s) => [
      putImage(s, amd64),
      { ...putImage(s, { os: 'unknown', architecture: 'unknown' }), annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      putImage(s, arm64),
      putImage(s, armv7),
    ]);
    const listed = await listPlatforms(store, {});
    expect(listed.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(listed.duplicates).toBe(0);
    const topReads = () => store.reads.filter((r) => r === 'file:index.json').length;
    const before = topReads();
    for (const platform of listed.platforms) expect((await listed.resolve(platform)).platform).toBe(platform);
    expect(topReads()).toBe(before);
  });

  it('takes the first manifest of a platform listed twice and counts the others (hostile: duplicated platforms)', async () => {
    let first = '';
    const store = storeWithIndex(locality, (s) => {
      const a = putImage(s, amd64, 'first amd64');
      first = a.digest;
      return [a, putImage(s, amd64, 'second amd64'), putImage(s, amd64, 'third amd64'), putImage(s, arm64)];
    });
    const listed = await listPlatforms(store, {});
    expect(listed.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(listed.duplicates).toBe(2);
    expect((await listed.resolve('linux/amd64')).manifestDigest).toBe(first);
  });

  it(`refuses more than ${MAX_PLATFORMS} distinct platforms for --platform all (hostile: platform fan-out)`, async () => {
    const store = storeWithIndex(locality, (s) => Array.from({ length: MAX_PLATFORMS + 1 }, (_, i) => putImage(s, { os: 'linux', architecture: `arch${i}` })));
    const listed = await listPlatforms(store, {});
    expect(listed.platforms).toHaveLength(MAX_PLATFORMS + 1);
    expect(() => planPairs(null, { platforms: listed.platforms, reference: 'mem' }, { kind: 'all' })).toThrow(
      `mem: the image index lists ${MAX_PLATFORMS + 1} platforms; at most ${MAX_PLATFORMS} are compared in one run (list the ones wanted)`,
    );
  });

  it(`refuses an index of more than ${MAX_INDEX_ENTRIES} entries before listing (hostile: 10,000-entry cap)`, async () => {
    const store = storeWithIndex(locality, (s) => {
      const one = putImage(s, amd64);
      return Array.from({ length: MAX_INDEX_ENTRIES + 1 }, () => one);
    });
    expect(await errorOf(listPlatforms(store, {}))).toBe(`mem: image indexes list more than ${MAX_INDEX_ENTRIES} entries`);
  });
});

describe('pairPlatforms', () => {
  it('pairs by os/arch/variant: arm/v7 and arm/v6 are different platforms, new and gone ones stand alone', () => {
    expect(pairPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v6'], ['linux/amd64', 'linux/arm64', 'linux/arm/v7'])).toEqual([
      { platform: 'linux/amd64', head: 'linux/amd64', base: 'linux/amd64' },
      { platform: 'linux/arm64', head: 'linux/arm64', base: 'linux/arm64' },
      { platform: 'linux/arm/v6', head: 'linux/arm/v6', base: null },
      { platform: 'linux/arm/v7', head: null, base: 'linux/arm/v7' },
    ]);
  });

  it('treats linux/arm64 and linux/arm64/v8 as one platform', () => {
    expect(pairPlatforms(['linux/arm64/v8'], ['linux/arm64'])).toEqual([{ platform: 'linux/arm64/v8', head: 'linux/arm64/v8', base: 'linux/arm64' }]);
  });

  it('pairs a platform without a variant with the only one of its os/arch on the other side, never with one of several', () => {
    expect(pairPlatforms(['linux/arm/v7'], ['linux/arm'])).toEqual([{ platform: 'linux/arm/v7', head: 'linux/arm/v7', base: 'linux/arm' }]);
    expect(pairPlatforms(['linux/arm'], ['linux/arm/v6', 'linux/arm/v7'])).toEqual([
      { platform: 'linux/arm', head: 'linux/arm', base: null },
      { platform: 'linux/arm/v6', head: null, base: 'linux/arm/v6' },
      { platform: 'linux/arm/v7', head: null, base: 'linux/arm/v7' },
    ]);
    // An exact match wins over a loose one.
    expect(pairPlatforms(['linux/arm', 'linux/arm/v7'], ['linux/arm/v7'])).toEqual([
      { platform: 'linux/arm', head: 'linux/arm', base: null },
      { platform: 'linux/arm/v7', head: 'linux/arm/v7', base: 'linux/arm/v7' },
    ]);
  });

  it('never throws on platform names an index may hold (slashes, empty words)', () => {
    expect(pairPlatforms(['a/b/c/d', '/'], ['a/b/c/d'])).toEqual([
      { platform: 'a/b/c/d', head: 'a/b/c/d', base: 'a/b/c/d' },
      { platform: '/', head: '/', base: null },
    ]);
  });
});

describe('parsePlatformSelection', () => {
  it('reads one platform, all, and comma lists', () => {
    expect(parsePlatformSelection(undefined)).toEqual({ kind: 'one', platform: undefined });
    expect(parsePlatformSelection('linux/arm64')).toEqual({ kind: 'one', platform: 'linux/arm64' });
    expect(parsePlatformSelection('ALL')).toEqual({ kind: 'all' });
    expect(parsePlatformSelection('linux/amd64, linux/arm64')).toEqual({ kind: 'list', platforms: ['linux/amd64', 'linux/arm64'] });
  });

  it('refuses empty entries, repeats and over-long lists in one line', async () => {
    expect(() => parsePlatformSelection('linux/amd64,')).toThrow('--platform: "linux/amd64," has an empty entry (write os/arch,os/arch)');
    expect(() => parsePlatformSelection('linux/amd64,linux/x86_64')).toThrow('--platform: linux/amd64 is listed twice');
    const many = Array.from({ length: MAX_PLATFORMS + 1 }, (_, i) => `linux/a${i}`).join(',');
    expect(() => parsePlatformSelection(many)).toThrow(`--platform: ${MAX_PLATFORMS + 1} platforms listed; at most ${MAX_PLATFORMS}`);
  });

  it('keeps the listed platforms each side has, and refuses one neither has', () => {
    const head = { reference: 'head', platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'] };
    const base = { reference: 'base', platforms: ['linux/amd64', 'linux/arm/v7'] };
    expect(planPairs(base, head, { kind: 'list', platforms: ['linux/arm64', 'linux/amd64', 'linux/arm/v7'] })).toEqual([
      { platform: 'linux/amd64', head: 'linux/amd64', base: 'linux/amd64' },
      { platform: 'linux/arm64/v8', head: 'linux/arm64/v8', base: null },
      { platform: 'linux/arm/v7', head: null, base: 'linux/arm/v7' },
    ]);
    expect(() => planPairs(base, head, { kind: 'list', platforms: ['linux/amd64', 'linux/ppc64le'] })).toThrow(
      'head: no image for platform linux/ppc64le; available: linux/amd64, linux/arm64/v8, linux/s390x, linux/arm/v7',
    );
  });
});
