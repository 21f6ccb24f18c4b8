/**
 * The PR comment body and the job summary, laid out for a reviewer who reads for five seconds:
 *
 *   headline (one line: verdict, Δ, pull Δ, reuse, the rules that fail or warn)
 *   budget table (only when a rule fails or warns) · trend chart (3+ history points)
 *   size line · changed layers (one row per layer, a size bar from two changed layers on) ·
 *   many added/removed layers in one <details> · files per layer · packages per layer ·
 *   unchanged layers · wasted space (nothing when none) · hints
 *   passing budgets (collapsed) · footer (images, links, what the sizes measure)
 *
 * Each part is a function in `SECTIONS`; each layer-table column is an entry in `LAYER_COLUMNS`
 * (title + a cell function), so a new figure is one entry. Sizes keep their units with a no-break
 * space (U+00A0, which cmark-gfm and GitHub's sanitiser pass through), so a narrow column never
 * splits "16.4 / kB". `detail: 'comment'` keeps the PR comment short (fewer rows and files);
 * `'full'` (the job summary, the CLI) keeps every row. Both stay under `maxLength`, cut at a row
 * boundary with a line that says what was left out and where it is.
 *
 * Every string from the report is foreign (a fork can write the whole report file): it reaches the
 * body only through src/report/escape.ts (`mdCode`, `mdText`, `htmlCode`), numbers only through the
 * formatters; links only from `options.links`, which layerdiff builds from validated parts and which
 * `safeLink` checks again. The text written here is layerdiff's own.
 */
import { baseIndexMarkdown } from './base-index-text.js';
import { pullEstimateCell, pullEstimateMarkdownLine } from './pull-text.js';
import { normaliseCreatedBy } from '../diff/instruction.js';
import { buildMarker } from './comment-marker.js';
import type { LayerRef, Snapshot } from '../core/snapshot.js';
import { FIELD_MAX, htmlCode, htmlEscape, mdCode, mdText, numberText } from './escape.js';
import { formatBytes, formatBytesDelta, formatPercent, formatPercentDelta, layerNumber } from './format.js';
import { shortDigest } from '../core/digest.js';
import { growthRatio } from '../core/ratio.js';
import { hintText, markdownHintStyle } from './hint-text.js';
import { instructionTexts } from './instruction-text.js';
import { keepUnits, link, NBSP, table, type Column } from './markdown-syntax.js';
import { packageSectionsMarkdown } from './package-text.js';
import { rebuiltMarkMarkdown, rebuiltSummaryMarkdown } from './rebuilt-text.js';
import { MAX_BAR_ROWS, rowSizes, sizeBar, trendChartMarkdown } from './trend-chart.js';
import type { BudgetResult, DeepReport, FileChange, LayerRow, Report, Verdict } from '../core/report.js';

/** Where a reader clicks for more; layerdiff builds each from validated parts (src/github/context.ts). */
export interface MarkdownLinks {
  /** The workflow run (its page shows the job summary). */
  run?: string;
  /** The JSON report (an artifact or a file a reader can open). */
  report?: string;
  /** Where the base came from (for `base-artifact`: the base branch's run). */
  base?: string;
}

export interface MarkdownOptions {
  /** Hidden marker key for the sticky comment; omitted = no marker. */
  commentKey?: string;
  /** Hard cap on the body length (GitHub comments and summaries: 65,536). */
  maxLength?: number;
  /** File changes shown per layer after a deep scan (the JSON report has all). */
  topFiles?: number;
  /** `comment`: short (the PR comment); `full` (default): every row (the job summary, the CLI). */
  detail?: 'comment' | 'full';
  links?: MarkdownLinks;
  /**
   * The Mermaid size trend (from 3 history points; default true). A merged comment turns it off in
   * its per-image sections: one page of many images is no place for a chart per image.
   */
  trendChart?: boolean;
}

export const DEFAULT_MAX_LENGTH = 65_000;
/** The PR comment: rows per table and files per layer before "… N more". */
const COMMENT_ROWS = 15;
const COMMENT_TOP_FILES = 5;
/** Package blocks shown open in the PR comment (the rest folded; the job summary opens them all). */
const COMMENT_OPEN_PACKAGE_LAYERS = 2;
/** Layers with package changes listed in the PR comment. */
const COMMENT_PACKAGE_LAYERS = 5;
/** Bar width (cells) in the layer table: narrow enough to leave the instruction its room at 900 px. */
const BAR_CELLS = 12;
const FULL_TOP_FILES = 10;
/** More added + removed layers than this go into one <details> (with a base to compare). */
const INLINE_ADDED_REMOVED = 3;
const PATH_WIDTH = FIELD_MAX.path;
const COMMENT_INSTRUCTION_WIDTH = 60;
/** Headline width in "columns" (an emoji counts 2) that fits one line of an h3 at PR-conversation width. */
export const HEADLINE_COLUMNS = 72;
// Row caps tried in turn until the body fits; the first one that fits wins, so small reports are never cut.
const ROW_CAPS = [Infinity, 1000, 300, 100, 50, 20, 10, 5, 2, 0];

