/** Small Markdown/HTML building blocks that never break GitHub's tables or HTML blocks. */

/** Text for a table cell: one line, pipes escaped. */
export function cellText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/**
 * Inline code safe inside a table cell: one line, pipes escaped (GFM unescapes `\|` even inside
 * code spans), and a fence longer than any run of backticks inside. A backslash right before a pipe
 * would escape the escape; a zero-width space keeps them apart (code spans cannot escape `\`).
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  if (oneLine.trim() === '') return '';
  const longestRun = Math.max(0, ...Array.from(oneLine.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  const escaped = oneLine.replace(/\\(?=\|)/g, '\\\u200b').replace(/\|/g, '\\|');
  return `${fence}${pad}${escaped}${pad}${fence}`;
}

/** Text inside raw HTML (`<summary>`), where Markdown is not parsed. */
export function htmlText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\|/g, '&#124;');
}

export interface Column {
  title: string;
  align?: 'left' | 'right' | 'center';
}

/** A GFM table; cells must already be cell-safe (cellText / codeSpan). */
export function table(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const header = `| ${columns.map((c) => c.title).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : ':---')).join('|')}|`;
  const body = rows.map((cells) => `| ${columns.map((_, k) => cells[k] ?? '').join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}
