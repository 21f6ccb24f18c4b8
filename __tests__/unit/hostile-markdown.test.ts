/**
 * Issue 9, part 2: nothing in a pull request can ping, link, inject HTML or forge the marker through
 * layerdiff's comment. Every hostile string goes into every foreign field of a report, through the
 * real renderers, then through cmark-gfm (the renderer GitHub uses, raw HTML kept with --unsafe so a
 * leak shows) and GitHub's link/mention rules applied to the text nodes it produces.
 */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { commentMarker, renderMarkdown, renderSnapshotMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/core/report.js';
import { renderSnapshotText, renderText } from '../../src/report/text.js';
import { gfmHtml, hasCmarkGfm, HIDDEN, htmlTableBodyRows, htmlTags, LINKABLE, linkableText, sourceTables, splitRow } from './report-gfm.js';
import { HOSTILE_STRINGS, poison, richReport, type Variant } from './report-hostile.js';

/** The only tags the renderer writes itself (cmark-gfm's output for its Markdown included). */
const OWN_TAGS = new Set([
  'h3',
  'h4',
  'p',
  'sub',
  'br',
  'strong',
  'em',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'ul',
  'li',
  'pre',
]); // pre: the trend chart's fenced mermaid block (trend-chart.ts)

const KEY = 'app';
/** Whatever shape the marker has, it is the one HTML comment allowed, on line 1. */
const MARKER = commentMarker(KEY);

function label(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value);
}

/** Every check of the issue on one rendered body; `benign` is the same report with harmless strings. */
function expectInert(markdown: string, benign: string, options: { marker: boolean }): void {
  const html = gfmHtml(markdown);
  const benignHtml = gfmHtml(benign);

  // No live tags but the renderer's own, so no <img>, <a>, <script>, no extra heading or list.
  for (const tag of htmlTags(html)) expect(OWN_TAGS.has(tag.name), tag.raw).toBe(true);
  expect(html).not.toMatch(/<a\s/i);
  // <details> and <summary> open and close in pairs, in order, as many as with harmless strings.
  for (const name of ['details', 'summary']) {
    let depth = 0;
    for (const tag of htmlTags(html).filter((t) => t.name === name)) {
      depth += tag.closing ? -1 : 1;
      expect(depth === 0 || depth === 1, `${name} nesting`).toBe(true);
    }
    expect(depth).toBe(0);
    expect(htmlTags(html).filter((t) => t.name === name)).toHaveLength(htmlTags(benignHtml).filter((t) => t.name === name).length);
  }
  // The only HTML comment is the marker, on line 1; nothing can end a comment early.
  const comments = markdown.split('<!--').length - 1;
  expect(comments, 'raw <!--').toBe(options.marker ? 1 : 0);
  expect(html.split('<!--').length - 1, 'html <!--').toBe(options.marker ? 1 : 0);
  expect(html.split('-->').length - 1, 'html -->').toBe(options.marker ? 1 : 0);
  expect(html).not.toContain('--!>');
  if (options.marker) {
    expect(markdown.split('\n')[0]).toBe(MARKER);
    expect(html.startsWith(`${MARKER}\n`)).toBe(true);
  }
  // No mention, reference, URL or SHA in any text node GitHub's filters would read.
  for (const text of linkableText(html)) {
    for (const [what, pattern] of LINKABLE) expect(pattern.test(text), `${what} in ${JSON.stringify(text.slice(0, 200))}`).toBe(false);
  }
  // No invisible character reaches the reader.
  expect(HIDDEN.test(html.replace(/\n/g, '')), 'hidden character').toBe(false);
  // Tables: same count and rows as with harmless strings, every source row the header's width.
  expect(htmlTableBodyRows(html)).toEqual(htmlTableBodyRows(benignHtml));
  for (const lines of sourceTables(markdown)) {
    const width = splitRow(lines[0] ?? '').length;
    for (const line of lines) expect(splitRow(line), line.slice(0, 200)).toHaveLength(width);
  }
}

