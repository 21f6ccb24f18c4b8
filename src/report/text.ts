/**
 * Terminal renderings: aligned columns, human sizes, the measure named in the header. Every string
 * from the report or snapshot goes through `terminalText` (src/report/escape.ts): one line, capped,
 * control characters and ANSI escapes shown, never sent to the terminal.
 */
import { baseIndexNote } from './base-index-text.js';
import { pullEstimateTextLine } from './pull-text.js';
import { normaliseCreatedBy } from '../diff/instruction.js';
import type { Sizes, Snapshot } from '../core/snapshot.js';
import { FIELD_MAX, numberText, terminalText } from './escape.js';
import { formatBytes, formatBytesDelta, formatPercent, formatPercentDelta, layerNumber, truncate } from './format.js';
import { shortDigest } from '../core/digest.js';
import { growthRatio } from '../core/ratio.js';
import { hintText, plainHintStyle } from './hint-text.js';
import { instructionTexts } from './instruction-text.js';
import { packageTextLines } from './package-text.js';
import { rebuiltRowLines, rebuiltSummaryText } from './rebuilt-text.js';
import type { DeepReport, LayerRow, Report, Verdict } from '../core/report.js';
import { deltaTone, painter, plain, statusTone, type Paint, type Tone } from './colour.js';

export interface TextOptions {
  /** Terminal width; the instruction column is cut to fit. */
  width?: number;
  /** File changes shown under a layer after a deep scan. */
  topFiles?: number;
  /**
   * ANSI colour (growth and failures red, shrink and passes green, warnings yellow, unchanged rows
   * dim): the shell decides (src/report/colour.ts `colourChoice`); default off.
   */
  colour?: boolean;
}

const DEFAULT_WIDTH = 100;
const MIN_INSTRUCTION_WIDTH = 12;
const MEASURE_LINE = 'SIZE: uncompressed layer tar bytes; COMPRESSED: stored (pull) bytes, - if none';

