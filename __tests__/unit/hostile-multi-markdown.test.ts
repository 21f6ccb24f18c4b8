/**
 * Issue 13 with issue 9's rules: a merged comment is built from report files every leg (and, in
 * the fork-safe workflow, a fork) writes, so image names, platforms, the error of a missing leg and
 * every field of each report are foreign. Each hostile string goes into all of them, through the
 * real renderer, then through cmark-gfm (GitHub's renderer, raw HTML kept) and GitHub's link and
 * mention rules applied to the text nodes it produces.
 */
import { describe, expect, it } from 'vitest';
import { multiReportOf, type ImageEntry } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import { renderMultiMarkdown } from '../../src/report/multi-markdown.js';
import { commentMarker } from '../../src/report/markdown.js';
import { gfmHtml, hasCmarkGfm, HIDDEN, htmlTableBodyRows, htmlTags, LINKABLE, linkableText, sourceTables, splitRow } from './report-gfm.js';
import { HOSTILE_STRINGS, poison, richReport } from './report-hostile.js';

const OWN_TAGS = new Set(['h3', 'h4', 'p', 'sub', 'br', 'strong', 'em', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'ul', 'li']);
const KEY = 'images';
const MARKER = commentMarker(KEY);

/** Three legs (one failing budgets, two platforms of one image) and one that left no report, all named by `value`. */
function multiOf(value: string, reportOf: (r: Report) => Report): ReturnType<typeof multiReportOf> {
  const rich = reportOf(richReport());
  const entries: ImageEntry[] = [
    { name: value, platform: value, report: rich },
    { name: value, platform: 'linux/arm64', report: rich },
    { name: `${value}-b`, platform: value, report: reportOf({ ...richReport(), budgets: [], verdict: 'pass' }) },
    { name: value, platform: value, report: null, error: value },
  ];
  return multiReportOf(entries);
}

function label(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value);
}

function expectInert(markdown: string, benign: string): void {
  const html = gfmHtml(markdown);
  const benignHtml = gfmHtml(benign);
  for (const tag of htmlTags(html)) expect(OWN_TAGS.has(tag.name), tag.raw).toBe(true);
  expect(html).not.toMatch(/<a\s/i);
  // Sections nest two deep at most (an image's section holds its report's own), open and close in
  // pairs, as many as with harmless strings.
  for (const name of ['details', 'summary']) {
    let depth = 0;
    for (const tag of htmlTags(html).filter((t) => t.name === name)) {
      depth += tag.closing ? -1 : 1;
      expect(depth >= 0 && depth <= 2, `${name} nesting`).toBe(true);
    }
    expect(depth).toBe(0);
    expect(htmlTags(html).filter((t) => t.name === name)).toHaveLength(htmlTags(benignHtml).filter((t) => t.name === name).length);
  }
  expect(markdown.split('<!--').length - 1, 'raw <!--').toBe(1);
  expect(html.split('<!--').length - 1, 'html <!--').toBe(1);
  expect(html.split('-->').length - 1, 'html -->').toBe(1);
  expect(markdown.split('\n')[0]).toBe(MARKER);
  for (const text of linkableText(html)) {
    for (const [what, pattern] of LINKABLE) expect(pattern.test(text), `${what} in ${JSON.stringify(text.slice(0, 200))}`).toBe(false);
  }
  expect(HIDDEN.test(html.replace(/\n/g, '')), 'hidden character').toBe(false);
  expect(htmlTableBodyRows(html)).toEqual(htmlTableBodyRows(benignHtml));
  for (const lines of sourceTables(markdown)) {
    const width = splitRow(lines[0] ?? '').length;
    for (const line of lines) expect(splitRow(line), line.slice(0, 200)).toHaveLength(width);
  }
}

describe.skipIf(!hasCmarkGfm)(`hostile strings in every foreign field of a merged report ${hasCmarkGfm ? '' : '(cmark-gfm not installed)'}`, () => {
  const benign = renderMultiMarkdown(
    multiOf('benign', (r) => poison(r, 'benign', 'strings')),
    { commentKey: KEY },
  );

  it.each(HOSTILE_STRINGS.map((s) => [label(s), s]))('the merged comment stays inert with %s in names, platforms, errors and reports (hostile)', (_, value) => {
    const body = renderMultiMarkdown(
      multiOf(value, (r) => poison(r, value, 'strings')),
      { commentKey: KEY },
    );
    expect(body.length).toBeLessThanOrEqual(65_000);
    expectInert(body, benign);
  });

  it('a name that forges the marker, closes the section and pings stays one code span (hostile: name from the issue)', () => {
    const name = HOSTILE_STRINGS[0]!;
    const body = renderMultiMarkdown(multiReportOf([{ name, platform: 'linux/amd64', report: richReport() }]), { commentKey: KEY });
    const html = gfmHtml(body);
    expect(html).toContain(
      '<td align="left"><code>x` @someuser cc @org/team fixes #1234 &lt;img src=x onerror=alert(1)&gt; \\u003C!-- layerdiff:default --&gt; &lt;/details&gt;</code></td>',
    );
    expect(body).toContain(
      '<summary>🔴 <code>x` @someuser cc @org/team fixes #1234 &lt;img src=x onerror=alert(1)&gt; &lt;!-- layerdiff:default --&gt; &lt;/details&gt;</code>',
    );
  });
});
