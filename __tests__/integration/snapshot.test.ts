/**
 * `snapshot:PATH` as a base: a saved `layerdiff/snapshot@1` gives the same diff as the image it was
 * taken from, and reading it touches no base layer.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../helpers/error-of.js';
import { compareImages, inspectImage } from '../../src/engine.js';
import type { Report } from '../../src/core/report.js';
import { resetStats, stats } from '../../src/stats.js';
import { realImage, realImagesDir, skipRealImagesReason } from '../helpers/real-images.js';

if (realImagesDir === null) console.warn(`snapshot.test.ts ${skipRealImagesReason}`);

/** Gzip-layered OCI pair: the diff must decompress layers, so "measured nothing of the base" means something. */
const BASE = 'snyk-oci-pnpmlockv6.tar';
const HEAD = 'snyk-oci-pnpmlockv9.tar';

/** The report without the base's `source`, which names where the base came from and so must differ. */
function comparable(report: Report): unknown {
  return { ...report, base: report.base ? { ...report.base, source: null } : null };
}

describe.skipIf(realImagesDir === null)('snapshot:PATH as the base', () => {
  let tmp: string;
  let snapshotPath: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-snapshot-test-'));
    snapshotPath = path.join(tmp, 'base.json');
    await writeFile(snapshotPath, JSON.stringify(await inspectImage(realImage(BASE)), null, 2));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('gives the archive-vs-archive diff and measures no base layer', async () => {
    resetStats();
    const fromArchives = await compareImages(realImage(BASE), realImage(HEAD));
    const measuredWithArchives = stats.layersMeasured;

    resetStats();
    const fromSnapshot = await compareImages(`snapshot:${snapshotPath}`, realImage(HEAD));
    expect(comparable(fromSnapshot)).toEqual(comparable(fromArchives));
    expect(fromSnapshot.layers.some((l) => l.status !== 'unchanged')).toBe(true);

    // Only head layers the base does not share are measured; the snapshot's own layers cannot be
    // opened at all (its LayerBlob.open rejects), so reaching here means none was.
    const baseDiffIds = new Set(fromSnapshot.base?.layers.map((l) => l.diffId));
    const headOnly = fromSnapshot.head.layers.filter((l) => !baseDiffIds.has(l.diffId) && l.compressedSize !== null).length;
    expect(headOnly).toBeGreaterThan(0);
    expect(stats.layersMeasured).toBe(headOnly);
    expect(stats.layersMeasured).toBeLessThan(measuredWithArchives);
  });

  it('reads a saved report as a base (its head)', async () => {
    const reportPath = path.join(tmp, 'report.json');
    const report = await compareImages(null, realImage(BASE));
    await writeFile(reportPath, JSON.stringify(report));
    const viaReport = await compareImages(`snapshot:${reportPath}`, realImage(HEAD));
    const viaSnapshot = await compareImages(`snapshot:${snapshotPath}`, realImage(HEAD));
    expect(comparable(viaReport)).toEqual(comparable(viaSnapshot));
  });

  it('fills fields an older or hand-written snapshot leaves out, and recomputes totals', async () => {
    const base = await inspectImage(realImage(BASE));
    const sparse = {
      ...base,
      totals: { size: 1, compressedSize: 1, contentSize: null },
      layers: base.layers.map(({ diffId, size, compressedSize }) => ({ diffId, size, compressedSize })),
    };
    const sparsePath = path.join(tmp, 'sparse.json');
    await writeFile(sparsePath, JSON.stringify(sparse));
    const snapshot = await inspectImage(`snapshot:${sparsePath}`);
    expect(snapshot.totals).toEqual(base.totals);
    expect(snapshot.layers[0]).toEqual({
      index: 0,
      diffId: base.layers[0]?.diffId,
      digest: null,
      mediaType: null,
      size: base.layers[0]?.size,
      compressedSize: base.layers[0]?.compressedSize,
      contentSize: null,
      createdBy: null,
      files: null,
    });
  });

  it('refuses a corrupt snapshot, a wrong schema and broken layers in one line', async () => {
    const write = async (name: string, text: string) => {
      const file = path.join(tmp, name);
      await writeFile(file, text);
      return file;
    };
    const truncated = await write('truncated.json', '{"schema":"layerdiff/snapshot@1","layers":[');
    expect(await errorOf(compareImages(`snapshot:${truncated}`, realImage(HEAD)))).toBe(`snapshot:${truncated}: not JSON, so not a layerdiff snapshot`);

    const wrongSchema = await write('wrong.json', JSON.stringify({ schema: 'layerdiff/snapshot@2', layers: [] }));
    expect(await errorOf(compareImages(`snapshot:${wrongSchema}`, realImage(HEAD)))).toBe(
      `snapshot:${wrongSchema}: unsupported snapshot schema "layerdiff/snapshot@2" (expected layerdiff/snapshot@1)`,
    );

    const notSnapshot = await write('other.json', JSON.stringify({ name: 'package.json, perhaps' }));
    expect(await errorOf(inspectImage(`snapshot:${notSnapshot}`))).toBe(
      `snapshot:${notSnapshot}: unsupported snapshot schema null (expected layerdiff/snapshot@1)`,
    );

    const badLayer = await write(
      'bad-layer.json',
      JSON.stringify({
        schema: 'layerdiff/snapshot@1',
        platform: 'linux/amd64',
        configDigest: `sha256:${'c'.repeat(64)}`,
        layers: [{ diffId: `sha256:${'d'.repeat(64)}`, size: -1 }],
      }),
    );
    expect(await errorOf(inspectImage(`snapshot:${badLayer}`))).toBe(
      `snapshot:${badLayer}: layerdiff/snapshot@1 is invalid at /layers/0/size: must be >= 0 (got -1)`,
    );

    const missing = path.join(tmp, 'missing.json');
    expect(await errorOf(inspectImage(`snapshot:${missing}`))).toBe(`snapshot:${missing}: no such file`);
    expect(await errorOf(inspectImage(`snapshot:${tmp}`))).toBe(`snapshot:${tmp}: is a directory, not a snapshot file`);
  });
});
