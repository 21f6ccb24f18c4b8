/**
 * The trend chart as Mermaid itself reads it: every diagram layerdiff writes parses and renders with
 * the `mermaid` package (its browser bundle in headless Chromium: __tests__/helpers/mermaid-check.ts),
 * and a broken one is refused, so the check is not vacuous. The diagrams are taken from the rendered
 * comment, exactly as GitHub receives them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryPoint, Snapshot } from '../../src/core/snapshot.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { checkMermaid, mermaidCheckMissing } from '../helpers/mermaid-check.js';
import { prerequisite } from '../helpers/skip-policy.js';
import { MB, report, typicalBase, typicalHead } from '../unit/report-fixtures.js';

const missing = prerequisite('tools', mermaidCheckMissing());

const sha = (n: number) => createHash('sha1').update(`commit ${n}`).digest('hex');
function historyOf(sizes: readonly number[]): HistoryPoint[] {
  return sizes.map((size, i) => ({
    commit: sha(i + 1),
    date: `2026-11-${String(i + 1).padStart(2, '0')}T12:00:00.000Z`,
    size,
    compressedSize: null,
    layers: 7,
  }));
}

function withHistory(sizes: readonly number[], headSize?: number) {
  const r = report(typicalBase, typicalHead);
  const base = { ...(r.base as Snapshot), history: historyOf(sizes) };
  const totals = headSize === undefined ? r.totals : { ...r.totals, head: { ...r.totals.head, size: headSize } };
  return { ...r, base, totals };
}

/** The ```mermaid blocks of a Markdown body. */
function mermaidBlocks(markdown: string): string[] {
  return Array.from(markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm), (m) => m[1] as string);
}

const cases: Array<[string, ReturnType<typeof withHistory>]> = [
  ['two base builds and the PR (the smallest chart)', withHistory([262 * MB, 273 * MB])],
  ['29 base builds and the PR', withHistory(Array.from({ length: 29 }, (_, i) => 250 * MB + i * 1.7 * MB))],
  ['gigabytes', withHistory([4.2e9, 4.31e9, 4.5e9], 5.05e9)],
  ['bytes', withHistory([120, 128, 512], 0)],
  ['a shrinking image', withHistory([500 * MB, 400 * MB, 300 * MB], 150 * MB)],
];

describe.skipIf(missing !== null)(`the trend chart parses with Mermaid ${missing ?? ''}`, () => {
  it('every chart the comment holds parses and renders; a broken one is refused', async () => {
    const bodies = cases.map(([, r]) => renderMarkdown(r));
    const diagrams = bodies.map((body) => {
      const blocks = mermaidBlocks(body);
      expect(blocks).toHaveLength(1);
      return blocks[0] as string;
    });
    const broken = (diagrams[0] as string).replace(/\]\n/, '\n'); // an x-axis list left open
    const shots = path.join(os.tmpdir(), 'layerdiff-mermaid-shots');
    mkdirSync(shots, { recursive: true });
    const screenshot = path.join(shots, 'trend-charts.png');
    const outcomes = await checkMermaid([...diagrams, broken], { screenshot });

    cases.forEach(([name], k) => {
      const outcome = outcomes[k];
      expect(outcome?.error, name).toBeUndefined();
      expect(outcome?.ok, name).toBe(true);
      expect(outcome?.type, name).toBe('xychart');
      // The title, the PR label and the axis title are drawn; the bars are there.
      expect(outcome?.texts, name).toEqual(
        expect.arrayContaining([expect.stringMatching(/and this PR$/), 'PR', expect.stringMatching(/^Uncompressed size \(/)]),
      );
      expect(outcome?.rects ?? 0, name).toBeGreaterThanOrEqual(3);
    });
    // Short commit names up to 10 points; past that, numbers (names would overlap).
    expect(outcomes[0]?.texts).toEqual(expect.arrayContaining([sha(1).slice(0, 7), sha(2).slice(0, 7)]));
    expect(outcomes[1]?.texts).toEqual(expect.arrayContaining(['1', '29']));
    expect(outcomes.at(-1)?.ok).toBe(false);
    expect(outcomes.at(-1)?.error).toMatch(/Parse error/);
    // A picture to look at (the run's tmp dir); it is not compared, only made.
    expect(existsSync(screenshot) && statSync(screenshot).size > 5000).toBe(true);
  }, 240_000);
});
