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