describe.skipIf(!hasCmarkGfm)(`hostile strings in every foreign field ${hasCmarkGfm ? '' : '(cmark-gfm not installed)'}`, () => {
  const rich = richReport();
  const variants: Variant[] = ['strings', 'enums', 'numbers'];
  const benign = Object.fromEntries(variants.map((v) => [v, poison(rich, 'benign', v)])) as Record<Variant, Report>;

  describe.each(variants)('report with %s replaced', (variant) => {
    const benignBody = renderMarkdown(benign[variant], { commentKey: KEY, topFiles: 10 });

    it.each(HOSTILE_STRINGS.map((s) => [label(s), s]))('the comment stays inert with %s (hostile)', (_, value) => {
      const hostile = poison(rich, value, variant);
      const body = renderMarkdown(hostile, { commentKey: KEY, topFiles: 10 });
      expect(body.length).toBeLessThanOrEqual(65_000);
      expectInert(body, benignBody, { marker: true });
    });
  });

  it.each(HOSTILE_STRINGS.map((s) => [label(s), s]))('inspect --format markdown stays inert with %s (hostile)', (_, value) => {
    const rich = richReport();
    const markdown = renderSnapshotMarkdown(poison(rich.head, value, 'strings'), poison(rich.deep!, value, 'strings'));
    const benignMarkdown = renderSnapshotMarkdown(poison(rich.head, 'benign', 'strings'), poison(rich.deep!, 'benign', 'strings'));
    expectInert(markdown, benignMarkdown, { marker: false });
  });

  it('the file name from the issue shows whole, as code, and pings nobody (hostile: mentions, #1234, <img>, marker, </details>)', () => {
    const name = HOSTILE_STRINGS[0]!;
    const r = richReport();
    r.layers.find((row) => row.files)!.files!.changes[0]!.path = name;
    const html = gfmHtml(renderMarkdown(r, { commentKey: KEY }));
    // Over the path cap (100), so cut in the middle: its start and its end stay, in one code span.
    expect(html).toContain(
      '<code>x` @someuser cc @org/team fixes #1234 &lt;img src=x o…r=alert(1)&gt; \\u003C!-- layerdiff:default --&gt; &lt;/details&gt;</code>',
    );
  });

  it('a forged report with 5,000 budgets, hints and file changes stays under the limit, whole sections only (hostile: size)', () => {
    const r = poison(richReport(), '@evil #1 <img src=x>', 'strings');
    r.budgets = Array.from({ length: 5000 }, (_, i) => ({
      rule: `@r${i}`,
      limit: '<b>',
      actual: null,
      status: i % 3 === 0 ? 'fail' : 'pass',
      message: '`x` @m #2',
    }));
    r.deep!.hints = Array.from({ length: 5000 }, () => r.deep!.hints[1]!);
    const files = r.layers.find((row) => row.files)!.files!;
    files.changes = Array.from({ length: 5000 }, () => files.changes[0]!);
    for (const maxLength of [65_000, 6000, 600]) {
      const body = renderMarkdown(r, { commentKey: KEY, maxLength });
      expect(body.length).toBeLessThanOrEqual(maxLength);
      const html = gfmHtml(body);
      for (const tag of htmlTags(html)) expect(OWN_TAGS.has(tag.name), tag.raw).toBe(true);
      for (const text of linkableText(html)) for (const [what, pattern] of LINKABLE) expect(pattern.test(text), `${what} in ${text.slice(0, 100)}`).toBe(false);
      expect(htmlTags(html).filter((t) => t.name === 'details' && !t.closing).length).toBe(
        htmlTags(html).filter((t) => t.name === 'details' && t.closing).length,
      );
      expect(body.split('\n')[0]).toBe(MARKER);
    }
  });

  it('a hint of unknown shape shows its message as inert text, never raw (hostile: forged hint message)', () => {
    const r = richReport();
    r.deep!.hints = [{ id: 'apt-lists-x', layerIndex: 0, createdBy: null, bytes: 1, message: 'cc @evil fixes #1 <img src=x> <!-- layerdiff:app -->' }];
    const body = renderMarkdown(r, { commentKey: KEY });
    expect(body).toContain('`apt-lists-x`: cc `@evil` fixes `#1` \\<img src=x\\> \\<\\!-- `layerdiff:app` --\\>');
    expect(body.split('<!--')).toHaveLength(2);
    expectInert(body, renderMarkdown(richReport(), { commentKey: KEY }), { marker: true });
  });
});

