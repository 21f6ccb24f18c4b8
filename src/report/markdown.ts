/**
 * The PR comment body (and job summary): headline with severity, changed layers, unchanged layers
 * collapsed, cache hit, budgets, deep-scan extras, footer. Pure; stays under a length cap.
 * Every string from the report is foreign (a fork can write the whole report file): it reaches the
 * body only through src/report/escape.ts (`mdCode`, `mdText`, `htmlCode`), numbers only through the
 * formatters; the text written here is layerdiff's own.
 */
import { normaliseCreatedBy } from '../diff/instruction.js';
import { buildMarker } from './comment-marker.js';
import type { LayerRef, Snapshot } from '../core/snapshot.js';
import { FIELD_MAX, htmlCode, htmlEscape, mdCode, mdText, numberText } from './escape.js';
import { formatBytes, formatBytesDelta, formatPercent, formatPercentDelta, layerNumber } from './format.js';
import { shortDigest } from '../core/digest.js';
import { growthRatio } from '../core/ratio.js';
import { hintText, markdownHintStyle } from './hint-text.js';
import { instructionTexts } from './instruction-text.js';
import { table } from './markdown-syntax.js';
import { trendParts } from './trend-chart.js';
import type { BudgetResult, DeepReport, FileChange, LayerRow, Report, Verdict } from '../core/report.js';

export interface MarkdownOptions {
  /** Hidden marker key for the sticky comment; omitted = no marker. */
  commentKey?: string;
  /** Hard cap on the body length (GitHub comments: 65,536). */
  maxLength?: number;
  /** File changes shown per layer after a deep scan (the JSON report has all). */
  topFiles?: number;
}

export const DEFAULT_MAX_LENGTH = 65_000;
const DEFAULT_TOP_FILES = 10;
const INSTRUCTION_WIDTH = FIELD_MAX.instruction;
const PATH_WIDTH = FIELD_MAX.path;
// Row caps tried in turn until the body fits; Infinity first so small reports are never cut.
const ROW_CAPS = [Infinity, 1000, 300, 100, 50, 20, 10, 5, 2, 0];

/** The hidden marker that identifies layerdiff's sticky comment for `key` (a valid key, or this throws). */
export function commentMarker(key: string): string {
  return buildMarker(key);
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const topFiles = options.topFiles ?? DEFAULT_TOP_FILES;
  let parts: string[] = [];
  for (const cap of ROW_CAPS) {
    parts = renderWithCap(report, options.commentKey, cap, Math.min(topFiles, cap));
    const body = parts.join('\n\n') + '\n';
    if (body.length <= maxLength) return body;
  }
  // Even the smallest rendering is too long (a tiny cap): keep whole sections while they fit, so no
  // code span, table or <details> is cut open; only the first section (marker or headline, written
  // by layerdiff alone) may be cut.
  const note = '_… report truncated (see the JSON report)_';
  const room = Math.max(0, maxLength - note.length - 3);
  let kept = '';
  for (const part of parts) {
    const next = kept === '' ? part : `${kept}\n\n${part}`;
    if (next.length > room) break;
    kept = next;
  }
  if (kept === '') kept = (parts[0] ?? '').slice(0, room);
  return `${kept}\n\n${note}\n`;
}

function renderWithCap(report: Report, commentKey: string | undefined, cap: number, topFiles: number): string[] {
  const parts: string[] = [];
  if (commentKey !== undefined) parts.push(commentMarker(commentKey));
  parts.push(headline(report));
  // Pictures (trend chart from 3 history points, layer bars from 2 changed layers): src/report/trend-chart.ts.
  parts.push(...trendParts(report, cap));
  parts.push(measureLine(report));
  parts.push(totalsLine(report));
  parts.push(...changesSection(report, cap, topFiles));
  const unchanged = unchangedSection(report, cap);
  if (unchanged) parts.push(unchanged);
  const cache = cacheHitLine(report);
  if (cache) parts.push(cache);
  if (report.budgets.length > 0) parts.push(...budgetsSection(report.budgets, cap));
  if (report.deep) parts.push(...deepSections(report.deep, cap));
  parts.push(footer(report.base, report.head));
  return parts;
}