export function renderText(report: Report, options: TextOptions | number = {}): string {
  const { width, topFiles, paint } = textOptions(options);
  const lines: string[] = [];
  lines.push(`base: ${describe(report.base)}`);
  lines.push(`head: ${describe(report.head)}`);
  lines.push(MEASURE_LINE);
  lines.push('');

  const header = ['STATUS', '#', 'BASE SIZE', 'HEAD SIZE', 'DELTA', 'COMPRESSED Δ'];
  const rows = report.layers.map((r) => [
    terminalText(r.status, FIELD_MAX.identifier),
    layerNumber(r),
    r.base ? formatBytes(r.base.size) : '-',
    r.head ? formatBytes(r.head.size) : '-',
    formatBytesDelta(r.delta.size),
    r.delta.compressedSize === null ? '-' : formatBytesDelta(r.delta.compressedSize),
  ]);
  const rightAligned = new Set([1, 2, 3, 4, 5]);
  // Cut to the room the other columns leave, keeping the words that tell rows apart.
  const instructions = (room: number) => instructionTexts(report.layers, room).map((t) => (t === null ? '(no history)' : terminalText(t, FIELD_MAX.message)));
  const tones = report.layers.map((r) => rowTones(r, header.length));
  const fileLines = report.layers.map((r) => [
    ...rebuiltRowLines(r).map((l) => truncate(l, width)),
    ...fileChangeLines(r, topFiles, width),
    ...packageTextLines(r, topFiles, width),
  ]);
  append(lines, alignedTable(header, rows, rightAligned, 'CREATED BY', instructions, width, fileLines, { paint, tones }));
  if (report.layers.length === 0) lines.push('(no layers)');
  lines.push('');

  lines.push(totalsLine(report.totals.base, report.totals.head, report.totals.delta, paint));
  const pull = pullEstimateTextLine(report);
  if (pull) lines.push(pull);
  if (report.cacheHit) {
    const { layers, bytes } = report.cacheHit;
    lines.push(
      `Cache hit: ${numberText(layers.hit)}/${numberText(layers.total)} layers reused from the base (${formatPercent(layers.ratio)}), ${formatBytes(bytes.hit)} of ${formatBytes(bytes.total)} (${formatPercent(bytes.ratio)} of bytes)`,
    );
  } else {
    lines.push('Cache hit: no base image (first snapshot)');
  }

  const rebuilt = rebuiltSummaryText(report);
  if (rebuilt) lines.push(rebuilt);
  const baseIndex = baseIndexNote(report);
  if (baseIndex) append(lines, ['', `Note: ${baseIndex}`]);
  if (report.deep) append(lines, deepLines(report.deep, width));

  if (report.budgets.length > 0) {
    lines.push('');
    lines.push('Budgets:');
    const budgetRows = report.budgets.map((b) => [
      statusWord(b.status),
      terminalText(b.rule, FIELD_MAX.identifier),
      typeof b.limit === 'number' ? numberText(b.limit) : terminalText(b.limit, FIELD_MAX.identifier),
      b.message === undefined || b.message === null ? '' : terminalText(b.message),
    ]);
    const budgetTones = report.budgets.map((b) => [statusTone(b.status)]);
    append(lines, alignedTable(['STATUS', 'RULE', 'LIMIT', 'ACTUAL'], budgetRows, new Set([2]), null, [], width, [], { paint, tones: budgetTones }));
  }
  lines.push('');
  lines.push(`Verdict: ${paint(statusWord(report.verdict), statusTone(report.verdict))}`);
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

/** Wasted space, dive's figures and hints, after a deep scan. */
function deepLines(deep: DeepReport, width: number): string[] {
  const lines: string[] = [];
  const waste = deep.waste;
  lines.push(`Wasted space: ${formatBytes(waste.wastedBytes)} reclaimable, efficiency ${formatPercent(waste.efficiency)}`);
  if (deep.dive) {
    const dive = deep.dive;
    lines.push(
      `dive-compatible: efficiency ${numberText(dive.efficiency)}, wasted ${numberText(dive.wastedBytes)} bytes, user wasted ${formatPercent(dive.userWastedPercent)}`,
    );
  }
  for (const p of waste.paths.slice(0, 10))
    lines.push(
      `  ${formatBytes(p.wastedBytes).padStart(9)}  ${truncate(terminalText(p.path, FIELD_MAX.path, true), Math.max(MIN_INSTRUCTION_WIDTH, width - 13))}`,
    );
  for (const h of deep.hints) {
    const layer = h.layerIndex === null ? '' : ` [layer ${typeof h.layerIndex === 'number' ? h.layerIndex + 1 : '?'}]`;
    lines.push(truncate(`Hint${layer}: ${formatBytes(h.bytes)} at stake: ${hintText(h, plainHintStyle)}`, width));
  }
  return lines;
}

/** `inspect`: one image's layers, like docker history; with a deep scan, its waste and hints. */
export function renderSnapshotText(snapshot: Snapshot, options: TextOptions | number = {}, deep: DeepReport | null = null): string {
  const { width } = textOptions(options);
  const lines: string[] = [];
  lines.push(`image: ${describe(snapshot)}`);
  lines.push(
    `config ${terminalText(shortDigest(snapshot.configDigest))}${snapshot.manifestDigest ? `  manifest ${terminalText(shortDigest(snapshot.manifestDigest))}` : ''}`,
  );
  lines.push(MEASURE_LINE);
  lines.push('');
  const rows = snapshot.layers.map((l) => [
    typeof l.index === 'number' ? String(l.index + 1) : '?',
    formatBytes(l.size),
    l.compressedSize === null ? '-' : formatBytes(l.compressedSize),
    terminalText(shortDigest(l.diffId)),
  ]);
  append(
    lines,
    alignedTable(
      ['#', 'SIZE', 'COMPRESSED', 'DIFF ID'],
      rows,
      new Set([0, 1, 2]),
      'CREATED BY',
      snapshot.layers.map((l) => instructionText(l.createdBy)),
      width,
      [],
    ),
  );
  if (snapshot.layers.length === 0) lines.push('(no layers)');
  lines.push('');
  lines.push(`Total: ${snapshot.layers.length} ${snapshot.layers.length === 1 ? 'layer' : 'layers'}, ${sizesText(snapshot.totals)}`);
  if (deep) append(lines, ['', ...deepLines(deep, width)]);
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

/**
 * Appends `items` one by one. `lines.push(...items)` passes every item as an argument on the stack
 * and throws "Maximum call stack size exceeded" past ~100,000 of them (a 200,000-rule budgets file).
 */
function append(lines: string[], items: readonly string[]): void {
  for (const item of items) lines.push(item);
}

const STATUS_WORD: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

function statusWord(status: unknown): string {
  return typeof status === 'string' && Object.hasOwn(STATUS_WORD, status) ? STATUS_WORD[status as Verdict] : terminalText(status, FIELD_MAX.identifier);
}

function textOptions(options: TextOptions | number): { width: number; topFiles: number; paint: Paint } {
  const o: TextOptions = typeof options === 'number' ? { width: options } : options;
  const width = o.width !== undefined && Number.isFinite(o.width) && o.width > 0 ? Math.floor(o.width) : DEFAULT_WIDTH;
  return { width, topFiles: o.topFiles ?? 5, paint: painter(o.colour === true) };
}

/**
 * A layer row's colours, by column (the instruction last): an unchanged layer dim throughout;
 * otherwise the status and the deltas by their sign (an added layer grows the image, a removed one
 * shrinks it).
 */
function rowTones(row: LayerRow, columns: number): Array<Tone | null> {
  if (row.status === 'unchanged') return Array.from({ length: columns + 1 }, () => 'dim' as const);
  const tones: Array<Tone | null> = Array.from({ length: columns + 1 }, () => null);
  tones[0] = deltaTone(row.delta.size);
  tones[4] = deltaTone(row.delta.size);
  tones[5] = deltaTone(row.delta.compressedSize);
  return tones;
}

function describe(snapshot: Snapshot | null): string {
  if (snapshot === null) return '(no base image)';
  return `${terminalText(snapshot.source.reference, FIELD_MAX.identifier)} (${terminalText(snapshot.platform, FIELD_MAX.identifier)})`;
}

function instructionText(createdBy: string | null): string {
  return terminalText(normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null), FIELD_MAX.message) || '(no history)';
}

function sizesText(sizes: Sizes): string {
  const compressed = sizes.compressedSize === null ? '' : `, ${formatBytes(sizes.compressedSize)} compressed`;
  return `${formatBytes(sizes.size)} uncompressed${compressed}`;
}

function totalsLine(base: Sizes | null, head: Sizes, delta: Sizes, paint: Paint = plain): string {
  if (base === null) return `Total: ${sizesText(head)}`;
  const ratio = growthRatio(base.size, head.size);
  const compressed = delta.compressedSize === null ? '' : `; compressed ${paint(formatBytesDelta(delta.compressedSize), deltaTone(delta.compressedSize))}`;
  const change = paint(`${formatBytesDelta(delta.size)}${ratio === null ? '' : `, ${formatPercentDelta(ratio)}`}`, deltaTone(delta.size));
  return `Total: ${formatBytes(base.size)} -> ${formatBytes(head.size)} (${change}${compressed})`;
}

function fileChangeLines(row: LayerRow, topFiles: number, width: number): string[] {
  if (!row.files || topFiles <= 0) return [];
  const shown = row.files.changes.slice(0, topFiles);
  const lines = shown.map((c) =>
    truncate(
      `    ${formatBytesDelta(c.delta).padStart(10)}  ${terminalText(c.change, FIELD_MAX.identifier).padEnd(8)} ${terminalText(c.path, FIELD_MAX.path * 4, true)}`,
      width,
    ),
  );
  const hidden = row.files.changes.length - shown.length;
  if (hidden > 0) lines.push(`    … ${hidden} more file changes (see --format json)`);
  return lines;
}

/**
 * Columns padded to their widest cell; an optional last free-text column is cut to what is left of
 * the width, and extra lines may follow each row.
 */
function alignedTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  rightAligned: ReadonlySet<number>,
  lastTitle: string | null,
  lastCells: readonly string[] | ((room: number) => readonly string[]),
  width: number,
  extraLines: ReadonlyArray<readonly string[]>,
  style: { paint: Paint; tones: ReadonlyArray<ReadonlyArray<Tone | null>> } = { paint: plain, tones: [] },
): string[] {
  const widths = header.map((h, k) => {
    let widest = h.length;
    for (const r of rows) widest = Math.max(widest, (r[k] ?? '').length);
    return widest;
  });
  // Padding stays outside the colour codes, so widths are measured on the text alone.
  const pad = (cells: readonly string[], tones: ReadonlyArray<Tone | null> = []) =>
    cells
      .map((c, k) => {
        const fill = ' '.repeat(Math.max(0, (widths[k] ?? 0) - c.length));
        const painted = style.paint(c, tones[k] ?? null);
        return rightAligned.has(k) ? fill + painted : painted + fill;
      })
      .join('  ');
  const used = widths.reduce((sum, w) => sum + w + 2, 0);
  const room = Math.max(MIN_INSTRUCTION_WIDTH, width - used);
  const lines = [pad(header) + (lastTitle === null ? '' : `  ${lastTitle}`)];
  const last = typeof lastCells === 'function' ? lastCells(room) : lastCells;
  rows.forEach((r, i) => {
    const tones = style.tones[i] ?? [];
    lines.push(pad(r, tones) + (lastTitle === null ? '' : `  ${style.paint(truncate(last[i] ?? '', room), tones[header.length] ?? null)}`));
    append(lines, extraLines[i] ?? []);
  });
  return lines;
}