/** The hidden marker that identifies layerdiff's sticky comment for `key` (a valid key, or this throws). */
export function commentMarker(key: string): string {
  return buildMarker(key);
}

/** Everything a section needs; `cap` is the row cap of this attempt. */
interface Ctx {
  report: Report;
  detail: 'comment' | 'full';
  cap: number;
  topFiles: number;
  instructionWidth: number;
  links: MarkdownLinks;
  trendChart: boolean;
}

type Section = (ctx: Ctx) => string[];

/** The page, top to bottom. A new part is one function here. */
const SECTIONS: readonly Section[] = [
  (c) => [headline(c.report)],
  (c) => (hasAlert(c.report.budgets) ? budgetTable(c, c.report.budgets) : []),
  // The size trend over the base branch's history (3+ points); the layer bars are a table column.
  (c) => {
    const chart = c.trendChart ? trendChartMarkdown(c.report) : null;
    return chart ? [chart] : [];
  },
  (c) => [sizeLine(c.report)],
  (c) => {
    const pull = pullEstimateMarkdownLine(c.report);
    return pull ? [pull] : [];
  },
  (c) => {
    const note = baseIndexMarkdown(c.report);
    return note ? [note] : [];
  },
  changesSection,
  addedRemovedSection,
  fileSections,
  (c) =>
    packageSectionsMarkdown(c.report.layers, {
      top: c.topFiles,
      maxLayers: c.detail === 'comment' ? Math.min(COMMENT_PACKAGE_LAYERS, c.cap) : c.cap,
      openLayers: c.detail === 'comment' ? COMMENT_OPEN_PACKAGE_LAYERS : Number.POSITIVE_INFINITY,
      more: (hidden, what) => moreNote(c, hidden, what),
    }),
  unchangedSection,
  wasteSection,
  hintsSection,
  (c) => (c.report.budgets.length > 0 && !hasAlert(c.report.budgets) ? passingBudgets(c) : []),
  (c) => [footer(c)],
];

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const detail = options.detail ?? 'full';
  const topFiles = options.topFiles ?? (detail === 'comment' ? COMMENT_TOP_FILES : FULL_TOP_FILES);
  const links = safeLinks(options.links);
  const marker = options.commentKey === undefined ? [] : [commentMarker(options.commentKey)];
  const caps = detail === 'comment' ? [COMMENT_ROWS, ...ROW_CAPS.filter((c) => c < COMMENT_ROWS)] : ROW_CAPS;
  let parts: string[] = [];
  for (const cap of caps) {
    const ctx: Ctx = {
      report,
      detail,
      cap,
      topFiles: Math.min(topFiles, cap),
      instructionWidth: detail === 'comment' ? COMMENT_INSTRUCTION_WIDTH : FIELD_MAX.instruction,
      links,
      trendChart: options.trendChart ?? true,
    };
    parts = [...marker, ...SECTIONS.flatMap((section) => section(ctx)).filter((p) => p !== '')];
    const body = parts.join('\n\n') + '\n';
    if (body.length <= maxLength) return body;
  }
  return keepWholeSections(parts, maxLength, `_… the rest of the report did not fit in ${numberText(maxLength)} characters: ${whereAll(detail, links)}_`);
}

/**
 * Even the smallest rendering is too long (a tiny cap): keep whole sections while they fit, so no
 * code span, table or <details> is cut open; only the first section (marker or headline, written
 * by layerdiff alone) may be cut.
 */
function keepWholeSections(parts: readonly string[], maxLength: number, note: string): string {
  const room = Math.max(0, maxLength - note.length - 3);
  let kept = '';
  for (const part of parts) {
    const next = kept === '' ? part : `${kept}\n\n${part}`;
    if (next.length > room) break;
    kept = next;
  }
  if (kept === '') kept = (parts[0] ?? '').slice(0, room);
  return `${kept}\n\n${note}\n`.slice(0, maxLength);
}

