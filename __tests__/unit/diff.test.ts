import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/diff/diff.js';
import { instructionKeyword, normaliseCreatedBy } from '../../src/diff/instruction.js';
import { alignSequences } from '../../src/diff/align.js';
import type { LayerRow } from '../../src/core/report.js';
import { snapshot, typicalBase, typicalHead, type LayerSpec } from './report-fixtures.js';

/** Rows as `status base#>head#` (1-based; `-` where absent) for compact expectations. */
function shape(rows: readonly LayerRow[]): string[] {
  return rows.map((r) => `${r.status} ${r.base ? r.base.index + 1 : '-'}>${r.head ? r.head.index + 1 : '-'}`);
}

const L = (id: string, size: number, createdBy: string | null = `RUN make ${id}`): LayerSpec => ({ id, size, createdBy });

describe('normaliseCreatedBy', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["bash"]', 'CMD ["bash"]'],
    ['/bin/sh -c #(nop) ADD file:4f2a8b9c0d1e2f3a4b5c6d7e8f9a0b1c in / ', 'ADD file:… in /'],
    ['/bin/sh -c #(nop) COPY dir:0123456789abcdef0123 in /app ', 'COPY dir:… in /app'],
    ['/bin/sh -c apt-get update &&     apt-get install -y curl', 'RUN apt-get update && apt-get install -y curl'],
    ['RUN /bin/sh -c npm ci # buildkit', 'RUN npm ci'],
    ['RUN |2 A=1 B=two /bin/sh -c make all # buildkit', 'RUN make all'],
    ['|1 NODE_ENV=production /bin/sh -c npm ci', 'RUN npm ci'],
    ['COPY . . # buildkit', 'COPY . .'],
    ['WORKDIR /app', 'WORKDIR /app'],
    ['RUN echo a\n  && echo b', 'RUN echo a && echo b'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseCreatedBy(input)).toBe(expected);
  });

  it('keeps null', () => {
    expect(normaliseCreatedBy(null)).toBeNull();
  });

  it('finds the instruction keyword', () => {
    expect(instructionKeyword('RUN npm ci')).toBe('RUN');
    expect(instructionKeyword('COPY . .')).toBe('COPY');
    expect(instructionKeyword('echo hi')).toBeNull();
    expect(instructionKeyword(null)).toBeNull();
  });
});

describe('alignSequences', () => {
  it('pairs equal items in order and never crosses', () => {
    const pairs = alignSequences(['a', 'b', 'c'], ['a', 'x', 'c'], (l, r) => (l === r ? 1 : 0));
    expect(pairs).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });
  it('falls back to a linear walk on huge inputs, still in order and skipping insertions', () => {
    const left = ['a', 'b', 'c', 'd'];
    const right = ['a', 'x', 'b', 'c', 'y', 'd'];
    const same = (l: string, r: string) => (l === r ? 1 : 0);
    const expected = [
      [0, 0],
      [1, 2],
      [2, 3],
      [3, 5],
    ];
    expect(alignSequences(left, right, same)).toEqual(expected);
    expect(alignSequences(left, right, same, { maxCells: 1 })).toEqual(expected);
  });

  it('aligns thousands of layers quickly', () => {
    const left = Array.from({ length: 5000 }, (_, i) => `RUN step ${i}`);
    const right = Array.from({ length: 5000 }, (_, i) => `RUN step ${i < 2500 ? i : i - 1}`);
    const pairs = alignSequences(left, right, (l, r) => (l === r ? 1 : 0));
    expect(pairs.length).toBe(4999);
  });

  it('returns nothing for empty inputs', () => {
    expect(alignSequences([], ['a'], () => 1)).toEqual([]);
    expect(alignSequences(['a'], [], () => 1)).toEqual([]);
  });
});

