/**
 * What the instruction column shows when an instruction does not fit: the part that tells a row
 * from its neighbours. Two `RUN apt-get ... install -y jq` rows cut at the same width look alike, so
 * a row that shares a long start with another row is cut in front (`RUN … -y jq curl`), and a
 * changed row whose instruction changed shows the words that differ, old → new
 * (`RUN … jq → jq curl`). Pure; returns plain text that renderers still escape (mdCode,
 * terminalText). The JSON report and the `<details>` keep the whole instruction.
 */
import { normaliseCreatedBy } from '../diff/instruction.js';
import type { LayerRef } from '../core/snapshot.js';
import type { LayerRow } from '../core/report.js';
import { truncate } from './format.js';

const CUT = '…';
const ARROW = ' → ';
// Words kept before the first word that tells a row apart, so it is read in its context.
const CONTEXT_WORDS = 3;
// Longest run of words compared between rows: a hostile megabyte of history costs no more.
const MAX_COMPARED_WORDS = 512;

/**
 * Per row, the instruction column's text, at most `width` characters; null when the row's layer
 * has no history (renderers write their own placeholder).
 */
export function instructionTexts(rows: readonly LayerRow[], width: number): Array<string | null> {
  const max = Math.max(1, Math.floor(width));
  const words = rows.map((r) => wordsOf(r.head ?? r.base));
  const distinct = distinguishingWords(words);
  return rows.map((r, k) => {
    const own = words[k];
    if (own === null || own === undefined) return null;
    if (r.status === 'changed' && r.base && r.head) {
      const before = wordsOf(r.base);
      if (before !== null && before.join(' ') !== own.join(' ')) return changeText(before, own, max);
    }
    return cutKeeping(own, distinct[k] ?? 0, max);
  });
}

function wordsOf(layer: LayerRef | null): string[] | null {
  const createdBy = layer?.createdBy;
  const text = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
  return text === null || text === '' ? null : text.split(' ');
}

/**
 * Per row, the index of its first word that no other row has at the same place after the same
 * words (one past the longest common word prefix with any other row). Sorting puts each row next to
 * the rows it shares the most with, so this is O(r log r) comparisons, not O(r²).
 */
function distinguishingWords(words: ReadonlyArray<readonly string[] | null>): number[] {
  const result = words.map(() => 0);
  const present = words.map((w, k) => ({ w, k })).filter((e): e is { w: readonly string[]; k: number } => e.w !== null);
  present.sort((a, b) => compareWords(a.w, b.w));
  for (let s = 1; s < present.length; s++) {
    const a = present[s - 1]!;
    const b = present[s]!;
    const shared = commonPrefix(a.w, b.w);
    result[a.k] = Math.max(result[a.k]!, shared);
    result[b.k] = Math.max(result[b.k]!, shared);
  }
  return result;
}

function compareWords(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length, MAX_COMPARED_WORDS);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return Math.min(a.length, MAX_COMPARED_WORDS) - Math.min(b.length, MAX_COMPARED_WORDS);
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length, MAX_COMPARED_WORDS);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * The instruction cut to `width`: at the end when the words up to `distinct` fit; otherwise its
 * keyword, `…`, and the words from just before `distinct` on.
 */
function cutKeeping(words: readonly string[], distinct: number, width: number): string {
  const full = words.join(' ');
  if (full.length <= width) return full;
  const at = Math.min(distinct, words.length - 1);
  if (at === 0 || words.slice(0, at + 1).join(' ').length < width) return truncate(full, width);
  for (let context = CONTEXT_WORDS; context >= 0; context--) {
    const from = Math.max(1, at - context);
    const text = from <= 1 ? full : `${words[0]} ${CUT} ${words.slice(from).join(' ')}`;
    if (text.length <= width || context === 0) return truncate(text, width);
  }
  return truncate(full, width);
}

