/**
 * Issue 11.2, the pure part: a changed layer rebuilt with the same files (only mtimes, owners or
 * tar header order differ) is told apart from one whose content changed, whatever the header
 * order; the deep analysis marks those rows, sums them and words one hint; the renderers say so.
 * Layers are real tar streams (tests' own tar writer, node-tar headers) read by the real scanner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LayerRow, Report } from '../../src/core/report.js';
import { analyzeDeep, type LayerIndexes } from '../../src/layers/deep.js';
import { compareLayerContent } from '../../src/layers/identical-content.js';
import type { LayerIndex } from '../../src/layers/layer-index.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import { hintText, markdownHintStyle, plainHintStyle, withHintMessages } from '../../src/report/hint-text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { layerRanges, rebuiltRowLines, rebuiltSummaryMarkdown, rebuiltSummaryText } from '../../src/report/rebuilt-text.js';
import { renderText } from '../../src/report/text.js';
import { validateReport } from '../../src/schema/layerdiff-json.js';
import { buildTar, type TarEntrySpec } from '../helpers/tar-builder.js';
import { digestOf, report, snapshot } from './report-fixtures.js';

async function layer(entries: TarEntrySpec[], fingerprint = true): Promise<LayerIndex> {
  const scanner = new LayerScanner({ fingerprint });
  await scanner.write(buildTar(entries));
  return scanner.end();
}

const LATER = new Date(1_700_000_000_000);
const file = (path: string, body: string, extra: Partial<TarEntrySpec> = {}): TarEntrySpec => ({ path, body, ...extra });
const dir = (path: string, extra: Partial<TarEntrySpec> = {}): TarEntrySpec => ({ path, type: 'Directory', ...extra });

/** A small layer as a RUN writes it: a directory, files, a symlink and a hardlink. */
function entries(): TarEntrySpec[] {
  return [
    dir('srv'),
    dir('srv/data'),
    file('srv/data/numbers.txt', '1\n2\n3\n'),
    file('srv/data/run.sh', '#!/bin/sh\necho hi\n', { mode: 0o755 }),
    { path: 'srv/data/latest', type: 'SymbolicLink', linkpath: 'numbers.txt' },
    { path: 'srv/data/hard', type: 'Link', linkpath: 'srv/data/numbers.txt' },
  ];
}
/** The same entries written again by a build that is not reproducible: every mtime is new. */
const retimed = (list: TarEntrySpec[]) => list.map((e) => ({ ...e, mtime: LATER }));

