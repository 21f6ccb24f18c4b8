/**
 * Issue 13, parts 2-3: the merged comment and text. One headline that sums up, a summary table
 * (one row per image × platform, worst first, figures equal to each image's own report), one
 * collapsed section per image, and a body under GitHub's limit that keeps the worst images' detail.
 */
import { describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { multiReportOf, type ImageEntry } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import { formatBytesDelta, formatPercentDelta } from '../../src/report/format.js';
import { growthRatio } from '../../src/core/ratio.js';
import { renderMultiMarkdown } from '../../src/report/multi-markdown.js';
import { renderMultiText } from '../../src/report/multi-text.js';
import { COMMENT_MAX_LENGTH } from '../../src/main.js';
import { multiReportOutputs } from '../../src/github/outputs.js';
import { MB, report, snapshot, typicalBase, typicalHead, type LayerSpec } from './report-fixtures.js';
import { sourceTables, splitRow } from './report-gfm.js';

/** Figures keep their units with a no-break space in the comment. */
const nb = (text: string): string => text.replace(/(\d) ([kMGTP]?B)(?![A-Za-z])/g, '$1\u00a0$2');

/** The summaries of the per-image sections (not the sections inside each report). */
function imageSections(body: string): string[] {
  return [...body.matchAll(/^<details><summary>((?:🔴|🟡|🟢|⚪) .*?)<\/summary>$/gmu)].map((m) => m[1] as string);
}

const growth = parseBudgetLines('max-growth: 5%', 'b');

function leg(name: string, r: Report, platform = r.head.platform): ImageEntry {
  return { name, platform, report: r };
}

/** A base of `n` layers and a head where each grows by `grow` bytes: `n` changed rows. */
function grownPair(tag: string, n: number, grow: number): Report {
  const specs = (g: number): LayerSpec[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${tag}-${i}-${g}`,
      size: 1000 + i + g,
      createdBy: `RUN step ${i} of ${tag} with a long enough instruction text`,
    }));
  return report(snapshot(`registry.example/${tag}:main`, specs(0)), snapshot(`registry.example/${tag}:pr`, specs(grow)), growth);
}

const failing = report(typicalBase, typicalHead, growth); // +46 MB, max-growth fails
const passing = report(typicalBase, typicalBase, growth); // no change
const fresh = report(null, snapshot('registry.example/new:pr', [{ id: 'n1', size: 5 * MB }]));
const armHead = { ...typicalHead, platform: 'linux/arm64' };
const armFailing = report({ ...typicalBase, platform: 'linux/arm64' }, armHead, growth);

describe('renderMultiMarkdown', () => {
  const multi = multiReportOf([
    leg('web', passing),
    leg('api', failing),
    { name: 'worker', platform: '', report: null, error: 'the build failed' },
    leg('api', armFailing),
    leg('new', fresh),
  ]);
  const body = renderMultiMarkdown(multi, { commentKey: 'images' });

  it('sums up in the headline: images over budget, without a report, and the total Δ', () => {
    const lines = body.split('\n');
    expect(lines[0]).toBe('<!-- layerdiff:v1 key=images -->');
    const total = failing.totals.delta.size * 2 + fresh.totals.head.size;
    // One line at PR-conversation width: the longest wording (name, build counts) does not fit here.
    expect(lines[2]).toBe(`### 🔴 1 of 4 images over budget, 1 of 4 without a report · ${nb(formatBytesDelta(total))} total`);
  });

  it('has one summary row per image × platform, worst first, each figure from its own report', () => {
    const [summary] = sourceTables(body);
    const rows = (summary ?? []).slice(2).map((line) => splitRow(line).map((c) => c.trim()));
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ['`api`', '`linux/amd64`', '🔴 fail'],
      ['`api`', '`linux/arm64`', '🔴 fail'],
      ['`worker`', '—', '⚪ no report'],
      ['`new`', '`linux/amd64`', '🟢 pass'],
      ['`web`', '`linux/amd64`', '🟢 pass'],
    ]);
    expect(rows[0]?.[2]).toBe(
      `**${nb(formatBytesDelta(failing.totals.delta.size))}** (${formatPercentDelta(growthRatio(typicalBase.totals.size, typicalHead.totals.size)!)})`,
    );
    expect(rows[0]?.[3]).toBe(nb(formatBytesDelta(failing.totals.delta.compressedSize!)));
    expect(rows[0]?.[4]).toBe(`${Math.round(failing.cacheHit!.bytes.ratio * 100)}% (${failing.cacheHit!.layers.hit}/${failing.cacheHit!.layers.total} layers)`);
    expect(rows[0]?.[6]).toBe('`max-growth`');
    expect(rows[2]?.[6]).toBe('the build failed');
    expect(rows[3]?.[2]).toBe(nb('🆕 5 MB'));
    expect(rows[4]?.[2]).toBe(nb('**0 B** (0%)'));
  });

  it('then one collapsed section per image, in the same order, each holding its own report', () => {
    const summaries = imageSections(body);
    expect(summaries).toEqual([
      `🔴 <code>api</code> · <code>linux/amd64</code> · ${formatBytesDelta(failing.totals.delta.size)}`,
      `🔴 <code>api</code> · <code>linux/arm64</code> · ${formatBytesDelta(failing.totals.delta.size)}`,
      '⚪ <code>worker</code> · no report',
      '🟢 <code>new</code> · <code>linux/amd64</code> · new, 5 MB',
      '🟢 <code>web</code> · <code>linux/amd64</code> · 0 B',
    ]);
    // No second marker inside: the sticky comment has one.
    expect(body.split('<!--').length - 1).toBe(1);
    expect(body).toContain('No report: the build failed');
  });

  it('says when every image is within budget, or has no budget, or no base', () => {
    expect(renderMultiMarkdown(multiReportOf([leg('a', passing), leg('b', passing)])).split('\n')[0]).toBe(
      nb('### 🟢 layerdiff: 2 images within budget · 0 B total'),
    );
    expect(renderMultiMarkdown(multiReportOf([leg('a', fresh)])).split('\n')[0]).toBe(nb('### 🆕 layerdiff: 1 image · 5 MB total (no base)'));
  });

  it('stays under the limit, keeping the worst image detail first and saying which were left out', () => {
    // Each big report alone renders to more than the whole comment may hold.
    const images = [
      leg('small-pass', report(typicalBase, typicalBase, growth)),
      leg('huge-worst', grownPair('huge', 1500, 5_000_000)),
      leg('huge-second', grownPair('second', 1500, 1000)),
      leg('tiny', grownPair('tiny', 3, 10)),
    ];
    const limit = COMMENT_MAX_LENGTH - 100;
    const out = renderMultiMarkdown(multiReportOf(images), { commentKey: 'k', maxLength: limit });
    expect(out.length).toBeLessThanOrEqual(limit);
    // The summary lists every image.
    expect(sourceTables(out)[0]?.length).toBe(2 + images.length);
    // The worst image's detail whole (its own renderer already cut its rows), the second one cut
    // to the room left, the two least severe left out, and a line that says so.
    expect(imageSections(out).map((s) => /<code>(.*?)<\/code>/.exec(s ?? '')?.[1])).toEqual(['huge-worst', 'huge-second']);
    expect(out).toContain(
      "_To stay under GitHub's comment limit, the detail of `huge-second` `linux/amd64` is cut; the detail of 2 less severe images is left out (`tiny` `linux/amd64`, `small-pass` `linux/amd64`). The job summary and the JSON report have every image._",
    );
    // <details> open and close in pairs: nothing was cut open.
    expect(out.split('<details>').length).toBe(out.split('</details>').length);
  });

  it('cuts the summary table to the worst rows when even it does not fit (hostile: 1000 legs)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => leg(`service-${i}`, i % 7 === 0 ? failing : passing));
    const out = renderMultiMarkdown(multiReportOf(many), { commentKey: 'k', maxLength: 20_000 });
    expect(out.length).toBeLessThanOrEqual(20_000);
    const rows = (sourceTables(out)[0] ?? []).slice(2);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((line) => line.includes('🔴 fail'))).toBe(true);
    expect(out).toMatch(/_… \d+ more images less severe \(see the JSON report\)_/);
  });

  it('keeps a tiny cap', () => {
    const out = renderMultiMarkdown(multiReportOf([leg('a', failing)]), { commentKey: 'k', maxLength: 300 });
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.split('\n')[0]).toBe('<!-- layerdiff:v1 key=k -->');
  });
});

