/**
 * Deep scan against real archives, checked with independent tools: GNU tar extracts and lists the
 * layers, `diff -rq` compares the extracted filesystems, dive's published figures for its own test
 * image. The worker-thread path runs from an esbuild bundle, as dist/ runs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareImages } from '../../src/engine.js';
import { EntryKind } from '../../src/layers/layer-index.js';
import { resetStats, stats } from '../../src/stats.js';
import { scanFile, unpackDockerSave } from '../helpers/deep-layers.js';
import { realImage, realImagesDir, repoRoot, skipRealImagesReason } from '../helpers/real-images.js';
import { zstdSupported } from '../helpers/runtime.js';
import { bundleOptions } from '../../scripts/bundle-options.mjs';

const hasRealImages = realImagesDir !== null;
if (!hasRealImages) console.warn(skipRealImagesReason);

/** Every path in an extracted tree (relative, no leading slash), directories included. */
function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    out.push(p);
    if (entry.isDirectory() && !entry.isSymbolicLink()) out.push(...walk(root, p));
  }
  return out;
}

describe.skipIf(!hasRealImages)('deep scan of real images', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-deep-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('trivy alpine 3.10 -> 3.11: the same added and changed files as GNU tar + diff -r', async () => {
    // Independent answer: extract both root filesystems with GNU tar, compare with diff -rq.
    const roots: string[] = [];
    for (const name of ['trivy-alpine-310.tar.gz', 'trivy-alpine-311.tar.gz']) {
      const save = unpackDockerSave(realImage(name));
      const root = path.join(tmp, name);
      mkdirSync(root);
      for (const layer of save.layers) execFileSync('tar', ['-xf', layer, '-C', root]);
      save.cleanup();
      roots.push(root);
    }
    const [a, b] = roots as [string, string];
    let out: string;
    try {
      out = execFileSync('diff', ['-rq', '--no-dereference', a, b], { encoding: 'utf8' });
    } catch (error) {
      out = (error as { stdout: string }).stdout; // diff exits 1 when trees differ
    }
    const added = new Set<string>();
    const changed = new Set<string>();
    for (const line of out.trim().split('\n')) {
      const only = /^Only in (.*): (.*)$/.exec(line);
      if (only) {
        expect(only[1]!.startsWith(b)).toBe(true); // nothing only in the base
        const rel = path.relative(b, path.join(only[1]!, only[2]!));
        added.add(rel);
        const full = path.join(b, rel);
        if (
          existsSync(full) &&
          readdirSync(path.dirname(full), { withFileTypes: true })
            .find((e) => e.name === path.basename(full))
            ?.isDirectory()
        ) {
          for (const inner of walk(full)) added.add(`${rel}/${inner}`);
        }
        continue;
      }
      const differ = /^(?:Files|Symbolic links) (.*) and (.*) differ$/.exec(line);
      if (differ) changed.add(path.relative(a, differ[1]!));
    }
    expect(added.size).toBe(6);
    expect(changed.size).toBe(30);

    resetStats();
    const report = await compareImages(realImage('trivy-alpine-310.tar.gz'), realImage('trivy-alpine-311.tar.gz'), { deep: true });
    expect(stats.layersScanned).toBe(2);
    const row = report.layers.find((r) => r.status === 'changed')!;
    for (const files of [row.files!, report.deep!.filesystem!]) {
      const ours = (kind: string[]) => new Set(files.changes.filter((c) => kind.includes(c.change)).map((c) => c.path.slice(1)));
      expect(ours(['added'])).toEqual(added);
      expect(ours(['grown', 'shrunk', 'modified'])).toEqual(changed);
      expect(files.removed).toBe(0);
    }
    // Content bytes and entry counts land on the layers and the totals.
    const headLayer = report.head.layers[0]!;
    expect(headLayer.contentSize).toBeGreaterThan(5_000_000);
    expect(headLayer.files).toBe(
      Number(
        execFileSync('bash', ['-c', `tar -xOzf '${realImage('trivy-alpine-311.tar.gz')}' --wildcards '*/layer.tar' | tar -t | wc -l`], {
          encoding: 'utf8',
        }).trim(),
      ),
    );
    expect(report.totals.head.contentSize).toBe(headLayer.contentSize);
    expect(report.totals.delta.contentSize).toBe(headLayer.contentSize! - report.base!.layers[0]!.contentSize!);
    expect(report.deep!.hints).toEqual([]);
  });

  it("dive's test image: --dive-compat gives dive's published figures exactly; ours counts the kept copy once", async () => {
    const report = await compareImages(null, realImage('dive-test-docker-image.tar'), { deep: true, diveCompat: true });
    expect(report.deep!.dive).toEqual({ efficiency: 0.9844212134184309, wastedBytes: 32025, userWastedPercent: expect.any(Number), sizeBytes: 1220598 });
    expect(report.deep!.dive!.userWastedPercent).toBeCloseTo(32025 / (1220598 - report.head.layers[0]!.contentSize!), 12);
    // Five shipped copies of the 6405-byte file are invisible in the final image; the kept one is not waste.
    const waste = report.deep!.waste;
    expect(waste.wastedBytes).toBe(5 * 6405);
    expect(waste.paths).toEqual([
      { path: '/root/example', wastedBytes: 2 * 6405, layers: [4, 5, 9] }, // rm -rf: somefile1 (chmod copy) and somefile2
      { path: '/root/example/somefile1.txt', wastedBytes: 6405, layers: [3, 4] }, // chmod re-added it
      { path: '/root/example/somefile3.txt', wastedBytes: 6405, layers: [6, 7] }, // mv deleted it
      { path: '/root/saved.txt', wastedBytes: 6405, layers: [7, 13] }, // chmod +x re-added it; dive counts both copies
    ]);
    expect(waste.efficiency).toBeCloseTo(1 - 32025 / report.totals.head.contentSize!, 12);
  });

  it.each(['uncompressed', 'gzip', 'zstd', 'estargz'])('the %s OCI layout gives the same file index as GNU tar lists', async (kind) => {
    if (kind === 'zstd' && !zstdSupported) return; // runtime.ts warns, and fails the run under CI
    const dir = mkdtempSync(path.join(tmp, `oci-${kind}-`));
    execFileSync('tar', ['-xf', realImage(`dive-test-oci-${kind}-image.tar`), '-C', dir]);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    const blob = (digest: string) => path.join(dir, 'blobs', ...digest.split(':'));
    const manifest = JSON.parse(readFileSync(blob(index.manifests[0]!.digest), 'utf8')) as { layers: Array<{ digest: string }> };
    for (const layer of manifest.layers) {
      const scanned = await scanFile(blob(layer.digest));
      const decompress = kind === 'zstd' ? ['--zstd'] : kind === 'uncompressed' ? [] : ['-z'];
      // GNU tar, like us, stops at the end-of-archive blocks (estargz's table of contents follows them).
      const listed = execFileSync('tar', ['-t', ...decompress, '-f', blob(layer.digest)], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .split('\n')
        .filter((l) => l !== '');
      expect(scanned.count).toBe(listed.length);
      expect(scanned.paths).toEqual(listed.map((p) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '')));
      const bytes = Number(
        execFileSync('bash', ['-c', `tar -tv ${decompress.join(' ')} -f '${blob(layer.digest)}' | awk '$1 ~ /^-/ {s += $3} END {print s+0}'`], {
          encoding: 'utf8',
        }).trim(),
      );
      expect(scanned.contentBytes).toBe(bytes);
      expect([...scanned.kinds].filter((k) => k === EntryKind.file).length).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!hasRealImages)('worker threads, as dist/ runs them', () => {
  let outdir: string;
  beforeAll(async () => {
    // Bundle like scripts/build.mjs does (module + scan-worker.js side by side), into a temp dir.
    outdir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-worker-'));
    const common = bundleOptions;
    await build({
      ...common,
      stdin: { contents: "export * from './src/engine.ts'; export { workerStats } from './src/layers/scan-pool.ts';", resolveDir: repoRoot, loader: 'ts' },
      outfile: path.join(outdir, 'engine.js'),
    });
    await build({ ...common, entryPoints: { 'scan-worker': path.join(repoRoot, 'src/layers/scan-worker.ts') }, outdir });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('scans several layers on worker threads with the same result as in-thread', async () => {
    const bundled = (await import(pathToFileURL(path.join(outdir, 'engine.js')).href)) as typeof import('../../src/engine.js') &
      typeof import('../../src/layers/scan-pool.js');
    const viaWorkers = await bundled.compareImages(null, realImage('dive-test-docker-image.tar'), { deep: true, diveCompat: true });
    const cores = os.availableParallelism();
    // Two cores: the main thread and one worker share the 14 layers.
    if (cores >= 2) {
      expect(bundled.workerStats.threadsStarted).toBe(cores - 1);
      expect(bundled.workerStats.layers).toBeGreaterThan(0);
      expect(bundled.workerStats.layers).toBeLessThan(14);
    } else {
      expect(bundled.workerStats).toEqual({ layers: 0, threadsStarted: 0 });
    }
    const inThread = await compareImages(null, realImage('dive-test-docker-image.tar'), { deep: true, diveCompat: true });
    expect(viaWorkers.deep).toEqual(inThread.deep);
    expect(viaWorkers.head.layers.map((l) => [l.contentSize, l.files])).toEqual(inThread.head.layers.map((l) => [l.contentSize, l.files]));
  });
});