describe('compareLayerContent (issue 11.2)', () => {
  it('new mtimes only: identical, no index-visible metadata named', async () => {
    const base = await layer(entries());
    const head = await layer(retimed(entries()));
    expect(compareLayerContent(base, head)).toEqual({ identical: true, differs: [] });
  });

  it('headers in another order: identical, order named', async () => {
    const base = await layer(entries());
    const head = await layer(retimed(entries()).reverse());
    expect(compareLayerContent(base, head)).toEqual({ identical: true, differs: ['order'] });
    expect(compareLayerContent(head, base)).toEqual({ identical: true, differs: ['order'] });
  });

  it('another uid or gid (a changed --chown): identical, owner named', async () => {
    const base = await layer(entries());
    const uid = await layer(retimed(entries()).map((e) => (e.path === 'srv/data/run.sh' ? { ...e, uid: 1001 } : e)));
    const gid = await layer(entries().map((e) => ({ ...e, gid: 1000 })));
    expect(compareLayerContent(base, uid)).toEqual({ identical: true, differs: ['owner'] });
    expect(compareLayerContent(base, gid)).toEqual({ identical: true, differs: ['owner'] });
    const both = await layer(
      retimed(entries())
        .reverse()
        .map((e) => ({ ...e, uid: 7 })),
    );
    expect(compareLayerContent(base, both)).toEqual({ identical: true, differs: ['owner', 'order'] });
  });

  it('another permission mode is content: NOT identical', async () => {
    const base = await layer(entries());
    const head = await layer(entries().map((e) => (e.path === 'srv/data/run.sh' ? { ...e, mode: 0o700 } : e)));
    expect(compareLayerContent(base, head)).toEqual({ identical: false, reason: 'mode' });
    const dirMode = await layer(entries().map((e) => (e.path === 'srv' ? { ...e, mode: 0o700 } : e)));
    expect(compareLayerContent(base, dirMode)).toEqual({ identical: false, reason: 'mode' });
  });

  it('same size, other bytes: NOT identical, told by the CRC-32 of the content', async () => {
    const base = await layer(entries());
    const head = await layer(entries().map((e) => (e.path === 'srv/data/numbers.txt' ? { ...e, body: '1\n2\n4\n' } : e)));
    expect(base.contentBytes).toBe(head.contentBytes);
    expect(compareLayerContent(base, head)).toEqual({ identical: false, reason: 'content' });
  });

  it('same size, other bytes, but headers reordered: still NOT identical', async () => {
    const base = await layer(entries());
    const head = await layer(
      entries()
        .map((e) => (e.path === 'srv/data/numbers.txt' ? { ...e, body: '1\n2\n4\n' } : e))
        .reverse(),
    );
    expect(compareLayerContent(base, head)).toEqual({ identical: false, reason: 'content' });
  });

  it('a symlink or hardlink pointing elsewhere: NOT identical', async () => {
    const base = await layer(entries());
    const symlink = await layer(entries().map((e) => (e.path === 'srv/data/latest' ? { ...e, linkpath: 'run.sh' } : e)));
    const hardlink = await layer(entries().map((e) => (e.path === 'srv/data/hard' ? { ...e, linkpath: 'srv/data/run.sh' } : e)));
    expect(compareLayerContent(base, symlink)).toEqual({ identical: false, reason: 'link' });
    expect(compareLayerContent(base, hardlink)).toEqual({ identical: false, reason: 'link' });
  });

  it('a file that became a symlink, a renamed, added or grown file: NOT identical', async () => {
    const base = await layer(entries());
    const kind = await layer(entries().map((e) => (e.path === 'srv/data/run.sh' ? { path: e.path, type: 'SymbolicLink' as const, linkpath: 'x' } : e)));
    expect(compareLayerContent(base, kind)).toMatchObject({ identical: false });
    const renamed = await layer(entries().map((e) => (e.path === 'srv/data/run.sh' ? { ...e, path: 'srv/data/run2.sh' } : e)));
    expect(compareLayerContent(base, renamed)).toEqual({ identical: false, reason: 'path' });
    const added = await layer([...entries(), file('srv/extra', '')]);
    expect(compareLayerContent(base, added)).toEqual({ identical: false, reason: 'entries' });
    const grown = await layer(entries().map((e) => (e.path === 'srv/data/numbers.txt' ? { ...e, body: '1\n2\n3\n4\n' } : e)));
    expect(compareLayerContent(base, grown)).toEqual({ identical: false, reason: 'size' });
  });

  it('a path written twice keeps its meaning: the later entry wins, so swapping the two is a change', async () => {
    const twice = [dir('x'), file('x/a', 'one'), file('x/a', 'two')];
    const base = await layer(twice);
    expect(compareLayerContent(base, await layer([file('x/a', 'one'), file('x/a', 'two'), dir('x')]))).toEqual({ identical: true, differs: ['order'] });
    expect(compareLayerContent(base, await layer([file('x/a', 'two'), file('x/a', 'one'), dir('x')]))).toEqual({ identical: false, reason: 'content' });
  });

  it('without content fingerprints nothing is claimed: unknown, not identical', async () => {
    const base = await layer(entries(), false);
    const head = await layer(retimed(entries()), false);
    expect(compareLayerContent(base, head)).toEqual({ identical: false, reason: 'unknown' });
  });

  it('any permutation and any owners of the same files is identical; one changed byte never is (property)', async () => {
    const files = Array.from({ length: 12 }, (_, i) => file(`d/f${i}`, `content ${i} `.repeat(i + 1)));
    const base = await layer([dir('d'), ...files]);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([dir('d'), ...files], { minLength: files.length + 1 }),
        fc.array(fc.nat(65_535), { minLength: files.length + 1, maxLength: files.length + 1 }),
        fc.nat(files.length - 1),
        async (order, uids, victim) => {
          const head = await layer(order.map((e, i) => ({ ...e, uid: uids[i]!, mtime: LATER })));
          expect(compareLayerContent(base, head).identical).toBe(true);
          const flipped = order.map((e) => (e.path === `d/f${victim}` ? { ...e, body: String(e.body).replace(/^c/, 'C') } : e));
          expect(compareLayerContent(base, await layer(flipped))).toEqual({ identical: false, reason: 'content' });
        },
      ),
      { numRuns: 40, seed: 11_2 },
    );
  });
});

