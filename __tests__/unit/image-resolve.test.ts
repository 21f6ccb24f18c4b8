/**
 * The one image resolver (src/image/resolve.ts) over in-memory blob stores: index depth, attestation
 * skipping, platform choice, config validation and history alignment, checked once for every source
 * kind (`local`: archives, layouts, docker save; `remote`: registries).
 */
import { describe, expect, it } from 'vitest';
import { MAX_INDEX_DEPTH } from '../../src/image/index-walk.js';
import { MediaType, type Descriptor, type Platform } from '../../src/image/oci.js';
import { resolveImage } from '../../src/image/resolve.js';
import { errorOf } from '../helpers/error-of.js';
import { memoryBlobStore, type MemoryStore } from '../helpers/memory-blob-store.js';

type Locality = 'local' | 'remote';
const both: Locality[] = ['local', 'remote'];

/** Stores config, layers and manifest of one image; returns the manifest's descriptor. */
function putImage(store: MemoryStore, platform: Platform, config: Record<string, unknown> = {}, layerBodies = ['layer one', 'layer two']): Descriptor {
  const layers = layerBodies.map((body) => ({ mediaType: MediaType.ociLayerTar, digest: store.put(body), size: Buffer.byteLength(body) }));
  const configText = JSON.stringify({
    ...platform,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    history: [{ created_by: 'ADD base' }, { created_by: 'ENV A=1', empty_layer: true }, { created_by: 'RUN make' }],
    ...config,
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: store.put(configText), size: Buffer.byteLength(configText) },
    layers,
  });
  return { mediaType: MediaType.ociManifest, digest: store.put(manifest), size: Buffer.byteLength(manifest), platform };
}

function indexText(manifests: Descriptor[]): string {
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests });
}

/** A store whose top level is `topText`: index.json of a layout (local) or a tag's document (remote). */
function storeWithTop(locality: Locality, build: (store: MemoryStore) => string): MemoryStore {
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
  top = build(store);
  files['index.json'] = top;
  return store;
}

const amd64 = { os: 'linux', architecture: 'amd64' };
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' };
const attestation = (store: MemoryStore): Descriptor => ({
  ...putImage(store, { os: 'unknown', architecture: 'unknown' }),
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
});

