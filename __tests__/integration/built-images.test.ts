/**
 * Images built with real tools (dockerd `docker save`, buildah, skopeo; scripts/make-fixtures.sh)
 * read through the engine and checked against facts.json, which the script computed from the
 * archives alone with GNU tar, sha256sum, gzip, zstd and jq.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareImages, inspectImage } from '../../src/engine.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import type { LayerRow, Report } from '../../src/core/report.js';
import { repoRoot } from '../helpers/repo-root.js';

interface LayerFact {
  index: number;
  diffId: string;
  storedDigest: string;
  mediaType: string | null;
  compression: 'gzip' | 'zstd' | 'none';
  size: number;
  storedSize: number;
  compressedSize: number | null;
  createdBy: string;
  whiteouts: string[];
}

interface ImageFact {
  path: string;
  layout: 'docker-save' | 'docker-oci' | 'oci';
  wholeArchiveCompression: 'gzip' | 'none';
  platform: string;
  configDigest: string;
  manifestDigest: string | null;
  layerCount: number;
  layers: LayerFact[];
  totals: { size: number; compressedSize: number | null };
}

interface Facts {
  images: Record<string, ImageFact>;
  sameImage: Record<string, string[]>;
  pairs: Array<{ base: string; head: string }>;
}

const builtDir = path.join(repoRoot, '__tests__', 'fixtures', 'built');
const facts = JSON.parse(readFileSync(path.join(builtDir, 'facts.json'), 'utf8')) as Facts;
const fixture = (rel: string): string => path.join(builtDir, rel);
const images = Object.values(facts.images);
const zstdSupported = (() => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 15);
})();
const readable = (fact: ImageFact): boolean => zstdSupported || fact.layers.every((l) => l.compression !== 'zstd');

function expectSnapshotMatches(snapshot: Snapshot, fact: ImageFact): void {
  expect(snapshot.platform).toBe(fact.platform);
  expect(snapshot.configDigest).toBe(fact.configDigest);
  if (fact.manifestDigest !== null) expect(snapshot.manifestDigest).toBe(fact.manifestDigest);
  expect(snapshot.layers).toHaveLength(fact.layerCount);
  snapshot.layers.forEach((layer, i) => {
    const want = fact.layers[i]!;
    expect(layer.index, `layer ${i} index`).toBe(i);
    expect(layer.diffId, `layer ${i} diffId`).toBe(want.diffId);
    expect(layer.size, `layer ${i} size`).toBe(want.size);
    expect(layer.compressedSize, `layer ${i} compressedSize`).toBe(want.compressedSize);
    expect(layer.createdBy, `layer ${i} createdBy`).toBe(want.createdBy);
    if (fact.layout === 'oci') {
      expect(layer.digest, `layer ${i} digest`).toBe(want.storedDigest);
      expect(layer.mediaType, `layer ${i} mediaType`).toBe(want.mediaType);
    }
  });
  expect(snapshot.totals.size).toBe(fact.totals.size);
  expect(snapshot.totals.compressedSize).toBe(fact.totals.compressedSize);
}

describe('images built with real tools are read exactly', () => {
  it('has fixtures for every format the script builds', () => {
    const layouts = new Set(images.map((f) => `${f.layout}/${f.wholeArchiveCompression}/${[...new Set(f.layers.map((l) => l.compression))].join('+')}`));
    expect(layouts).toEqual(new Set(['docker-save/none/none', 'docker-save/gzip/none', 'oci/none/gzip', 'oci/none/zstd']));
    expect(images.some((f) => f.path.endsWith('.oci'))).toBe(true);
  });

  it.each(images.map((f) => [f.path, f] as const))('%s', async (rel, fact) => {
    if (!readable(fact)) return; // zstd needs Node >= 22.15; CI runs Node 24
    expectSnapshotMatches(await inspectImage(fixture(rel)), fact);
  });

  it('reads the OCI layout directory through the oci: transport too', async () => {
    const rel = 'buildah/app-head.oci';
    expectSnapshotMatches(await inspectImage(`oci:${fixture(rel)}`), facts.images[rel]!);
  });

  it('reads archives through their transport prefixes', async () => {
    expectSnapshotMatches(await inspectImage(`docker-archive:${fixture('docker/app-head.tar')}`), facts.images['docker/app-head.tar']!);
    expectSnapshotMatches(await inspectImage(`oci-archive:${fixture('buildah/app-head.oci-archive.tar')}`), facts.images['buildah/app-head.oci-archive.tar']!);
  });

  it.each(Object.entries(facts.sameImage))('the same image in every format has the same diffIds and sizes (%s)', async (_name, members) => {
    const snapshots = await Promise.all(members.filter((m) => readable(facts.images[m]!)).map((m) => inspectImage(fixture(m))));
    expect(snapshots.length).toBeGreaterThan(1);
    const shape = (s: Snapshot) => s.layers.map((l) => ({ diffId: l.diffId, size: l.size, createdBy: l.createdBy }));
    for (const s of snapshots.slice(1)) expect(shape(s)).toEqual(shape(snapshots[0]!));
    expect(new Set(snapshots.map((s) => s.totals.size)).size).toBe(1);
  });
});

/** What the head did to the base, the same in every pair the script builds (see its header). */
function expectAppDiff(report: Report, base: ImageFact, head: ImageFact): void {
  const baseIds = new Set(base.layers.map((l) => l.diffId));
  const byStatus = (status: LayerRow['status']) => report.layers.filter((r) => r.status === status);
  const headRows = report.layers.filter((r) => r.head !== null);
  expect(headRows.map((r) => r.head!.index)).toEqual(head.layers.map((l) => l.index));

  // Reused layers: every head layer whose diffId the base has, including the moved COPY VERSION.
  const reused = head.layers.filter((l) => baseIds.has(l.diffId));
  expect(byStatus('unchanged').map((r) => r.head!.diffId)).toEqual(reused.map((l) => l.diffId));
  for (const row of byStatus('unchanged')) {
    expect(row.base!.diffId).toBe(row.head!.diffId);
    expect(row.delta.size).toBe(0);
  }

  // The reordered instruction: same content at a new position, matched by diffId.
  const moved = byStatus('unchanged').find((r) => /VERSION/.test(r.head!.createdBy ?? ''));
  expect(moved, 'COPY VERSION row').toBeDefined();
  expect(moved!.base!.index).toBe(base.layers.findIndex((l) => /VERSION/.test(l.createdBy)));
  expect(moved!.head!.index).toBe(head.layers.findIndex((l) => /VERSION/.test(l.createdBy)));
  expect(moved!.head!.index).toBe(moved!.base!.index + 1);

  // One changed middle layer: COPY deps/, aligned with the base's by history.
  const changed = byStatus('changed');
  expect(changed).toHaveLength(1);
  const baseDeps = base.layers.find((l) => /deps/.test(l.createdBy))!;
  const headDeps = head.layers.find((l) => /deps/.test(l.createdBy))!;
  expect(changed[0]!.base!.diffId).toBe(baseDeps.diffId);
  expect(changed[0]!.head!.diffId).toBe(headDeps.diffId);
  expect(changed[0]!.delta.size).toBe(headDeps.size - baseDeps.size);
  expect(changed[0]!.delta.size).toBeGreaterThan(0);
  if (headDeps.compressedSize !== null && baseDeps.compressedSize !== null) {
    expect(changed[0]!.delta.compressedSize).toBe(headDeps.compressedSize - baseDeps.compressedSize);
  }

  // One added layer: the cleanup RUN whose tar holds the whiteouts (file, directory, opaque).
  const added = byStatus('added');
  expect(added).toHaveLength(1);
  const cleanup = head.layers[head.layerCount - 1]!;
  expect(added[0]!.head!.diffId).toBe(cleanup.diffId);
  expect(added[0]!.base).toBeNull();
  expect(added[0]!.delta.size).toBe(cleanup.size);
  expect(cleanup.whiteouts).toEqual(['srv/.wh.debug.log', 'srv/.wh.docs', 'var/cache/app/items/.wh..wh..opq']);

  expect(byStatus('removed')).toHaveLength(0);

  // Cache hits: reused head layers over all head layers, by count and by uncompressed bytes.
  const hitBytes = reused.reduce((n, l) => n + l.size, 0);
  expect(report.cacheHit).toEqual({
    layers: { hit: reused.length, total: head.layerCount, ratio: reused.length / head.layerCount },
    bytes: { hit: hitBytes, total: head.totals.size, ratio: hitBytes / head.totals.size },
  });
  expect(report.totals.base!.size).toBe(base.totals.size);
  expect(report.totals.head.size).toBe(head.totals.size);
  expect(report.totals.delta.size).toBe(head.totals.size - base.totals.size);
  expect(report.verdict).toBe('pass');
}

