/**
 * Every real archive in ../shared/fixtures/real-images, read through the engine and checked against
 * facts established independently with GNU tar, jq, gzip, zstd and sha256sum
 * (scripts/real-images-facts.sh -> __tests__/fixtures/real-images-facts.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/engine.js';
import { isLayerdiffError } from '../../src/errors.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { openImage } from '../../src/sources/open.js';
import { resetStats, stats } from '../../src/stats.js';
import { realImage, realImagesDir, repoRoot, skipRealImagesReason } from '../helpers/real-images.js';
import { zstdSkipReason, zstdSupported } from '../helpers/runtime.js';
import { needTools } from '../helpers/skip-policy.js';

/** Skips a test on a fixture with zstd layers where this Node cannot read zstd. */
function skipWithoutZstd(name: string, skip: (note?: string) => void): void {
  if (!zstdSupported && name.includes('zstd')) skip(zstdSkipReason);
}

interface LayerFacts {
  diffId: string;
  size: number;
  compressedSize: number | null;
  createdBy: string | null;
}
interface ImageFacts {
  tag: string;
  platform: string;
  configDigest: string;
  layers: LayerFacts[];
}
type Facts = Record<string, { images: ImageFacts[] }>;

const facts = JSON.parse(readFileSync(path.join(repoRoot, '__tests__/fixtures/real-images-facts.json'), 'utf8')) as Facts;
const single = Object.entries(facts).filter(([, f]) => f.images.length === 1);
const multi = Object.entries(facts).filter(([, f]) => f.images.length > 1);

/** The layout each archive is, as its README describes it. */
const expectedFormat: Record<string, string> = {
  'containers-image-almostempty.tar': 'docker-legacy',
  'dive-test-docker-image.tar': 'docker-legacy',
  'dive-test-kaniko-image.tar': 'tarball',
  'dive-test-oci-estargz-image.tar': 'oci',
  'dive-test-oci-gzip-image.tar': 'oci',
  'dive-test-oci-uncompressed-image.tar': 'oci',
  'dive-test-oci-zstd-image.tar': 'oci',
  'ggcr-hello-world-v25.tar': 'docker-oci',
  'snyk-containerd-busybox-attestation.tar': 'containerd',
  'snyk-containerd-busybox.amd64.tar': 'containerd',
  'snyk-docker25-busybox.armv7.tar': 'docker-oci',
  'snyk-docker25gz-npm7-with-package-lock-file.tar.gz': 'docker-oci',
  'snyk-kaniko-busybox.tar': 'tarball',
  'snyk-oci-node-removed.tar': 'oci',
  'snyk-skopeo-docker-archive-busybox.tar': 'docker-legacy',
  'stereoscope-valid-oci.tar': 'oci',
  'trivy-alpine-310.tar.gz': 'docker-legacy',
};

