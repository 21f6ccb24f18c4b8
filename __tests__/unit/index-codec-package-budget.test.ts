/**
 * A deep snapshot's package records over all its layers stay within what a deep scan keeps
 * (`PACKAGE_LIMITS.run` records and listed paths): each layer's records pass their own checks, so
 * only the budget shared by the layers of one snapshot can refuse a snapshot that spreads
 * millions of listed paths over its layers. Found by the fuzzer's reasoning on deep snapshots: six
 * layers of 499,999 listed paths each took 26 s and 362 MB of attribution before this budget.
 */
import { describe, expect, it } from 'vitest';
import { decodeLayerIndex, encodeLayerIndex, FileIndexError, newDecodeBudget, type FileIndexJson } from '../../src/layers/index-codec.js';
import { EntryKind, LayerIndexBuilder } from '../../src/layers/layer-index.js';
import { PACKAGE_LIMITS } from '../../src/layers/packages/record.js';

const BYTES = { tarBytes: 4096, storedBytes: 1000, compression: 'gzip' as const };

function layer(packages: unknown): FileIndexJson {
  const b = new LayerIndexBuilder(true);
  b.add('usr', EntryKind.dir, 0, 0o755, 0, 0, null);
  const json = JSON.parse(JSON.stringify(encodeLayerIndex(b.finish(BYTES)))) as FileIndexJson;
  return { ...json, extra: { packages } };
}

/** One dpkg record listing `n` paths: 1 + n against the budget. */
const listing = (n: number, tag: string) => [
  { manager: 'dpkg', name: `p${tag}`, version: '1', source: `var/lib/dpkg/info/p${tag}.list`, files: Array.from({ length: n }, (_, k) => `${tag}/${k}`) },
];

describe('deep snapshot package budget', () => {
  it('refuses package records past the run budget over all layers (hostile: listed paths spread over layers)', () => {
    const budget = newDecodeBudget();
    const per = 400_000;
    // Each layer alone is within PACKAGE_LIMITS.files (500,000 listed paths): the first two decode.
    expect(per).toBeLessThan(PACKAGE_LIMITS.files);
    decodeLayerIndex(layer(listing(per, 'a')), BYTES, budget, '/layers/0/fileIndex');
    decodeLayerIndex(layer(listing(per, 'b')), BYTES, budget, '/layers/1/fileIndex');
    let error: unknown;
    try {
      decodeLayerIndex(layer(listing(per, 'c')), BYTES, budget, '/layers/2/fileIndex');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileIndexError);
    expect((error as Error).message).toBe(
      `/layers/2/fileIndex/extra/packages: more than ${PACKAGE_LIMITS.run} package records and listed paths over all layers (more than a deep scan keeps)`,
    );
  });

  it('takes records up to the budget exactly, and null records cost nothing', () => {
    const budget = newDecodeBudget();
    const n = PACKAGE_LIMITS.run / 2 - 1;
    decodeLayerIndex(layer(listing(n, 'a')), BYTES, budget, '/layers/0/fileIndex');
    decodeLayerIndex(layer(null), BYTES, budget, '/layers/1/fileIndex');
    const last = decodeLayerIndex(layer(listing(n, 'b')), BYTES, budget, '/layers/2/fileIndex');
    expect(last.packages?.[0]?.files).toHaveLength(n);
    expect(budget.packageCost).toBe(0);
  });
});
