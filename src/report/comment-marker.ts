/**
 * The hidden first line that makes a PR comment layerdiff's sticky comment, built and parsed in
 * this one place: `<!-- layerdiff:v1 key=KEY workflow=PATH -->`. The shape is fixed and versioned
 * so that a comment that merely starts with an older or similar marker (another workflow's, a
 * person's, a forged one quoted from a report) never parses as ours; the workflow names which
 * workflow file owns the comment, so two workflows posting as the same bot keep apart.
 */
import { usageError } from '../errors.js';

export const MARKER_VERSION = 'v1';

/** What a marker says. `workflow` is the workflow file (`.github/workflows/ci.yml`), or null. */
export interface MarkerFields {
  key: string;
  workflow: string | null;
}

/**
 * A key goes inside an HTML comment, where `--` and `>` would end it, and into a file name (the
 * report path): 1-100 letters, digits and `._/:@+-`, starting with a letter or digit, no `--`.
 */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,99}$/;
/** Workflow paths longer than this are cut: GitHub's own paths stay far below it. */
const MAX_WORKFLOW_LENGTH = 200;
const MARKER_PATTERN = /^<!-- layerdiff:v1 key=(\S+?)(?: workflow=(\S+))? -->$/;

export function isCommentKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.includes('--');
}

/** The key, or a one-line usage error naming `subject` (`comment-key`, `--comment-key`). */
export function checkCommentKey(key: string, subject = 'comment-key'): string {
  if (!isCommentKey(key)) {
    throw usageError(`${subject}: "${key}" must be 1-100 letters, digits or ._/:@+- (starting with a letter or digit, no "--")`);
  }
  return key;
}

/** The marker line for `key` (refused unless it is a valid key) and the owning workflow, if known. */
export function buildMarker(key: string, workflow: string | null = null): string {
  checkCommentKey(key);
  const scope = workflow ? ` workflow=${encodeWorkflow(workflow)}` : '';
  return `<!-- layerdiff:${MARKER_VERSION} key=${key}${scope} -->`;
}

/**
 * The fields of a marker line, or null when the line is not exactly a marker layerdiff writes
 * (anything around it, another version, an invalid key, a non-canonical encoding).
 */
export function parseMarker(line: string): MarkerFields | null {
  const match = MARKER_PATTERN.exec(line);
  if (!match) return null;
  const key = match[1] as string;
  if (!isCommentKey(key)) return null;
  let workflow: string | null = null;
  if (match[2] !== undefined) {
    try {
      workflow = decodeURIComponent(match[2]);
    } catch {
      return null;
    }
  }
  // Only the one spelling buildMarker produces counts (no `%41` for `A`, no over-long paths).
  return buildMarker(key, workflow) === line ? { key, workflow } : null;
}

/** The first line of a comment body, without a `\r` that the web editor may add. */
export function firstLineOf(body: string): string {
  const end = body.indexOf('\n');
  const line = end === -1 ? body : body.slice(0, end);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * Percent-encodes every character outside `A-Za-z0-9._/@+-`, and the second of two hyphens, so the
 * value can neither end the comment (`--`, `>`) nor hold a space that would split the fields.
 */
function encodeWorkflow(workflow: string): string {
  const cut = workflow.length > MAX_WORKFLOW_LENGTH ? workflow.slice(0, MAX_WORKFLOW_LENGTH) : workflow;
  let out = '';
  for (const char of cut) {
    if (/^[A-Za-z0-9._/@+]$/.test(char) || (char === '-' && !out.endsWith('-'))) out += char;
    else out += [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}
