/**
 * Human figures shared by every renderer and budget message. Sizes use decimal units like docker
 * (1 kB = 1000 B); negative numbers use ASCII '-' everywhere so text stays greppable and aligned.
 */
import type { LayerRow } from '../core/report.js';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** `0 B`, `999 B`, `1.5 kB`, `38.2 MB`, `123 MB`: three significant digits, trailing zeros dropped. */
export function formatBytes(bytes: number): string {
  // A report file is foreign: a figure that is not a number prints as `?`, never as its text.
  if (typeof bytes !== 'number' || Number.isNaN(bytes)) return '?';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let digits = Number(value.toPrecision(3));
  // 999.96 kB rounds to 1000 kB: say 1 MB instead.
  if (digits >= 1000 && unit < UNITS.length - 1) {
    digits = Number((digits / 1000).toPrecision(3));
    unit++;
  }
  return `${sign}${digits} ${UNITS[unit]}`;
}

/** `+38.2 MB`, `-1.2 kB`, `0 B`. */
export function formatBytesDelta(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** A ratio as a percent: `71%`, `0.4%`, `99.9%` (never rounds a partial figure to 0% or 100%). */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? '∞%' : '-∞%';
  const percent = ratio * 100;
  const whole = Math.round(percent);
  if (percent === whole) return `${whole}%`;
  const absolute = Math.abs(percent);
  if (absolute >= 1 && (absolute <= 99 || absolute >= 101)) return `${whole}%`;
  const oneDecimal = Number(percent.toFixed(1));
  if (oneDecimal === 0) return percent > 0 ? '<0.1%' : '>-0.1%';
  if (oneDecimal === 100 && percent < 100) return '>99.9%';
  return `${oneDecimal}%`;
}

/** A ratio as a percent with up to `decimals` decimals, trailing zeros dropped: `98.4%`, `80%`. */
export function formatPercentExact(ratio: number, decimals = 1): string {
  return `${Number((ratio * 100).toFixed(decimals))}%`;
}

/** A relative change with one decimal (or `decimals`): `+12.4%`, `-3%`, `0%`. */
export function formatPercentDelta(ratio: number, decimals = 1): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? '+∞%' : '-∞%';
  const rounded = Number((ratio * 100).toFixed(decimals));
  if (rounded === 0) return ratio === 0 ? '0%' : `${ratio > 0 ? '+' : '-'}<${10 ** -decimals}%`;
  return rounded > 0 ? `+${rounded}%` : `${rounded}%`;
}

/** Cuts `text` to `max` characters, marking the cut with `…` (never inside a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  const end = /[\uD800-\uDBFF]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return text.slice(0, end) + '…';
}

/** `4`, `4 (was 3)` for a moved layer, `(was 3)` for a removed one. */
export function layerNumber(row: LayerRow): string {
  const head = row.head ? ordinal(row.head.index) : null;
  const base = row.base ? ordinal(row.base.index) : null;
  if (head === null) return `(was ${base ?? '?'})`;
  if (base === null || base === head) return String(head);
  return `${head} (was ${base})`;
}

/** A 0-based index from a report as a 1-based number, or `?` when the report holds no number there. */
function ordinal(index: unknown): number | string {
  return typeof index === 'number' && Number.isFinite(index) ? index + 1 : '?';
}
