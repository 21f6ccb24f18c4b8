import type { Report } from './model.js';

export interface MarkdownOptions {
  /** Hidden marker key for the sticky comment; omitted = no marker. */
  commentKey?: string;
  /** Hard cap on the body length (GitHub comments: 65,536). */
  maxLength?: number;
}

export function renderMarkdown(_report: Report, _options: MarkdownOptions = {}): string {
  throw new Error('not implemented');
}
