import { describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { renderSnapshotText, renderText } from '../../src/report/text.js';
import { report, snapshot, typicalBase, typicalHead } from './report-fixtures.js';

describe('renderText', () => {
  const typical = report(typicalBase, typicalHead, parseBudgetLines('max-growth: 20MB\nwarn-size: 1GB', 'b'));

  it('names the measure, aligns columns and ends with the verdict', () => {
    const text = renderText(typical);
    expect(text).toContain('SIZE: uncompressed layer tar bytes; COMPRESSED: stored (pull) bytes');
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('STATUS'));
    expect(header).toMatch(/^STATUS\s+#\s+BASE SIZE\s+HEAD SIZE\s+DELTA\s+COMPRESSED Δ\s+CREATED BY$/);
    const createdByColumn = header?.indexOf('CREATED BY') ?? -1;
    const rows = lines.filter((l) => /^(unchanged|changed|added|removed) /.test(l));
    expect(rows).toHaveLength(8);
    // Every instruction starts in the same column.
    expect(rows.map((r) => r.slice(createdByColumn).split(' ')[0])).toEqual(['ADD', 'CMD', 'RUN', 'WORKDIR', 'COPY', 'RUN', 'COPY', 'COPY']);
    expect(text).toContain('Total: 273 MB -> 319 MB (+46.3 MB, +17%; compressed +15.4 MB)');
    expect(text).toContain('Cache hit: 3/8 layers reused from the base (38%), 80 MB of 319 MB (25% of bytes)');
    expect(text).toMatch(/FAIL\s+max-growth\s+20MB\s+\+46.3 MB > 20 MB/);
    expect(text.trimEnd().endsWith('Verdict: FAIL')).toBe(true);
    expect(text).toMatchSnapshot();
  });

  it('keeps every line within the width', () => {
    for (const width of [80, 100, 160]) {
      const text = renderText(typical, { width });
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
    }
    expect(renderText(typical, 80)).toBe(renderText(typical, { width: 80 }));
  });

  it('no base', () => {
    const text = renderText(report(null, typicalHead));
    expect(text).toContain('base: (no base image)\nhead: registry.example/app:pr-42 (linux/amd64)');
    expect(text).toContain('Cache hit: no base image (first snapshot)');
    expect(text).toContain('Total: 319 MB uncompressed, 106 MB compressed');
    expect(text).not.toContain('Budgets:');
  });

  it('removed layers and null history', () => {
    const text = renderText(
      report(
        snapshot('b', [
          { id: 'a', size: 10, createdBy: null },
          { id: 'b', size: 20, createdBy: null },
        ]),
        snapshot('h', [{ id: 'a', size: 10, createdBy: null }]),
      ),
    );
    expect(text).toMatch(/removed\s+\(was 2\)\s+20 B\s+-\s+-20 B\s+-7 B\s+\(no history\)/);
  });

  it('empty images', () => {
    expect(renderText(report(snapshot('b', []), snapshot('h', [])))).toContain('(no layers)');
  });

  it('deep scan: files under their layer, waste and hints', () => {
    const r = report(typicalBase, typicalHead);
    const layers = r.layers.map((row) =>
      row.head?.index === 2
        ? {
            ...row,
            files: {
              added: 1,
              removed: 0,
              grown: 0,
              shrunk: 0,
              modified: 0,
              changes: [{ path: '/usr/bin/convert', change: 'added' as const, baseSize: null, headSize: 12_000, delta: 12_000 }],
            },
          }
        : row,
    );
    const text = renderText({
      ...r,
      layers,
      deep: {
        waste: { wastedBytes: 5000, efficiency: 0.99, paths: [{ path: '/tmp/x', wastedBytes: 5000, layers: [1] }] },
        hints: [{ id: 'apt-lists', layerIndex: 2, createdBy: null, bytes: 5000, message: 'clean apt lists in the same RUN' }],
      },
    });
    expect(text).toMatch(/changed\s+3 .*\n\s+\+12 kB\s+added\s+\/usr\/bin\/convert/);
    expect(text).toContain('Wasted space: 5 kB reclaimable, efficiency 99%');
    expect(text).toContain('Hint [layer 3]: 5 kB at stake: 5 kB of apt package lists left in this layer: add `&& rm -rf');
  });
});

describe('renderSnapshotText', () => {
  it('lists layers like docker history', () => {
    const text = renderSnapshotText(typicalHead);
    expect(text).toMatch(/^#\s+SIZE\s+COMPRESSED\s+DIFF ID\s+CREATED BY$/m);
    expect(text).toMatch(/^3\s+52 MB\s+17.3 MB\s+[0-9a-f]{12}\s+RUN apt-get update/m);
    expect(text).toContain('Total: 8 layers, 319 MB uncompressed, 106 MB compressed');
    expect(text).toMatchSnapshot();
  });
  it('uncompressed archives show - for compressed', () => {
    const text = renderSnapshotText(snapshot('p', [{ id: 'a', size: 2048, compressed: null, createdBy: 'COPY a /' }]));
    expect(text).toMatch(/^1\s+2.05 kB\s+-\s+[0-9a-f]{12}\s+COPY a \/$/m);
    expect(text).toContain('Total: 1 layer, 2.05 kB uncompressed');
  });
});