describe('analyzeDeep marks changed rows rebuilt with identical content', () => {
  async function scenario(compressed: number | null = 300) {
    const busybox = [dir('bin'), file('bin/busybox', 'x'.repeat(2000), { mode: 0o755 })];
    const data = entries();
    const variant = (v: string) => [dir('srv'), file('srv/variant', `build-${v}\n`)];
    const base = snapshot('base', [
      { id: 'b0', size: 3000, compressed },
      { id: 'b1', size: 6000, compressed },
      { id: 'b2', size: 1536, compressed },
    ]);
    const head = snapshot('head', [
      { id: 'h0', size: 3000, compressed },
      { id: 'h1', size: 6000, compressed },
      { id: 'h2', size: 1536, compressed },
    ]);
    const indexes: LayerIndexes = new Map([
      [digestOf('b0'), await layer(busybox)],
      [digestOf('b1'), await layer(data)],
      [digestOf('b2'), await layer(variant('A'))],
      [digestOf('h0'), await layer(retimed(busybox))],
      [digestOf('h1'), await layer(retimed(data).map((e) => ({ ...e, uid: 1001 })))],
      [digestOf('h2'), await layer(retimed(variant('B')))],
    ]);
    const rows: LayerRow[] = [0, 1, 2].map((i) => ({
      status: 'changed',
      base: base.layers[i]!,
      head: head.layers[i]!,
      delta: { size: 0, compressedSize: compressed === null ? null : 0 },
    }));
    const deepImage = (s: typeof base) => ({ diffIds: s.layers.map((l) => l.diffId), createdBy: s.layers.map((l) => l.createdBy) });
    return { base, head, rows, indexes, deepImage };
  }

  it('marks exactly the timestamp-only and owner-only layers, with their bytes, one hint on the first', async () => {
    const { base, head, rows, indexes, deepImage } = await scenario();
    const figures = analyzeDeep({ head: deepImage(head), base: { ...deepImage(base), readable: true }, rows, indexes });
    expect(figures.rowIdentical).toEqual([
      { reusableBytes: 3000, reusableCompressedBytes: 300, differs: [] },
      { reusableBytes: 6000, reusableCompressedBytes: 300, differs: ['owner'] },
      undefined,
    ]);
    expect(figures.deep.identicalContent).toEqual({ layers: 2, reusableBytes: 9000, reusableCompressedBytes: 600 });
    const hints = figures.deep.hints.filter((h) => h.id === 'reproducible-build');
    expect(hints).toEqual([{ id: 'reproducible-build', layerIndex: 0, createdBy: head.layers[0]!.createdBy, bytes: 9000, count: 2 }]);
    const [worded] = withHintMessages(hints);
    expect(worded!.message).toContain('2 layers were rebuilt with identical content');
    expect(worded!.message).toContain('`SOURCE_DATE_EPOCH`');
    expect(worded!.message).toContain('`rewrite-timestamp=true`');
    expect(worded!.message).toContain('`COPY --chown=uid:gid`');
  });

  it('compressed totals are null when a layer has no compressed size', async () => {
    const { base, head, rows, indexes, deepImage } = await scenario(null);
    const figures = analyzeDeep({ head: deepImage(head), base: { ...deepImage(base), readable: true }, rows, indexes });
    expect(figures.deep.identicalContent).toEqual({ layers: 2, reusableBytes: 9000, reusableCompressedBytes: null });
  });

  it('claims nothing without a scanned base (a snapshot base): no mark, no totals, no hint', async () => {
    const { base, head, rows, indexes, deepImage } = await scenario();
    const figures = analyzeDeep({ head: deepImage(head), base: { ...deepImage(base), readable: false }, rows, indexes });
    expect(figures.rowIdentical).toEqual([undefined, undefined, undefined]);
    expect(figures.deep.identicalContent).toBeUndefined();
    expect(figures.deep.hints.some((h) => h.id === 'reproducible-build')).toBe(false);
  });

  it('a scanned base with no such layer: totals are zero and no hint', async () => {
    const { base, head, rows, indexes, deepImage } = await scenario();
    const figures = analyzeDeep({ head: deepImage(head), base: { ...deepImage(base), readable: true }, rows: rows.slice(2), indexes });
    expect(figures.deep.identicalContent).toEqual({ layers: 0, reusableBytes: 0, reusableCompressedBytes: 0 });
    expect(figures.deep.hints.some((h) => h.id === 'reproducible-build')).toBe(false);
  });
});