/** Where the rows this body leaves out can be read. */
function whereAll(detail: Ctx['detail'], links: MarkdownLinks): string {
  if (detail === 'comment' && links.run) return `every row is in the ${link('job summary', links.run)}`;
  if (links.report) return `every row is in the ${link('JSON report', links.report)}`;
  return detail === 'comment' ? 'every row is in the job summary and the JSON report' : 'every row is in the JSON report (`--format json`)';
}

function moreNote(c: Ctx, hidden: number, what: string): string {
  return `_… ${numberText(hidden)} more ${what}; ${whereAll(c.detail, c.links)}_`;
}

// ---------------------------------------------------------------------------------------------
// Headline

const VERDICT_ICON: Record<Verdict, string> = { fail: '🔴', warn: '🟡', pass: '🟢' };

/** Budget verdict first; with no budget at stake, the direction of the change. */
function severityIcon(report: Report): string {
  if (report.verdict !== 'pass') return own(VERDICT_ICON, report.verdict) ?? '❔';
  if (report.base === null) return '🆕';
  const delta = report.totals.delta.size;
  return delta > 0 ? '📈' : delta < 0 ? '📉' : VERDICT_ICON.pass;
}

/**
 * One line: `### 🔴 +182 MB (+14%) · pull +60 MB · 3/9 layers reused · max-growth failed, warn-growth`.
 * Richest wording first; shorter ones while the line would wrap at PR-conversation width.
 */
function headline(report: Report): string {
  const icon = severityIcon(report);
  const candidates = headlineCandidates(report).map((pieces) => `${icon} ${pieces.filter((p) => p !== '').join(' · ')}`);
  const fitting = candidates.find((text) => columns(text) <= HEADLINE_COLUMNS) ?? candidates[candidates.length - 1] ?? icon;
  return `### ${fitting}`;
}

function headlineCandidates(report: Report): string[][] {
  const b = report.budgets;
  const rules = [ruleNames(b, Infinity), ruleNames(b, Infinity, false), ruleNames(b, 2), ruleNames(b, 2, false), ruleNames(b, 1, false), ruleCounts(b)];
  if (report.base === null) {
    const n = report.head.layers.length;
    const size = `${mdBytes(report.totals.head.size)} in ${numberText(n)} ${plural(n, 'layer')}`;
    const pull = report.totals.head.compressedSize === null ? '' : `pull ${mdBytes(report.totals.head.compressedSize)}`;
    return [[size, pull, 'first snapshot (no base)', rules[0]!], [size, pull, 'no base', rules[0]!], ...rules.map((r) => [size, 'no base', r])];
  }
  const delta = report.totals.delta;
  const noChange = delta.size === 0 && report.layers.every((r) => r.status === 'unchanged');
  const ratio = report.totals.base ? growthRatio(report.totals.base.size, report.totals.head.size) : null;
  // Whole percents from 10% on (`+175%`, not `+174.6%`): the headline is read, not computed with.
  const percent = ratio === null ? '' : ` (${formatPercentDelta(ratio, Math.abs(ratio) >= 0.1 ? 0 : 1)})`;
  const change = noChange ? 'no change' : `${mdBytesDelta(delta.size)}${percent}`;
  const shortChange = noChange ? 'no change' : mdBytesDelta(delta.size);
  const pull = noChange || delta.compressedSize === null ? '' : `pull ${mdBytesDelta(delta.compressedSize)}`;
  const hit = report.cacheHit?.layers;
  const reuse = hit ? `${numberText(hit.hit)}/${numberText(hit.total)} ${plural(hit.total, 'layer')} reused` : '';
  const shortReuse = hit ? `${numberText(hit.hit)}/${numberText(hit.total)} reused` : '';
  const out: string[][] = [];
  for (const r of rules) out.push([change, pull, reuse, r], [change, pull, shortReuse, r], [change, shortReuse, r], [shortChange, shortReuse, r]);
  return out;
}

/**
 * `max-growth failed, warn-growth`: up to `max` names per verdict, `and N more` for the rest;
 * `nameWarnings: false` counts the warnings instead (`2 warnings`), so failures keep their names.
 */
function ruleNames(budgets: readonly BudgetResult[], max: number, nameWarnings = true): string {
  const names = (status: Verdict) => {
    const rules = budgets.filter((b) => b.status === status).map((b) => mdText(b.rule, { max: 40 }));
    if (rules.length === 0) return '';
    return rules.length > max ? `${rules.slice(0, max).join(', ')} and ${rules.length - max} more` : rules.join(', ');
  };
  const failed = names('fail');
  const warnings = budgets.filter((b) => b.status === 'warn').length;
  const warned = nameWarnings ? names('warn') : warnings > 0 ? `${warnings} ${plural(warnings, 'warning')}` : '';
  return [failed ? `${failed} failed` : '', warned].filter((p) => p !== '').join(', ');
}

