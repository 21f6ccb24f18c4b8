/**
 * The rolling history of the base branch's totals a snapshot carries (`Snapshot.history`): pure
 * list arithmetic. The action appends the commit it built on the base branch to the history of the
 * snapshot it compared against, so the trend chart needs no extra API call or download.
 */
import type { HistoryPoint, Snapshot } from './snapshot.js';

/** Points a snapshot keeps: a month of daily merges, and a chart that stays readable. */
export const HISTORY_KEEP = 30;
/** Points a snapshot read from outside may hold (the schema's maxItems); readers keep the last HISTORY_KEEP. */
export const HISTORY_READ_MAX = 100;

/** A commit's hex object name: SHA-1 (40) or SHA-256 (64), lowercase. */
export const COMMIT_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** ISO 8601 date and time with seconds and a zone, as the schema accepts it. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The point `snapshot` adds to a history as commit `commit` made on `date` (already checked). */
export function historyPointOf(snapshot: Snapshot, commit: string, date: string): HistoryPoint {
  return {
    commit,
    date,
    size: snapshot.totals.size,
    compressedSize: snapshot.totals.compressedSize,
    layers: snapshot.layers.length,
  };
}

/**
 * `history` with `point` last, at most `keep` points. A point for the same commit is dropped first
 * (a re-run of a commit replaces its figure instead of plotting it twice).
 */
export function appendHistory(history: readonly HistoryPoint[] | undefined, point: HistoryPoint, keep = HISTORY_KEEP): HistoryPoint[] {
  const kept = (history ?? []).filter((p) => p.commit !== point.commit).map((p) => ({ ...p }));
  kept.push({ ...point });
  return kept.slice(Math.max(0, kept.length - keep));
}

/** The last `keep` points of a history read from outside, as fresh objects with only the known fields. */
export function keptHistory(history: readonly HistoryPoint[], keep = HISTORY_KEEP): HistoryPoint[] {
  return history.slice(Math.max(0, history.length - keep)).map((p) => ({
    commit: p.commit,
    date: p.date,
    size: p.size,
    compressedSize: p.compressedSize ?? null,
    layers: p.layers,
  }));
}

/** A snapshot with `history` in place of its own (none when `history` is empty or undefined). */
export function withHistory(snapshot: Snapshot, history: readonly HistoryPoint[] | undefined): Snapshot {
  const { history: _old, ...rest } = snapshot;
  return history && history.length > 0 ? { ...rest, history: history.map((p) => ({ ...p })) } : rest;
}

/** `text` as a UTC ISO 8601 date (`2026-12-01T06:40:19.000Z`) when it is one ISO_DATE_PATTERN accepts and a real instant; else null. */
export function isoDate(text: string): string | null {
  if (!ISO_DATE_PATTERN.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
