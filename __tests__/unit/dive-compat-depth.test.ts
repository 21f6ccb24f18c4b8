/**
 * dive's figures walk each layer's path tree; the walk uses an explicit stack, so the depth of a
 * path never becomes the depth of recursion. Paths are capped at 4096 bytes in a real scan (~2,000
 * levels); this builds a far deeper tree directly to show that no depth overflows the stack.
 */
import { describe, expect, it } from 'vitest';
import { diveFigures } from '../../src/layers/dive-compat.js';
import { EntryKind, LayerIndexBuilder, type LayerIndex } from '../../src/layers/layer-index.js';

function layer(entries: Array<[string, EntryKind, number]>): LayerIndex {
  const builder = new LayerIndexBuilder(false);
  for (const [path, kind, size] of entries) builder.add(path, kind, size, 0o644, 0, 0, null);
  return builder.finish({ tarBytes: 0, storedBytes: 0, compression: 'none' });
}

describe('dive-compatible figures on deep trees', () => {
  it('walks a path 6,000 levels deep without recursion (hostile: a recursive walk overflowed the stack)', () => {
    const depth = 6_000;
    const deepFile = `${'a/'.repeat(depth)}file`;
    const layers = [
      layer([
        ['a', EntryKind.dir, 0],
        [deepFile, EntryKind.file, 10],
      ]),
      // Deleting /a makes dive sum everything under it: a walk of the whole deep subtree.
      layer([['.wh.a', EntryKind.file, 0]]),
      layer([['b', EntryKind.file, 5]]),
    ];
    const figures = diveFigures(layers);
    // Records: the deep file (10), /a by its deletion (10 below it), /b (5); none seen twice.
    expect(figures).toEqual({ efficiency: 1, wastedBytes: 0, userWastedPercent: 0, sizeBytes: 15 });
  });
});
