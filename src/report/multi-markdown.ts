/**
 * The Markdown of several images in one comment (`layerdiff/multi-report@1`): a headline that sums
 * up, a summary table (one row per image × platform, worst first), then each image's own report
 * (renderMarkdown) in a collapsed section, worst first. The body stays under `maxLength`: when it
 * would not, the detail of the least severe images is left out first, then the worst one kept is
 * cut, and a line says what was left out. Every name, platform, rule and error comes from report
 * files (a fork can write them): it reaches the body only through src/report/escape.ts.
 */
import { entryVerdict, type ImageEntry, type MultiReport } from '../core/multi-report.js';
import type { Verdict } from '../core/report.js';
import { growthRatio } from '../core/ratio.js';
import { buildMarker } from './comment-marker.js';
import { FIELD_MAX, htmlCode, htmlEscape, mdCode, mdText, numberText } from './escape.js';
import { formatBytes, formatBytesDelta, formatPercent, formatPercentDelta } from './format.js';
import { columns, HEADLINE_COLUMNS, renderMarkdown, type MarkdownOptions } from './markdown.js';
import { keepUnits, link, table } from './markdown-syntax.js';
import { bySeverity, changeOf, countsOf, pullDeltaOf, rulesWith, type MultiCounts } from './multi-figures.js';

export const DEFAULT_MULTI_MAX_LENGTH = 65_000;

/** Row caps of the summary table, tried in turn until the fixed part leaves room. */
const ROW_CAPS = [Infinity, 200, 100, 50, 20, 10, 5, 1];
/** A cut detail shorter than this says too little to be worth its place. */
const MIN_CUT_DETAIL = 2_000;
/** Room kept for the line that says which detail was left out. */
const NOTE_RESERVE = 1_200;
/** Names listed in that line; the rest are counted. */
const NOTE_NAMES = 10;

const VERDICT_ICON: Record<Verdict, string> = { fail: '🔴', warn: '🟡', pass: '🟢' };
const VERDICT_CELL: Record<Verdict, string> = { fail: '🔴 fail', warn: '🟡 warn', pass: '🟢 pass' };
const MISSING_ICON = '⚪';

export function renderMultiMarkdown(multi: MultiReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MULTI_MAX_LENGTH;
  const sorted = bySeverity(multi.images);
  const head: string[] = [];
  if (options.commentKey !== undefined) head.push(buildMarker(options.commentKey));
  head.push(headline(multi), measureLine());

  // The summary table: every row when it fits with room for details, else the worst rows.
  let fixed = '';
  for (const cap of ROW_CAPS) {
    fixed = [...head, ...summaryTable(sorted, cap)].join('\n\n');
    if (fixed.length + NOTE_RESERVE <= maxLength) break;
  }
  if (fixed.length + NOTE_RESERVE > maxLength) return cutWhole(fixed, maxLength);

  const details: string[] = [];
  const left: ImageEntry[] = [];
  let cut: ImageEntry | null = null;
  const footer = footerLine(options);
  let used = fixed.length + (footer === '' ? 0 : footer.length + 2);
  for (const image of sorted) {
    if (cut !== null || left.length > 0) {
      left.push(image);
      continue;
    }
    const room = maxLength - used - NOTE_RESERVE - 2;
    const full = detailSection(image, options, Math.max(room, 0), false);
    if (full !== null && full.length <= room) {
      details.push(full);
      used += full.length + 2;
      continue;
    }
    // Too long whole: the worst image still shows its detail, cut to the room left.
    const shortened = room >= MIN_CUT_DETAIL ? detailSection(image, options, room, true) : null;
    if (shortened !== null && shortened.length <= room) {
      details.push(shortened);
      used += shortened.length + 2;
      cut = image;
    } else left.push(image);
  }
  const parts = [fixed, ...details];
  const note = leftOutNote(left, cut);
  if (note) parts.push(note);
  if (footer !== '') parts.push(footer);
  return parts.join('\n\n') + '\n';
}

/**
 * One line at PR-conversation width (as the single-image headline): the richest wording that fits,
 * `🔴 layerdiff: 2 of 7 images over budget (3 of 12 builds) · +41 MB total`, then without the
 * name, without the build counts, and `2/7 images over budget, 1/7 warned · +41 MB total` last.
 */
/** `layerdiff · workflow run · JSON report`: where the whole is (the links layerdiff built), or ''. */
function footerLine(options: MarkdownOptions): string {
  const clicks = [
    options.links?.run ? link('workflow run', options.links.run) : '',
    options.links?.report ? link('JSON report', options.links.report) : '',
  ].filter((p) => p !== '');
  return clicks.length === 0 ? '' : `<sub>${['layerdiff', ...clicks].join(' · ')}</sub>`;
}

