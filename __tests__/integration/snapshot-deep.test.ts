/**
 * Deep snapshots (`layerdiff snapshot --deep`) as the base of `diff --deep`: the same file changes,
 * waste, hints and flattened-filesystem diff as with the base image itself, while only the head
 * layers the snapshot has no index for are decompressed. Real images: the docker-built pair of
 * scripts/make-fixtures.sh (five layers, one changed) and trivy's alpine 3.10 -> 3.11.
 * A plain snapshot base says so (deep.baseIndex 'none', a note) instead of showing no file change.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as cli } from '../../src/cli.js';
import type { Report } from '../../src/core/report.js';
import { compareImages, inspectImage } from '../../src/engine.js';
import { openImage } from '../../src/sources/open.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { newRunStats } from '../../src/stats.js';
import type { EngineEvent } from '../../src/core/events.js';
import { fakeIO } from '../../__fixtures__/core.js';
import { locateBaseIn } from '../../src/github/artifact.js';
import { run } from '../../src/main.js';
import { renderJson } from '../../src/report/json.js';
import { errorOf } from '../helpers/error-of.js';
import { repoRoot } from '../helpers/repo-root.js';
import { realImage, realImagesDir } from '../helpers/real-images.js';

const BUILT = path.join(repoRoot, '__tests__', 'fixtures', 'built', 'docker');
const BASE = path.join(BUILT, 'app-base.tar');
const HEAD = path.join(BUILT, 'app-head.tar');

/** What a deep diff says about files: the rows' file lists and the deep figures (baseIndex aside). */
function figures(report: Report): unknown {
  const { baseIndex: _baseIndex, ...deep } = report.deep ?? ({} as NonNullable<Report['deep']>);
  return { rows: report.layers.map((row) => ({ status: row.status, files: row.files ?? null })), deep };
}

