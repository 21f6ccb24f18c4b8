/**
 * The escaping module on its own: each sink's rule, checked against cmark-gfm (GitHub's renderer)
 * where the sink is Markdown.
 */
import { describe, expect, it } from 'vitest';
import { inputError } from '../../src/errors.js';
import { describeError } from '../../src/report/error-line.js';
import { cap, FIELD_MAX, htmlCode, logText, mdCode, mdText, oneLine, terminalText, visible } from '../../src/report/escape.js';
import { FIXED_HINT_TEXT } from '../../src/report/hint-text.js';
import { gfmHtml, hasCmarkGfm, linkableText, splitRow } from './report-gfm.js';

const INVISIBLES: Array<[string, string]> = [
  ['\u202E', '\\u202E'],
  ['\u202A', '\\u202A'],
  ['\u2066', '\\u2066'],
  ['\u2069', '\\u2069'],
  ['\u200E', '\\u200E'],
  ['\u200F', '\\u200F'],
  ['\u061C', '\\u061C'],
  ['\u200B', '\\u200B'],
  ['\u200C', '\\u200C'],
  ['\u200D', '\\u200D'],
  ['\u2060', '\\u2060'],
  ['\uFEFF', '\\uFEFF'],
  ['\u00AD', '\\u00AD'],
  ['\u2028', '\\u2028'],
  ['\u3164', '\\u3164'],
  ['\u{E0041}', '\\u{E0041}'],
  ['\u0000', '\\u0000'],
  ['\u001B', '\\u001B'],
  ['\u007F', '\\u007F'],
  ['\u0085', '\\u0085'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\uD800', '\\uD800'],
];

/** Characters no output meant for a person may hold raw. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u3164]/u;

describe('visible', () => {
  it.each(INVISIBLES)('shows %j as %s (hostile: bidi, zero-width, control)', (raw, shown) => {
    expect(visible(`a${raw}b`)).toBe(`a${shown}b`);
  });

  it('keeps printable text, emoji and astral characters as they are', () => {
    for (const text of ['/usr/lib/x86_64-linux-gnu/libc.so.6', 'café ✓ 日本語', '🐳 whale', 'a\\u202Eb']) expect(visible(text)).toBe(text);
  });
});

describe('cap', () => {
  it('cuts at code points and marks the cut', () => {
    expect(cap('abcdef', 4)).toBe('abc…');
    expect(cap('abcdefghij', 5, true)).toBe('ab…ij');
    expect(cap('🐳🐳🐳🐳', 3)).toBe('🐳🐳…');
    expect(cap('abc', 3)).toBe('abc');
  });

  it('bounds a 10 kB field (hostile: huge strings)', () => {
    const huge = '@a '.repeat(4000);
    expect(Array.from(oneLine(huge)).length).toBe(FIELD_MAX.text);
    expect(mdCode(huge, { max: FIELD_MAX.path, middle: true }).length).toBeLessThan(FIELD_MAX.path + 10);
    expect(mdText(huge).length).toBeLessThan(FIELD_MAX.text * 4);
  });
});

describe.skipIf(!hasCmarkGfm)('mdCode against cmark-gfm', () => {
  const samples = [
    'a | b',
    'x `y` z',
    '`lead',
    'trail`',
    '``double``',
    'p\\|q',
    'a\\\\|b',
    ' padded ',
    '<img src=x onerror=alert(1)>',
    '@user #12 https://evil www.evil.com',
  ];

  it('shows exactly the text, in a table cell and outside one (hostile: pipes, backticks, backslashes)', () => {
    const md = `| c |\n|---|\n${samples.map((s) => `| ${mdCode(s, { cell: true })} |`).join('\n')}\n\n${samples.map((s) => mdCode(s)).join('\n\n')}\n`;
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(splitRow(line), line).toHaveLength(1);
    const html = gfmHtml(md);
    const codes = Array.from(html.matchAll(/<code>(.*?)<\/code>/g), (m) =>
      m[1]!
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const expected = samples;
    expect(codes).toEqual([...expected, ...expected]);
    expect(html.match(/<tr>/g)).toHaveLength(samples.length + 1);
  });

  it('writes the `<` of `<!--` as \\u003C (hostile: forged sticky marker)', () => {
    expect(mdCode('<!-- layerdiff:default -->')).toBe('`\\u003C!-- layerdiff:default -->`');
  });
});

describe.skipIf(!hasCmarkGfm)('mdText against cmark-gfm', () => {
  const hostile = [
    'fixes #1234 and GH-99 and acme/app#7',
    'cc @someuser @org/team mail a@b.com',
    'see https://evil.example/x www.evil.com javascript:alert(1) ftp://x',
    '[x](javascript:alert(1)) ![x](http://tracker/p.png) <img src=x onerror=alert(1)>',
    '**bold** _em_ ~~strike~~ $x^2$ &amp; &#64;user <!-- c --> </details>',
    'commit 0123456789abcdef in a|b',
  ];

  it.each(hostile)('links, pings and tags nothing: %s', (text) => {
    const md = `| t |\n|---|\n| ${mdText(text, { cell: true })} |\n\n${mdText(text)}\n`;
    const html = gfmHtml(md);
    expect(html.match(/<tr>/g)).toHaveLength(2);
    const tags = new Set(Array.from(html.matchAll(/<\/?([a-z]+)/g), (m) => m[1]));
    for (const tag of tags) expect(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'p', 'code']).toContain(tag);
    expect(html).not.toContain('<!--');
    for (const t of linkableText(html)) {
      expect(t).not.toMatch(/@\w|#\d|GH-\d|https?:|www\.|javascript:|[0-9a-f]{7}/i);
    }
    // Nothing lost: the words read back in order, code spans and escapes removed.
    const readBack = html
      .split('<p>')[1]!
      .replace(/<\/?code>|<\/p>\n?/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(readBack).toBe(text);
  });

  it('reads plain words as plain text', () => {
    expect(mdText('needs --deep (deep scan) to measure: not checked')).toBe('needs --deep (deep scan) to measure: not checked');
    expect(mdText('+17% > 5%')).toBe('+17% \\> 5%');
  });
});

describe('htmlCode', () => {
  it('escapes HTML and quotes the text in <code> (hostile: </summary>, comment, entities)', () => {
    expect(htmlCode('</summary><!-- x --> &amp; "q" \'s\' a|b @u')).toBe(
      '<code>&lt;/summary&gt;&lt;!-- x --&gt; &amp;amp; &quot;q&quot; &#39;s&#39; a&#124;b @u</code>',
    );
    expect(htmlCode('')).toBe('');
  });
});

describe('terminalText', () => {
  it('lets no ANSI escape, control character or legacy workflow command through (hostile: ESC[31m, NUL, ##[)', () => {
    const shown = terminalText('\u001b[31mred\u001b[0m\u0000 \r\n::error::x ##[add-mask]y \u202Eevil');
    expect(shown).not.toMatch(HIDDEN);
    expect(shown).toBe('\\u001B[31mred\\u001B[0m\\u0000 \\r\\n::error::x #\\#[add-mask]y \\u202Eevil');
  });
});

describe('logText', () => {
  it('keeps layerdiff line breaks but no line can start a workflow command (hostile: \\r\\n::error::pwned)', () => {
    const out = logText('budget x failed: a\r\n::error::pwned\n  ::add-mask::secret\n::stop-commands::tok\nok ##[set-output name=x]y');
    const lines = out.split('\n');
    for (const line of lines) {
      expect(line.trimStart().startsWith('::'), line).toBe(false);
      expect(line).not.toContain('##[');
      expect(line).not.toMatch(HIDDEN);
    }
    expect(lines).toEqual(['budget x failed: a\\r', '\\::error::pwned', '  \\::add-mask::secret', '\\::stop-commands::tok', 'ok #\\#[set-output name=x]y']);
  });
});

describe('describeError', () => {
  it('is one inert line whatever a file name holds (hostile: newline, ESC, bidi, ##[)', () => {
    const message = describeError(inputError('evil\n::error::x\u001b[2J\u202E.tar', 'not an image ##[warning]y'));
    expect(message).toBe('evil ::error::x\\u001B[2J\\u202E.tar: not an image #\\#[warning]y');
    expect(message).not.toContain('\n');
    expect(describeError('x'.repeat(10_000)).length).toBe(FIELD_MAX.message);
  });
});

describe('hint wording', () => {
  it('fixed sentences hold no Markdown syntax outside backticks (they are written raw)', () => {
    for (const text of FIXED_HINT_TEXT) {
      const outside = text
        .split('`')
        .filter((_, i) => i % 2 === 0)
        .join(' ');
      expect(outside, text).not.toMatch(/[\\*_[\]<>&!|~$@#]|https?:|www\./);
      expect(text.split('`').length % 2, text).toBe(1);
    }
  });
});
