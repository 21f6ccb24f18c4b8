/**
 * How layers rebuilt with identical content (`LayerRow.identicalContent`, src/layers/identical-content.ts)
 * read: a mark on each such row and one summary line ("layers 1–4, 6 changed only in metadata:
 * 2.63 MB a reproducible build would reuse"), for Markdown and for the terminal. The report may be a
 * foreign file: numbers go through the formatters (a non-number prints `?`), the `differs` words
 * through src/report/escape.ts unless they are ones this version knows.
 */
import type { LayerRow, Report } from '../core/report.js';
import { FIELD_MAX, mdCode, terminalText } from './escape.js';
import { formatBytes } from './format.js';

/** What each known metadata difference is called (plural nouns: "owners differ"). */
const DIFFERS_WORDS: Readonly<Record<string, string>> = { owner: 'owners', order: 'tar header order' };
const MAX_DIFFERS = 4;

interface Style {
  foreign(value: unknown): string;
}
const markdownStyle: Style = { foreign: (value) => mdCode(value, { max: FIELD_MAX.identifier }) || '?' };
const plainStyle: Style = { foreign: (value) => terminalText(value, FIELD_MAX.identifier) };

/** The rows rebuilt with identical content. */
function rebuiltRows(rows: readonly LayerRow[]): LayerRow[] {
  return rows.filter(
    (r) => r.status === 'changed' && r.identicalContent !== undefined && r.identicalContent !== null && typeof r.identicalContent === 'object',
  );
}

/**
 * ` (owners, tar header order)`: the metadata the index tells apart, or '' when none of it differs
 * (then only fields it does not keep differ, file times in practice; they are not named unseen).
 */
function differsText(rows: readonly LayerRow[], style: Style, suffix = ''): string {
  const seen: string[] = [];
  for (const row of rows) {
    const differs: unknown = row.identicalContent?.differs;
    if (!Array.isArray(differs)) continue;
    for (const d of differs as unknown[]) {
      const word = typeof d === 'string' && Object.hasOwn(DIFFERS_WORDS, d) ? DIFFERS_WORDS[d]! : style.foreign(d);
      if (!seen.includes(word) && seen.length < MAX_DIFFERS) seen.push(word);
    }
  }
  return seen.length === 0 ? '' : ` (${seen.join(', ')}${suffix})`;
}

function bytesText(bytes: unknown, compressed: unknown): string {
  const size = formatBytes(bytes as number);
  return typeof compressed === 'number' ? `${size} (${formatBytes(compressed)} compressed)` : size;
}

/** 1-based head layer numbers with runs collapsed: `1–4, 6`; `?` for an index that is not a number. */
export function layerRanges(rows: readonly LayerRow[]): string {
  const numbers = rows.map((r) => r.head?.index).map((i) => (typeof i === 'number' && Number.isSafeInteger(i) && i >= 0 ? i + 1 : null));
  const known = [...new Set(numbers.filter((n): n is number => n !== null))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < known.length;) {
    let end = k;
    while (end + 1 < known.length && known[end + 1] === known[end]! + 1) end++;
    parts.push(end === k ? String(known[k]) : `${known[k]}–${known[end]}`);
    k = end + 1;
  }
  if (numbers.includes(null)) parts.push('?');
  return parts.join(', ');
}

function summary(report: Report, style: Style): string | null {
  const rows = rebuiltRows(report.layers);
  if (rows.length === 0) return null;
  let bytes = 0;
  let compressed: number | null = 0;
  for (const row of rows) {
    const same = row.identicalContent!;
    bytes += typeof same.reusableBytes === 'number' ? same.reusableBytes : NaN;
    compressed = compressed !== null && typeof same.reusableCompressedBytes === 'number' ? compressed + same.reusableCompressedBytes : null;
  }
  const which = `${rows.length === 1 ? 'layer' : 'layers'} ${layerRanges(rows)}`;
  return `${which} changed only in metadata${differsText(rows, style)}, the files are identical: ${bytesText(bytes, compressed)} a reproducible build would reuse`;
}

/**
 * Markdown: appended to a changed row's status cell when its content is identical ('' otherwise).
 * Short, so the status column stays narrow; the summary line under the table explains it.
 */
export function rebuiltMarkMarkdown(row: LayerRow): string {
  return rebuiltRows([row]).length === 1 ? '<br>🕒\u00a0same\u00a0files' : '';
}

/** Markdown: the summary paragraph under the changed-layers table, or null when no row qualifies. */
export function rebuiltSummaryMarkdown(report: Report): string | null {
  const line = summary(report, markdownStyle);
  return line === null ? null : `🕒 **${capitalise(line)}.**`;
}

/** Terminal: the line under a row rebuilt with identical content (none otherwise). */
export function rebuiltRowLines(row: LayerRow): string[] {
  const rows = rebuiltRows([row]);
  if (rows.length === 0) return [];
  const same = row.identicalContent!;
  return [
    `    rebuilt with identical content${differsText(rows, plainStyle, ' differ')}: ${bytesText(same.reusableBytes, same.reusableCompressedBytes)} reusable`,
  ];
}

/** Terminal: the summary line, or null when no row qualifies. */
export function rebuiltSummaryText(report: Report): string | null {
  const line = summary(report, plainStyle);
  return line === null ? null : `Rebuilt: ${line}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
