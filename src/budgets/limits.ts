/**
 * Budget limit values as users write them: `500MB`, `500 MB`, `1.5GiB`, `10KiB`, `123` (bytes),
 * `5%`, `0.8`. Decimal units are powers of 1000, binary units powers of 1024, like docker and du.
 */

import type { Limit } from '../core/budget.js';

export type { Limit };

const UNIT_BYTES: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  // formatBytes prints PB from 999.5 TB on: what it prints must read back.
  p: 1e15,
  pb: 1e15,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
};

const NUMBER = String.raw`\+?(\d+(?:\.\d*)?|\.\d+)`;
const SIZE = new RegExp(`^${NUMBER}\\s*([a-z]*)$`, 'i');
const PERCENT = new RegExp(`^${NUMBER}\\s*%$`);
const PLAIN = new RegExp(`^${NUMBER}$`);

/** Bytes of a size like `1.5GiB`; null when the text is not one. */
export function parseBytes(text: string): number | null {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const unit = UNIT_BYTES[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Math.round(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/**
 * Why `text` is not a size, when something more precise than "cannot parse" can be said (an unknown
 * unit, a sign, an exponent, a number too large); null otherwise. Names only what was read.
 */
export function explainBadSize(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'the value is empty';
  if (trimmed.startsWith('-')) return 'a size cannot be negative';
  if (/^[+]?[\d.]+e[+-]?\d+/i.test(trimmed)) return 'write the unit instead of an exponent (e.g. 1000 -> 1kB)';
  const match = SIZE.exec(trimmed);
  if (!match) return null;
  const unit = match[2] ?? '';
  if (UNIT_BYTES[unit.toLowerCase()] === undefined) return `unknown unit '${unit}' (decimal kB, MB, GB… or binary KiB, MiB, GiB…)`;
  if (parseBytes(trimmed) === null) return 'the number is too large';
  return null;
}

/** Whether a lone word is a size unit (a `--max-size 5 MB` whose `MB` became a separate argument). */
export function isSizeUnit(word: string): boolean {
  return word === '%' || (word !== '' && UNIT_BYTES[word.toLowerCase()] !== undefined);
}

/** `5%` -> 0.05; null when the text is not a percent. */
export function parsePercent(text: string): number | null {
  const match = PERCENT.exec(text.trim());
  if (!match) return null;
  const ratio = Number(match[1]) / 100;
  return Number.isFinite(ratio) ? ratio : null;
}

/** A ratio written as `80%` or `0.8`, within 0..1; null otherwise. */
export function parseRatio(text: string): number | null {
  const trimmed = text.trim();
  const percent = parsePercent(trimmed);
  const ratio = percent ?? (PLAIN.test(trimmed) ? Number(trimmed.replace(/^\+/, '')) : null);
  if (ratio === null || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) return null;
  return ratio;
}
