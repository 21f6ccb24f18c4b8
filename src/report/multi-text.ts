/**
 * Terminal text of several images (`layerdiff/multi-report@1`): a summing-up line, one row per
 * image × platform (worst first), then each image's own report (renderText) under its name.
 * Names, platforms, rules and errors come from report files: only through terminalText.
 */
import { entryVerdict, type ImageEntry, type MultiReport } from '../core/multi-report.js';
import type { Verdict } from '../core/report.js';
import { FIELD_MAX, terminalText } from './escape.js';
import { formatBytes, formatBytesDelta, formatPercent } from './format.js';
import { bySeverity, changeOf, countsOf, pullDeltaOf, rulesWith } from './multi-figures.js';
import { renderText, type TextOptions } from './text.js';
import { countsText } from './multi-markdown.js';

const VERDICT_WORD: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };
/** Widest name or platform shown in the table (the sections below show them whole, up to FIELD_MAX). */
const CELL_MAX = 40;

export function renderMultiText(multi: MultiReport, options: TextOptions = {}): string {
  const sorted = bySeverity(multi.images);
  const lines: string[] = [summaryLine(multi), 'DELTA: uncompressed layer tar bytes; PULL DELTA: compressed (stored) bytes, - if unknown', ''];
  const header = ['IMAGE', 'PLATFORM', 'DELTA', 'PULL DELTA', 'REUSE', 'VERDICT', 'FAILING RULES'];
  const rows = sorted.map((image) => [
    terminalText(image.name, CELL_MAX) || '(no name)',
    terminalText(image.platform, CELL_MAX) || '-',
    deltaText(image),
    pullText(image),
    image.report?.cacheHit && image.report.cacheHit.layers.total > 0 ? formatPercent(image.report.cacheHit.bytes.ratio) : '-',
    image.report ? (own(VERDICT_WORD, image.report.verdict) ?? '?') : 'NO REPORT',
    rulesText(image),
  ]);
  lines.push(...aligned(header, rows, new Set([2, 3, 4])));
  for (const image of sorted) {
    lines.push(
      '',
      `== ${terminalText(image.name, FIELD_MAX.identifier) || '(no name)'}${image.platform ? ` (${terminalText(image.platform, FIELD_MAX.identifier)})` : ''} ==`,
    );
    if (image.report) lines.push(renderText(image.report, options).trimEnd());
    else lines.push(`no report: ${terminalText(image.error ?? 'the leg left no report')}`);
  }
  lines.push('', `Verdict: ${own(VERDICT_WORD, multi.verdict) ?? '?'}`);
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

function summaryLine(multi: MultiReport): string {
  const counts = countsOf(multi);
  const total =
    counts.withBase === 0 || multi.totals.base === null
      ? `${formatBytes(multi.totals.head.size)} total (no base)`
      : `${formatBytesDelta(multi.totals.delta.size)} total`;
  return `layerdiff: ${countsText(counts)}; ${total}`;
}

function deltaText(image: ImageEntry): string {
  const report = image.report;
  if (!report) return '-';
  return report.totals.base === null ? `new ${formatBytes(report.totals.head.size)}` : formatBytesDelta(changeOf(image));
}

function pullText(image: ImageEntry): string {
  const pull = pullDeltaOf(image);
  if (pull === null) return '-';
  return image.report?.totals.base === null ? formatBytes(pull) : formatBytesDelta(pull);
}

function rulesText(image: ImageEntry): string {
  if (!image.report) return terminalText(image.error ?? 'the leg left no report', 80);
  const failed = rulesWith(image, 'fail').map((r) => terminalText(r, CELL_MAX));
  const warned = rulesWith(image, 'warn').map((r) => `${terminalText(r, CELL_MAX)} (warn)`);
  return [...failed, ...warned].join(', ') || (entryVerdict(image) === 'pass' ? '' : '?');
}

function aligned(header: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, k) => Math.max(...all.map((row) => width(row[k] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, k) => {
        const pad = ' '.repeat(Math.max(0, (widths[k] ?? 0) - width(cell)));
        return right.has(k) ? pad + cell : cell + pad;
      })
      .join('  '),
  );
}

/** Code points, not UTF-16 units: names may hold astral characters. */
function width(text: string): number {
  return Array.from(text).length;
}

function own<T>(map: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}
