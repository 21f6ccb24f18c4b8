import { describe, expect, it } from 'vitest';
import { MediaType } from '../../src/image/oci.js';
import { layerHistory } from '../../src/image/config.js';
import { isUncompressedTar, MANIFEST_ACCEPT, parseManifest } from '../../src/image/manifest-doc.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('MANIFEST_ACCEPT', () => {
  it('asks for all four manifest types', () => {
    for (const type of [MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, MediaType.dockerManifest])
      expect(MANIFEST_ACCEPT).toContain(type);
  });
});

describe('parseManifest', () => {
  const manifest = { schemaVersion: 2, config: { digest: d(1), size: 2 }, layers: [] };
  it('classifies by Content-Type, then by the document', () => {
    expect(parseManifest(Buffer.from(JSON.stringify(manifest)), `${MediaType.dockerManifest}; charset=utf-8`, 's').kind).toBe('manifest');
    expect(parseManifest(Buffer.from(JSON.stringify({ ...manifest, mediaType: MediaType.ociManifest })), 'application/json', 's').kind).toBe('manifest');
    expect(parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [] })), undefined, 's').kind).toBe('index');
  });

  it('refuses schema 1 by type or by shape, and junk, in one line naming the subject', () => {
    expect(() => parseManifest(Buffer.from('{}'), 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'docker://r/a:b')).toThrow(
      /^docker:\/\/r\/a:b: the registry serves a Docker schema 1 manifest/,
    );
    expect(() => parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 1, fsLayers: [] })), 'application/json', 's')).toThrow(/schema 1/);
    expect(() => parseManifest(Buffer.from('<html>'), 'text/html', 's')).toThrow('s: manifest is not JSON (Content-Type text/html)');
    expect(() => parseManifest(Buffer.from('{"mediaType":"application/vnd.cncf.helm.config.v1+json"}'), undefined, 's')).toThrow(/unsupported manifest type/);
  });
});

describe('layerHistory', () => {
  it('skips empty_layer entries so each layer gets its instruction', () => {
    const history = layerHistory({ history: [{ created_by: 'ADD rootfs' }, { created_by: 'ENV A=1', empty_layer: true }, { created_by: 'RUN make' }] }, 3);
    expect(history).toEqual(['ADD rootfs', 'RUN make', null]);
  });
});

describe('isUncompressedTar', () => {
  it('knows the plain tar media types only', () => {
    expect(isUncompressedTar(MediaType.ociLayerTar)).toBe(true);
    expect(isUncompressedTar(MediaType.ociLayerGzip)).toBe(false);
    expect(isUncompressedTar(undefined)).toBe(false);
  });
});
