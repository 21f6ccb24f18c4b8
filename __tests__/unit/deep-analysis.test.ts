import { describe, expect, it } from 'vitest';
import { diveFigures } from '../../src/layers/dive-compat.js';
import { deletionsByLayer, diffFilesystems, diffLayers } from '../../src/layers/file-diff.js';
import { flatten, wasteFigures } from '../../src/layers/flatten.js';
import { computeHints, HINT_THRESHOLDS } from '../../src/layers/hints.js';
import { withHintMessages } from '../../src/report/hint-text.js';
import type { LayerIndex } from '../../src/layers/layer-index.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import type { LayerRow } from '../../src/core/report.js';
import { buildTar, type TarEntrySpec } from '../helpers/tar-builder.js';

async function layer(entries: TarEntrySpec[], fingerprint = true): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint });
  await scanner.write(buildTar(entries));
  return scanner.end();
}
const file = (path: string, bytes: number, fill = 1, mode?: number): TarEntrySpec => ({
  path,
  body: Buffer.alloc(bytes, fill),
  ...(mode === undefined ? {} : { mode }),
});
const dir = (path: string): TarEntrySpec => ({ path, type: 'Directory' });

describe('flatten and wasted space', () => {
  it('counts overwritten and deleted copies once, never the visible copy', async () => {
    const layers = [
      await layer([dir('app'), file('app/a', 100), file('app/b', 200), file('keep', 50)]),
      await layer([file('app/a', 100, 1, 0o755)]), // chmod layer: same content re-added
      await layer([file('app/.wh.b', 0), file('keep2', 10)]),
    ];
    const flat = flatten(layers);
    expect([...flat.visible.keys()].sort()).toEqual(['app', 'app/a', 'keep', 'keep2']);
    const waste = wasteFigures(flat);
    expect(waste.wastedBytes).toBe(300); // first app/a (kept copy counted once) + deleted app/b
    expect(waste.efficiency).toBeCloseTo(1 - 300 / 460);
    expect(waste.paths).toEqual([
      { path: '/app/b', wastedBytes: 200, layers: [0, 2] },
      { path: '/app/a', wastedBytes: 100, layers: [0, 1] },
    ]);
    expect(flat.hidden.find((h) => h.at === 'app/a')?.sameContent).toBe(true);
  });

  it('deletes a whole directory with .wh.<dir> and hides lower contents with an opaque whiteout', async () => {
    const layers = [
      await layer([dir('a'), dir('a/sub'), file('a/sub/x', 1000), file('a/y', 24), dir('o'), file('o/old', 300)]),
      await layer([file('.wh.a', 0), file('o/.wh..wh..opq', 0), file('o/new', 5)]),
    ];
    const flat = flatten(layers);
    expect([...flat.visible.keys()].sort()).toEqual(['o', 'o/new']);
    const waste = wasteFigures(flat);
    expect(waste.wastedBytes).toBe(1324);
    expect(waste.paths).toEqual([
      { path: '/a', wastedBytes: 1024, layers: [0, 1] },
      { path: '/o', wastedBytes: 300, layers: [0, 1] },
    ]);
  });

  it('keeps whiteouts from touching their own layer, and a file replacing a directory hides its contents', async () => {
    const layers = [await layer([dir('d'), file('d/f', 10)]), await layer([file('d', 7), file('.wh.x', 0), file('x', 3)])];
    const flat = flatten(layers);
    expect([...flat.visible.keys()].sort()).toEqual(['d', 'x']);
    expect(wasteFigures(flat).wastedBytes).toBe(10);
  });

  it('does not count a copy that a visible hardlink still reaches', async () => {
    const layers = [await layer([file('bin/tool', 500), { path: 'bin/alias', type: 'Link', linkpath: 'bin/tool' }]), await layer([file('bin/.wh.tool', 0)])];
    expect(wasteFigures(flatten(layers)).wastedBytes).toBe(0);
  });
});

