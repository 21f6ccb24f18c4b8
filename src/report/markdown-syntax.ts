/**
 * GFM tables. Cells must already be cell-safe: layerdiff's own words and numbers, or foreign text
 * through src/report/escape.ts with `cell: true`.
 */

export interface Column {
  title: string;
  align?: 'left' | 'right' | 'center';
}

/** A GFM table; cells must already be cell-safe (see above). */
export function table(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const header = `| ${columns.map((c) => c.title).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : ':---')).join('|')}|`;
  const body = rows.map((cells) => `| ${columns.map((_, k) => cells[k] ?? '').join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** U+00A0: cmark-gfm and GitHub's sanitiser pass it through; a browser never breaks a line at it. */
export const NBSP = '\u00a0';

/**
 * `16.4 kB` → `16.4\u00a0kB`: a number stays with its unit (B, kB … PB) in a narrow cell. Only a
 * digit, one space and a unit followed by no letter match, so text from `mdText` (whose code spans
 * hold single words) and layerdiff's own figures are the only things it touches.
 */
export function keepUnits(text: string): string {
  return text.replace(/(\d) ([kMGTP]?B)(?![A-Za-z])/g, `$1${NBSP}$2`);
}

// A link layerdiff built: http(s), a host name, an optional port, a path of unreserved characters.
// Nothing that could end the link (`)`, space, `<`, `>`) or start Markdown or HTML can pass.
const SAFE_URL = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?(?:\/[A-Za-z0-9._~/-]*)?(?:#[A-Za-z0-9._-]*)?$/;

/** `[text](url)` for a URL `SAFE_URL` accepts, '' for any other; `text` is layerdiff's own words. */
export function link(text: string, url: string): string {
  return SAFE_URL.test(url) && url.length <= 2000 ? `[${text}](${url})` : '';
}
