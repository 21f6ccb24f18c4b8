/**
 * Issue 12's five-second comment after the merge of issues 11-13: the layer bars are a column of
 * the layer table (never a second table above it), the rebuilt-with-identical-content mark is
 * short, package blocks fold past the first two layers in the PR comment, and a merged comment
 * keeps one headline line, draws no chart per image and passes `detail` to each image's report.
 */
import { describe, expect, it } from 'vitest';
import { multiReportOf } from '../../src/core/multi-report.js';
import type { HistoryPoint, Snapshot } from '../../src/core/snapshot.js';
import type { LayerRow, Report } from '../../src/core/report.js';
import { parseBudgetRule } from '../../src/budgets/rules.js';
import { columns, HEADLINE_COLUMNS, renderMarkdown } from '../../src/report/markdown.js';
import { renderMultiMarkdown } from '../../src/report/multi-markdown.js';
import { MB, report, snapshot, typicalBase, typicalHead } from './report-fixtures.js';
import { richReport } from './report-hostile.js';
import { sourceTables } from './report-gfm.js';

const BAR_TITLE = '<sub>▒\u00a0grown ░\u00a0shrunk</sub>';
const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(20);
const withHistory = (r: Report, count: number): Report => ({
  ...r,
  base: {
    ...(r.base as Snapshot),
    history: Array.from({ length: count }, (_, i): HistoryPoint => ({
      commit: sha(i + 1),
      date: `2026-11-0${i + 1}T10:00:00.000Z`,
      size: 270 * MB,
      compressedSize: 90 * MB,
      layers: 7,
    })),
  },
});

describe('the layer bars are the layer table’s last column', () => {
  it('draws one bar per row on one scale, in the layer table itself (no second table)', () => {
    const md = renderMarkdown(report(typicalBase, typicalHead));
    const tables = sourceTables(md);
    const layerTable = tables.find((t) => (t[0] ?? '').includes('| Instruction |') && (t[0] ?? '').includes('| Δ |'));
    expect(layerTable?.[0]?.endsWith(`| ${BAR_TITLE} |`)).toBe(true);
    // Every changed row ends in a bar; the largest layer (176 MB) has the full width.
    const bars = (layerTable ?? []).slice(2).map((row) => /`([█▒░]+)` \|$/.exec(row)?.[1] ?? '');
    expect(bars.every((b) => b.length > 0)).toBe(true);
    expect(Math.max(...bars.map((b) => b.length))).toBe(12);
    expect(tables.filter((t) => (t[0] ?? '').includes('Base → head'))).toHaveLength(0);
  });

  it('draws none for one moved layer, without a base, or past twelve rows', () => {
    const one = snapshot('one', [
      { id: 'a', size: MB },
      { id: 'b', size: 2 * MB },
    ]);
    const oneChanged = snapshot('one2', [
      { id: 'a', size: MB },
      { id: 'c', size: 3 * MB },
    ]);
    expect(renderMarkdown(report(one, oneChanged))).not.toContain(BAR_TITLE);
    expect(renderMarkdown(report(null, typicalHead))).not.toContain(BAR_TITLE);
    const many = (prefix: string, grow: number) => Array.from({ length: 13 }, (_, i) => ({ id: `${prefix}${i}`, size: (i + 1) * MB * grow }));
    expect(renderMarkdown(report(snapshot('b', many('b', 1)), snapshot('h', many('h', 1.1))))).not.toContain(BAR_TITLE);
  });

  it('draws no bar for a size that is not a number, and no NaN scale for the others (hostile: forged report sizes)', () => {
    const r = report(typicalBase, typicalHead);
    const forged = r.layers.map((row, k) => (k === 2 && row.head ? { ...row, head: { ...row.head, size: 'Infinity' as unknown as number } } : row));
    const md = renderMarkdown({ ...r, layers: forged });
    const rows = (sourceTables(md).find((t) => (t[0] ?? '').includes(BAR_TITLE)) ?? []).slice(2);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.filter((row) => row.endsWith('|  |'))).toHaveLength(1);
    expect(md).not.toMatch(/NaN|Infinity/);
  });

  it('draws none when the changed layers kept their sizes (rebuilt layers compare nothing)', () => {
    const base = snapshot('b', [
      { id: 'b1', size: MB },
      { id: 'b2', size: 2 * MB },
    ]);
    const head = snapshot('h', [
      { id: 'h1', size: MB },
      { id: 'h2', size: 2 * MB },
    ]);
    expect(renderMarkdown(report(base, head))).not.toContain(BAR_TITLE);
  });
});