function headline(multi: MultiReport): string {
  const counts = countsOf(multi);
  const icon = headlineIcon(multi, counts.withBase);
  const total = keepUnits(totalText(multi, counts.withBase));
  const candidates = [
    `${icon} layerdiff: ${countsText(counts)} · ${total}`,
    `${icon} ${countsText(counts)} · ${total}`,
    `${icon} ${countsText(counts, false)} · ${total}`,
    `${icon} ${shortCountsText(counts)} · ${total}`,
  ];
  return `### ${candidates.find((text) => columns(text) <= HEADLINE_COLUMNS) ?? candidates[candidates.length - 1]!}`;
}

/** `2/7 images over budget, 1/7 no report, 1/7 warned` (names counted); the headline's shortest form. */
function shortCountsText(counts: MultiCounts): string {
  const n = counts.images;
  const said = [
    counts.failed > 0 ? `${counts.failed}/${n} ${plural(n, 'image')} over budget` : '',
    counts.missing > 0 ? `${counts.missing}/${n} no report` : '',
    counts.warned > 0 ? `${counts.warned}/${n} warned` : '',
  ].filter((p) => p !== '');
  return said.length > 0 ? said.join(', ') : countsText(counts, false);
}

/**
 * `2 of 7 images over budget (3 of 12 builds), 1 of 7 without a report`: images by name, builds by
 * row (`builds: false` leaves the build counts out).
 */
export function countsText(counts: MultiCounts, withBuilds = true): string {
  const n = counts.images;
  const builds = withBuilds && counts.builds !== counts.images ? ` (${counts.failedBuilds} of ${counts.builds} ${plural(counts.builds, 'build')})` : '';
  const said: string[] = [];
  if (counts.failed > 0) said.push(`${counts.failed} of ${n} ${plural(n, 'image')} over budget${builds}`);
  if (counts.missing > 0) said.push(`${counts.missing} of ${n} without a report`);
  if (counts.warned > 0) said.push(`${counts.warned} of ${n} with budget warnings`);
  if (said.length === 0) {
    const platforms = withBuilds && counts.builds !== counts.images ? ` (${counts.builds} ${plural(counts.builds, 'build')})` : '';
    said.push(`${n} ${plural(n, 'image')}${counts.withBudgets > 0 ? ' within budget' : ''}${platforms}`);
  }
  return said.join(', ');
}

function headlineIcon(multi: MultiReport, withBase: number): string {
  if (multi.verdict !== 'pass') return own(VERDICT_ICON, multi.verdict) ?? '❔';
  if (withBase === 0) return '🆕';
  const delta = multi.totals.delta.size;
  return delta > 0 ? '📈' : delta < 0 ? '📉' : VERDICT_ICON.pass;
}

function totalText(multi: MultiReport, withBase: number): string {
  const { base, head, delta } = multi.totals;
  if (withBase === 0 || base === null) return `${formatBytes(head.size)} total (no base)`;
  return `${formatBytesDelta(delta.size)} total`;
}

function measureLine(): string {
  return '<sub>Δ: change in uncompressed layer tar bytes (a new image: its whole size). Pull Δ: change in compressed (stored, pulled) bytes, where every layer is stored compressed. Reuse: share of the head’s bytes in layers reused from the base.</sub>';
}

function summaryTable(sorted: readonly ImageEntry[], cap: number): string[] {
  const shown = sorted.slice(0, cap);
  const rows = shown.map((image) => [
    nameCell(image.name),
    image.platform === '' ? '—' : mdCode(image.platform, { max: FIELD_MAX.identifier, cell: true }),
    deltaCell(image),
    pullCell(image),
    reuseCell(image),
    verdictCell(image),
    rulesCell(image),
  ]);
  const parts = [
    table(
      [
        { title: 'Image' },
        { title: 'Platform' },
        { title: 'Δ', align: 'right' },
        { title: 'Pull Δ', align: 'right' },
        { title: 'Reuse', align: 'right' },
        { title: 'Verdict' },
        { title: 'Failing rules' },
      ],
      rows,
    ),
  ];
  const hidden = sorted.length - shown.length;
  if (hidden > 0) parts.push(`_… ${hidden} more ${plural(hidden, 'image')} less severe (see the JSON report)_`);
  return parts;
}

function nameCell(name: string): string {
  return mdCode(name, { max: FIELD_MAX.identifier, cell: true }) || '_(no name)_';
}

function deltaCell(image: ImageEntry): string {
  const report = image.report;
  if (!report) return '—';
  if (report.totals.base === null) return `🆕 ${keepUnits(formatBytes(report.totals.head.size))}`;
  const ratio = growthRatio(report.totals.base.size, report.totals.head.size);
  return `**${keepUnits(formatBytesDelta(changeOf(image)))}**${ratio === null ? '' : ` (${formatPercentDelta(ratio)})`}`;
}

