/**
 * The oracle for rendered Markdown: Debian's cmark-gfm, the C library GitHub itself renders comments
 * with, with GitHub's extensions. `--unsafe` keeps raw HTML in the output (GitHub keeps it too,
 * then sanitises it): without it every raw tag would become `<!-- raw HTML omitted -->` and a leak
 * would be invisible to the tests.
 */
import { execFileSync } from 'node:child_process';
import { needTools } from '../helpers/skip-policy.js';

/** Under CI a missing cmark-gfm fails the run (skip-policy), locally the oracle tests skip saying why. */
export const hasCmarkGfm = needTools(['cmark-gfm']) === null;

export function gfmHtml(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    ['--unsafe', '--extension', 'table', '--extension', 'autolink', '--extension', 'tagfilter', '--extension', 'strikethrough', '-t', 'html'],
    {
      input: markdown,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** Cells of a GFM table line as cmark-gfm splits them: a pipe right after a backslash is content. */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let previous = '';
  for (const ch of line) {
    if (ch === '|' && previous !== '\\') {
      cells.push(current);
      current = '';
    } else current += ch;
    previous = ch;
  }
  cells.push(current);
  return cells.slice(1, -1);
}

/** Source tables: runs of consecutive lines starting with `|`. */
export function sourceTables(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      tables.push(current);
      current = null;
    }
  }
  if (current) tables.push(current);
  return tables;
}

/** Body row count of each `<table>` in rendered HTML, in order. */
export function htmlTableBodyRows(html: string): number[] {
  return html
    .split('<table>')
    .slice(1)
    .map((part) => {
      const table = part.split('</table>')[0] ?? '';
      const body = table.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
      return body.match(/<tr>/g)?.length ?? 0;
    });
}

export interface HtmlTag {
  name: string;
  closing: boolean;
  raw: string;
}

/** Every tag in cmark-gfm's output (its text is entity-escaped, so each `<` here starts a tag or a comment). */
export function htmlTags(html: string): HtmlTag[] {
  return Array.from(html.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g), (m) => ({ name: m[2]!.toLowerCase(), closing: m[1] === '/', raw: m[0] }));
}

/**
 * The text GitHub's post-filters (mentions, issue references, commit links) would see: text nodes
 * outside `<code>`, `<pre>` and `<a>` (the filters skip those), entities decoded.
 */
export function linkableText(html: string): string[] {
  const texts: string[] = [];
  let skipDepth = 0;
  for (const piece of html.split(/(<[^>]*>)/)) {
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(piece);
    if (tag) {
      const name = tag[2]!.toLowerCase();
      if (['code', 'pre', 'a'].includes(name)) skipDepth += tag[1] === '/' ? -1 : 1;
      continue;
    }
    if (skipDepth === 0 && piece !== '') texts.push(decodeEntities(piece));
  }
  return texts;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? whole;
  });
}

/** What GitHub would link or notify in a text node outside code and links. */
export const LINKABLE: ReadonlyArray<readonly [string, RegExp]> = [
  ['@mention', /(^|[^\w`])@[A-Za-z0-9]/],
  ['#123 reference', /#\d/],
  ['GH-123 reference', /\bGH-\d/i],
  ['autolink reference', /\b[A-Za-z]+-\d/],
  ['URL', /https?:|ftp:|www\.|mailto:|javascript:/i],
  ['email', /\S@\S/],
  ['commit SHA', /\b[0-9a-f]{7,40}\b/i],
];

/** Controls (newlines aside), format characters (bidi, zero-width), separators: never in what a reader sees. */
// eslint-disable-next-line no-control-regex -- control characters are what the tests hunt for
export const HIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}\u3164]/u;
