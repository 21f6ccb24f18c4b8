/**
 * The Markdown of several images in one comment (`layerdiff/multi-report@1`).
 * STUB: one section per image; issue 13's summary table replaces it.
 */
import type { MultiReport } from '../core/multi-report.js';
import { mdText } from './escape.js';
import { renderMarkdown, type MarkdownOptions } from './markdown.js';

export function renderMultiMarkdown(multi: MultiReport, options: MarkdownOptions = {}): string {
  const parts = multi.images.map((image) => {
    const title = `#### ${mdText(image.name)} (${mdText(image.platform)})`;
    return image.report
      ? `${title}\n\n${renderMarkdown(image.report, { ...options, commentKey: undefined })}`
      : `${title}\n\nno report: ${mdText(image.error ?? 'unknown')}\n`;
  });
  return parts.join('\n');
}