describe('rebuilt-text: the mark and the summary', () => {
  const MB = 1_000_000;
  function rebuiltReport(): Report {
    const specs = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: `l${n}`, size: n * 10 * MB, compressed: n * 3 * MB }));
    const base = snapshot('base', specs);
    const head = snapshot(
      'head',
      specs.map((s) => ({ ...s, id: `${s.id}'` })),
    );
    const r = report(base, head);
    const same = new Set([0, 4, 5, 6, 7]);
    const layers = r.layers.map((row) =>
      row.status === 'changed' && same.has(row.head!.index)
        ? {
            ...row,
            identicalContent: {
              reusableBytes: row.head!.size,
              reusableCompressedBytes: row.head!.compressedSize,
              differs: row.head!.index === 6 ? (['owner'] as const).slice() : [],
            },
          }
        : row,
    );
    return { ...r, layers };
  }

  it('layer ranges collapse runs', () => {
    const rows = [4, 0, 5, 6, 7, 2].map((index) => ({ head: { index } }) as LayerRow);
    expect(layerRanges(rows)).toBe('1, 3, 5–8');
  });

  it('markdown: the summary line names layers 1, 5–8 and the bytes a reproducible build would reuse', () => {
    const r = rebuiltReport();
    expect(r.layers.every((row) => row.status === 'changed')).toBe(true);
    // 10 + 50 + 60 + 70 + 80 MB; compressed 3 + 15 + 18 + 21 + 24 MB.
    expect(rebuiltSummaryMarkdown(r)).toBe(
      '🕒 **Layers 1, 5–8 changed only in metadata (owners), the files are identical: 270 MB (81 MB compressed) a reproducible build would reuse.**',
    );
    const md = renderMarkdown(r);
    // A short mark in the status cell (no-break spaces keep each label whole); the summary line explains it.
    const marked = md.split('\n').filter((l) => l.includes('🕒\u00a0same\u00a0files'));
    expect(marked).toHaveLength(5);
    expect(marked.every((l) => l.startsWith('| ✏️\u00a0changed<br>🕒\u00a0same\u00a0files |'))).toBe(true);
    expect(md).toContain('Layers 1, 5–8 changed only in metadata');
  });

  it('text: a line under each marked row and one summary line', () => {
    const r = rebuiltReport();
    expect(rebuiltRowLines(r.layers[6]!)).toEqual(['    rebuilt with identical content (owners differ): 70 MB (21 MB compressed) reusable']);
    expect(rebuiltRowLines(r.layers[1]!)).toEqual([]);
    expect(rebuiltSummaryText(r)).toBe(
      'Rebuilt: layers 1, 5–8 changed only in metadata (owners), the files are identical: 270 MB (81 MB compressed) a reproducible build would reuse',
    );
    const text = renderText(r, { width: 120 });
    expect(text.split('\n').filter((l) => l.startsWith('    rebuilt with identical content'))).toHaveLength(5);
    expect(text).toContain('Rebuilt: layers 1, 5–8');
  });

  it('nothing to say without such rows', () => {
    const r = report(snapshot('b', [{ id: 'a', size: 1 }]), snapshot('h', [{ id: 'b', size: 1 }]));
    expect(rebuiltSummaryMarkdown(r)).toBeNull();
    expect(rebuiltSummaryText(r)).toBeNull();
    expect(renderMarkdown(r)).not.toContain('identical content');
  });

  it('a forged report: unknown differs words and non-numbers are escaped, never raw (hostile: Markdown, mentions, controls)', () => {
    const r = rebuiltReport();
    const evil = '<img src=x onerror=alert(1)> @org/team **x** \u001b[2J\n::error::y';
    const forged = {
      ...r,
      layers: r.layers.map((row) =>
        row.identicalContent ? { ...row, identicalContent: { reusableBytes: 'lots', reusableCompressedBytes: evil, differs: [evil, 42, null] } } : row,
      ),
    } as unknown as Report;
    const md = rebuiltSummaryMarkdown(forged)!;
    expect(md).not.toContain('\n');
    expect(md).toContain('? a reproducible build');
    // The foreign word is one code span (inert on GitHub), its control characters shown as escapes.
    expect(md).toContain('(`<img src=x onerror=alert(1)> @org/team **x** \\u001B[2J\\n::error::y`, `42`, ?)');
    const outsideCode = md
      .split('`')
      .filter((_, i) => i % 2 === 0)
      .join(' ');
    expect(outsideCode).not.toMatch(/[<>@]/);
    const text = rebuiltSummaryText(forged)!;
    const controls = (line: string) => [...line].some((ch) => ch.charCodeAt(0) < 0x20);
    expect(controls(text)).toBe(false);
    for (const row of forged.layers) for (const line of rebuiltRowLines(row)) expect(controls(line)).toBe(false);
  });

  it('the hint words its fixed advice in both styles; a missing count falls back inertly', () => {
    const hint = { id: 'reproducible-build', layerIndex: 0, createdBy: null, bytes: 9000, count: 1 };
    expect(hintText(hint, plainHintStyle)).toMatch(/^1 layer was rebuilt with identical content: only metadata/);
    expect(hintText(hint, markdownHintStyle)).toContain('`SOURCE_DATE_EPOCH`');
    expect(hintText({ ...hint, count: undefined, message: '<b>x</b>' }, markdownHintStyle)).toBe('`reproducible-build`: `<b>x</b>`');
  });
});