function expectMatchesFacts(snapshot: Snapshot, image: ImageFacts): void {
  expect(snapshot.platform).toBe(image.platform);
  expect(snapshot.configDigest).toBe(image.configDigest);
  expect(snapshot.layers).toHaveLength(image.layers.length);
  snapshot.layers.forEach((layer, i) => {
    const fact = image.layers[i] as LayerFacts;
    expect({ index: layer.index, diffId: layer.diffId, size: layer.size, compressedSize: layer.compressedSize, createdBy: layer.createdBy }).toEqual({
      index: i,
      diffId: fact.diffId,
      size: fact.size,
      compressedSize: fact.compressedSize,
      createdBy: fact.createdBy,
    });
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isLayerdiffError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a refusal');
}

describe.skipIf(realImagesDir === null)(`real image archives ${realImagesDir === null ? skipRealImagesReason : ''}`, () => {
  it('has facts for every archive in the fixtures directory', () => {
    const names = readdirTarballs();
    expect(Object.keys(facts).sort()).toEqual(names);
  });

  it.for(single)('%s: layers, diffIds, sizes, platform and history match the independent facts', async ([name, f], { skip }) => {
    skipWithoutZstd(name, skip);
    const image = f.images[0] as ImageFacts;
    // verify: every layer is decompressed and hashed, so each diffId is proven against the content too.
    const snapshot = await inspectImage(realImage(name), { verify: true });
    expectMatchesFacts(snapshot, image);
    expect(snapshot.source.type).toBe('archive');
    if (expectedFormat[name]) expect(snapshot.source.format).toBe(expectedFormat[name]);
    if (image.tag !== '') expect(snapshot.source.tags).toContain(image.tag);
    expect(snapshot.totals.size).toBe(image.layers.reduce((n, l) => n + l.size, 0));
  });

  it.each(multi)('%s: several images: refused without --image, each readable with it', async (name, f) => {
    const message = await refusal(inspectImage(realImage(name)));
    expect(message).toContain(realImage(name));
    expect(message).toContain('--image');
    for (const image of f.images) expect(message).toContain(image.tag);
    for (const image of f.images) {
      const snapshot = await inspectImage(realImage(name), { image: image.tag, verify: true });
      expectMatchesFacts(snapshot, image);
      expect(snapshot.source.tags).toContain(image.tag);
    }
    await expect(inspectImage(realImage(name), { image: 'nope:missing' })).rejects.toThrow(/no image tagged nope:missing/);
  });

  it('ggcr-test_bundle: picks an image by a bare name or its :latest form', async () => {
    const a = await inspectImage(realImage('ggcr-test_bundle.tar'), { image: 'test_image_1' });
    const b = await inspectImage(realImage('ggcr-test_bundle.tar'), { image: 'test_image_1:latest' });
    expect(a.configDigest).toBe(b.configDigest);
    expect(a.configDigest).toBe(facts['ggcr-test_bundle.tar']?.images.find((i) => i.tag === 'test_image_1')?.configDigest);
  });

  it('docker.io/library/ names match short tags', async () => {
    const snapshot = await inspectImage(realImage('trivy-alpine-311.tar.gz'), { image: 'docker.io/library/alpine:3.11' });
    expect(snapshot.source.tags).toEqual(['alpine:3.11']);
  });

  it('refuses the archive without manifest.json clearly', async () => {
    const file = realImage('ggcr-no_manifest.tar');
    expect(await refusal(inspectImage(file))).toBe(
      `${file}: not a supported image archive: no manifest.json or index.json (pre-1.10 docker save without manifest.json?)`,
    );
  });

  it('refuses a plain tar that is not an image, saying what it holds', async () => {
    const file = realImage('snyk-unsupported-image.tar');
    expect(await refusal(inspectImage(file))).toBe(`${file}: not a supported image archive: no manifest.json or index.json (it holds: notes.txt, readme.txt)`);
  });

  it('containerd export: only the platform whose blobs are present is offered', async () => {
    const file = realImage('snyk-containerd-busybox.amd64.tar');
    const ok = await inspectImage(file, { platform: 'linux/amd64' });
    expect(ok.platform).toBe('linux/amd64');
    expect(ok.manifestDigest).toBe('sha256:538721340ded10875f4710cad688c70e5d0ecb4dcd5e7d0c161f301f36f79414');
    expect(ok.source.tags).toContain('busybox:latest');
    const message = await refusal(inspectImage(file, { platform: 'linux/arm/v7' }));
    expect(message).toContain('no image for platform linux/arm/v7');
    expect(message).toContain('available: linux/amd64');
  });

  it('containerd export with an attestation manifest: the attestation is skipped', async () => {
    const snapshot = await inspectImage(realImage('snyk-containerd-busybox-attestation.tar'));
    expect(snapshot.platform).toBe('linux/arm64');
    expect(snapshot.manifestDigest).toBe('sha256:cf7d823e4eea96316ae629fb9a45b4211869162a5f5dc1654928c7ca530ed810');
    expect(snapshot.layers[0]?.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
  });

  it('Docker 25 save by digest (manifests: null, RepoTags null) reads through manifest.json', async () => {
    const snapshot = await inspectImage(realImage('ggcr-hello-world-v25.tar'));
    expect(snapshot.manifestDigest).toBeNull();
    expect(snapshot.source.tags).toEqual([]);
    expect(snapshot.layers[0]?.digest).toBe('sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43');
    expect(snapshot.layers[0]?.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
  });

  it.skipIf(!zstdSupported)('OCI archives name blob digests, media types and the manifest digest; legacy saves do not', async () => {
    const oci = await inspectImage(realImage('dive-test-oci-zstd-image.tar'));
    expect(oci.manifestDigest).toBe('sha256:f5e3515f39a16543547c03d03ec34faf9276742e6ce7c7dd6e467a14e90b29fc');
    expect(oci.layers[0]?.digest).toBe('sha256:0308a5d81b28debb7e24a609dcdfca5fdb64c908bda38b0e4774a7d017a67297');
    const legacy = await inspectImage(realImage('dive-test-docker-image.tar'));
    expect(legacy.manifestDigest).toBeNull();
    expect(legacy.layers.every((l) => l.digest === null && l.mediaType === null)).toBe(true);
  });

  it.skipIf(!zstdSupported)('the same layer stored gzip, zstd, estargz and plain has one diffId', async () => {
    const kinds = ['gzip', 'zstd', 'uncompressed'] as const;
    const ids = await Promise.all(kinds.map(async (k) => (await inspectImage(realImage(`dive-test-oci-${k}-image.tar`))).layers[0]?.diffId));
    expect(new Set(ids).size).toBe(1);
  });

  it('an --platform that matches a single-platform archive is accepted; another is refused', async () => {
    await expect(inspectImage(realImage('snyk-docker25-busybox.armv7.tar'), { platform: 'linux/arm/v7' })).resolves.toMatchObject({ platform: 'linux/arm/v7' });
    await expect(inspectImage(realImage('trivy-alpine-310.tar.gz'), { platform: 'linux/arm64' })).rejects.toThrow(
      /no image for platform linux\/arm64; available: linux\/amd64/,
    );
  });

  it('reading an uncompressed archive touches only headers and JSON, not layer bodies', async () => {
    const file = realImage('dive-test-docker-image.tar');
    resetStats();
    const handle = await openImage(file);
    await handle.close();
    // 1.5 MB archive, 14 layers: headers (~60 x 512 B), 4-byte magics and the JSON documents.
    expect(stats.archiveBytesRead).toBeLessThan(64 * 1024);
    expect(handle.layers.every((l) => l.uncompressedSize !== null)).toBe(true);
  });
});

describe.skipIf(realImagesDir === null)('oci:DIR layout directories', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'layerdiff-ocidir-'));
    dirs.push(d);
    return d;
  };

  it.for(['snyk-oci-node-removed.tar', 'dive-test-oci-zstd-image.tar', 'snyk-containerd-busybox.amd64.tar'])(
    '%s extracted with GNU tar reads like the archive',
    async (name, { skip }) => {
      skipWithoutZstd(name, skip);
      const dir = tmp();
      execFileSync('tar', ['-xf', realImage(name), '-C', dir]);
      const snapshot = await inspectImage(`oci:${dir}`, { verify: true });
      expect(snapshot.source.type).toBe('oci-dir');
      expectMatchesFacts(snapshot, facts[name]?.images[0] as ImageFacts);
    },
  );

  it.skipIf(needTools(['skopeo']) !== null)('a layout written by skopeo copy docker-archive: -> oci: has the same layers', async () => {
    const dir = path.join(tmp(), 'layout');
    const name = 'snyk-skopeo-nodes-fake-multi.tar';
    execFileSync('skopeo', ['copy', '--quiet', `docker-archive:${realImage(name)}`, `oci:${dir}:nodes:multi`], { stdio: 'pipe' });
    const snapshot = await inspectImage(`oci:${dir}`, { verify: true });
    const image = facts[name]?.images[0] as ImageFacts;
    expect(snapshot.layers.map((l) => [l.diffId, l.size])).toEqual(image.layers.map((l) => [l.diffId, l.size]));
    expect(snapshot.source.tags).toEqual(['nodes:multi']);
    expect(snapshot.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const picked = await inspectImage(`oci:${dir}`, { image: 'nodes:multi' });
    expect(picked.configDigest).toBe(snapshot.configDigest);
  });
});

function readdirTarballs(): string[] {
  return readdirSync(realImagesDir as string)
    .filter((n) => n.endsWith('.tar') || n.endsWith('.tar.gz'))
    .sort();
}