/**
 * A changed instruction: the common words in front (cut to the keyword and the last few), the
 * differing words as `old → new`, then the common words behind, as far as they fit. Words only
 * added (or only removed) read with one shared word of context (`jq → jq curl`) when that fits, else
 * as `+curl` (`-curl`), so the new words are never the part that is cut.
 */
function changeText(before: readonly string[], after: readonly string[], width: number): string {
  const prefix = commonPrefix(before, after);
  let suffix = 0;
  while (suffix < Math.min(before.length, after.length) - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const old = before.slice(prefix, before.length - suffix);
  const now = after.slice(prefix, after.length - suffix);
  const lead = after.slice(0, prefix);
  const tail = after.slice(after.length - suffix);
  if (old.length > 0 && now.length > 0) return assemble(lead, replacement(old.join(' '), now.join(' '), width - minimalLead(lead)), tail, width);
  // One shared word of context, taken from the front if there is one, else from behind.
  if (prefix > 0 || suffix > 0) {
    const context = prefix > 0 ? (lead[lead.length - 1] as string) : (tail[0] as string);
    const join = (words: readonly string[]) => (prefix > 0 ? [context, ...words] : [...words, context]).join(' ');
    const change = `${join(old)}${ARROW}${join(now)}`;
    const shortLead = prefix > 0 ? lead.slice(0, -1) : lead;
    if (minimalLead(shortLead) + change.length <= width) return assemble(shortLead, change, prefix > 0 ? tail : tail.slice(1), width);
  }
  const change = now.length > 0 ? `+${now.join(' ')}` : `-${old.join(' ')}`;
  return assemble(lead, truncate(change, width - minimalLead(lead)), tail, width);
}

/** `old → new` in `room` characters; the new words get the larger share when both must be cut. */
function replacement(old: string, now: string, room: number): string {
  const space = Math.max(2, room - ARROW.length);
  if (old.length + now.length <= space) return `${old}${ARROW}${now}`;
  const oldRoom = Math.max(1, Math.min(old.length, Math.floor(space / 3), space - now.length));
  const shownOld = truncate(old, Math.max(oldRoom, space - now.length));
  return `${shownOld}${ARROW}${truncate(now, Math.max(1, space - shownOld.length))}`;
}

/** Characters the front words need at least: `KEYWORD … ` (or the words themselves when shorter). */
function minimalLead(lead: readonly string[]): number {
  if (lead.length === 0) return 0;
  return Math.min(lead.join(' ').length, `${lead[0]} ${CUT}`.length) + 1;
}

/** Front words, change, words behind: the change whole, the front cut to fit, the words behind as far as they fit. */
function assemble(lead: readonly string[], change: string, tail: readonly string[], width: number): string {
  // Room for ` …` when words follow, so cutting them never reaches into the change.
  const leadText = leadFitting(lead, width - change.length - 1 - (tail.length > 0 ? 2 : 0));
  let text = leadText === '' ? change : `${leadText} ${change}`;
  // Whole words behind, then ` …` for the rest: a cut word would read as a different version or name.
  for (let k = 0; k < tail.length; k++) {
    const word = tail[k] as string;
    const last = k === tail.length - 1;
    if (text.length + 1 + word.length + (last ? 0 : 2) > width) return truncate(`${text} ${CUT}`, width);
    text = `${text} ${word}`;
  }
  return truncate(text, width);
}

/** The common words before a change, whole if they fit in `room`, else the keyword, `…` and the last words that fit. */
function leadFitting(lead: readonly string[], room: number): string {
  if (lead.length === 0) return '';
  const whole = lead.join(' ');
  if (whole.length <= room) return whole;
  let text = `${lead[0]} ${CUT}`;
  for (let from = lead.length - 1; from >= 1; from--) {
    const candidate = `${lead[0]} ${CUT} ${lead.slice(from).join(' ')}`;
    if (candidate.length > room) break;
    text = candidate;
  }
  return text;
}
