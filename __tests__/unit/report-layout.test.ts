/**
 * The comment as GitHub renders it (cmark-gfm, GitHub's renderer): its HTML structure, not its
 * source string. One headline, tables where they belong, no number split from its unit, only the
 * raw HTML GitHub keeps (details, summary, sub, br), links built from validated parts, and the
 * 65,536-character cap cut at a row boundary with a note saying where the rest is.
 */
import { describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { renderMarkdown, renderSnapshotMarkdown, type MarkdownOptions } from '../../src/report/markdown.js';
import { keepUnits, link } from '../../src/report/markdown-syntax.js';
import { runUrl } from '../../src/github/context.js';
import { runLinks } from '../../src/main.js';
import { diffLayers, directoriesBelow } from '../../src/layers/file-diff.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import type { LayerIndex } from '../../src/layers/layer-index.js';
import type { Report } from '../../src/core/report.js';
import { buildTar, type TarEntrySpec } from '../helpers/tar-builder.js';
import { gfmHtml, hasCmarkGfm, htmlTableBodyRows, htmlTags } from './report-gfm.js';
import { MB, report, snapshot, typicalBase, typicalHead, type LayerSpec } from './report-fixtures.js';
import { HOSTILE_STRINGS, poison, richReport } from './report-hostile.js';

const oracle = hasCmarkGfm ? it : it.skip;
const links = { run: 'https://github.com/acme/shop/actions/runs/9876543210', base: 'https://github.com/acme/shop/actions/runs/42' };

/** Every size a table cell shows, as rendered text: `16.4 kB`, `+6.14 kB`, `-1.2 MB`, `0 B`. */
function sizeTexts(html: string): string[] {
  const cells = Array.from(html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g), (m) => m[1]!.replace(/<[^>]+>/g, ''));
  return cells.flatMap((cell) => Array.from(cell.matchAll(/[+-]?\d[\d.,]*[\s\u00a0]+[kMGTP]?B\b/g), (m) => m[0]));
}

/** Raw HTML tags the body writes itself (cmark-gfm's own output: p, table, code, a, strong ... aside). */
function rawTags(markdown: string): string[] {
  const own = new Set(['p', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'strong', 'em', 'a', 'ul', 'li', 'pre', 'del']);
  return [...new Set(htmlTags(gfmHtml(markdown)).map((t) => t.name))].filter((name) => !own.has(name)).sort();
}

const many = (prefix: string, n: number, size: (i: number) => number): LayerSpec[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, size: size(i), createdBy: `RUN /bin/sh -c build step ${prefix}${i} # buildkit` }));

const cases: Array<[string, Report, MarkdownOptions]> = [
  ['typical', report(typicalBase, typicalHead, parseBudgetLines('max-growth: 60MB\nwarn-growth: 10%', 'b')), { detail: 'comment', links }],
  [
    'failing',
    report(typicalBase, typicalHead, parseBudgetLines('max-size: 300MB\nmax-growth: 5%\nwarn-layer-growth: 10MB', 'b')),
    { detail: 'comment', links },
  ],
  ['no base', report(null, typicalHead), { detail: 'full' }],
  ['many added', report(typicalBase, snapshot('h', [...typicalBaseSpecs(), ...many('x', 13, (i) => (i + 1) * MB)])), {}],
];

