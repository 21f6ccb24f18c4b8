/**
 * The engine assembles the report once (issue 10 part 4): the deep pass returns figures, the engine
 * combines them, budgets run once, and nothing writes to a snapshot or a report after it is built.
 * The inputs are deep-frozen: any write to them throws in strict mode.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import type { EngineEvent } from '../../src/core/events.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { assembleReport, compareImages, snapshotOf } from '../../src/engine.js';
import type { LayerIndex } from '../../src/layers/layer-index.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import { bombLimitsFrom } from '../../src/layers/measure.js';
import type { ImageHandle } from '../../src/sources/types.js';
import { newRunStats, resetStats, stats as processStats } from '../../src/stats.js';
import { main as cli } from '../../src/cli.js';
import { buildTar, type TarEntrySpec } from '../helpers/tar-builder.js';
import { layerTar, ociArchive, sha256 } from '../helpers/image-tar-builder.js';
import { digestOf, snapshot } from './report-fixtures.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

async function scan(entries: TarEntrySpec[]): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint: true });
  await scanner.write(buildTar(entries));
  return scanner.end();
}
const file = (p: string, bytes: number, fill = 1): TarEntrySpec => ({ path: p, body: Buffer.alloc(bytes, fill) });

describe('assembleReport', () => {
  it('builds the deep report from frozen inputs: content sizes, row files, waste, hints, budgets on deep figures', async () => {
    // base: a, b; head: a, c (c replaces b and re-adds a's file, so a copy is wasted).
    const indexes = new Map<string, LayerIndex>([
      [digestOf('a'), await scan([file('app/one', 3000), file('app/two', 1000)])],
      [digestOf('b'), await scan([file('app/three', 500)])],
      [digestOf('c'), await scan([file('app/three', 700, 2), file('app/one', 3000, 3)])],
    ]);
    const sizes = Object.fromEntries([...indexes].map(([id, index]) => [id, index.tarBytes]));
    const base = deepFreeze(
      snapshot('base', [
        { id: 'a', size: sizes[digestOf('a')]!, createdBy: 'COPY a /' },
        { id: 'b', size: sizes[digestOf('b')]!, createdBy: 'RUN build' },
      ]),
    );
    const head = deepFreeze(
      snapshot('head', [
        { id: 'a', size: sizes[digestOf('a')]!, createdBy: 'COPY a /' },
        { id: 'c', size: sizes[digestOf('c')]!, createdBy: 'RUN build' },
      ]),
    );
    const before = JSON.stringify({ base, head });
    const rules = deepFreeze(parseBudgetLines('max-wasted: 1kB\nmin-efficiency: 10%\nmax-size: 1GB', 'test'));
    const deepImage = (s: Snapshot) => ({ diffIds: s.layers.map((l) => l.diffId), createdBy: s.layers.map((l) => l.createdBy) });

    const report = assembleReport({ base, head, rules, deep: { indexes, head: deepImage(head), base: { ...deepImage(base), readable: true } } });

    expect(JSON.stringify({ base, head })).toBe(before);
    // Content sizes come from the scans (an independent sum of the file bodies).
    expect(report.head.layers.map((l) => [l.contentSize, l.files])).toEqual([
      [4000, 2],
      [3700, 2],
    ]);
    expect(report.head.totals.contentSize).toBe(7700);
    expect(report.totals.delta.contentSize).toBe(7700 - 4500);
    expect(report.head).not.toBe(head);
    // The changed row lists its files; the unchanged one none.
    const changed = report.layers.find((r) => r.status === 'changed')!;
    expect(changed.files).toBeDefined();
    expect(report.layers.find((r) => r.status === 'unchanged')!.files).toBeUndefined();
    // app/one is written twice: 3000 bytes wasted.
    expect(report.deep!.waste.wastedBytes).toBe(3000);
    // Budgets ran once, on the deep figures (not "needs the deep scan").
    expect(report.budgets.map((b) => [b.rule, b.status, b.actual])).toEqual([
      ['max-wasted', 'fail', 3000],
      ['min-efficiency', 'pass', report.deep!.waste.efficiency],
      ['max-size', 'pass', report.head.totals.size],
    ]);
    expect(report.budgets[0]!.message).toBe('3 kB wasted > 1 kB');
    expect(report.verdict).toBe('fail');
    // Every hint has its plain-text message filled in by the assembly.
    for (const hint of report.deep!.hints) expect(hint.message).not.toBe('');
    // The result is never written to afterwards either: freezing it and assembling again gives the same.
    deepFreeze(report);
    expect(assembleReport({ base, head, rules, deep: { indexes, head: deepImage(head), base: { ...deepImage(base), readable: true } } })).toEqual(report);
  });

  it("budget checks are data; the wording is the report side's", () => {
    const head = snapshot('head', [{ id: 'a', size: 2_000_000 }]);
    const [check] = checkBudgets(parseBudgetLines('max-size: 1MB', 'test'), { ...assembleReport({ base: null, head }) });
    expect(check).toEqual({
      rule: 'max-size',
      limitText: '1MB',
      actual: 2_000_000,
      status: 'fail',
      finding: { kind: 'compared', measure: 'size', bound: 'max', figure: 2_000_000, limit: { kind: 'bytes', bytes: 1_000_000 } },
    });
  });
});

describe('snapshotOf', () => {
  it("returns a fresh snapshot, never a snapshot source's own object", async () => {
    const own = deepFreeze(snapshot('snapshot:base.json', [{ id: 'a', size: 10 }]));
    const handle = {
      source: own.source,
      platform: own.platform,
      manifestDigest: null,
      configDigest: own.configDigest,
      config: {},
      layers: [],
      snapshot: own,
      close: async () => {},
    } as unknown as ImageHandle;
    const copy = await snapshotOf(handle);
    expect(copy).toEqual(own);
    expect(copy).not.toBe(own);
    expect(copy.layers[0]).not.toBe(own.layers[0]);
  });
});

describe('the engine run', () => {
  let temp: string;
  let image: string;
  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-engine-'));
    const plain = [layerTar({ 'a.txt': 'alpha' }), layerTar({ 'a.txt': 'alpha again' })];
    const { tar } = ociArchive({ layers: plain.map((l) => gzipSync(l)), diffIds: plain.map((l) => sha256(l)) });
    image = path.join(temp, 'image.oci.tar');
    await writeFile(image, tar);
  });
  afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it('a deep budget rule switches the deep scan on, whichever shell asked', async () => {
    const events: EngineEvent[] = [];
    const report = await compareImages(null, image, { budgets: parseBudgetLines('max-wasted: 1MB', 'test'), onEvent: (e) => events.push(e) });
    expect(report.deep).toBeDefined();
    expect(report.budgets[0]).toMatchObject({ rule: 'max-wasted', status: 'pass', actual: report.deep!.waste.wastedBytes });
    expect(events.filter((e) => e.kind === 'scanned')).toHaveLength(2);
  });

  it('without a deep rule nothing is scanned, and layers are measured with typed events', async () => {
    const events: EngineEvent[] = [];
    const report = await compareImages(null, image, { budgets: parseBudgetLines('max-size: 1MB', 'test'), onEvent: (e) => events.push(e) });
    expect(report.deep).toBeUndefined();
    expect(events).toEqual([
      { kind: 'measuring', image, layer: 1, of: 2, storedBytes: expect.any(Number) },
      { kind: 'measuring', image, layer: 2, of: 2, storedBytes: expect.any(Number) },
    ]);
  });

  it('reads LAYERDIFF_MAX_LAYER_BYTES when a run starts, not when the module loads', async () => {
    expect(bombLimitsFrom({ LAYERDIFF_MAX_LAYER_BYTES: '1000' }).maxUncompressedBytes).toBe(1000);
    expect(bombLimitsFrom({}).maxUncompressedBytes).toBe(64 * 1024 ** 3);
    // The engine module is loaded already; the variable set now still applies to the next run.
    process.env['LAYERDIFF_MAX_LAYER_BYTES'] = '1000';
    try {
      await expect(compareImages(null, image)).rejects.toThrow(/decompresses to more than 1000 bytes/);
    } finally {
      delete process.env['LAYERDIFF_MAX_LAYER_BYTES'];
    }
    await expect(compareImages(null, image, { limits: bombLimitsFrom({ LAYERDIFF_MAX_LAYER_BYTES: '1000' }) })).rejects.toThrow(
      /decompresses to more than 1000 bytes/,
    );
    await expect(compareImages(null, image)).resolves.toMatchObject({ verdict: 'pass' });
  });

  it('counts I/O into the counters each run is given, not into a shared singleton', async () => {
    resetStats();
    const [one, two] = [newRunStats(), newRunStats()];
    await Promise.all([compareImages(null, image, { stats: one }), compareImages(image, image, { stats: two, deep: true })]);
    expect(one).toMatchObject({ layersMeasured: 2, layersScanned: 0 });
    expect(one.archiveBytesRead).toBeGreaterThan(0);
    // The second run scanned its two layers and so measured none.
    expect(two).toMatchObject({ layersMeasured: 0, layersScanned: 2 });
    expect(two.archiveBytesRead).toBeGreaterThan(0);
    expect(processStats).toMatchObject({ layersMeasured: 0, layersScanned: 0, archiveBytesRead: 0 });
  });

  it('--stats prints the counters of its own run, however many ran before in the process', async () => {
    const runCli = async () => {
      const err: string[] = [];
      expect(
        await cli(['inspect', '--stats', '--format', 'json', image], { stdout: () => {}, stderr: (t) => err.push(t), stderrIsTty: false, columns: undefined }),
      ).toBe(0);
      return JSON.parse(err.join('').trim().split('\n').at(-1)!).stats;
    };
    const first = await runCli();
    const second = await runCli();
    expect(first.layersMeasured).toBe(2);
    expect(second).toEqual({ ...first, maxRssBytes: second.maxRssBytes });
    expect(Object.keys(first)).toEqual([
      'archiveBytesRead',
      'layersMeasured',
      'measuredStoredBytes',
      'measuredUncompressedBytes',
      'layersScanned',
      'scannedStoredBytes',
      'scannedUncompressedBytes',
      'networkBytes',
      'requests',
      'maxRssBytes',
    ]);
  });
});
