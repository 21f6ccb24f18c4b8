/**
 * The headline stays on one line at PR-conversation width, measured where it matters: laid out by
 * a real browser (headless Chromium) from cmark-gfm's HTML, with GitHub's heading style (h3: 1.25em,
 * weight 600, GitHub's font stack; github-markdown-css) in a 900 px comment box with 16 px padding.
 * The line count comes from the headline's text rectangles (one distinct bottom per line).
 */
import { spawnSync } from 'node:child_process';
import { HEADLESS_CHROMIUM_FLAGS } from '../../scripts/headless-chromium.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/core/report.js';
import { needTools } from '../helpers/skip-policy.js';
import { gfmHtml } from './report-gfm.js';
import { MB, report, snapshot, typicalBase, typicalHead } from './report-fixtures.js';

const missing = needTools(['chromium', 'cmark-gfm']);

// github-markdown-css's values for the body text and an h3.
const CSS = `
body { margin: 0; }
.comment { box-sizing: border-box; width: 900px; border: 1px solid #d1d9e0; }
.markdown-body { box-sizing: border-box; padding: 16px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"; font-size: 16px; line-height: 1.5; word-wrap: break-word; }
.markdown-body h3 { font-size: 1.25em; font-weight: 600; line-height: 1.25; margin: 24px 0 16px; }
.markdown-body code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 85%; padding: .2em .4em; }
`;

/** Line count of each headline, in one browser run. */
function headlineLines(reports: readonly Report[]): number[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-headline-'));
  try {
    const bodies = reports.map(
      (r) => `<div class="comment"><article class="markdown-body">${gfmHtml(renderMarkdown(r, { detail: 'comment' }).split('\n')[0]!)}</article></div>`,
    );
    const file = path.join(dir, 'page.html');
    writeFileSync(
      file,
      `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>${bodies.join('')}<script>
        const lines = Array.from(document.querySelectorAll('h3'), (h) => {
          const range = document.createRange();
          range.selectNodeContents(h);
          return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.bottom))).size;
        });
        document.body.setAttribute('data-lines', lines.join(','));
      </script></body></html>`,
    );
    const run = spawnSync(
      'chromium',
      [
        ...HEADLESS_CHROMIUM_FLAGS,
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--window-size=900,800',
        '--virtual-time-budget=2000',
        '--dump-dom',
        pathToFileURL(file).href,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const match = /data-lines="([\d,]*)"/.exec(run.stdout ?? '');
    if (!match) throw new Error(`chromium gave no measurement (exit ${run.status}): ${(run.stderr ?? '').slice(-500)}`);
    return match[1]!.split(',').map(Number);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the headline at 900 px', () => {
  it.skipIf(missing !== null)('stays on one line: growth with pull size, many failing and warning rules, no base, shrinking', { timeout: 90_000 }, () => {
    const rules = parseBudgetLines(
      'max-size: 300MB\nmax-compressed-size: 50MB\nmax-growth: 5%\nmax-layer-growth: 1MB\nwarn-layer-growth: 10MB\nwarn-growth: 1%\nmin-cache-hit: 0.9\nwarn-cache-hit: 95%',
      'b',
    );
    const big = snapshot(
      'h',
      Array.from({ length: 120 }, (_, i) => ({ id: `l${i}`, size: 1_234_567_890 + i, createdBy: `RUN step ${i}` })),
    );
    const reports = [
      report(typicalBase, typicalHead, rules),
      report(typicalBase, typicalHead, parseBudgetLines('max-growth: 5%\nwarn-cache-hit: 95%', 'b')),
      report(null, big, rules),
      report(big, typicalHead, rules),
      report(snapshot('b', [{ id: 'a', size: 999 * MB }]), snapshot('h', [{ id: 'b', size: 1_001 * MB }]), rules),
    ];
    expect(headlineLines(reports)).toEqual(reports.map(() => 1));
  });
});
