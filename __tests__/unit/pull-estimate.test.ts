/**
 * The pure half of `--estimate-pull`: which head layers a pull fetches, the per-row figures, the
 * total, and its wording (always labelled an estimate when anything was estimated).
 */
import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/engine.js';
import { layersToPull, withPullEstimates } from '../../src/diff/pull-total.js';
import { pullEstimateCell, pullEstimateMarkdownLine, pullEstimateTextLine, pullSizeText } from '../../src/report/pull-text.js';
import { getInputs } from '../../src/inputs.js';
import { runCli } from '../helpers/cli-io.js';
import { digestOf, MB, snapshot } from './report-fixtures.js';

// Base: a, b. Head: a (reused), b2 (changed, stored uncompressed), c (added, uncompressed), c again
// (the same diff_id twice: one blob to pull), d (added, stored gzip).
const base = snapshot('base.tar', [
  { id: 'a', size: 10 * MB, compressed: null },
  { id: 'b', size: 5 * MB, compressed: null, createdBy: 'RUN make' },
]);
const head = snapshot('head.tar', [
  { id: 'a', size: 10 * MB, compressed: null },
  { id: 'b2', size: 6 * MB, compressed: null, createdBy: 'RUN make' },
  { id: 'c', size: 3 * MB, compressed: null },
  { id: 'c', size: 3 * MB, compressed: null },
  { id: 'd', size: 2 * MB, compressed: 700_000 },
]);
const sizes = new Map([
  [digestOf('b2'), 2_000_000],
  [digestOf('c'), 1_000_000],
]);

describe('pull estimate figures', () => {
  it('pulls the distinct head layers the base lacks, in head order', () => {
    expect(layersToPull(base, head)).toEqual([digestOf('b2'), digestOf('c'), digestOf('d')]);
    expect(layersToPull(null, head)).toEqual([digestOf('a'), digestOf('b2'), digestOf('c'), digestOf('d')]);
  });

  it('puts the estimate on changed and added rows only and counts each blob once in the total', () => {
    const report = assembleReport({ base, head, pull: { level: 6, sizes } });
    const byStatus = report.layers.map((r) => [r.status, r.pullSizeEstimate]);
    expect(byStatus).toEqual([
      ['unchanged', undefined],
      ['changed', 2_000_000],
      ['added', 1_000_000],
      ['added', 1_000_000],
      ['added', undefined],
    ]);
    expect(report.pullEstimate).toEqual({ compression: 'gzip', level: 6, layers: 3, estimatedLayers: 2, bytes: 3_700_000, uncompressedBytes: 11 * MB });
    expect(pullEstimateMarkdownLine(report)).toBe(
      '**Pull:** ≈ 3.7 MB (estimate, gzip -6) for 3 layers the base lacks, 11 MB uncompressed; 2 estimated, the rest at their stored compressed size',
    );
    expect(pullEstimateTextLine(report)).toBe(
      'Pull: ≈ 3.7 MB (estimate, gzip -6) for 3 layers the base lacks, 11 MB uncompressed; 2 estimated, the rest at their stored compressed size',
    );
    expect(pullEstimateCell(report.layers[1]!)).toBe('≈ 2 MB');
    expect(pullEstimateCell(report.layers[0]!)).toBe('');
  });

  it('gives no total when a layer to pull has neither an estimate nor a stored compressed size', () => {
    const { pullEstimate } = withPullEstimates([], base, head, { level: 6, sizes: new Map([[digestOf('b2'), 1]]) });
    expect(pullEstimate).toBeNull();
    expect(assembleReport({ base, head, pull: { level: 6, sizes: new Map() } }).pullEstimate).toBeUndefined();
  });

  it('leaves the report as it was without the option', () => {
    const report = assembleReport({ base, head });
    expect(report.pullEstimate).toBeUndefined();
    expect(report.layers.some((r) => 'pullSizeEstimate' in r)).toBe(false);
    expect(pullEstimateMarkdownLine(report)).toBeNull();
  });

  it('words a total with nothing estimated as stored sizes, and a first run as the whole image', () => {
    expect(pullSizeText({ compression: 'gzip', level: 6, layers: 1, estimatedLayers: 0, bytes: 700_000, uncompressedBytes: 2 * MB })).toBe(
      '700 kB pull (stored compressed sizes)',
    );
    expect(pullSizeText({ compression: 'gzip', level: 6, layers: 2, estimatedLayers: 2, bytes: 41_000_000, uncompressedBytes: 120 * MB })).toBe(
      '≈ 41 MB pull (estimate, gzip -6)',
    );
    const first = assembleReport({ base: null, head, pull: { level: 6, sizes: new Map([...sizes, [digestOf('a'), 4_000_000]]) } });
    expect(pullEstimateTextLine(first)).toBe(
      'Pull: ≈ 7.7 MB (estimate, gzip -6) for 4 layers (no base: the whole image), 21 MB uncompressed; 3 estimated, the rest at their stored compressed size',
    );
  });
});

describe('asking for the estimate', () => {
  const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

  it('reads the estimate-pull input as a boolean, off by default, and refuses it beside report', () => {
    const on = getInputs(read({ image: 'h.tar', 'estimate-pull': 'true' }));
    expect(on.mode === 'compare' && on.estimatePull).toBe(true);
    const off = getInputs(read({ image: 'h.tar' }));
    expect(off.mode === 'compare' && off.estimatePull).toBe(false);
    expect(() => getInputs(read({ image: 'h.tar', 'estimate-pull': 'yes' }))).toThrow(/^estimate-pull: "yes" is not true or false/);
    expect(() => getInputs(read({ report: 'r.json', 'estimate-pull': 'true' }))).toThrow(/estimate-pull/);
  });

  it('refuses --estimate-pull on inspect and snapshot, with exit 2 and one line', async () => {
    for (const command of ['inspect', 'snapshot']) {
      const result = await runCli(command, '--estimate-pull', 'image.tar');
      expect(result.code).toBe(2);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toContain(`${command} does not estimate pull sizes`);
    }
  });
});