describe('the rebuilt mark and the package blocks read fast', () => {
  it('marks a rebuilt row with a short label in its status cell', () => {
    const r = report(typicalBase, typicalHead);
    const rows: LayerRow[] = r.layers.map((row) =>
      row.status === 'changed' ? { ...row, identicalContent: { differs: ['owner'], reusableBytes: 1000, reusableCompressedBytes: null } } : row,
    );
    const md = renderMarkdown({ ...r, layers: rows });
    const marked = md.split('\n').filter((l) => l.startsWith('| ✏️\u00a0changed<br>🕒\u00a0same\u00a0files |'));
    expect(marked).toHaveLength(rows.filter((row) => row.status === 'changed').length);
  });

  it('opens the first two package blocks in the comment, folds the rest, and opens every one in the job summary', () => {
    const rich = richReport();
    const withPackages = rich.layers.find((row) => row.packages)!;
    const layers = Array.from({ length: 4 }, (_, i) => ({ ...withPackages, head: withPackages.head ? { ...withPackages.head, index: i } : null }));
    const r = { ...rich, layers } as Report;
    const blocks = (md: string) => md.split('\n').filter((l) => /^<details( open)?><summary>Layer /.test(l));
    const comment = blocks(renderMarkdown(r, { detail: 'comment' }));
    expect(comment.map((l) => l.startsWith('<details open>'))).toEqual([true, true, false, false]);
    const full = blocks(renderMarkdown(r, { detail: 'full' }));
    expect(full.every((l) => l.startsWith('<details open>'))).toBe(true);
  });
});

describe('a merged comment', () => {
  const failing = report(typicalBase, typicalHead, [parseBudgetRule('max-growth', '10MB', 'test')]);
  const warning = report(typicalBase, typicalHead, [parseBudgetRule('warn-growth', '10MB', 'test')]);
  const legs = ['api', 'web', 'worker'].flatMap((name) =>
    ['linux/amd64', 'linux/arm64'].map((platform) => ({ name, platform, report: withHistory(failing, 4) })),
  );

  it('keeps its headline on one line at PR-conversation width', () => {
    // Over budget, warned and missing at once, on two platforms: the longest wording there is.
    const mixed = [
      ...['linux/amd64', 'linux/arm64'].map((platform) => ({ name: 'api', platform, report: failing })),
      ...['linux/amd64', 'linux/arm64'].map((platform) => ({ name: 'worker', platform, report: warning })),
      { name: 'web', platform: '', report: null, error: 'the build failed' },
    ];
    const body = renderMultiMarkdown(multiReportOf(mixed), { commentKey: 'k' });
    const headline = body.split('\n')[2] ?? '';
    expect(headline.startsWith('### ')).toBe(true);
    expect(columns(headline.slice(4))).toBeLessThanOrEqual(HEADLINE_COLUMNS);
    expect(headline).not.toMatch(/\d [kMGT]?B/);
  });

  it('draws no trend chart inside an image’s section, though each report has a history', () => {
    expect(renderMarkdown(legs[0]!.report)).toContain('```mermaid');
    expect(renderMultiMarkdown(multiReportOf(legs))).not.toContain('```mermaid');
  });

  it('renders each image’s report with the detail it is asked for (the comment short, the summary full)', () => {
    const many = (prefix: string, grow: number) => Array.from({ length: 40 }, (_, i) => ({ id: `${prefix}${i}`, size: (i + 1) * MB * grow }));
    const big = report(snapshot('b', many('b', 1)), snapshot('h', many('h', 1.1)));
    const multi = multiReportOf([{ name: 'big', platform: 'linux/amd64', report: big }]);
    const links = { run: 'https://github.com/acme/app/actions/runs/1' };
    const comment = renderMultiMarkdown(multi, { detail: 'comment', links });
    const full = renderMultiMarkdown(multi, { detail: 'full', links });
    expect(comment).toContain('_… 25 more layers with smaller changes; every row is in the [job summary](https://github.com/acme/app/actions/runs/1)_');
    expect(full).not.toContain('more layers with smaller changes');
    // The merged comment ends with where the whole is: the run (its job summary), from the built links only.
    expect(comment.trimEnd().endsWith('<sub>layerdiff · [workflow run](https://github.com/acme/app/actions/runs/1)</sub>')).toBe(true);
    expect(renderMultiMarkdown(multi, { links: { run: 'javascript:alert(1)' } })).not.toContain('workflow run](');
  });
});