function pullCell(image: ImageEntry): string {
  const pull = pullDeltaOf(image);
  if (pull === null) return '—';
  return keepUnits(image.report?.totals.base === null ? formatBytes(pull) : formatBytesDelta(pull));
}

function reuseCell(image: ImageEntry): string {
  const cache = image.report?.cacheHit;
  // A platform gone from the head has no head bytes to reuse: "100% (0/0 layers)" would mean nothing.
  if (!cache || cache.layers.total === 0) return '—';
  return `${formatPercent(cache.bytes.ratio)} (${numberText(cache.layers.hit)}/${numberText(cache.layers.total)} ${plural(cache.layers.total, 'layer')})`;
}

function verdictCell(image: ImageEntry): string {
  if (!image.report) return `${MISSING_ICON} no report`;
  return own(VERDICT_CELL, image.report.verdict) ?? mdCode(image.report.verdict, { max: FIELD_MAX.identifier, cell: true });
}

function rulesCell(image: ImageEntry): string {
  if (!image.report) return mdText(image.error ?? 'the leg left no report', { cell: true });
  const failed = rulesWith(image, 'fail').map((rule) => mdCode(rule, { max: FIELD_MAX.identifier, cell: true }));
  const warned = rulesWith(image, 'warn').map((rule) => `⚠️ ${mdCode(rule, { max: FIELD_MAX.identifier, cell: true })}`);
  return [...failed, ...warned].join(', ');
}

/** One image's collapsed section; `maxLength` bounds the inner report when `cut`. */
function detailSection(image: ImageEntry, options: MarkdownOptions, maxLength: number, cut: boolean): string | null {
  const open = `<details><summary>${summaryLine(image)}</summary>\n\n`;
  const close = '\n</details>';
  if (!image.report) {
    return `${open}No report: ${mdText(image.error ?? 'the leg left no report')}\n${close}`;
  }
  const room = maxLength - open.length - close.length;
  if (cut && room <= 0) return null;
  // `detail: 'comment'` in the PR comment, `'full'` in the job summary; no trend chart per image.
  const inner = renderMarkdown(image.report, {
    topFiles: options.topFiles,
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.links ? { links: options.links } : {}),
    trendChart: false,
    maxLength: cut ? room : Math.max(options.maxLength ?? DEFAULT_MULTI_MAX_LENGTH, DEFAULT_MULTI_MAX_LENGTH),
  });
  return `${open}${inner.endsWith('\n') ? inner : `${inner}\n`}${close}`;
}

/** `🔴 <code>api</code> · <code>linux/amd64</code> · +12 MB`: raw HTML, so every foreign part through htmlCode. */
function summaryLine(image: ImageEntry): string {
  const verdict = entryVerdict(image);
  const icon = image.report ? (own(VERDICT_ICON, verdict) ?? '❔') : MISSING_ICON;
  const name = htmlCode(image.name, { max: FIELD_MAX.identifier }) || '(no name)';
  const platform = image.platform === '' ? '' : ` · ${htmlCode(image.platform, { max: FIELD_MAX.identifier })}`;
  const report = image.report;
  const figure = !report ? 'no report' : report.totals.base === null ? `new, ${formatBytes(report.totals.head.size)}` : formatBytesDelta(changeOf(image));
  return `${icon} ${name}${platform} · ${htmlEscape(figure)}`;
}

function leftOutNote(left: readonly ImageEntry[], cut: ImageEntry | null): string | null {
  const said: string[] = [];
  if (cut !== null) said.push(`the detail of ${labelOf(cut)} is cut`);
  if (left.length > 0) {
    const names = left.slice(0, NOTE_NAMES).map(labelOf);
    const more = left.length > NOTE_NAMES ? ` and ${left.length - NOTE_NAMES} more` : '';
    said.push(`the detail of ${left.length} less severe ${plural(left.length, 'image')} is left out (${names.join(', ')}${more})`);
  }
  if (said.length === 0) return null;
  return `_To stay under GitHub's comment limit, ${said.join('; ')}. The job summary and the JSON report have every image._`;
}

function labelOf(image: ImageEntry): string {
  const name = mdCode(image.name, { max: 60 }) || '_(no name)_';
  return image.platform === '' ? name : `${name} ${mdCode(image.platform, { max: 40 })}`;
}

/** The fixed part alone is over the cap (a tiny cap): keep whole paragraphs while they fit. */
function cutWhole(fixed: string, maxLength: number): string {
  const note = '_… report truncated (see the JSON report)_';
  const room = Math.max(0, maxLength - note.length - 3);
  let kept = '';
  for (const part of fixed.split('\n\n')) {
    const next = kept === '' ? part : `${kept}\n\n${part}`;
    if (next.length > room) break;
    kept = next;
  }
  return `${kept}\n\n${note}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** `map[key]` for the renderer's own labels, never an inherited property a foreign key could name. */
function own<T>(map: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}