const VERDICT_ICON: Record<Verdict, string> = { fail: '🔴', warn: '🟡', pass: '🟢' };

/** Budget verdict first; with no budget at stake, the direction of the change. */
function severityIcon(report: Report): string {
  if (report.verdict !== 'pass') return own(VERDICT_ICON, report.verdict) ?? '❔';
  if (report.base === null) return '🆕';
  const delta = report.totals.delta.size;
  return delta > 0 ? '📈' : delta < 0 ? '📉' : VERDICT_ICON.pass;
}

function headline(report: Report): string {
  const icon = severityIcon(report);
  const budgets = budgetSummary(report.budgets);
  if (report.base === null) {
    const n = report.head.layers.length;
    return `### ${icon} layerdiff: ${formatBytes(report.totals.head.size)} in ${n} ${plural(n, 'layer')} (no base image: first snapshot)${budgets}`;
  }
  const reuse = reuseText(report);
  const noChange = report.totals.delta.size === 0 && report.layers.every((r) => r.status === 'unchanged');
  if (noChange) return `### ${icon} layerdiff: no change vs base${reuse}${budgets}`;
  const delta = report.totals.delta.size;
  const ratio = report.totals.base ? growthRatio(report.totals.base.size, report.totals.head.size) : null;
  const percent = ratio === null ? '' : ` (${formatPercentDelta(ratio)})`;
  return `### ${icon} layerdiff: ${formatBytesDelta(delta)}${percent} vs base${reuse}${budgets}`;
}

function reuseText(report: Report): string {
  if (!report.cacheHit) return '';
  const { layers, bytes } = report.cacheHit;
  return `, ${numberText(layers.hit)}/${numberText(layers.total)} ${plural(layers.total, 'layer')} reused (${formatPercent(bytes.ratio)} of bytes)`;
}