describe('diffSnapshots', () => {
  it('an inserted layer in the middle does not shift later rows', () => {
    const base = snapshot('b', [L('a', 10), L('b', 20), L('c', 30), L('d', 40)]);
    const head = snapshot('h', [L('a', 10), L('b', 20), L('new', 5, 'COPY extra /x'), L('c', 30), L('d', 40)]);
    const { layers, totals, cacheHit } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'unchanged 2>2', 'added ->3', 'unchanged 3>4', 'unchanged 4>5']);
    expect(totals.delta.size).toBe(5);
    expect(cacheHit?.layers).toEqual({ hit: 4, total: 5, ratio: 0.8 });
    expect(cacheHit?.bytes).toEqual({ hit: 100, total: 105, ratio: 100 / 105 });
  });

  it('an inserted layer before changed layers keeps each changed layer with its own instruction', () => {
    // Every layer after the insertion is rebuilt (new diffIds): alignment by history, not index.
    const base = snapshot('b', [
      L('os', 100, 'ADD file:aa11bb22cc33dd44ee55 in /'),
      L('apt', 50, 'RUN apt-get install -y curl'),
      L('src', 5, 'COPY . /app'),
      L('build', 20, 'RUN make'),
    ]);
    const head = snapshot('h', [
      L('os', 100, 'ADD file:aa11bb22cc33dd44ee55 in /'),
      L('env', 0, 'ENV A=1'),
      L('apt2', 51, 'RUN apt-get install -y curl'),
      L('src2', 6, 'COPY . /app'),
      L('build2', 21, 'RUN make'),
    ]);
    const { layers } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'added ->2', 'changed 2>3', 'changed 3>4', 'changed 4>5']);
    expect(layers.map((r) => r.delta.size)).toEqual([0, 0, 1, 1, 1]);
  });

  it('a reordered instruction (same diffId, moved) is unchanged and a cache hit', () => {
    const base = snapshot('b', [L('a', 10), L('b', 20), L('c', 30)]);
    const head = snapshot('h', [L('a', 10), L('c', 30), L('b', 20)]);
    const { layers, cacheHit } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'unchanged 3>2', 'unchanged 2>3']);
    expect(layers.every((r) => r.delta.size === 0)).toBe(true);
    expect(cacheHit?.layers.ratio).toBe(1);
    expect(cacheHit?.bytes.ratio).toBe(1);
  });

  it('a changed middle layer is one changed row with both sides and its deltas', () => {
    const base = snapshot('b', [L('a', 10), { id: 'b', size: 20, compressed: 8, createdBy: 'RUN make b' }, L('c', 30)]);
    const head = snapshot('h', [L('a', 10), { id: 'b2', size: 25, compressed: 9, createdBy: 'RUN make b' }, L('c', 30)]);
    const { layers, totals, cacheHit } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'changed 2>2', 'unchanged 3>3']);
    expect(layers[1]?.delta).toEqual({ size: 5, compressedSize: 1 });
    expect(totals.delta.size).toBe(5);
    expect(cacheHit?.layers).toEqual({ hit: 2, total: 3, ratio: 2 / 3 });
    expect(cacheHit?.bytes).toEqual({ hit: 40, total: 65, ratio: 40 / 65 });
  });

  it('a removed last layer is a removed row at the end', () => {
    const base = snapshot('b', [L('a', 10), L('b', 20), L('c', 30)]);
    const head = snapshot('h', [L('a', 10), L('b', 20)]);
    const { layers, totals } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'unchanged 2>2', 'removed 3>-']);
    expect(layers[2]?.delta).toEqual({ size: -30, compressedSize: -10 });
    expect(totals.delta.size).toBe(-30);
  });

  it('a removed middle layer stays where it stood', () => {
    const base = snapshot('b', [L('a', 10), L('gone', 20, 'COPY gone /gone'), L('c', 30)]);
    const head = snapshot('h', [L('a', 10), L('c', 30)]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'removed 2>-', 'unchanged 3>2']);
  });

  it('a removed first layer comes first', () => {
    const base = snapshot('b', [L('gone', 20, 'COPY gone /gone'), L('a', 10)]);
    const head = snapshot('h', [L('a', 10)]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['removed 1>-', 'unchanged 2>1']);
  });

  it('different instructions are removed + added, not changed', () => {
    const base = snapshot('b', [L('a', 10), L('x', 20, 'COPY x /x')]);
    const head = snapshot('h', [L('a', 10), L('y', 20, 'ENV Y=1')]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'removed 2>-', 'added ->2']);
  });

  it('same keyword, different arguments is changed; exact instruction wins over keyword', () => {
    const base = snapshot('b', [L('r1', 10, 'RUN apt-get install a'), L('r2', 10, 'RUN npm ci')]);
    const head = snapshot('h', [L('r2b', 12, 'RUN npm ci')]);
    // Only one head RUN: it must pair with its own instruction, not the first RUN.
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['removed 1>-', 'changed 2>1']);
  });

  it('duplicate diffIds (empty layers) pair in order as a multiset', () => {
    const empty = (createdBy: string): LayerSpec => ({ id: 'empty', size: 1024, createdBy });
    const base = snapshot('b', [L('a', 10), empty('WORKDIR /a'), L('b', 20), empty('WORKDIR /b')]);
    const head = snapshot('h', [L('a', 10), empty('WORKDIR /a'), L('b', 20), empty('WORKDIR /b'), empty('WORKDIR /c')]);
    const { layers, cacheHit } = diffSnapshots(base, head);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'unchanged 2>2', 'unchanged 3>3', 'unchanged 4>4', 'added ->5']);
    // DESIGN.md: a head layer whose diffId occurs in the base counts as a hit, even the third copy.
    expect(cacheHit?.layers).toEqual({ hit: 5, total: 5, ratio: 1 });
  });

  it('fewer duplicates in the head leave the extra base copy removed', () => {
    const empty: LayerSpec = { id: 'empty', size: 1024, createdBy: 'WORKDIR /a' };
    const base = snapshot('b', [empty, L('a', 10), empty]);
    const head = snapshot('h', [empty, L('a', 10)]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'unchanged 2>2', 'removed 3>-']);
  });

  it('empty images on both sides', () => {
    const { layers, totals, cacheHit } = diffSnapshots(snapshot('b', []), snapshot('h', []));
    expect(layers).toEqual([]);
    expect(totals.delta).toEqual({ size: 0, compressedSize: 0, contentSize: 0 });
    // Nothing to pull: everything the head needs is reused.
    expect(cacheHit).toEqual({ layers: { hit: 0, total: 0, ratio: 1 }, bytes: { hit: 0, total: 0, ratio: 1 } });
  });

  it('an empty head removes every base layer', () => {
    const { layers, cacheHit, totals } = diffSnapshots(snapshot('b', [L('a', 10), L('b', 20)]), snapshot('h', []));
    expect(shape(layers)).toEqual(['removed 1>-', 'removed 2>-']);
    expect(totals.delta.size).toBe(-30);
    expect(cacheHit?.bytes.ratio).toBe(1);
  });

  it('an empty base makes every head layer added, with a zero cache hit', () => {
    const { layers, cacheHit } = diffSnapshots(snapshot('b', []), snapshot('h', [L('a', 10)]));
    expect(shape(layers)).toEqual(['added ->1']);
    expect(cacheHit).toEqual({ layers: { hit: 0, total: 1, ratio: 0 }, bytes: { hit: 0, total: 10, ratio: 0 } });
  });

  it('no base: every layer added, totals base null, no cache-hit figure', () => {
    const head = snapshot('h', [L('a', 10), { id: 'b', size: 20, compressed: null }]);
    const { layers, totals, cacheHit } = diffSnapshots(null, head);
    expect(shape(layers)).toEqual(['added ->1', 'added ->2']);
    expect(layers[1]?.delta).toEqual({ size: 20, compressedSize: null });
    expect(totals.base).toBeNull();
    expect(totals.head).toEqual(head.totals);
    expect(totals.delta.size).toBe(30);
    expect(totals.delta.compressedSize).toBeNull();
    expect(cacheHit).toBeNull();
  });

  it('history null everywhere still aligns changed layers between the same neighbours', () => {
    const base = snapshot('b', [L('a', 10, null), L('b', 20, null), L('c', 30, null)]);
    const head = snapshot('h', [L('a', 10, null), L('b2', 22, null), L('c', 30, null), L('d', 5, null)]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'changed 2>2', 'unchanged 3>3', 'added ->4']);
  });

  it('history null everywhere: an inserted layer pairs the changed one by neighbours and size', () => {
    const base = snapshot('b', [L('a', 10, null), L('b', 2000, null), L('c', 30, null)]);
    const head = snapshot('h', [L('a', 10, null), L('x', 5, null), L('b2', 2100, null), L('c', 30, null)]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'added ->2', 'changed 2>3', 'unchanged 3>4']);
  });

  it('a known instruction never pairs with an unknown one', () => {
    const base = snapshot('b', [L('a', 10, null)]);
    const head = snapshot('h', [L('b', 10, 'RUN x')]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['removed 1>-', 'added ->1']);
  });

  it('unchanged layers recompressed differently keep a size delta of 0 and report the compressed difference', () => {
    const base = snapshot('b', [{ id: 'a', size: 100, compressed: 40 }]);
    const head = snapshot('h', [{ id: 'a', size: 100, compressed: 35 }]);
    const [row] = diffSnapshots(base, head).layers;
    expect(row?.status).toBe('unchanged');
    expect(row?.delta).toEqual({ size: 0, compressedSize: -5 });
  });

  it('compressed deltas are null when either side is unknown', () => {
    const base = snapshot('b', [{ id: 'a', size: 100, compressed: null, createdBy: 'RUN a' }]);
    const head = snapshot('h', [{ id: 'b', size: 120, compressed: 50, createdBy: 'RUN a' }]);
    const { layers, totals } = diffSnapshots(base, head);
    expect(layers[0]?.delta).toEqual({ size: 20, compressedSize: null });
    expect(totals.delta.compressedSize).toBeNull();
  });

  it('the typical pair: rebuilt layers align with their instructions, the added COPY sits in place', () => {
    const { layers, cacheHit } = diffSnapshots(typicalBase, typicalHead);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'unchanged 2>2', 'changed 3>3', 'unchanged 4>4', 'changed 5>5', 'changed 6>6', 'added ->7', 'changed 7>8']);
    expect(cacheHit?.layers.hit).toBe(3);
  });

  it('every base and head layer appears exactly once', () => {
    // A scrambled pair with duplicates, moves, nulls and mixed instructions.
    const base = snapshot('b', [L('a', 1), L('e', 0, 'ENV A'), L('b', 2, null), L('c', 3, 'COPY c'), L('e', 0, 'ENV A'), L('d', 4)]);
    const head = snapshot('h', [L('d', 4), L('x', 9, 'COPY c2'), L('e', 0, 'ENV A'), L('y', 7, null), L('a', 1), L('z', 1, 'LABEL z')]);
    const { layers } = diffSnapshots(base, head);
    const baseSeen = layers.flatMap((r) => (r.base ? [r.base.index] : [])).sort();
    const headSeen = layers.flatMap((r) => (r.head ? [r.head.index] : []));
    expect(baseSeen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(headSeen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
