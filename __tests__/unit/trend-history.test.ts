/**
 * The rolling size history a snapshot carries (src/core/history.ts, the schema, the snapshot reader,
 * the action carrying it forward) and the pictures drawn from it (src/report/trend-chart.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeIO } from '../../__fixtures__/core.js';
import { appendHistory, HISTORY_KEEP, historyPointOf, isoDate, keptHistory, withHistory } from '../../src/core/history.js';
import type { HistoryPoint, Snapshot } from '../../src/core/snapshot.js';
import { compareImages } from '../../src/engine.js';
import type { RunnerContext } from '../../src/github/context.js';
import { run, snapshotWithHistory } from '../../src/main.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { sizeBar, trendChartMarkdown, trendMermaid, trendPoints } from '../../src/report/trend-chart.js';
import { parseReportJson } from '../../src/schema/layerdiff-json.js';
import { parseSnapshotJson } from '../../src/sources/snapshot-file.js';
import { MB, report, typicalBase, typicalHead } from './report-fixtures.js';
import { HOSTILE_STRINGS, poison, richReport } from './report-hostile.js';

const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(20);
const point = (n: number, size = 100 * MB + n * MB): HistoryPoint => ({
  commit: sha(n),
  date: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000Z`,
  size,
  compressedSize: Math.round(size / 3),
  layers: 7,
});
const history = (count: number) => Array.from({ length: count }, (_, i) => point(i + 1));

function withBaseHistory(points: unknown[]): ReturnType<typeof report> {
  const r = report(typicalBase, typicalHead);
  return { ...r, base: { ...(r.base as Snapshot), history: points as HistoryPoint[] } };
}

describe('history arithmetic (src/core/history.ts)', () => {
  it('appends a point last and keeps the last 30', () => {
    const long = appendHistory(history(30), point(99));
    expect(long).toHaveLength(HISTORY_KEEP);
    expect(long[0]?.commit).toBe(sha(2));
    expect(long.at(-1)?.commit).toBe(sha(99));
    expect(appendHistory(undefined, point(1))).toEqual([point(1)]);
  });

  it('a re-run of a commit replaces its point instead of plotting it twice', () => {
    const again = appendHistory(history(3), { ...point(2), size: 5 });
    expect(again.map((p) => p.commit)).toEqual([sha(1), sha(3), sha(2)]);
    expect(again.at(-1)?.size).toBe(5);
  });

  it('does not write to the history it was given', () => {
    const given = Object.freeze(history(2).map((p) => Object.freeze(p)));
    expect(() => appendHistory(given, point(3))).not.toThrow();
    expect(given).toHaveLength(2);
  });

  it('a point is the snapshot totals and layer count', () => {
    const p = historyPointOf(typicalHead, sha(7), '2026-12-01T00:00:00.000Z');
    expect(p).toEqual({
      commit: sha(7),
      date: '2026-12-01T00:00:00.000Z',
      size: typicalHead.totals.size,
      compressedSize: typicalHead.totals.compressedSize,
      layers: typicalHead.layers.length,
    });
  });

  it('reads ISO dates with a zone and writes them in UTC; refuses the rest', () => {
    expect(isoDate('2019-05-15T15:20:30-05:00')).toBe('2019-05-15T20:20:30.000Z');
    expect(isoDate('2026-12-01T08:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
    for (const bad of ['2026-12-01', '2026-12-01T08:00', '2026-12-01 08:00:00Z', '2026-13-45T99:99:99Z', 'yesterday', '2026-12-01T08:00:00Z\n']) {
      expect(isoDate(bad), bad).toBeNull();
    }
  });

  it('withHistory sets, replaces or drops the field', () => {
    expect(withHistory(typicalHead, history(2)).history).toHaveLength(2);
    expect('history' in withHistory({ ...typicalHead, history: history(2) }, [])).toBe(false);
    expect(keptHistory(history(40))).toHaveLength(30);
  });
});

describe('history in snapshot files (schemas/snapshot.schema.json)', () => {
  const file = (h: unknown) => JSON.stringify({ ...typicalBase, history: h });

  it('reads a history back, the last 30 of up to 100 points', () => {
    expect(parseSnapshotJson(file(history(3)), 'snapshot:x').history).toEqual(history(3));
    const read = parseSnapshotJson(file(history(100)), 'snapshot:x').history;
    expect(read).toHaveLength(30);
    expect(read?.[0]).toEqual(point(71));
    expect('history' in parseSnapshotJson(JSON.stringify(typicalBase), 'snapshot:x')).toBe(false);
  });

  it.each([
    ['more than 100 points', history(101)],
    ['an abbreviated commit', [{ ...point(1), commit: 'abc1234' }]],
    ['an uppercase commit', [{ ...point(1), commit: 'AB'.repeat(20) }]],
    ['a commit that is Mermaid syntax', [{ ...point(1), commit: `${sha(1).slice(0, 38)}"]` }]],
    ['a date without a zone', [{ ...point(1), date: '2026-12-01T10:00:00' }]],
    ['a date with a line break', [{ ...point(1), date: '2026-12-01T10:00:00Z\nclick x' }]],
    ['a negative size', [{ ...point(1), size: -1 }]],
    ['a fractional size', [{ ...point(1), size: 1.5 }]],
    ['a size as text', [{ ...point(1), size: '100' }]],
    ['a missing layer count', [{ commit: sha(1), date: point(1).date, size: 1, compressedSize: null }]],
    ['not an array', { 0: point(1) }],
  ])('refuses a history with %s (hostile)', (_, h) => {
    expect(() => parseSnapshotJson(file(h), 'snapshot:x')).toThrow(/snapshot:x/);
  });

  it('a report file validates the base history too', () => {
    const good = withBaseHistory(history(3));
    expect(parseReportJson(renderJson(good), 'report: r').base?.history).toHaveLength(3);
    const bad = withBaseHistory([{ ...point(1), commit: 'not-a-sha' }]);
    expect(() => parseReportJson(renderJson(bad), 'report: r')).toThrow(/report: r/);
  });
});

describe('the action carries the history forward', () => {
  const context = (over: Partial<RunnerContext>): RunnerContext => ({
    eventName: 'push',
    payload: {},
    repo: null,
    runId: null,
    workflowRef: null,
    ref: 'refs/heads/main',
    sha: sha(42),
    apiUrl: 'http://127.0.0.1:9',
    serverUrl: 'https://github.com',
    tempDir: null,
    ...over,
  });
  const now = new Date('2026-12-01T07:00:00Z');

  it('a push appends its commit, dated by the pushed commit', () => {
    const r = withBaseHistory(history(3));
    const payload = { head_commit: { id: sha(42), timestamp: '2026-11-30T23:00:00+01:00' } };
    const written = snapshotWithHistory(r, context({ payload }), now);
    expect(written.history?.map((p) => p.commit)).toEqual([sha(1), sha(2), sha(3), sha(42)]);
    expect(written.history?.at(-1)).toEqual({
      commit: sha(42),
      date: '2026-11-30T22:00:00.000Z',
      size: typicalHead.totals.size,
      compressedSize: typicalHead.totals.compressedSize,
      layers: typicalHead.layers.length,
    });
    // The report itself is left as it was.
    expect(r.head.history).toBeUndefined();
  });

  it('dates by now when the event names another commit or no date', () => {
    const r = withBaseHistory(history(1));
    for (const payload of [{}, { head_commit: { id: sha(1), timestamp: '2020-01-01T00:00:00Z' } }, { head_commit: { id: sha(42), timestamp: 'soon' } }]) {
      expect(snapshotWithHistory(r, context({ payload }), now).history?.at(-1)?.date).toBe(now.toISOString());
    }
  });

  it('starts a history when the base had none (a registry base, a first run)', () => {
    expect(snapshotWithHistory(report(typicalBase, typicalHead), context({}), now).history).toHaveLength(1);
    expect(snapshotWithHistory(report(null, typicalHead), context({}), now).history).toHaveLength(1);
  });

  it('keeps the last 30 points', () => {
    const written = snapshotWithHistory(withBaseHistory(history(30)), context({}), now);
    expect(written.history).toHaveLength(30);
    expect(written.history?.at(-1)?.commit).toBe(sha(42));
  });

  it.each([
    ['a pull request', { eventName: 'pull_request', ref: 'refs/pull/7/merge' }],
    ['a workflow_run', { eventName: 'workflow_run' }],
    ['a tag', { ref: 'refs/tags/v1' }],
    ['no commit', { sha: null }],
    ['a commit that is not hex', { sha: 'HEAD' }],
  ])('%s carries the base history unchanged', (_, over) => {
    const written = snapshotWithHistory(withBaseHistory(history(3)), context(over), now);
    expect(written.history).toEqual(history(3));
  });

  describe('through run() with a snapshot base', () => {
    let temp = '';
    beforeEach(async () => {
      temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-history-'));
    });
    afterEach(async () => {
      await rm(temp, { recursive: true, force: true });
    });

    it('writes snapshot-path with the base snapshot history and this commit (no API client, no download)', async () => {
      const base = path.join(temp, 'base.json');
      const head = path.join(temp, 'head.json');
      const out = path.join(temp, 'out', 'snapshot.json');
      await writeFile(base, JSON.stringify({ ...typicalBase, history: history(5) }));
      await writeFile(head, JSON.stringify(typicalHead));
      const io = fakeIO({ image: `snapshot:${head}`, 'base-snapshot': base, 'snapshot-path': out, comment: 'never' });
      await run({
        io,
        context: context({ tempDir: temp, payload: { head_commit: { id: sha(42), timestamp: '2026-11-30T12:00:00Z' } } }),
        engine: { compareImages, renderMarkdown, renderJson },
        createClient: () => {
          throw new Error('no API client expected');
        },
        downloadArtifact: async () => {
          throw new Error('no download expected');
        },
        sleep: async () => {},
      });
      expect(io.failed).toEqual([]);
      const written = parseSnapshotJson(await readFile(out), 'out');
      expect(written.history?.map((p) => p.commit)).toEqual([...history(5).map((p) => p.commit), sha(42)]);
      expect(written.history?.at(-1)?.date).toBe('2026-11-30T12:00:00.000Z');
      // The job summary carries the chart: 5 base points and this run.
      expect(io.summary.join('\n')).toContain('```mermaid\n%%{init');
    });
  });
});

describe('the trend chart (src/report/trend-chart.ts)', () => {
  it('needs three points: two history points and this PR', () => {
    expect(trendMermaid(withBaseHistory(history(1)))).toBeNull();
    expect(trendMermaid(report(typicalBase, typicalHead))).toBeNull();
    expect(trendMermaid(report(null, typicalHead))).toBeNull();
    expect(trendPoints(withBaseHistory(history(2))).map((p) => p.label)).toEqual([sha(1).slice(0, 7), sha(2).slice(0, 7), 'PR']);
  });

  it('plots the last 29 history points and this PR, in MB from 0', () => {
    const chart = trendMermaid(withBaseHistory(history(40))) ?? '';
    expect(chart).toMatchInlineSnapshot(`
      "%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#9ec5f0, #1f6feb"}}}}%%
      xychart-beta
        title "Image size: last 29 base-branch builds and this PR"
        x-axis ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "PR"]
        y-axis "Uncompressed size (MB)" 0 --> 400
        bar [112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 319.3]
        line [112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 319.3]"
    `);
  });

  it('picks the unit of the largest point and keeps four significant digits', () => {
    const tiny = { ...withBaseHistory([point(1, 900), point(2, 950)]) };
    const small = { ...tiny, totals: { ...tiny.totals, head: { ...tiny.totals.head, size: 999 } } };
    expect(trendMermaid(small)).toContain('y-axis "Uncompressed size (B)" 0 --> 1200');
    expect(trendMermaid(small)).toContain('line [900, 950, 999]');
    const big = withBaseHistory([point(1, 5_234_567_890), point(2, 5_300_000_000)]);
    expect(trendMermaid(big)).toMatch(/y-axis "Uncompressed size \(GB\)" 0 --> 6\n/);
    expect(trendMermaid(big)).toContain('line [5.235, 5.3, 0.319]');
  });

  it('gives commits that share 7 characters longer names', () => {
    const a = `abcdef0${'1'.repeat(33)}`;
    const b = `abcdef0${'2'.repeat(33)}`;
    const labels = trendPoints(
      withBaseHistory([
        { ...point(1), commit: a },
        { ...point(2), commit: b },
      ]),
    ).map((p) => p.label);
    expect(labels).toEqual(['abcdef01', 'abcdef02', 'PR']);
  });

  it.each([
    ['a commit with Mermaid syntax', { commit: `${sha(1).slice(0, 30)}"] click call` }],
    ['an abbreviated commit', { commit: 'abc1234' }],
    ['a size as text', { size: '100]\n  line [1' }],
    ['a NaN size', { size: Number.NaN }],
    ['an infinite size', { size: Number.POSITIVE_INFINITY }],
    ['a negative size', { size: -5 }],
    ['no object', null],
  ])('drops a point with %s (hostile: a report that skipped validation)', (_, bad) => {
    const forged = withBaseHistory([bad === null ? null : { ...point(1), ...bad }, point(2), point(3)]);
    expect(trendPoints(forged).map((p) => p.label)).toEqual([sha(2).slice(0, 7), sha(3).slice(0, 7), 'PR']);
    const chart = trendMermaid(forged) ?? '';
    expect(chart).not.toMatch(/click|call|NaN|Infinity|-5/);
    // Only layerdiff's own lines: the directive, the type, title, axes and two series.
    expect(chart.split('\n')).toHaveLength(7);
  });

  it('the section is a fenced mermaid block and one line in words, nothing else foreign', () => {
    const section = trendChartMarkdown(withBaseHistory(history(3))) ?? '';
    expect(section.startsWith('```mermaid\n%%{init')).toBe(true);
    expect(section).toContain(
      '\n```\n\n<sub>Uncompressed size, oldest first: 101\u00a0MB at `0101010`, 103\u00a0MB at `0303030`, 319\u00a0MB in this PR.</sub>',
    );
  });

  it('the comment shows the chart right after the headline', () => {
    const md = renderMarkdown(withBaseHistory(history(4)));
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^### /);
    expect(lines[2]).toBe('```mermaid');
    expect(renderMarkdown(report(typicalBase, typicalHead))).not.toContain('```mermaid');
  });
});

describe('the layer bars', () => {
  it('draws kept, growth and shrink on one scale, a small change still visible', () => {
    expect(sizeBar(10, 20, 20, 10)).toBe('█████▒▒▒▒▒');
    expect(sizeBar(20, 10, 20, 10)).toBe('█████░░░░░');
    expect(sizeBar(0, 20, 20, 10)).toBe('▒▒▒▒▒▒▒▒▒▒');
    expect(sizeBar(20, 0, 20, 10)).toBe('░░░░░░░░░░');
    expect(sizeBar(1000, 1001, 1000, 10)).toBe('██████████▒');
    expect(sizeBar(5, 5, 0, 10)).toBe('');
  });
  // When the bars show (a column of the layer table): __tests__/unit/report-comment-layout.test.ts.
});

describe('a forged history that repeats a commit', () => {
  it('numbers the points instead of drawing two points on one label (hostile)', () => {
    const forged = withBaseHistory([point(1), point(1), point(1)]);
    expect(trendPoints(forged).map((p) => p.label)).toEqual(['1', '2', '3', 'PR']);
  });
});

describe('the Mermaid block holds only layerdiff lines', () => {
  const OWN_LINE =
    /^(%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#9ec5f0, #1f6feb"\}\}\}\}%%|xychart-beta| {2}title "Image size: last \d+ base-branch builds? and this PR"| {2}x-axis \[(?:"[0-9a-f]{7,64}"|"\d+"|"PR")(?:, (?:"[0-9a-f]{7,64}"|"\d+"|"PR"))*\]| {2}y-axis "Uncompressed size \((?:B|kB|MB|GB|TB)\)" 0 --> \d+(?:\.\d+)?| {2}(?:bar|line) \[\d+(?:\.\d+)?(?:, \d+(?:\.\d+)?)*\])$/;
  const blocks = (md: string) => Array.from(md.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm), (m) => m[1] as string);

  it('the sound rich report draws its chart', () => {
    const found = blocks(renderMarkdown(richReport()));
    expect(found).toHaveLength(1);
    for (const line of (found[0] ?? '').split('\n')) expect(line).toMatch(OWN_LINE);
  });

  it.each(HOSTILE_STRINGS.map((s) => [JSON.stringify(s.slice(0, 40)), s]))('with %s in every field (hostile)', (_, value) => {
    for (const variant of ['strings', 'enums', 'numbers'] as const) {
      const md = renderMarkdown(poison(richReport(), value, variant));
      for (const block of blocks(md)) for (const line of block.split('\n')) expect(line, variant).toMatch(OWN_LINE);
      // Exactly one fence pair or none: nothing foreign opened or closed a code block.
      expect(md.split('```mermaid').length - 1, variant).toBeLessThanOrEqual(1);
    }
  });
});
