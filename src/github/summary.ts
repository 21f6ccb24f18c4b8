/** The job summary: the same Markdown report as the comment, written on every event. */
import type { ActionIO } from './io.js';

/**
 * GitHub accepts job summaries up to 1 MiB but a page that long is not read; the summary keeps the
 * full tables under the same 65,536 characters as a comment, cut at a row boundary (renderMarkdown).
 */
export const SUMMARY_MAX_LENGTH = 65_536;

export async function writeJobSummary(io: ActionIO, markdown: string): Promise<void> {
  const written = await io.appendSummary(markdown.endsWith('\n') ? markdown : markdown + '\n');
  if (!written) io.info('No job summary file (GITHUB_STEP_SUMMARY unset): summary not written.');
}
