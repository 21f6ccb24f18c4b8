import { expect, it } from 'vitest';
import { inspectImage } from '../../src/engine.js';
it('a toy loose-blobs source reads like the OCI layout', async () => {
  const toy = await inspectImage('blobs:__tests__/fixtures/built/buildah/app-head.oci/blobs@sha256:a3bdd532c22ee1af7ad355965d26bd4b111f84d83d497fb476d0f2e58646d480');
  const oci = await inspectImage('oci:__tests__/fixtures/built/buildah/app-head.oci');
  expect(toy.layers).toEqual(oci.layers);
  expect(toy.configDigest).toBe(oci.configDigest);
  expect(toy.platform).toBe(oci.platform);
  console.log(toy.layers.length, toy.platform, toy.source);
});