describe('the rendered comment (cmark-gfm)', () => {
  oracle.each(cases)('%s: one h3 headline, first, on one line of source', (_name, r, options) => {
    const md = renderMarkdown(r, options);
    const html = gfmHtml(md);
    expect(html.match(/<h3>/g)).toHaveLength(1);
    expect(html.trimStart().startsWith('<h3>')).toBe(true);
    expect(md.split('\n')[0]).toMatch(/^### \S/);
  });

  oracle.each(cases)('%s: no number split from its unit in any table cell', (_name, r, options) => {
    const sizes = sizeTexts(gfmHtml(renderMarkdown(r, options)));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toMatch(/^[+-]?\d[\d.,]*\u00a0[kMGTP]?B$/);
  });

  oracle.each(cases)('%s: raw HTML is only details, summary, sub and br', (_name, r, options) => {
    for (const tag of rawTags(renderMarkdown(r, { ...options, commentKey: 'k' }))) expect(['br', 'details', 'sub', 'summary']).toContain(tag);
  });

  oracle('a failing budget: the budget table is the first table, right after the headline', () => {
    const md = renderMarkdown(cases[1]![1], { detail: 'comment' });
    const html = gfmHtml(md);
    expect(html).toMatch(/^<h3>[^\n]*<\/h3>\n<table>\n<thead>\n<tr>\n<th align="left">Budget<\/th>/);
    expect(html).toContain('max-size, max-growth failed, 1 warning</h3>');
  });

  oracle('compressed sizes sit in their own column, only when known; never "302 kB (302 kB)"', () => {
    const withPull = gfmHtml(renderMarkdown(report(typicalBase, typicalHead)));
    expect(withPull).toContain('<th align="right">Pull Δ</th>');
    expect(withPull).not.toMatch(/B \(\d/);
    const plain = (id: string, size: number) => snapshot(id, [{ id, size, createdBy: 'RUN a', compressed: null }]);
    expect(gfmHtml(renderMarkdown(report(plain('a', 10), plain('b', 20))))).not.toContain('Pull');
  });

  oracle('more than three added layers fold into one <details>, their rows in one table inside', () => {
    const r = cases[3]![1];
    const md = renderMarkdown(r, { detail: 'comment' });
    expect(md).toContain('<details><summary>13 added layers: +91\u00a0MB</summary>');
    expect((md.match(/<details>/g) ?? []).length).toBe(2); // the added layers, the unchanged layers
    expect(htmlTableBodyRows(gfmHtml(md))).toEqual([13, 7]);
  });

  oracle('zero waste is no line at all; a changed instruction reads old → new', () => {
    const r = report(
      snapshot('b', [{ id: 'a', size: 10, createdBy: 'COPY deps/ /deps/' }]),
      snapshot('h', [{ id: 'b', size: 20, createdBy: 'COPY deps/ /opt/deps/' }]),
    );
    const md = renderMarkdown({ ...r, deep: { waste: { wastedBytes: 0, efficiency: 1, paths: [] }, hints: [] } });
    expect(md).not.toMatch(/waste|efficiency/i);
    expect(md).toContain('`COPY deps/ /deps/ → /opt/deps/`');
  });
});

describe('links', () => {
  it('the run and the base run become links in the footer', () => {
    const md = renderMarkdown(report(typicalBase, typicalHead), { links });
    expect(md).toContain(`[workflow run](${links.run}) · [base run](${links.base})`);
    expect(md).not.toContain('see the JSON report');
  });

  it('refuses a link that is not http(s) with a plain host and path (hostile: javascript:, ), spaces, markdown)', () => {
    for (const url of [
      'javascript:alert(1)',
      'https://x.test/a)b',
      'https://x.test/a b',
      'https://x.test/[a]',
      'https://x.test/<b>',
      'ftp://x.test/',
      'https://user@x.test/',
    ]) {
      expect(link('run', url), url).toBe('');
      expect(renderMarkdown(report(typicalBase, typicalHead), { links: { run: url, base: url, report: url } })).not.toContain('](');
    }
  });

  it('builds the run URL only from a plain server URL, repository names and a numeric id (hostile: a server URL with a path)', () => {
    const context = { serverUrl: 'https://github.com', repo: { owner: 'acme', repo: 'shop.web' } };
    expect(runUrl(context, 123)).toBe('https://github.com/acme/shop.web/actions/runs/123');
    expect(runUrl(context, null)).toBeNull();
    expect(runUrl(context, -1)).toBeNull();
    expect(runUrl({ ...context, serverUrl: 'https://evil.test/x?' }, 1)).toBeNull();
    expect(runUrl({ ...context, repo: { owner: '..', repo: 'x' } }, 1)).toBeNull();
    expect(runUrl({ ...context, repo: { owner: 'a', repo: 'b)[x](y' } }, 1)).toBeNull();
    expect(
      runLinks({ serverUrl: 'https://ghe.example:8443', repo: { owner: 'o', repo: 'r' }, runId: 5 } as never, 'https://ghe.example:8443/o/r/actions/runs/4'),
    ).toEqual({
      run: 'https://ghe.example:8443/o/r/actions/runs/5',
      base: 'https://ghe.example:8443/o/r/actions/runs/4',
    });
  });
});

describe('the short comment with links, hostile strings in every field', () => {
  const rich = richReport();
  const benign = gfmHtml(renderMarkdown(poison(rich, 'benign', 'strings'), { detail: 'comment', links, commentKey: 'k' }));
  oracle.each(HOSTILE_STRINGS.map((s) => [JSON.stringify(s.slice(0, 30)), s]))(
    "only layerdiff's own links, one headline line, the same tables (hostile: %s)",
    (_label, value) => {
      const md = renderMarkdown(poison(rich, value, 'strings'), { detail: 'comment', links, commentKey: 'k' });
      const html = gfmHtml(md);
      const hrefs = Array.from(html.matchAll(/<a\s[^>]*href="([^"]*)"/g), (m) => m[1]);
      expect(
        hrefs.every((href) => href === links.run || href === links.base),
        hrefs.join(' '),
      ).toBe(true);
      expect(html.match(/<h3>/g)).toHaveLength(1);
      expect(md.split('\n')[2]).toMatch(/^### /);
      expect(htmlTableBodyRows(html)).toEqual(htmlTableBodyRows(benign));
      for (const tag of rawTags(md)) expect(['br', 'details', 'sub', 'summary']).toContain(tag);
    },
  );
});

describe('the 65,536-character cap', () => {
  const huge = () => {
    const specs = (prefix: string, scale: number) => many(prefix, 3000, (i) => Math.round((i + 1) * 1000 * scale));
    return report(snapshot('b', specs('old', 1)), snapshot('h', specs('new', 1.1)));
  };

  oracle('comment and job summary stay under 65,536, cut at a row boundary, and say where the rest is', () => {
    const r = huge();
    const comment = renderMarkdown(r, { detail: 'comment', links, maxLength: 65_536 });
    const summary = renderMarkdown(r, { detail: 'full', links, maxLength: 65_536 });
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(summary.length).toBeLessThanOrEqual(65_536);
    expect(summary.length).toBeGreaterThan(comment.length);
    expect(comment).toContain(`_… 2985 more layers with smaller changes; every row is in the [job summary](${links.run})_`);
    expect(summary).toMatch(/_… \d+ more layers with smaller changes; every row is in the JSON report \(`--format json`\)_/);
    for (const md of [comment, summary]) {
      const rows = htmlTableBodyRows(gfmHtml(md));
      // Every source row of the table rendered as a row: none cut open.
      expect(rows[0]).toBe((md.match(/^\| ✏️/gm) ?? []).length);
    }
  });

  it('inspect --format markdown is capped too, at a row boundary', () => {
    const image = snapshot(
      'i',
      many('l', 5000, () => 1000),
    );
    const md = renderSnapshotMarkdown(image, null, { maxLength: 65_536 });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/_… \d+ more layers; every one is in `--format json`_/);
    expect(renderSnapshotMarkdown(image).length).toBeLessThanOrEqual(65_000);
  });
});

describe('keepUnits', () => {
  it('joins a number and its unit with U+00A0, and nothing else', () => {
    expect(keepUnits('+46.3 MB > 20 MB, 5 files, 3 B')).toBe('+46.3\u00a0MB > 20\u00a0MB, 5 files, 3\u00a0B');
    expect(keepUnits('2 Bytes 4 MBit')).toBe('2 Bytes 4 MBit');
  });
});

describe('directory rows', () => {
  async function layer(entries: TarEntrySpec[]): Promise<LayerIndex> {
    const scanner = new LayerScanner({ fingerprint: true });
    await scanner.write(buildTar(entries));
    return scanner.end();
  }
  const dir = (path: string): TarEntrySpec => ({ path, type: 'Directory' });
  const file = (path: string, bytes: number): TarEntrySpec => ({ path, body: Buffer.alloc(bytes, 1) });

  it('a directory an added layer re-lists is not "added" when a layer below holds it; a new one is', async () => {
    const below = await layer([dir('srv'), dir('var'), dir('var/cache'), file('srv/debug.log', 40)]);
    const added = await layer([dir('srv'), dir('var'), dir('var/cache'), dir('var/cache/new'), file('var/cache/new/x', 6), file('srv/.wh.debug.log', 0)]);
    const dirs = directoriesBelow([below, added]);
    const files = diffLayers(null, added, [], dirs(1));
    expect(files.changes.map((c) => [c.path, c.change, c.delta])).toEqual([
      ['/var/cache/new/x', 'added', 6],
      ['/var/cache/new', 'added', 0],
    ]);
    // Without the layers below (the old behaviour), every directory entry read as added.
    expect(diffLayers(null, added).added).toBe(5);
  });

  it('a changed layer that stops re-listing a directory the image still holds does not remove it', async () => {
    const below = await layer([dir('etc')]);
    const base = await layer([dir('etc'), file('etc/a', 5)]);
    const head = await layer([file('etc/a', 7)]);
    const files = diffLayers(base, head, [], directoriesBelow([below, head])(1));
    expect(files.changes.map((c) => [c.path, c.change])).toEqual([['/etc/a', 'grown']]);
  });
});

function typicalBaseSpecs(): LayerSpec[] {
  return typicalBase.layers.map((l, i) => ({
    id: ['os', 'cmd', 'apt', 'workdir', 'pkg', 'deps', 'src'][i]!,
    size: l.size,
    createdBy: l.createdBy,
    compressed: l.compressedSize,
  }));
}
