/** The job summary: the same Markdown report as the comment, written on every event. */
import type { ActionIO } from './io.js';

/** GitHub refuses job summaries over 1 MiB; keep well under it. */
export const SUMMARY_MAX_LENGTH = 1_000_000;

export async function writeJobSummary(io: ActionIO, markdown: string): Promise<void> {
  const written = await io.appendSummary(markdown.endsWith('\n') ? markdown : markdown + '\n');
  if (!written) io.info('No job summary file (GITHUB_STEP_SUMMARY unset): summary not written.');
}