function ruleCounts(budgets: readonly BudgetResult[]): string {
  const failed = budgets.filter((b) => b.status === 'fail').length;
  const warned = budgets.filter((b) => b.status === 'warn').length;
  return [failed ? `${failed} ${plural(failed, 'rule')} failed` : '', warned ? `${warned} ${plural(warned, 'warning')}` : '']
    .filter((p) => p !== '')
    .join(', ');
}

/** Display columns of a headline: an emoji or other wide character counts 2, Markdown escapes 0. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text.replace(/\\(?=[!-/:-@[-`{-~])/g, '').replace(/`/g, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp >= 0x1f000 || (cp >= 0x2600 && cp <= 0x27bf) ? 2 : cp === 0xfe0f ? 0 : 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Sizes

/** `16.4 kB` with a no-break space: a table cell never splits a number from its unit. */
function mdBytes(bytes: number): string {
  return keepUnits(formatBytes(bytes));
}

function mdBytesDelta(bytes: number): string {
  return keepUnits(formatBytesDelta(bytes));
}

function hasCompressed(report: Report): boolean {
  return report.layers.some((r) => r.delta.compressedSize !== null);
}

/** `Uncompressed 2.03 MB → **2.04 MB** · pull 700 kB → 710 kB · 2.02 MB reused (99% of bytes)`. */
function sizeLine(report: Report): string {
  const { base, head } = report.totals;
  const size = base === null ? `**${mdBytes(head.size)}**` : `${mdBytes(base.size)} → **${mdBytes(head.size)}**`;
  const pullOf = (b: number | null | undefined, h: number | null) => {
    if (h === null) return '';
    return base === null || b === null || b === undefined ? ` · pull ${mdBytes(h)}` : ` · pull ${mdBytes(b)} → ${mdBytes(h)}`;
  };
  const pull = pullOf(base?.compressedSize, head.compressedSize);
  const bytes = report.cacheHit?.bytes;
  const reused = bytes && bytes.hit > 0 ? ` · ${mdBytes(bytes.hit)} reused (${formatPercent(bytes.ratio)} of bytes)` : '';
  return `Uncompressed ${size}${pull}${reused}`;
}

// ---------------------------------------------------------------------------------------------
// The layer table

const STATUS_LABEL: Record<LayerRow['status'], string> = {
  changed: `✏️${NBSP}changed`,
  added: `🆕${NBSP}added`,
  removed: `🗑️${NBSP}removed`,
  unchanged: `♻️${NBSP}reused`,
};

/** Per row, what the columns' cell functions may need besides the row. */
interface RowCtx {
  instruction: string;
  /** The bar column's scale (the largest size in the table), 0 when the table shows no bars. */
  barScale: number;
}

interface LayerColumn extends Column {
  cell(row: LayerRow, rc: RowCtx): string;
  /** Shown only when this holds for the rows of the table (default: always). */
  when?(rows: readonly LayerRow[], tc: TableCtx): boolean;
}

/** What a whole layer table knows: the bar scale (0: no bars). */
interface TableCtx {
  barScale: number;
}

/**
 * Bars only where they compare something: a base, and 2 to MAX_BAR_ROWS rows, two of them with a
 * size that moved (a longer table is read by its numbers; the bars would only widen it).
 */
function barScale(rows: readonly LayerRow[], bars: boolean): number {
  if (!bars || rows.length > MAX_BAR_ROWS) return 0;
  const sizes = rows.map(rowSizes).filter((s) => s !== null);
  // Two sizes that moved at least: bars of layers rebuilt at the same size would compare nothing.
  if (sizes.filter((s) => s.base !== s.head).length < 2) return 0;
  return Math.max(...sizes.map((s) => Math.max(s.base, s.head)));
}