function budgetSummary(budgets: readonly BudgetResult[]): string {
  const failed = budgets.filter((b) => b.status === 'fail').length;
  const warned = budgets.filter((b) => b.status === 'warn').length;
  const parts = [];
  if (failed) parts.push(`${failed} ${plural(failed, 'budget')} failed`);
  if (warned) parts.push(`${warned} ${plural(warned, 'warning')}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function hasCompressed(report: Report): boolean {
  return report.layers.some((r) => (r.head?.compressedSize ?? r.base?.compressedSize ?? null) !== null);
}

function measureLine(report: Report): string {
  const compressed = hasCompressed(report) ? '; compressed (pull) size in parentheses where known' : '';
  return `<sub>Sizes are uncompressed layer tar bytes${compressed}.</sub>`;
}

function totalsLine(report: Report): string {
  const { base, head, delta } = report.totals;
  const compressed = (value: number | null) => (value === null ? '' : ` (${formatBytes(value)})`);
  if (base === null) return `**Total:** ${formatBytes(head.size)}${compressed(head.compressedSize)}`;
  const ratio = growthRatio(base.size, head.size);
  const change = `${formatBytesDelta(delta.size)}${ratio === null ? '' : `, ${formatPercentDelta(ratio)}`}`;
  const compressedChange = delta.compressedSize === null ? '' : `; compressed ${formatBytesDelta(delta.compressedSize)}`;
  return `**Total:** ${formatBytes(base.size)}${compressed(base.compressedSize)} → ${formatBytes(head.size)}${compressed(head.compressedSize)} (${change}${compressedChange})`;
}

const STATUS_LABEL: Record<LayerRow['status'], string> = {
  changed: '✏️ changed',
  added: '🆕 added',
  removed: '🗑️ removed',
  unchanged: '♻️ reused',
};

function instructionOf(row: LayerRow): string | null {
  return (row.head ?? row.base)?.createdBy ?? null;
}

function instructionCell(createdBy: string | null): string {
  const normalised = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
  if (normalised === null || normalised === '') return '_(no history)_';
  return mdCode(normalised, { max: INSTRUCTION_WIDTH, cell: true });
}

function sizeCell(layer: LayerRef | null): string {
  if (!layer) return '';
  return layer.compressedSize === null ? formatBytes(layer.size) : `${formatBytes(layer.size)} (${formatBytes(layer.compressedSize)})`;
}

function deltaCell(delta: LayerRow['delta']): string {
  const size = `**${formatBytesDelta(delta.size)}**`;
  return delta.compressedSize === null ? size : `${size} (${formatBytesDelta(delta.compressedSize)})`;
}

function moreRowsNote(hidden: number, which = ''): string {
  return `_… ${hidden} more ${plural(hidden, 'row')}${which} (see the JSON report)_`;
}

/** When a table must be cut, the rows that matter most (largest change) stay, in their own order. */
function largestInOrder(rows: readonly LayerRow[], cap: number): LayerRow[] {
  if (rows.length <= cap) return [...rows];
  const keep = new Set(
    rows
      .map((row, i) => ({ i, weight: Math.abs(row.delta.size) }))
      .sort((a, b) => b.weight - a.weight || a.i - b.i)
      .slice(0, cap)
      .map((r) => r.i),
  );
  return rows.filter((_, i) => keep.has(i));
}

function changesSection(report: Report, cap: number, topFiles: number): string[] {
  const rows = report.layers.filter((r) => r.status !== 'unchanged');
  if (rows.length === 0) {
    return [
      report.head.layers.length === 0
        ? 'The head image has no layers.'
        : `No layer changed: all ${report.head.layers.length} ${plural(report.head.layers.length, 'layer')} reused.`,
    ];
  }
  const shown = largestInOrder(rows, cap);
  // The words that tell these rows apart (old → new for a changed instruction), escaped like any instruction.
  const instructions = instructionTexts(shown, INSTRUCTION_WIDTH).map((t) =>
    t === null ? '_(no history)_' : mdCode(t, { max: INSTRUCTION_WIDTH, cell: true }),
  );
  const parts: string[] = [];
  if (shown.length > 0) {
    parts.push(
      table(
        [
          { title: 'Status' },
          { title: '#', align: 'right' },
          { title: 'Instruction' },
          { title: 'Base', align: 'right' },
          { title: 'Head', align: 'right' },
          { title: 'Δ', align: 'right' },
        ],
        shown.map((r, k) => [
          own(STATUS_LABEL, r.status) ?? mdCode(r.status, { max: FIELD_MAX.identifier, cell: true }),
          layerNumber(r),
          instructions[k] ?? '',
          sizeCell(r.base),
          sizeCell(r.head),
          deltaCell(r.delta),
        ]),
      ),
    );
  }
  if (rows.length > shown.length) parts.push(moreRowsNote(rows.length - shown.length, ' with smaller changes'));
  if (topFiles > 0) parts.push(...shown.filter((r) => r.files && r.files.changes.length > 0).map((r) => fileDetails(r, topFiles)));
  return parts;
}

const FILE_CHANGE_LABEL: Record<FileChange['change'], string> = {
  added: 'added',
  removed: 'removed',
  grown: 'grown',
  shrunk: 'shrunk',
  modified: 'modified',
};

function fileDetails(row: LayerRow, topFiles: number): string {
  const files = row.files;
  if (!files) return '';
  const counts = (['added', 'removed', 'grown', 'shrunk', 'modified'] as const).filter((k) => files[k] > 0).map((k) => `${numberText(files[k])} ${k}`);
  const createdBy = instructionOf(row);
  const instruction = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
  const label = `Layer ${htmlEscape(layerNumber(row))}${instruction ? ` ${htmlCode(instruction, { max: INSTRUCTION_WIDTH })}` : ''}: ${htmlEscape(counts.join(', ')) || 'no file changes'}`;
  const shown = files.changes.slice(0, topFiles);
  const rows = shown.map((c) => [
    own(FILE_CHANGE_LABEL, c.change) ?? mdCode(c.change, { max: FIELD_MAX.identifier, cell: true }),
    mdCode(c.path, { max: PATH_WIDTH, middle: true, cell: true }),
    c.baseSize === null ? '' : formatBytes(c.baseSize),
    c.headSize === null ? '' : formatBytes(c.headSize),
    formatBytesDelta(c.delta),
  ]);
  const hidden = files.changes.length - shown.length;
  const note = hidden > 0 ? `\n\n_… ${hidden} more file ${plural(hidden, 'change')} (see the JSON report)_` : '';
  const tableText = table(
    [{ title: 'Change' }, { title: 'Path' }, { title: 'Base', align: 'right' }, { title: 'Head', align: 'right' }, { title: 'Δ', align: 'right' }],
    rows,
  );
  return `<details><summary>${label}</summary>\n\n${tableText}${note}\n\n</details>`;
}

function unchangedSection(report: Report, cap: number): string | null {
  const rows = report.layers.filter((r) => r.status === 'unchanged');
  if (rows.length === 0) return null;
  const bytes = rows.reduce((sum, r) => sum + (r.head?.size ?? 0), 0);
  const summary = `${rows.length} unchanged ${plural(rows.length, 'layer')} (${formatBytes(bytes)} reused)`;
  const shown = rows.slice(0, cap);
  const parts: string[] = [];
  if (shown.length > 0) {
    parts.push(
      table(
        [{ title: '#', align: 'right' }, { title: 'Instruction' }, { title: 'Size', align: 'right' }],
        shown.map((r) => [layerNumber(r), instructionCell(instructionOf(r)), sizeCell(r.head)]),
      ),
    );
  }
  if (rows.length > shown.length) parts.push(moreRowsNote(rows.length - shown.length));
  return `<details><summary>${htmlEscape(summary)}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

function cacheHitLine(report: Report): string | null {
  if (!report.cacheHit) return null;
  const { layers, bytes } = report.cacheHit;
  return `**Cache hit:** ${numberText(layers.hit)} of ${numberText(layers.total)} ${plural(layers.total, 'layer')} reused from the base (${formatPercent(layers.ratio)}), ${formatBytes(bytes.hit)} of ${formatBytes(bytes.total)} (${formatPercent(bytes.ratio)} of bytes).`;
}

const BUDGET_ICON: Record<Verdict, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' };

function budgetsSection(budgets: readonly BudgetResult[], cap: number): string[] {
  // Failures first when the table must be cut: they are what the reader has to act on.
  const shown = budgets.length <= cap ? budgets : [...budgets].sort((a, b) => verdictRank(b.status) - verdictRank(a.status)).slice(0, cap);
  const rows = shown.map((b) => [
    mdCode(b.rule, { max: FIELD_MAX.identifier, cell: true }),
    typeof b.limit === 'number' ? numberText(b.limit) : mdText(b.limit, { max: FIELD_MAX.identifier, cell: true }),
    b.message === undefined || b.message === null ? (b.actual === null ? '' : numberText(b.actual)) : mdText(b.message, { cell: true }),
    own(BUDGET_ICON, b.status) ?? mdCode(b.status, { max: FIELD_MAX.identifier, cell: true }),
  ]);
  const parts =
    shown.length > 0
      ? [`#### Budgets\n\n${table([{ title: 'Rule' }, { title: 'Limit', align: 'right' }, { title: 'Actual' }, { title: 'Status' }], rows)}`]
      : ['#### Budgets'];
  if (budgets.length > shown.length)
    parts.push(`_… ${budgets.length - shown.length} more ${plural(budgets.length - shown.length, 'budget')} (see the JSON report)_`);
  return parts;
}

function verdictRank(status: Verdict): number {
  return status === 'fail' ? 2 : status === 'warn' ? 1 : 0;
}

function deepSections(deep: DeepReport, cap: number): string[] {
  const parts: string[] = [];
  const waste = deep.waste;
  const lines = [
    `#### Wasted space`,
    '',
    `**${formatBytes(waste.wastedBytes)}** reclaimable (bytes a later layer overwrote or deleted that still ship, kept copy counted once), efficiency ${formatPercent(waste.efficiency)}.`,
  ];
  if (deep.dive) {
    lines.push(
      '',
      `<sub>dive-compatible figures: efficiency ${numberText(deep.dive.efficiency)}, wasted ${formatBytes(deep.dive.wastedBytes)}, user wasted ${formatPercent(deep.dive.userWastedPercent)}.</sub>`,
    );
  }
  parts.push(lines.join('\n'));
  const paths = waste.paths.slice(0, Math.min(DEFAULT_TOP_FILES, cap));
  if (paths.length > 0) {
    parts.push(
      table(
        [{ title: 'Path' }, { title: 'Wasted', align: 'right' }, { title: 'Layers' }],
        paths.map((p) => [
          mdCode(p.path, { max: PATH_WIDTH, middle: true, cell: true }),
          formatBytes(p.wastedBytes),
          (Array.isArray(p.layers) ? p.layers : []).map(layerOrdinal).join(', '),
        ]),
      ),
    );
  }
  if (waste.paths.length > paths.length)
    parts.push(`_… ${waste.paths.length - paths.length} more wasted ${plural(waste.paths.length - paths.length, 'path')} (see the JSON report)_`);
  const hints = deep.hints.slice(0, cap);
  if (hints.length > 0) {
    const items = hints.map((h) => {
      const instruction = typeof h.createdBy === 'string' ? mdCode(normaliseCreatedBy(h.createdBy), { max: INSTRUCTION_WIDTH }) : '';
      const layer = h.layerIndex === null ? '' : ` (layer ${layerOrdinal(h.layerIndex)}${instruction ? `: ${instruction}` : ''})`;
      return `- 💡 **${formatBytes(h.bytes)}** at stake: ${hintText(h, markdownHintStyle)}${layer}`;
    });
    parts.push(`#### Hints\n\n${items.join('\n')}`);
  }
  if (deep.hints.length > hints.length)
    parts.push(`_… ${deep.hints.length - hints.length} more ${plural(deep.hints.length - hints.length, 'hint')} (see the JSON report)_`);
  return parts;
}

function describeImage(label: string, snapshot: Snapshot | null): string {
  if (snapshot === null) return `${label}: no base image: first snapshot`;
  const manifest = snapshot.manifestDigest === null ? '' : ` · manifest ${mdCode(shortDigest(snapshot.manifestDigest), { max: FIELD_MAX.identifier })}`;
  return `${label}: ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })} · ${mdCode(snapshot.platform, { max: FIELD_MAX.identifier })}${manifest} · config ${mdCode(shortDigest(snapshot.configDigest), { max: FIELD_MAX.identifier })}`;
}

function footer(base: Snapshot | null, head: Snapshot): string {
  return `<sub>${describeImage('Base', base)}<br>${describeImage('Head', head)}</sub>`;
}

/** `inspect --format markdown`: one image's layers; with a deep scan, its waste and hints. */
export function renderSnapshotMarkdown(snapshot: Snapshot, deep: DeepReport | null = null): string {
  const n = snapshot.layers.length;
  const compressed = snapshot.totals.compressedSize === null ? '' : ` (${formatBytes(snapshot.totals.compressedSize)} compressed)`;
  const known = snapshot.layers.some((l) => l.compressedSize !== null);
  const rows = snapshot.layers.map((l) => [
    layerOrdinal(l.index),
    instructionCell(l.createdBy),
    formatBytes(l.size),
    l.compressedSize === null ? '' : formatBytes(l.compressedSize),
    mdCode(shortDigest(l.diffId), { max: FIELD_MAX.identifier, cell: true }),
  ]);
  return (
    [
      `### layerdiff: ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })}: ${formatBytes(snapshot.totals.size)}${compressed} in ${n} ${plural(n, 'layer')}`,
      `<sub>Size is uncompressed layer tar bytes${known ? '; compressed is the stored (pull) size' : ''}.</sub>`,
      n === 0
        ? 'The image has no layers.'
        : table(
            [
              { title: '#', align: 'right' },
              { title: 'Instruction' },
              { title: 'Size', align: 'right' },
              { title: 'Compressed', align: 'right' },
              { title: 'Diff ID' },
            ],
            rows,
          ),
      ...(deep ? deepSections(deep, Number.POSITIVE_INFINITY) : []),
      `<sub>${describeImage('Image', snapshot)}</sub>`,
    ].join('\n\n') + '\n'
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** `map[key]` for the renderer's own labels, never an inherited property a foreign key could name. */
function own<T>(map: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A 0-based layer index as the 1-based number people read (`?` when it is not a number). */
function layerOrdinal(index: unknown): string {
  return typeof index === 'number' && Number.isFinite(index) ? String(index + 1) : '?';
}