describe('file-level diff', () => {
  it('classifies added, removed, grown, shrunk and modified, largest change first', async () => {
    const base = await layer([
      dir('etc'),
      file('etc/a', 100),
      file('etc/b', 100),
      file('etc/c', 100),
      file('etc/d', 100),
      file('etc/gone', 40),
      { path: 'l', type: 'SymbolicLink', linkpath: 'x' },
    ]);
    const head = await layer([
      dir('etc'),
      file('etc/a', 150),
      file('etc/b', 60),
      file('etc/c', 100, 2),
      file('etc/d', 100),
      dir('new'),
      file('new/f', 1),
      { path: 'l', type: 'SymbolicLink', linkpath: 'y' },
    ]);
    const diff = diffLayers(base, head);
    expect({ ...diff, changes: undefined }).toEqual({ added: 2, removed: 1, grown: 1, shrunk: 1, modified: 2, changes: undefined });
    expect(diff.changes.map((c) => [c.path, c.change, c.delta])).toEqual([
      ['/etc/a', 'grown', 50],
      ['/etc/b', 'shrunk', -40],
      ['/etc/gone', 'removed', -40],
      ['/new/f', 'added', 1],
      ['/etc/c', 'modified', 0],
      ['/l', 'modified', 0],
      ['/new', 'added', 0],
    ]);
  });

  it('lists every file of an added layer', async () => {
    const head = await layer([file('a', 3), file('b', 4)]);
    expect(diffLayers(null, head)).toMatchObject({
      added: 2,
      changes: [{ path: '/b', change: 'added', baseSize: null, headSize: 4, delta: 4 }, { path: '/a' }],
    });
  });

  it("lists what a layer's whiteouts delete, with the bytes, instead of the .wh. markers", async () => {
    const layers = [
      await layer([dir('srv'), file('srv/debug.log', 40), dir('srv/docs'), file('srv/docs/a', 10), file('srv/docs/b', 5), dir('cache'), file('cache/x', 7)]),
      await layer([file('srv/.wh.debug.log', 0), file('srv/.wh.docs', 0), file('cache/.wh..wh..opq', 0), file('cache/fresh', 2)]),
    ];
    const flat = flatten(layers);
    const files = diffLayers(null, layers[1]!, deletionsByLayer(flat).get(1));
    expect(files.changes.map((c) => [c.path, c.change, c.delta])).toEqual([
      ['/srv/debug.log', 'removed', -40],
      ['/srv/docs', 'removed', -15],
      ['/cache/*', 'removed', -7],
      ['/cache/fresh', 'added', 2],
    ]);
    expect(files).toMatchObject({ added: 1, removed: 3 });
  });

  it('diffs flattened filesystems, skipping what a shared layer provides to both', async () => {
    const shared = await layer([file('lib/x', 10), file('lib/y', 10)]);
    const baseTop = await layer([file('app', 5)]);
    const headTop = await layer([file('app', 8), file('lib/.wh.y', 0)]);
    const b = flatten([shared, baseTop]);
    const h = flatten([shared, headTop]);
    const diff = diffFilesystems(b.visible, [shared, baseTop], h.visible, [shared, headTop]);
    expect(diff.changes.map((c) => [c.path, c.change])).toEqual([
      ['/lib/y', 'removed'],
      ['/app', 'grown'],
    ]);
  });
});

describe('dive-compatible figures', () => {
  it('count every copy of a path seen twice, and a deleted directory by its payload', async () => {
    const layers = [
      await layer([dir('root'), file('root/a', 100)]),
      await layer([file('root/a', 100)]),
      await layer([dir('root/d'), file('root/d/x', 30)]),
      await layer([file('root/.wh.d', 0)]),
    ];
    const d = diveFigures(layers);
    // root/a twice (200); root/d seen once as a leaf (its whiteout) with 30 bytes below it.
    expect(d.wastedBytes).toBe(200);
    expect(d.sizeBytes).toBe(230);
    expect(d.userWastedPercent).toBeCloseTo(200 / 130);
    // minimum: root/a 100 + root/d/x 30 + root/d 30; discovered: 200 + 30 + 30
    expect(d.efficiency).toBeCloseTo(160 / 260);
  });
});

describe('hints', () => {
  const rows = (statuses: LayerRow['status'][], size = 1024 * 1024): LayerRow[] =>
    statuses.map((status, i) => {
      const ref = {
        index: i,
        diffId: `sha256:${i}`,
        digest: null,
        mediaType: null,
        size,
        compressedSize: null,
        contentSize: null,
        createdBy: `RUN step ${i}`,
        files: null,
      };
      return { status, base: status === 'added' ? null : ref, head: ref, delta: { size: 0, compressedSize: null } };
    });
  const tiny = async () => {
    const layers = [await layer([file('x', 1)])];
    return { layers, flat: flatten(layers) };
  };

  it('fires "order" when an early layer changed and every later one was rebuilt', async () => {
    const { layers, flat } = await tiny();
    const input = {
      layers,
      createdBy: ['FROM', 'COPY . /app', 'RUN a', 'RUN b', 'RUN c'],
      layerSizes: [],
      flat,
      rows: rows(['unchanged', 'changed', 'changed', 'changed', 'changed']),
    };
    const hints = withHintMessages(computeHints(input));
    expect(hints.map((h) => [h.id, h.layerIndex, h.bytes])).toEqual([['order', 1, 3 * 1024 * 1024]]);
    expect(hints[0]!.message).toMatch(/order instructions from least to most often changed/);
    // A new base image (first layer changed) rebuilds everything legitimately; a reused layer later means the cache worked.
    expect(computeHints({ ...input, rows: rows(['changed', 'changed', 'changed', 'changed', 'changed']) })).toEqual([]);
    expect(computeHints({ ...input, rows: rows(['unchanged', 'changed', 'changed', 'unchanged', 'changed']) })).toEqual([]);
  });

  it('fires cache and duplicate hints only past their thresholds', async () => {
    const big = HINT_THRESHOLDS.cacheBytes;
    const layers = [
      await layer([file('var/lib/apt/lists/lock', 0), file('var/lib/apt/lists/deb_Packages', big), file('srv/data.bin', HINT_THRESHOLDS.duplicateBytes)]),
      await layer([file('srv/data.bin', HINT_THRESHOLDS.duplicateBytes, 1, 0o600)]),
    ];
    const hints = computeHints({
      layers,
      createdBy: ['RUN apt-get update', 'RUN chmod 600 /srv/data.bin'],
      layerSizes: [0, 0],
      flat: flatten(layers),
      rows: null,
    });
    expect(hints.map((h) => [h.id, h.layerIndex, h.bytes, h.createdBy]).sort()).toEqual([
      ['apt-lists', 0, big, 'RUN apt-get update'],
      ['duplicate-file', 1, HINT_THRESHOLDS.duplicateBytes, 'RUN chmod 600 /srv/data.bin'],
    ]);
    const small = [await layer([file('var/lib/apt/lists/deb_Packages', big - 1)])];
    expect(computeHints({ layers: small, createdBy: ['RUN x'], layerSizes: [0], flat: flatten(small), rows: null })).toEqual([]);
  });
});
