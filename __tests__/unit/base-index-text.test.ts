/**
 * The note a report carries when its base is a snapshot without file indexes (deep.baseIndex
 * 'none'): fixed text in Markdown and plain text, nothing for a deep snapshot base, and a report
 * read back with any other baseIndex value is refused by the schema before a renderer sees it.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { baseIndexMarkdown, baseIndexNote } from '../../src/report/base-index-text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { validateReport } from '../../src/schema/layerdiff-json.js';
import { sampleReport } from './github-fixtures.js';
import { gfmHtml, hasCmarkGfm } from './report-gfm.js';

function withBaseIndex(baseIndex: unknown): Report {
  return { ...sampleReport(), deep: { waste: { wastedBytes: 0, efficiency: 1, paths: [] }, hints: [], baseIndex } } as Report;
}

describe('base index note', () => {
  it('says a plain snapshot base gives no file-level changes, in Markdown and text', () => {
    const report = withBaseIndex('none');
    expect(baseIndexNote(report)).toMatch(/^The base is a snapshot without file indexes/);
    expect(renderMarkdown(report)).toContain('> [!NOTE]\n> The base is a snapshot without file indexes');
    expect(renderText(report, 160)).toContain('Note: The base is a snapshot without file indexes');
  });

  it('says nothing for a deep snapshot base, a scanned base, or no deep scan', () => {
    expect(baseIndexMarkdown(withBaseIndex('snapshot'))).toBeNull();
    expect(baseIndexNote(sampleReport())).toBeNull();
    expect(renderMarkdown(withBaseIndex('snapshot'))).not.toContain('without file indexes');
  });

  it.skipIf(!hasCmarkGfm)('renders as one blockquote with inline code, no raw HTML (cmark-gfm)', () => {
    const html = gfmHtml(baseIndexMarkdown(withBaseIndex('none'))!);
    expect(html).toMatch(/^<blockquote>\n<p>\[!NOTE\]\nThe base is a snapshot/);
    expect(html).toContain('<code>layerdiff snapshot --deep</code>');
    expect(html.match(/<[a-z]+/g)?.filter((t) => !['<blockquote', '<p', '<code'].includes(t))).toEqual([]);
  });

  it('refuses a report whose deep.baseIndex is not snapshot or none (hostile: forged field)', () => {
    const forged = JSON.parse(JSON.stringify(withBaseIndex('<img src=x onerror=alert(1)>')));
    expect(() => validateReport(forged, 'report.json')).toThrow(/report\.json: .*\/deep\/baseIndex/);
    expect(validateReport(JSON.parse(JSON.stringify(withBaseIndex('none'))), 'report.json').deep?.baseIndex).toBe('none');
  });
});