describe('the published schema', () => {
  const rebuilt = (identicalContent: unknown, totals: unknown = { layers: 1, reusableBytes: 10, reusableCompressedBytes: null }) => {
    const r = report(snapshot('b', [{ id: 'a', size: 10 }]), snapshot('h', [{ id: 'b', size: 10 }]));
    return {
      ...r,
      layers: r.layers.map((row) => (identicalContent === undefined ? row : { ...row, identicalContent })),
      deep: { waste: { wastedBytes: 0, efficiency: 1, paths: [] }, hints: [], identicalContent: totals },
    };
  };

  it('accepts the fields as layerdiff writes them', () => {
    expect(() => validateReport(rebuilt({ reusableBytes: 10, reusableCompressedBytes: 3, differs: ['owner', 'order'] }), 'r.json')).not.toThrow();
    expect(() => validateReport(rebuilt({ reusableBytes: 10, reusableCompressedBytes: null, differs: [] }), 'r.json')).not.toThrow();
  });

  it('refuses a forged report whose figures are not byte counts (hostile: negative, text, missing)', () => {
    for (const bad of [
      { reusableBytes: -1, reusableCompressedBytes: null, differs: [] },
      { reusableBytes: '10', reusableCompressedBytes: null, differs: [] },
      { reusableBytes: 10, reusableCompressedBytes: null, differs: 'owner' },
      { reusableBytes: 10, reusableCompressedBytes: null },
    ]) {
      expect(() => validateReport(rebuilt(bad), 'r.json'), JSON.stringify(bad)).toThrow(/r\.json/);
    }
    expect(() => validateReport(rebuilt(undefined), 'r.json')).not.toThrow();
    expect(() => validateReport(rebuilt(undefined, { layers: 1, reusableBytes: 1.5, reusableCompressedBytes: null }), 'r.json')).toThrow(/r\.json/);
  });
});