describe('hostile strings in the terminal', () => {
  const rich = richReport();

  it.each(HOSTILE_STRINGS.map((s) => [label(s), s]))('renderText shows no control character and adds no line with %s (hostile)', (_, value) => {
    for (const variant of ['strings', 'enums', 'numbers'] as const) {
      const text = renderText(poison(rich, value, variant), { width: 200, topFiles: 10 });
      const benign = renderText(poison(rich, 'benign', variant), { width: 200, topFiles: 10 });
      expect(text.split('\n')).toHaveLength(benign.split('\n').length);
      expect(HIDDEN.test(text.replace(/\n/g, '')), 'hidden character').toBe(false);
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('##[');
      for (const line of text.split('\n')) expect(line.trimStart().startsWith('::'), line).toBe(false);
    }
    const snapshotText = renderSnapshotText(poison(rich.head, value, 'strings'), 200, poison(rich.deep!, value, 'strings'));
    expect(snapshotText.split('\n')).toHaveLength(
      renderSnapshotText(poison(rich.head, 'b', 'strings'), 200, poison(rich.deep!, 'b', 'strings')).split('\n').length,
    );
    expect(HIDDEN.test(snapshotText.replace(/\n/g, ''))).toBe(false);
  });
});

describe('the CLI', () => {
  function captureIo(): CliIo & { out: string; err: string } {
    const io = {
      out: '',
      err: '',
      stdout: (text: string) => {
        io.out += text;
      },
      stderr: (text: string) => {
        io.err += text;
      },
      stderrIsTty: false,
      columns: undefined,
    };
    return io;
  }

  it("refuses --comment-key 'k--!><img src=x onerror=alert(1)>' before reading any image (hostile: marker break-out)", async () => {
    const io = captureIo();
    expect(await main(['diff', 'missing-base.tar', 'missing-head.tar', '--format', 'markdown', '--comment-key', 'k--!><img src=x onerror=alert(1)>'], io)).toBe(
      2,
    );
    expect(io.out).toBe('');
    expect(io.err).toMatch(/^layerdiff: --comment-key: "k--!><img src=x onerror=alert\(1\)>" must be 1-100 letters, digits or \._\/:@\+- .*\n$/);
  });

  it.each(['k\n::error::pwned', 'k -->', '', 'a b'])('refuses --comment-key %j (hostile)', async (key) => {
    const io = captureIo();
    expect(await main(['diff', 'a.tar', 'b.tar', '--comment-key', key], io)).toBe(2);
    expect(io.err.split('\n')).toHaveLength(2);
    expect(io.err).not.toMatch(/\n::/);
  });

  it('prints a hostile file name on one line with its controls shown (hostile: newline, ESC, bidi in a path)', async () => {
    const io = captureIo();
    expect(await main(['inspect', 'missing\n::error::pwned\u001b[31m\u202E.tar'], io)).toBe(2);
    expect(io.err.split('\n')).toHaveLength(2);
    expect(io.err).toContain('missing ::error::pwned\\u001B[31m\\u202E.tar');
    // eslint-disable-next-line no-control-regex -- the test asserts no control character reaches the output
    expect(io.err).not.toMatch(/[\u001b\u202E]/);
  });

  it('keeps the --debug stack inert too (hostile: control characters in a file name)', async () => {
    const io = captureIo();
    expect(await main(['inspect', '--debug', 'missing\n::error::pwned\u001b[31m.tar'], io)).toBe(2);
    expect(io.err).not.toContain('\u001b');
    for (const line of io.err.split('\n')) expect(line.trimStart().startsWith('::'), line).toBe(false);
  });
});
