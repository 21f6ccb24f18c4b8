/**
 * The one place where a foreign string (anything read from an image, a snapshot, a report file or
 * the user: paths, instructions, references, tags, platforms, digests, keys, budget texts, hint data)
 * becomes safe to show. Renderers never concatenate a foreign string without one of these.
 *
 * The rules, for every sink:
 * - Invisible characters are shown, never passed through: C0/C1 controls (newline included, as
 *   `\n`), ESC (so no ANSI sequence), bidi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C),
 *   zero-width and other format characters (U+200B-200D, U+2060, U+FEFF, soft hyphen, tag
 *   characters...), line/paragraph separators, Hangul fillers and lone surrogates become `\u202E`,
 *   `\u{E0041}`. A literal backslash stays as it is, so `\u202E` in the output means one of the two.
 * - Every field is capped (default FIELD_MAX.text characters, counted in code points, before the
 *   escapes above), the cut marked with `…`.
 * - GitHub Markdown (comment, job summary): a foreign identifier (path, instruction, reference,
 *   digest...) is a code span whose fence is longer than any backtick run inside (`mdCode`; a
 *   `<!--` in it is written `\u003C!--`, so not even the raw body holds one): GFM parses nothing
 *   inside a code span (no emphasis, link, autolink, HTML, entity) and GitHub links
 *   no `@mention`, `#123`, `GH-123`, `owner/repo#1` or commit SHA inside `<code>`. Foreign free text
 *   (budget messages, a hint message of an unknown hint) goes through `mdText`: every word GitHub or
 *   cmark-gfm could turn into a link or a notification (anything with `@`, `#`, `/`, a URL scheme,
 *   `www.`, `PREFIX-123`, a run of 7+ hex digits) becomes a code span of its own, visibly marked as
 *   quoted, with nothing hidden or altered; every other Markdown-significant ASCII character is
 *   backslash-escaped. Inside raw HTML (`<summary>`), `htmlCode` escapes `& < > " ' |` and wraps the
 *   text in `<code>`, for the same reason. No output of this module contains `<!--`.
 * - Terminal (`terminalText`): the visible escapes above, so no ANSI sequence or control character
 *   reaches the terminal.
 * - Workflow logs (`logText`, applied by `coreIO` to every message): the visible escapes, except
 *   that layerdiff's own line breaks are kept; no line can start a workflow command (`::` at its
 *   start, after blanks, gets a `\` in front) and no `##[` (the legacy command prefix, honoured
 *   anywhere in a line) survives. Foreign parts are one line already (`oneLine`), so they cannot
 *   even fake a log line of their own.
 */

export const FIELD_MAX = {
  /** Free text: budget messages, hint messages. */
  text: 300,
  /** A Dockerfile instruction in a table (the JSON report has it whole). */
  instruction: 80,
  /** A file path (cut in the middle: its start and its file name stay). */
  path: 100,
  /** Image references, tags, platforms, digests, rule names, keys. */
  identifier: 200,
  /** One log or error message. */
  message: 2000,
} as const;

// Characters never shown as themselves: controls (C0, DEL, C1), format characters (bidi controls,
// zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters ...), line and paragraph
// separators, Hangul fillers (blank letters), lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Every invisible or control character as a visible escape (`\n`, `\u001B`, `\u202E`). */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => NAMED[ch] ?? codePointEscape(ch));
}

function codePointEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Anything a report may hold where a string is expected, as a string (null/undefined: ''). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** A number a report gave, printed as is only when it is a finite number (else `?`). */
export function numberText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';
}

/** Cuts to `max` code points, marking the cut with `…`; `middle` keeps the start and the end. */
export function cap(text: string, max: number, middle = false): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  if (max <= 1) return max <= 0 ? '' : '…';
  if (!middle) return points.slice(0, max - 1).join('') + '…';
  const tail = Math.floor((max - 1) / 2);
  return points.slice(0, max - 1 - tail).join('') + '…' + points.slice(points.length - tail).join('');
}

/** One line, capped, every invisible character shown: the base of every other rule here. */
export function oneLine(value: unknown, max: number = FIELD_MAX.text, middle = false): string {
  return visible(cap(asText(value), max, middle));
}

