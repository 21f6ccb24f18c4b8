/**
 * The one line a report carries when its base is a snapshot without file indexes (a plain
 * `layerdiff snapshot`): `--deep` then has no base files to compare with, and saying so beats an
 * empty file list that reads as "nothing changed". Fixed text only (no foreign string).
 */
import type { Report } from '../core/report.js';

const NONE =
  'The base is a snapshot without file indexes, so file-level changes against it are not shown (wasted space and hints are the head image alone). Save the base with `layerdiff snapshot --deep` (action: `snapshot-path` with `deep: true`) to get them.';

/** The note as plain text (terminal, logs), or null when there is nothing to say. */
export function baseIndexNote(report: Pick<Report, 'deep'>): string | null {
  return report.deep?.baseIndex === 'none' ? NONE : null;
}

/** The note as one Markdown block (a GitHub note), or null. */
export function baseIndexMarkdown(report: Pick<Report, 'deep'>): string | null {
  const note = baseIndexNote(report);
  return note === null ? null : `> [!NOTE]\n> ${note}`;
}