/** The layer table's columns, left to right. A new per-layer figure is one entry here. */
const LAYER_COLUMNS: readonly LayerColumn[] = [
  { title: '', cell: (r) => (own(STATUS_LABEL, r.status) ?? mdCode(r.status, { max: FIELD_MAX.identifier, cell: true })) + rebuiltMarkMarkdown(r) },
  { title: '#', align: 'right', cell: (r) => keepUnits(layerNumber(r).replace(/ /g, NBSP)) },
  { title: 'Instruction', cell: (_r, rc) => rc.instruction },
  { title: 'Base', align: 'right', cell: (r) => (r.base ? mdBytes(r.base.size) : '') },
  { title: 'Head', align: 'right', cell: (r) => (r.head ? mdBytes(r.head.size) : '') },
  { title: 'Δ', align: 'right', cell: (r) => `**${mdBytesDelta(r.delta.size)}**` },
  {
    title: 'Pull Δ',
    align: 'right',
    cell: (r) => (r.delta.compressedSize === null ? '' : mdBytesDelta(r.delta.compressedSize)),
    when: (rows) => rows.some((r) => r.delta.compressedSize !== null),
  },
  {
    title: 'Pull (est.)',
    align: 'right',
    cell: (r) => keepUnits(pullEstimateCell(r)).replace('≈ ', `≈${NBSP}`),
    when: (rows) => rows.some((r) => r.pullSizeEstimate !== undefined),
  },
  {
    // Last, like a diffstat: base vs head on one scale, where several layers changed, shows which change matters.
    title: `<sub>▒${NBSP}grown ░${NBSP}shrunk</sub>`,
    cell: (r, rc) => {
      const sizes = rowSizes(r);
      const bar = sizes && rc.barScale > 0 ? sizeBar(sizes.base, sizes.head, rc.barScale, BAR_CELLS) : '';
      return bar === '' ? '' : `\`${bar}\``;
    },
    when: (_rows, tc) => tc.barScale > 0,
  },
];