async function snapshotCli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(['snapshot', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTty: false, columns: undefined });
  return { code, stderr: err.join(''), stdout: out.join('') };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-snapdeep-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('deep snapshot as the base of diff --deep', () => {
  it('gives the same file changes, waste and hints as the base image, scanning only the changed head layers', async () => {
    const file = path.join(tmp, 'base.json.gz');
    const written = await snapshotCli([BASE, '--deep', '-o', file]);
    expect(written).toMatchObject({ code: 0 });
    expect(written.stderr).toMatch(/deep snapshot \(\d+ entries, \d+ bytes\)/);
    const bytes = await readFile(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);

    const real = await compareImages(BASE, HEAD, { deep: true });
    const stats = newRunStats();
    const events: EngineEvent[] = [];
    const vsSnapshot = await compareImages(`snapshot:${file}`, HEAD, { deep: true, stats, onEvent: (e) => events.push(e) });
    expect(figures(vsSnapshot)).toEqual(figures(real));
    expect(vsSnapshot.deep?.filesystem?.changes.length).toBeGreaterThan(0);
    expect(vsSnapshot.deep?.baseIndex).toBe('snapshot');
    expect(real.deep?.baseIndex).toBeUndefined();
    expect(events.some((e) => e.kind === 'warning')).toBe(false);
    // Sizes and content sizes of both sides as the real base gives them.
    expect(vsSnapshot.head).toEqual(real.head);
    expect({ ...vsSnapshot.base, source: null }).toEqual({ ...real.base, source: null });

    // Bytes decompressed = exactly the head layers the base snapshot has no index for (an independent sum from the image).
    const base = await openImage(BASE);
    const head = await openImage(HEAD);
    try {
      const baseIds = new Set(base.layers.map((l) => l.diffId));
      const fresh = head.layers.filter((l) => !baseIds.has(l.diffId));
      expect(fresh.length).toBeGreaterThan(0);
      expect(fresh.length).toBeLessThan(head.layers.length);
      expect(stats.layersScanned).toBe(new Set(fresh.map((l) => l.diffId)).size);
      expect(stats.scannedStoredBytes).toBe(fresh.reduce((n, l) => n + l.storedSize!, 0));
      expect(stats.scannedUncompressedBytes).toBe(fresh.reduce((n, l) => n + l.uncompressedSize!, 0));
      expect(stats.layersMeasured).toBe(0);
    } finally {
      await Promise.all([base.close(), head.close()]);
    }
  });

  it('reads a plain-JSON deep snapshot the same as a gzip one (told by content, not name)', async () => {
    const plain = path.join(tmp, 'base-deep.json');
    expect((await snapshotCli([BASE, '--deep', '-o', plain])).code).toBe(0);
    const text = await readFile(plain, 'utf8');
    const parsed = JSON.parse(text);
    expect(parsed.schema).toBe('layerdiff/snapshot@1');
    for (const layer of parsed.layers) expect(layer.fileIndex).toMatchObject({ format: 'layerdiff/file-index@1' });
    // A gzip file named .json and a plain one named .gz.
    const gzNamedJson = path.join(tmp, 'gz-named.json');
    await writeFile(gzNamedJson, gzipSync(text));
    const plainNamedGz = path.join(tmp, 'plain-named.json.gz');
    await writeFile(plainNamedGz, text);
    const real = figures(await compareImages(BASE, HEAD, { deep: true }));
    for (const f of [plain, gzNamedJson, plainNamedGz]) expect(figures(await compareImages(`snapshot:${f}`, HEAD, { deep: true }))).toEqual(real);
  });

  it('diff between two deep snapshots gives the archives figures and decompresses nothing', async () => {
    const baseFile = path.join(tmp, 'b.json.gz');
    const headFile = path.join(tmp, 'h.json.gz');
    expect((await snapshotCli([BASE, '--deep', '-o', baseFile])).code).toBe(0);
    expect((await snapshotCli([HEAD, '--deep', '-o', headFile])).code).toBe(0);
    const stats = newRunStats();
    const report = await compareImages(`snapshot:${baseFile}`, `snapshot:${headFile}`, { deep: true, stats });
    expect(figures(report)).toEqual(figures(await compareImages(BASE, HEAD, { deep: true })));
    expect(stats).toMatchObject({ layersScanned: 0, layersMeasured: 0, scannedStoredBytes: 0 });
  });

  it.skipIf(realImagesDir === null)('trivy alpine 3.10 -> 3.11: the same report against a deep snapshot as against the archive', async () => {
    const file = path.join(tmp, 'alpine310.json.gz');
    expect((await snapshotCli([realImage('trivy-alpine-310.tar.gz'), '--deep', '-o', file])).code).toBe(0);
    const real = await compareImages(realImage('trivy-alpine-310.tar.gz'), realImage('trivy-alpine-311.tar.gz'), { deep: true });
    const vs = await compareImages(`snapshot:${file}`, realImage('trivy-alpine-311.tar.gz'), { deep: true });
    expect(figures(vs)).toEqual(figures(real));
    expect(real.deep!.filesystem!.changes.length).toBeGreaterThan(10);
  });

  it('a plain snapshot base says it has no file index (deep.baseIndex none, warning, a note in Markdown and text)', async () => {
    const file = path.join(tmp, 'plain.json');
    await writeFile(file, JSON.stringify(await inspectImage(BASE)));
    const events: EngineEvent[] = [];
    const report = await compareImages(`snapshot:${file}`, HEAD, { deep: true, onEvent: (e) => events.push(e) });
    expect(report.deep?.baseIndex).toBe('none');
    expect(report.deep?.filesystem).toBeUndefined();
    expect(events).toContainEqual({ kind: 'warning', code: 'base-not-scannable', image: `snapshot:${file}` });
    expect(renderMarkdown(report)).toContain('The base is a snapshot without file indexes');
    expect(renderMarkdown(report)).toContain('layerdiff snapshot --deep');
    expect(renderText(report, 160)).toContain('Note: The base is a snapshot without file indexes');
  });

  it('snapshot without --deep stays plain pretty JSON, and gzip-compressed when the name ends in .gz', async () => {
    const plain = await snapshotCli([BASE]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^\{\n {2}"schema": "layerdiff\/snapshot@1"/);
    expect(plain.stdout).not.toContain('fileIndex');
    const gz = path.join(tmp, 'plain.json.gz');
    expect((await snapshotCli([BASE, '-o', gz])).code).toBe(0);
    const report = await compareImages(`snapshot:${gz}`, HEAD, { deep: true });
    expect(report.deep?.baseIndex).toBe('none');
  });
});

describe('the action: snapshot-path with deep: true', () => {
  it('writes a deep snapshot (gzip for .gz) that a later run reads as a deep base, also from an artifact', async () => {
    const target = path.join(tmp, 'action', 'base.json.gz');
    const io = fakeIO({ image: BASE, deep: 'true', 'snapshot-path': target, 'github-token': 'ghs_x' });
    const context = {
      eventName: 'push',
      payload: {},
      repo: { owner: 'acme', repo: 'app' },
      runId: 1,
      workflowRef: 'acme/app/.github/workflows/ci.yml@refs/heads/main',
      ref: 'refs/heads/main',
      sha: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b',
      apiUrl: 'https://api.github.test',
      serverUrl: 'https://github.com',
      tempDir: tmp,
    };
    await run({
      io,
      context,
      engine: { compareImages, renderMarkdown, renderJson },
      createClient: () => {
        throw new Error('no API call expected on push');
      },
      downloadArtifact: async () => {
        throw new Error('no download expected');
      },
      sleep: async () => {},
    });
    expect(io.failed).toEqual([]);
    const bytes = await readFile(target);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    // The base branch's artifact holds the .json.gz: it is found as a snapshot, not taken for an archive.
    expect(await locateBaseIn(path.dirname(target), 'image-snapshot')).toBe(`snapshot:${target}`);
    const report = await compareImages(`snapshot:${target}`, HEAD, { deep: true });
    expect(report.deep?.baseIndex).toBe('snapshot');
    expect(figures(report)).toEqual(figures(await compareImages(BASE, HEAD, { deep: true })));
  });
});

describe('hostile deep snapshots', () => {
  let deep: { layers: Array<Record<string, unknown> & { fileIndex: Record<string, unknown> }> } & Record<string, unknown>;
  beforeAll(async () => {
    const r = await snapshotCli([BASE, '--deep']);
    deep = JSON.parse(r.stdout);
  });
  const open = async (name: string, content: string | Buffer): Promise<string> => {
    const file = path.join(tmp, name);
    await writeFile(file, content);
    return errorOf(compareImages(`snapshot:${file}`, HEAD, { deep: true }));
  };

  it('refuses a gzip snapshot that decompresses past the snapshot cap (hostile: gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await open('bomb.json.gz', bomb)).toMatch(/bomb\.json\.gz: gzip-compressed snapshot decompresses to more than 33554432 bytes/);
  });

  it('refuses a corrupt gzip snapshot (hostile: truncated gzip)', async () => {
    const gz = gzipSync(JSON.stringify(deep));
    expect(await open('truncated.json.gz', gz.subarray(0, gz.length >> 1))).toMatch(/gzip-compressed snapshot is corrupt/);
  });

  it('refuses a deep snapshot where only some layers have a file index (hostile: incomplete)', async () => {
    const copy = structuredClone(deep);
    delete (copy.layers[1] as Record<string, unknown>).fileIndex;
    expect(await open('holes.json', JSON.stringify(copy))).toMatch(/deep snapshot is incomplete: \d+ of \d+ layers have a file index/);
  });

  it('refuses a column of the wrong length, naming the layer (hostile: wrong column lengths)', async () => {
    const copy = structuredClone(deep);
    copy.layers[0]!.fileIndex.sizes = [0];
    expect(await open('short.json', JSON.stringify(copy))).toMatch(/deep snapshot is invalid at \/layers\/0\/fileIndex\/sizes: holds 1 values for \d+ entries/);
  });

  it('refuses non-base64 columns and unknown formats by the schema (hostile: stray characters)', async () => {
    const copy = structuredClone(deep);
    copy.layers[0]!.fileIndex.kinds = 'AAA*AA==';
    expect(await open('stray.json', JSON.stringify(copy))).toMatch(/invalid at \/layers\/0\/fileIndex\/kinds/);
    const other = structuredClone(deep);
    other.layers[0]!.fileIndex.format = 'layerdiff/file-index@9';
    expect(await open('format.json', JSON.stringify(other))).toMatch(/invalid at \/layers\/0\/fileIndex\/format/);
  });

  it('refuses a huge count before decoding (hostile: huge counts)', async () => {
    const copy = structuredClone(deep);
    copy.layers[0]!.fileIndex.count = 1e9;
    expect(await open('huge.json', JSON.stringify(copy))).toMatch(/fileIndex\/count: more entries than a deep scan indexes/);
  });

  it('refuses a path escaping the root (hostile: bad paths)', async () => {
    const copy = structuredClone(deep);
    const suffix = copy.layers[0]!.fileIndex.suffix as string[];
    suffix[0] = '../../etc/passwd';
    expect(await open('dotdot.json', JSON.stringify(copy))).toMatch(/fileIndex\/suffix\/0: not a normalised path/);
  });

  it('--deep with a plain snapshot as the head says it holds no layer contents', async () => {
    const file = path.join(tmp, 'head-plain.json');
    await writeFile(file, JSON.stringify(await inspectImage(HEAD)));
    expect(await errorOf(compareImages(BASE, `snapshot:${file}`, { deep: true }))).toMatch(
      /a snapshot without file indexes holds no layer contents; --deep needs the image itself or a deep snapshot/,
    );
  });
});
