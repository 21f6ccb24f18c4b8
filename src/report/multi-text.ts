/**
 * Terminal text of several images (`layerdiff/multi-report@1`).
 * STUB: one block per image; issue 13's summary table replaces it.
 */
import type { MultiReport } from '../core/multi-report.js';
import { terminalText } from './escape.js';
import { renderText, type TextOptions } from './text.js';

export function renderMultiText(multi: MultiReport, options: TextOptions = {}): string {
  return multi.images
    .map(
      (image) =>
        `== ${terminalText(image.name)} (${terminalText(image.platform)})\n${image.report ? renderText(image.report, options) : `no report: ${terminalText(image.error ?? 'unknown')}\n`}`,
    )
    .join('\n');
}