/** One table of layer rows: instruction texts told apart (old → new for a changed one), escaped. */
function layerTable(rows: readonly LayerRow[], width: number, bars: boolean): string {
  const instructions = instructionTexts(rows, width).map((t) => (t === null ? '_(no history)_' : mdCode(t, { max: width, cell: true })));
  const tc: TableCtx = { barScale: barScale(rows, bars) };
  const columns = LAYER_COLUMNS.filter((col) => !col.when || col.when(rows, tc));
  return table(
    columns,
    rows.map((row, k) => columns.map((col) => col.cell(row, { instruction: instructions[k] ?? '', barScale: tc.barScale }))),
  );
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

/** Added and removed rows go into their own <details> when there are many (and a base to compare). */
function collapsesAddedRemoved(report: Report): boolean {
  return report.base !== null && report.layers.filter((r) => r.status === 'added' || r.status === 'removed').length > INLINE_ADDED_REMOVED;
}

function changesSection(c: Ctx): string[] {
  const { report } = c;
  const collapsed = collapsesAddedRemoved(report);
  const all = report.layers.filter((r) => r.status !== 'unchanged');
  const rows = collapsed ? all.filter((r) => r.status === 'changed') : all;
  if (all.length === 0) {
    const n = report.head.layers.length;
    return [n === 0 ? 'The head image has no layers.' : `No layer changed: all ${numberText(n)} ${plural(n, 'layer')} reused.`];
  }
  if (rows.length === 0) return [];
  const shown = largestInOrder(rows, c.cap);
  const parts = shown.length > 0 ? [layerTable(shown, c.instructionWidth, report.base !== null)] : [];
  if (rows.length > shown.length) parts.push(moreNote(c, rows.length - shown.length, `${plural(rows.length - shown.length, 'layer')} with smaller changes`));
  const rebuilt = rebuiltSummaryMarkdown(c.report);
  if (rebuilt) parts.push(rebuilt);
  return parts;
}

/** `13 added layers: +120 MB · 2 removed: -3 MB`, one <details> around their table. */
function addedRemovedSection(c: Ctx): string[] {
  if (!collapsesAddedRemoved(c.report)) return [];
  const rows = c.report.layers.filter((r) => r.status === 'added' || r.status === 'removed');
  const sum = (status: LayerRow['status']) => {
    const of = rows.filter((r) => r.status === status);
    return { n: of.length, bytes: of.reduce((s, r) => s + (typeof r.delta.size === 'number' ? r.delta.size : 0), 0) };
  };
  const added = sum('added');
  const removed = sum('removed');
  const summary = [
    added.n > 0 ? `${added.n} added ${plural(added.n, 'layer')}: ${mdBytesDelta(added.bytes)}` : '',
    removed.n > 0 ? `${removed.n} removed ${plural(removed.n, 'layer')}: ${mdBytesDelta(removed.bytes)}` : '',
  ]
    .filter((p) => p !== '')
    .join(' · ');
  const shown = largestInOrder(rows, c.cap);
  const inner = shown.length > 0 ? [layerTable(shown, c.instructionWidth, true)] : [];
  if (rows.length > shown.length) inner.push(moreNote(c, rows.length - shown.length, plural(rows.length - shown.length, 'layer')));
  return [details(htmlEscape(summary), inner)];
}

// ---------------------------------------------------------------------------------------------
// Files per layer (deep scan)

const FILE_CHANGE_LABEL: Record<FileChange['change'], string> = {
  added: 'added',
  removed: 'removed',
  grown: 'grown',
  shrunk: 'shrunk',
  modified: 'modified',
};

function fileSections(c: Ctx): string[] {
  if (c.topFiles <= 0) return [];
  const rows = c.report.layers.filter((r) => r.status !== 'unchanged' && r.files && r.files.changes.length > 0);
  const shown = largestInOrder(rows, c.detail === 'comment' ? Math.min(c.cap, 3) : c.cap);
  const parts = shown.map((r) => fileDetails(r, c));
  if (rows.length > shown.length) parts.push(moreNote(c, rows.length - shown.length, `${plural(rows.length - shown.length, 'layer')} with file changes`));
  return parts;
}

function fileDetails(row: LayerRow, c: Ctx): string {
  const files = row.files;
  if (!files) return '';
  const counts = (['added', 'removed', 'grown', 'shrunk', 'modified'] as const).filter((k) => files[k] > 0).map((k) => `${numberText(files[k])} ${k}`);
  const createdBy = (row.head ?? row.base)?.createdBy ?? null;
  const instruction = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
  const label = `Files of layer ${htmlEscape(layerNumber(row))}${instruction ? ` ${htmlCode(instruction, { max: c.instructionWidth })}` : ''}: ${htmlEscape(counts.join(', ')) || 'no file changes'}`;
  const shown = files.changes.slice(0, c.topFiles);
  const rows = shown.map((f) => [
    own(FILE_CHANGE_LABEL, f.change) ?? mdCode(f.change, { max: FIELD_MAX.identifier, cell: true }),
    mdCode(f.path, { max: PATH_WIDTH, middle: true, cell: true }),
    f.baseSize === null ? '' : mdBytes(f.baseSize),
    f.headSize === null ? '' : mdBytes(f.headSize),
    mdBytesDelta(f.delta),
  ]);
  const hidden = files.changes.length - shown.length;
  const inner = [
    table([{ title: 'Change' }, { title: 'Path' }, { title: 'Base', align: 'right' }, { title: 'Head', align: 'right' }, { title: 'Δ', align: 'right' }], rows),
  ];
  if (hidden > 0) inner.push(moreNote(c, hidden, `file ${plural(hidden, 'change')}`));
  return details(label, inner);
}

// ---------------------------------------------------------------------------------------------
// Unchanged layers, waste, hints, budgets, footer

function unchangedSection(c: Ctx): string[] {
  const rows = c.report.layers.filter((r) => r.status === 'unchanged');
  if (rows.length === 0) return [];
  const bytes = rows.reduce((sum, r) => sum + (typeof r.head?.size === 'number' ? r.head.size : 0), 0);
  const summary = `${rows.length} unchanged ${plural(rows.length, 'layer')} (${formatBytes(bytes)} reused)`;
  const shown = rows.slice(0, c.cap);
  const inner: string[] = [];
  if (shown.length > 0) {
    const instructions = instructionTexts(shown, c.instructionWidth).map((t) =>
      t === null ? '_(no history)_' : mdCode(t, { max: c.instructionWidth, cell: true }),
    );
    inner.push(
      table(
        [{ title: '#', align: 'right' }, { title: 'Instruction' }, { title: 'Size', align: 'right' }],
        shown.map((r, k) => [keepUnits(layerNumber(r).replace(/ /g, NBSP)), instructions[k] ?? '', r.head ? mdBytes(r.head.size) : '']),
      ),
    );
  }
  if (rows.length > shown.length) inner.push(moreNote(c, rows.length - shown.length, plural(rows.length - shown.length, 'layer')));
  return [details(htmlEscape(keepUnits(summary)), inner)];
}

/** Nothing when nothing is wasted; else one line with the paths behind it folded. */
function wasteSection(c: Ctx): string[] {
  const deep = c.report.deep;
  if (!deep) return [];
  return wasteParts(deep, c.cap, (hidden) => moreNote(c, hidden, `wasted ${plural(hidden, 'path')}`));
}

function wasteParts(deep: DeepReport, cap: number, more: (hidden: number) => string): string[] {
  const waste = deep.waste;
  const dive = deep.dive
    ? `\n\n<sub>dive-compatible figures: efficiency ${numberText(deep.dive.efficiency)}, wasted ${mdBytes(deep.dive.wastedBytes)}, user wasted ${formatPercent(deep.dive.userWastedPercent)}.</sub>`
    : '';
  if (!(waste.wastedBytes > 0)) return dive ? [dive.trim()] : [];
  const summary = `Wasted space: ${mdBytes(waste.wastedBytes)} reclaimable, efficiency ${formatPercent(waste.efficiency)}`;
  const paths = waste.paths.slice(0, Math.min(FULL_TOP_FILES, cap));
  const inner = ['Bytes a later layer overwrote or deleted that still ship (the kept copy counted once).'];
  if (paths.length > 0) {
    inner.push(
      table(
        [{ title: 'Path' }, { title: 'Wasted', align: 'right' }, { title: 'Layers' }],
        paths.map((p) => [
          mdCode(p.path, { max: PATH_WIDTH, middle: true, cell: true }),
          mdBytes(p.wastedBytes),
          (Array.isArray(p.layers) ? p.layers : []).map(layerOrdinal).join(', '),
        ]),
      ),
    );
  }
  if (waste.paths.length > paths.length) inner.push(more(waste.paths.length - paths.length));
  return [details(htmlEscape(summary), inner) + dive];
}

function hintsSection(c: Ctx): string[] {
  const deep = c.report.deep;
  if (!deep) return [];
  return hintParts(deep, c.cap, c.instructionWidth, (hidden) => moreNote(c, hidden, plural(hidden, 'hint')));
}

function hintParts(deep: DeepReport, cap: number, width: number, more: (hidden: number) => string): string[] {
  const hints = deep.hints.slice(0, cap);
  const parts: string[] = [];
  if (hints.length > 0) {
    const items = hints.map((h) => {
      const instruction = typeof h.createdBy === 'string' ? mdCode(normaliseCreatedBy(h.createdBy), { max: width }) : '';
      const layer = h.layerIndex === null ? '' : ` (layer ${layerOrdinal(h.layerIndex)}${instruction ? `: ${instruction}` : ''})`;
      return `- 💡 **${mdBytes(h.bytes)}** at stake: ${hintText(h, markdownHintStyle)}${layer}`;
    });
    parts.push(`#### Hints\n\n${items.join('\n')}`);
  }
  if (deep.hints.length > hints.length) parts.push(more(deep.hints.length - hints.length));
  return parts;
}

const BUDGET_ICON: Record<Verdict, string> = { pass: `✅${NBSP}pass`, warn: `⚠️${NBSP}warn`, fail: `❌${NBSP}fail` };

function hasAlert(budgets: readonly BudgetResult[]): boolean {
  return budgets.some((b) => b.status === 'fail' || b.status === 'warn');
}

/** Failures first, then warnings, then passes (stable within each): what the reader acts on leads. */
function budgetTable(c: Ctx, budgets: readonly BudgetResult[]): string[] {
  const sorted = [...budgets].sort((a, b) => verdictRank(b.status) - verdictRank(a.status));
  const shown = sorted.slice(0, c.cap);
  const rows = shown.map((b) => [
    own(BUDGET_ICON, b.status) ?? mdCode(b.status, { max: FIELD_MAX.identifier, cell: true }),
    mdCode(b.rule, { max: FIELD_MAX.identifier, cell: true }),
    typeof b.limit === 'number' ? numberText(b.limit) : keepUnits(mdText(b.limit, { max: FIELD_MAX.identifier, cell: true })),
    b.message === undefined || b.message === null ? (b.actual === null ? '' : numberText(b.actual)) : keepUnits(mdText(b.message, { cell: true })),
  ]);
  const parts = shown.length > 0 ? [table([{ title: 'Budget' }, { title: 'Rule' }, { title: 'Limit', align: 'right' }, { title: 'Measured' }], rows)] : [];
  if (budgets.length > shown.length) parts.push(moreNote(c, budgets.length - shown.length, plural(budgets.length - shown.length, 'budget')));
  return parts;
}

function passingBudgets(c: Ctx): string[] {
  const n = c.report.budgets.length;
  return [details(`✅ ${n} ${plural(n, 'budget')} pass`, budgetTable(c, c.report.budgets))];
}

function verdictRank(status: Verdict): number {
  return status === 'fail' ? 2 : status === 'warn' ? 1 : 0;
}

function describeImage(label: string, snapshot: Snapshot | null): string {
  if (snapshot === null) return `${label}: none (first snapshot)`;
  const manifest = snapshot.manifestDigest === null ? '' : ` · manifest ${mdCode(shortDigest(snapshot.manifestDigest), { max: FIELD_MAX.identifier })}`;
  return `${label}: ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })} · ${mdCode(snapshot.platform, { max: FIELD_MAX.identifier })}${manifest} · config ${mdCode(shortDigest(snapshot.configDigest), { max: FIELD_MAX.identifier })}`;
}

/** Images, links, and what the sizes measure, small. */
function footer(c: Ctx): string {
  const { links, report } = c;
  const clicks = [
    links.run ? link('workflow run', links.run) : '',
    links.report ? link('JSON report', links.report) : '',
    links.base ? link('base run', links.base) : '',
  ].filter((p) => p !== '');
  const measure = `Sizes are uncompressed layer tar bytes${hasCompressed(report) || report.totals.head.compressedSize !== null ? '; pull is the compressed size a client downloads' : ''}.`;
  const lines = [describeImage('Base', report.base), describeImage('Head', report.head), ['layerdiff', ...clicks, measure].join(' · ')];
  return `<sub>${lines.join('<br>')}</sub>`;
}

/** `<details>` around Markdown blocks; `summary` is HTML-safe (htmlEscape / htmlCode). */
function details(summary: string, inner: readonly string[]): string {
  return `<details><summary>${summary}</summary>\n\n${inner.join('\n\n')}\n\n</details>`;
}

/** Links as given, when `safeLink` accepts them (layerdiff builds them; this checks again). */
function safeLinks(links: MarkdownLinks | undefined): MarkdownLinks {
  const out: MarkdownLinks = {};
  for (const key of ['run', 'report', 'base'] as const) {
    const url = links?.[key];
    if (typeof url === 'string' && link('x', url) !== '') out[key] = url;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// inspect --format markdown

export interface SnapshotMarkdownOptions {
  /** Hard cap on the body length (default DEFAULT_MAX_LENGTH). */
  maxLength?: number;
}

/** `inspect --format markdown`: one image's layers; with a deep scan, its waste and hints. */
export function renderSnapshotMarkdown(snapshot: Snapshot, deep: DeepReport | null = null, options: SnapshotMarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  let parts: string[] = [];
  for (const cap of ROW_CAPS) {
    parts = snapshotParts(snapshot, deep, cap);
    const body = parts.join('\n\n') + '\n';
    if (body.length <= maxLength) return body;
  }
  return keepWholeSections(parts, maxLength, `_… the rest did not fit in ${numberText(maxLength)} characters: every layer is in \`--format json\`_`);
}

function snapshotParts(snapshot: Snapshot, deep: DeepReport | null, cap: number): string[] {
  const n = snapshot.layers.length;
  const compressed = snapshot.totals.compressedSize === null ? '' : ` · pull ${mdBytes(snapshot.totals.compressedSize)}`;
  const known = snapshot.layers.some((l) => l.compressedSize !== null);
  const shown = snapshot.layers.slice(0, cap);
  const more = (hidden: number, what: string) => `_… ${numberText(hidden)} more ${what}; every one is in \`--format json\`_`;
  const columns: Column[] = [
    { title: '#', align: 'right' },
    { title: 'Instruction' },
    { title: 'Size', align: 'right' },
    ...(known ? [{ title: 'Pull', align: 'right' as const }] : []),
    { title: 'Diff ID' },
  ];
  const rows = shown.map((l: LayerRef) => [
    layerOrdinal(l.index),
    instructionCell(l.createdBy),
    mdBytes(l.size),
    ...(known ? [l.compressedSize === null ? '' : mdBytes(l.compressedSize)] : []),
    mdCode(shortDigest(l.diffId), { max: FIELD_MAX.identifier, cell: true }),
  ]);
  const parts = [
    `### ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })}: ${mdBytes(snapshot.totals.size)}${compressed} · ${numberText(n)} ${plural(n, 'layer')}`,
    n === 0 ? 'The image has no layers.' : table(columns, rows),
  ];
  if (n > shown.length) parts.push(more(n - shown.length, plural(n - shown.length, 'layer')));
  if (deep) {
    parts.push(...wasteParts(deep, cap, (hidden) => more(hidden, `wasted ${plural(hidden, 'path')}`)));
    parts.push(...hintParts(deep, cap, FIELD_MAX.instruction, (hidden) => more(hidden, plural(hidden, 'hint'))));
  }
  parts.push(
    `<sub>${describeImage('Image', snapshot)}<br>Size is uncompressed layer tar bytes${known ? '; pull is the compressed size a client downloads' : ''}.</sub>`,
  );
  return parts;
}

function instructionCell(createdBy: string | null): string {
  const normalised = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
  if (normalised === null || normalised === '') return '_(no history)_';
  return mdCode(normalised, { max: FIELD_MAX.instruction, cell: true });
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
