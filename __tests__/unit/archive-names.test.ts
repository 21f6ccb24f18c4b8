import { describe, expect, it } from 'vitest';
import { isLayerdiffError } from '../../src/errors.js';
import { parseDockerManifest, selectDockerEntry } from '../../src/image/docker-manifest.js';
import { nameMatches, normalizeImageName } from '../../src/image/image-names.js';
import { isAttestation } from '../../src/image/index-walk.js';
import { digestNamedByPath } from '../../src/image/digest.js';
import { layerHistory } from '../../src/image/config.js';
import { checkConfig } from '../../src/image/resolved.js';

describe('image names', () => {
  it.each([
    ['busybox', 'busybox:latest'],
    ['docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['index.docker.io/library/busybox', 'busybox:latest'],
    ['docker.io/foo/bar:v3', 'foo/bar:v3'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['ghcr.io/o/r@sha256:abc', 'ghcr.io/o/r@sha256:abc'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeImageName(raw)).toBe(expected);
  });

  it('matches tags across spellings', () => {
    expect(nameMatches('busybox:latest', ['docker.io/library/busybox:latest'])).toBe(true);
    expect(nameMatches('test_image_1', ['test_image_1'])).toBe(true);
    expect(nameMatches('alpine:3.10', ['alpine:3.11'])).toBe(false);
  });
});

describe('manifest.json', () => {
  const entries = parseDockerManifest(
    [
      { Config: 'a.json', RepoTags: ['app:1'], Layers: ['x/layer.tar'] },
      { Config: 'b.json', RepoTags: null, Layers: [] },
    ],
    'img.tar',
  );

  it('selects by tag and refuses an ambiguous choice, listing the images', () => {
    expect(selectDockerEntry(entries, 'docker.io/library/app:1', 'img.tar').Config).toBe('a.json');
    expect(() => selectDockerEntry(entries, undefined, 'img.tar')).toThrow(
      'img.tar: the archive holds 2 images; choose one with --image: app:1, untagged (b.json)',
    );
    expect(() => selectDockerEntry(entries, 'other:2', 'img.tar')).toThrow('img.tar: no image tagged other:2; the archive holds: app:1, untagged (b.json)');
  });

  it('refuses the wrong shapes', () => {
    for (const bad of [{}, [], [{ Config: 1, Layers: [] }], [{ Config: 'c', Layers: [3] }], null]) {
      try {
        parseDockerManifest(bad, 'img.tar');
        throw new Error('accepted');
      } catch (error) {
        expect(isLayerdiffError(error)).toBe(true);
      }
    }
  });
});

describe('config and descriptors', () => {
  it('assigns history to layers skipping empty_layer entries', () => {
    const config = checkConfig(
      {
        rootfs: { diff_ids: [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`] },
        history: [{ created_by: 'FROM x' }, { created_by: 'ENV A=1', empty_layer: true }, { created_by: 'RUN make' }],
      },
      's',
      'config',
    );
    expect(layerHistory(config, 2)).toEqual(['FROM x', 'RUN make']);
  });

  it('refuses a config without valid diff_ids', () => {
    expect(() => checkConfig({ rootfs: { diff_ids: ['nope'] } }, 's', 'config')).toThrow(
      's: config is invalid at /rootfs/diff_ids/0: is not a valid sha256 digest',
    );
  });

  it('skips attestation manifests', () => {
    expect(isAttestation({ digest: 'd', size: 1, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } })).toBe(true);
    expect(isAttestation({ digest: 'd', size: 1, platform: { os: 'unknown', architecture: 'unknown' } })).toBe(true);
    expect(isAttestation({ digest: 'd', size: 1, platform: { os: 'linux', architecture: 'amd64' } })).toBe(false);
  });

  it('reads digests from blob paths and ggcr config names only', () => {
    const hex = 'c'.repeat(64);
    expect(digestNamedByPath(`blobs/sha256/${hex}`)).toBe(`sha256:${hex}`);
    expect(digestNamedByPath(`sha256:${hex}`)).toBe(`sha256:${hex}`);
    expect(digestNamedByPath(`${hex}.json`)).toBeNull();
    expect(digestNamedByPath(`${hex}/layer.tar`)).toBeNull();
  });
});