describe('renderMultiText', () => {
  it('prints the summing-up line, one aligned row per image, then each report', () => {
    const text = renderMultiText(
      multiReportOf([leg('web', passing), leg('api', failing), { name: 'worker', platform: '', report: null, error: 'the build failed' }]),
      { width: 120 },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(`layerdiff: 1 of 3 images over budget, 1 of 3 without a report; ${formatBytesDelta(failing.totals.delta.size)} total`);
    expect(lines[3]).toMatch(/^IMAGE\s+PLATFORM\s+DELTA\s+PULL DELTA\s+REUSE\s+VERDICT\s+FAILING RULES$/);
    expect(lines[4]).toMatch(/^api\s+linux\/amd64\s+\+46\.\d MB\s+\+\S+ \S+\s+\d+%\s+FAIL\s+max-growth$/);
    expect(lines[5]).toMatch(/^worker\s+-\s+-\s+-\s+-\s+NO REPORT\s+the build failed$/);
    expect(lines[6]).toMatch(/^web\s+linux\/amd64\s+0 B/);
    expect(text).toContain('== api (linux/amd64) ==\nbase: ');
    expect(text).toContain('== worker ==\nno report: the build failed');
    expect(text.trimEnd().endsWith('Verdict: FAIL')).toBe(true);
  });

  it('shows no control character of a name (hostile: ANSI and ::error:: in an image name)', () => {
    const text = renderMultiText(multiReportOf([leg('\u001b[31mred\u001b[0m\n::error::pwned ##[error]x', passing)]));
    // eslint-disable-next-line no-control-regex -- control characters are what the test hunts for
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    expect(text).not.toMatch(/^::/m);
    expect(text).not.toContain('##[');
  });
});

describe('multiReportOutputs', () => {
  it('describe the whole: worst verdict, summed size and Δ, reuse over every image with a base', () => {
    const multi = multiReportOf([leg('api', failing), leg('web', passing), leg('new', fresh), { name: 'worker', platform: '', report: null }]);
    const outputs = multiReportOutputs(multi, '/tmp/r.json', 'body');
    const hit = failing.cacheHit!.bytes.hit + passing.cacheHit!.bytes.hit;
    const total = failing.cacheHit!.bytes.total + passing.cacheHit!.bytes.total;
    expect(outputs).toEqual({
      verdict: 'fail',
      size: String(failing.totals.head.size + passing.totals.head.size + fresh.totals.head.size),
      'size-delta': String(failing.totals.delta.size + fresh.totals.head.size),
      'cache-hit-ratio': String(Math.round((hit / total) * 10_000) / 10_000),
      'report-path': '/tmp/r.json',
      'comment-body': 'body',
    });
    expect(multiReportOutputs(multiReportOf([leg('new', fresh)]), 'p', 'b')).toMatchObject({ verdict: 'pass', 'size-delta': '', 'cache-hit-ratio': '' });
  });
});

describe('a platform gone from the head', () => {
  it('shows no reuse figure ("100% (0/0 layers)" would mean nothing), in the comment and the text', () => {
    const gone = report({ ...typicalBase, platform: 'linux/arm/v7' }, snapshot('registry.example/app:pr', []), growth);
    expect(gone.cacheHit?.layers.total).toBe(0);
    const multi = multiReportOf([{ name: 'app', platform: 'linux/arm/v7', change: 'removed', report: gone }]);
    const rows = sourceTables(renderMultiMarkdown(multi))[0]!
      .slice(2)
      .map((line) => splitRow(line).map((cell) => cell.trim()));
    expect(rows[0]![4]).toBe('—');
    const row = renderMultiText(multi)
      .split('\n')
      .find((line) => line.startsWith('app '));
    expect(row).toMatch(/linux\/arm\/v7 +-\d.* - +PASS/);
  });
});