export interface FieldOptions {
  /** Cap in code points (default FIELD_MAX.text). */
  max?: number;
  /** Cut in the middle (paths). */
  middle?: boolean;
  /** Inside a GFM table cell: pipes must be escaped. */
  cell?: boolean;
}

/**
 * A foreign identifier as a Markdown code span. Empty text gives '' (nothing to quote). In a table
 * cell every `|` is written `\|`: cmark-gfm (GitHub) removes that backslash even inside code spans,
 * and a backslash before it stays literal (`a\|b` is written `a\\|b` and shows as `a\|b`).
 */
export function mdCode(value: unknown, options: FieldOptions = {}): string {
  // `<!--` is inert inside a code span, but the raw body is read too (the sticky marker is found in
  // it): its `<` is shown as the visible escape `\u003C`, like an invisible character.
  const text = oneLine(value, options.max ?? FIELD_MAX.text, options.middle ?? false).replace(/<!--/g, '\\u003C!--');
  if (text.trim() === '') return '';
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  // A space pads the content when it starts or ends with a backtick (or a space, which the
  // parser would strip otherwise): GFM strips exactly one space on each side.
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  const body = options.cell ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

// Words GitHub or cmark-gfm could link or turn into a notification: mentions and emails (`@`),
// issue references (`#1`, `owner/repo#1`), paths and URLs (`/`), schemes (`javascript:x`), `www.`,
// autolink references (`GH-123`, `JIRA-12`), commit SHAs (7+ hex digits).
const LINKABLE_WORD = /[@#/]|[A-Za-z][A-Za-z0-9+.-]*:\S|www\.|[A-Za-z]-\d|[0-9a-fA-F]{7,}/i;
// ASCII characters with a meaning in GFM inline syntax (emphasis, code, links, images, HTML,
// entities, tables, strikethrough, math, escapes).
const MD_SPECIAL = /[\\`*_[\]<>&!|~$]/g;

/**
 * Foreign free text in Markdown: readable as text, inert as Markdown. Linkable words become code
 * spans (see LINKABLE_WORD); everything else has its Markdown-significant characters escaped.
 */
export function mdText(value: unknown, options: FieldOptions = {}): string {
  const text = oneLine(value, options.max ?? FIELD_MAX.text, options.middle ?? false);
  return text
    .split(/( +)/)
    .map((word) => {
      if (word === '' || /^ +$/.test(word)) return word;
      if (LINKABLE_WORD.test(word) || word.includes('`')) return mdCode(word, { max: Infinity, cell: options.cell });
      return word.replace(MD_SPECIAL, (ch) => `\\${ch}`);
    })
    .join('')
    .trim();
}

/** Foreign text inside raw HTML (`<summary>`), where Markdown is not parsed: escaped and in `<code>`. */
export function htmlCode(value: unknown, options: FieldOptions = {}): string {
  const text = oneLine(value, options.max ?? FIELD_MAX.text, options.middle ?? false);
  return text === '' ? '' : `<code>${htmlEscape(text)}</code>`;
}

/** Text layerdiff writes itself inside raw HTML (numbers, fixed words): entities only. */
export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\|/g, '&#124;');
}

/**
 * A foreign string for the terminal: one line, capped, no control character or ANSI escape, and
 * no `##[` (the CLI may run in a workflow step, whose output the runner scans for commands).
 */
export function terminalText(value: unknown, max: number = FIELD_MAX.text, middle = false): string {
  return noLegacyCommand(oneLine(value, max, middle));
}

/** `##[` anywhere in a line is the runner's legacy command prefix: written `#\#[`. */
export function noLegacyCommand(text: string): string {
  return text.replace(/##\[/g, '#\\#[');
}

/**
 * A message for the workflow log (`core.info` and friends): line feeds stay (layerdiff's own
 * multi-line messages, stack traces), every other invisible character is shown (`\r` too: the
 * runner splits lines on it), a line that would start a workflow command (`::name::`, after
 * blanks: the runner trims them) starts with `\` instead, and the legacy `##[` prefix, honoured
 * anywhere in a line, is broken up as `#\#[`.
 */
export function logText(message: unknown): string {
  return cap(asText(message), FIELD_MAX.message * 8)
    .split('\n')
    .map((line) => noLegacyCommand(visible(line)).replace(/^(\s*)::/, '$1\\::'))
    .join('\n');
}
