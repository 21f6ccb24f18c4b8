/**
 * Terminal colour: whether to use it (a pure decision from the flag, the environment and whether
 * stdout is a terminal) and layerdiff's own SGR codes around text that is already safe. Colour is
 * never applied to a foreign string as it came: the palette shows every control character of what
 * it wraps (`visible`, as `terminalText` does), so the only escape codes in the output are these.
 */
import { usageError } from '../errors.js';
import { visible } from './escape.js';

export type ColourMode = 'auto' | 'always' | 'never';

const MODES: readonly ColourMode[] = ['auto', 'always', 'never'];

/** `--color` as given (undefined: auto); anything else is a usage error naming `flag`. */
export function parseColourMode(value: string | undefined, flag: string): ColourMode {
  if (value === undefined) return 'auto';
  const mode = value.trim().toLowerCase();
  if ((MODES as readonly string[]).includes(mode)) return mode as ColourMode;
  throw usageError(`${flag}: "${visible(value.slice(0, 40))}" is not one of auto, always, never`);
}

/**
 * Colour or not. The flag wins (no-color.org: a per-run argument overrides NO_COLOR); in `auto`,
 * NO_COLOR set to anything non-empty turns it off, FORCE_COLOR (non-empty, not `0` or `false`) turns
 * it on for pipes (CI logs that render colour), TERM=dumb turns it off, and otherwise only a
 * terminal gets it: piped output stays plain text for grep and files.
 */
export function colourChoice(mode: ColourMode, where: { isTty: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const { env } = where;
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const force = (env['FORCE_COLOR'] ?? '').trim().toLowerCase();
  if (force !== '') return force !== '0' && force !== 'false';
  if (env['TERM'] === 'dumb') return false;
  return where.isTty;
}

/** What a piece of text says, for its colour: growth and failures red, shrink and passes green. */
export type Tone = 'bad' | 'good' | 'warn' | 'dim' | 'strong';

export type Paint = (text: string, tone: Tone | null) => string;

const SGR: Record<Tone, [string, string]> = {
  bad: ['\x1b[31m', '\x1b[39m'],
  good: ['\x1b[32m', '\x1b[39m'],
  warn: ['\x1b[33m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  strong: ['\x1b[1m', '\x1b[22m'],
};

/** No colour: the text as it is. */
export const plain: Paint = (text) => text;

/** ANSI colour around text whose invisible characters are shown first (so no foreign escape survives). */
export const ansi: Paint = (text, tone) => {
  const safe = visible(text);
  if (tone === null || safe === '') return safe;
  const [open, close] = SGR[tone];
  return `${open}${safe}${close}`;
};

/** The painter for a yes/no decision. */
export function painter(colour: boolean): Paint {
  return colour ? ansi : plain;
}

/** A byte delta's tone: growth bad, shrink good, none dim. */
export function deltaTone(delta: number | null): Tone | null {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) return null;
  return delta > 0 ? 'bad' : delta < 0 ? 'good' : 'dim';
}

/** A verdict's or budget status's tone. */
export function statusTone(status: unknown): Tone | null {
  return status === 'fail' ? 'bad' : status === 'warn' ? 'warn' : status === 'pass' ? 'good' : null;
}