describe.each(both)('resolveImage over a %s store', (locality) => {
  it('chooses the wanted platform and lists the choices when it is absent', async () => {
    const store = storeWithTop(locality, (s) => indexText([putImage(s, amd64), putImage(s, armv7), attestation(s)]));
    const image = await resolveImage(store, { platform: 'linux/arm/v7' });
    expect(image.platform).toBe('linux/arm/v7');
    expect(await errorOf(resolveImage(store, { platform: 'linux/s390x' }))).toBe(
      'mem: no image for platform linux/s390x; available: linux/amd64, linux/arm/v7',
    );
  });

  it('skips attestation manifests, by annotation or by unknown/unknown platform', async () => {
    const store = storeWithTop(locality, (s) =>
      indexText([
        attestation(s),
        putImage(s, amd64),
        { ...putImage(s, { os: 'linux', architecture: 's390x' }), annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      ]),
    );
    expect((await resolveImage(store, {})).platform).toBe('linux/amd64');
    const only = storeWithTop(locality, (s) => indexText([attestation(s)]));
    expect(await errorOf(resolveImage(only, {}))).toBe(`mem: ${locality === 'local' ? 'index.json' : 'image index'} lists no image manifests`);
  });

  it(`follows nested indexes ${MAX_INDEX_DEPTH} deep and refuses one more (hostile: nesting)`, async () => {
    const nest = (s: MemoryStore, levels: number): string => {
      let manifests = [putImage(s, amd64)];
      for (let i = 0; i < levels; i++) {
        const text = indexText(manifests);
        manifests = [{ mediaType: MediaType.ociIndex, digest: s.put(text), size: Buffer.byteLength(text) }];
      }
      return indexText(manifests);
    };
    expect(
      (
        await resolveImage(
          storeWithTop(locality, (s) => nest(s, MAX_INDEX_DEPTH)),
          {},
        )
      ).layers,
    ).toHaveLength(2);
    expect(
      await errorOf(
        resolveImage(
          storeWithTop(locality, (s) => nest(s, MAX_INDEX_DEPTH + 1)),
          {},
        ),
      ),
    ).toBe(`mem: image indexes nested more than ${MAX_INDEX_DEPTH} deep`);
  });

  it('refuses a config whose history is not a list, in one line naming the config (hostile: registry config crash)', async () => {
    const store = storeWithTop(locality, (s) => indexText([putImage(s, amd64, { history: 'x' })]));
    expect(await errorOf(resolveImage(store, {}))).toMatch(/^mem: config sha256:[0-9a-f]{64} is invalid at \/history: must be a list, not a string$/);
  });

  it('pairs history with layers, skipping empty_layer entries', async () => {
    const store = storeWithTop(locality, (s) => indexText([putImage(s, amd64)]));
    const image = await resolveImage(store, {});
    expect(image.layers.map((l) => l.createdBy)).toEqual(['ADD base', 'RUN make']);
    expect(image.layers.map((l) => l.blob.size)).toEqual([9, 9]);
  });

  it('refuses a manifest whose bytes do not match the digest the index gives', async () => {
    const store = storeWithTop(locality, (s) => {
      const good = putImage(s, amd64);
      return indexText([{ ...good, digest: s.put('{"schemaVersion":2,"config":{"digest":"x","size":1},"layers":[]}'), size: good.size }]);
    });
    expect(await errorOf(resolveImage(store, {}))).toMatch(/^mem: manifest sha256:[0-9a-f]{64} is \d+ bytes but its descriptor says \d+$/);
  });
});

describe('what each kind of store is asked for', () => {
  it('a remote store: the chosen manifest and its config only, never another platform or a layer', async () => {
    let arm: Descriptor | undefined;
    const store = storeWithTop('remote', (s) => {
      arm = putImage(s, armv7, {}, ['arm layer']);
      return indexText([putImage(s, amd64), arm, attestation(s)]);
    });
    const image = await resolveImage(store, { platform: 'linux/amd64' });
    expect(store.reads).toHaveLength(2);
    expect(store.reads[0]).toBe(`manifest:${image.manifestDigest}`);
    expect(store.reads[1]).toMatch(/^blob:sha256:/);
    expect(store.reads.join(' ')).not.toContain((arm as Descriptor).digest);
    expect(image.tags).toEqual(['reg/app:tag']);
    expect(image.format).toBeNull();
  });

  it('a local store: incomplete images are dropped before the platform is chosen (containerd exports)', async () => {
    const store = storeWithTop('local', (s) => {
      const missingLayer = putImage(s, armv7, {}, ['kept', 'dropped']);
      return indexText([putImage(s, amd64), missingLayer]);
    });
    // Drop the arm image's second layer after the fact, as a one-platform export would lack it.
    const original = store.stat.bind(store);
    const droppedDigest = (await import('../../src/image/config.js')).sha256Digest(Buffer.from('dropped'));
    store.stat = async (key) => ('digest' in key && key.digest === droppedDigest ? null : original(key));
    const image = await resolveImage(store, {});
    expect(image.platform).toBe('linux/amd64');
  });

  it('a docker manifest.json is one more top-level index, resolved by path', async () => {
    const layer = 'a layer';
    const { sha256Digest } = await import('../../src/image/config.js');
    const layerDigest = sha256Digest(Buffer.from(layer));
    const config = JSON.stringify({ ...amd64, rootfs: { type: 'layers', diff_ids: [layerDigest] }, history: [{ created_by: 'COPY . /' }] });
    const configDigest = sha256Digest(Buffer.from(config));
    const files = {
      'manifest.json': JSON.stringify([{ Config: `${configDigest.slice(7)}.json`, RepoTags: ['app:1'], Layers: ['l/layer.tar'] }]),
      [`${configDigest.slice(7)}.json`]: config,
      'l/layer.tar': layer,
    };
    const docker = memoryBlobStore({ locality: 'local', top: () => ({ kind: 'files', index: false, layout: false, dockerManifest: true }), files });
    const image = await resolveImage(docker, { platform: 'linux/amd64' });
    expect(image).toMatchObject({ format: 'docker-legacy', tags: ['app:1'], platform: 'linux/amd64', manifestDigest: null, configDigest });
    expect(image.layers.map((l) => [l.diffId, l.createdBy, l.blob.size])).toEqual([[layerDigest, 'COPY . /', 7]]);
    expect(await errorOf(resolveImage(docker, { platform: 'linux/arm64' }))).toBe('mem: no image for platform linux/arm64; available: linux/amd64');
  });
});