describe('base/head pairs built with real tools', () => {
  it.each(facts.pairs.map((p) => [`${p.base} -> ${p.head}`, p] as const))('%s', async (_name, pair) => {
    const base = facts.images[pair.base]!;
    const head = facts.images[pair.head]!;
    const report = await compareImages(fixture(pair.base), fixture(pair.head));
    expect(report.schema).toBe('layerdiff/report@1');
    expectAppDiff(report, base, head);
    // The expected rows themselves, spelled out for the dockerd pair (6 -> 7 layers).
    if (pair.base === 'docker/app-base.tar') {
      expect(report.layers.map((r) => r.status).sort()).toEqual(['added', 'changed', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
      expect(report.cacheHit!.layers).toEqual({ hit: 5, total: 7, ratio: 5 / 7 });
    }
  });

  it('matches layers by diffId whatever the compression (docker save base vs zstd OCI head)', async () => {
    const base = facts.images['docker/app-base.tar']!;
    const head = facts.images[zstdSupported ? 'docker/app-head.oci-zstd.tar' : 'docker/app-head.oci-gzip.tar']!;
    const report = await compareImages(fixture(base.path), fixture(head.path));
    expectAppDiff(report, base, head);
    expect(report.totals.head.compressedSize).toBe(head.totals.compressedSize);
  });

  it('diffs a whole-archive gzip head and an OCI directory head like their plain archives', async () => {
    const plain = await compareImages(fixture('buildah/app-base.docker-archive.tar'), fixture('buildah/app-head.docker-archive.tar'));
    for (const head of ['buildah/app-head.docker-archive.tar.gz', 'oci:' + fixture('buildah/app-head.oci')]) {
      const report = await compareImages(fixture('buildah/app-base.docker-archive.tar'), head.startsWith('oci:') ? head : fixture(head));
      expect(report.layers.map((r) => [r.status, r.base?.diffId ?? null, r.head?.diffId ?? null])).toEqual(
        plain.layers.map((r) => [r.status, r.base?.diffId ?? null, r.head?.diffId ?? null]),
      );
      expect(report.cacheHit).toEqual(plain.cacheHit);
    }
  });

  it('with --deep, shows the files the whiteouts delete', async () => {
    const report = await compareImages(fixture('buildah/app-base.docker-archive.tar'), fixture('buildah/app-head.docker-archive.tar'), { deep: true });
    const fsChanges = report.deep?.filesystem?.changes ?? [];
    const strip = (p: string) => p.replace(/^\.?\//, '');
    const removed = fsChanges.filter((c) => c.change === 'removed').map((c) => strip(c.path));
    const addedFiles = fsChanges.filter((c) => c.change === 'added').map((c) => strip(c.path));
    // File whiteout, directory whiteout, opaque directory (its old entries gone, the new one there).
    expect(removed).toEqual(
      expect.arrayContaining([
        'srv/debug.log',
        'srv/docs/guide.txt',
        'srv/docs/api.txt',
        'var/cache/app/items/1',
        'var/cache/app/items/2',
        'var/cache/app/items/3',
      ]),
    );
    expect(removed).not.toContain('var/cache/app/keep');
    expect(addedFiles).toContain('var/cache/app/items/fresh');
  });
});
