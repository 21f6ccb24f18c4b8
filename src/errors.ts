/**
 * Errors are values meant for a user: a code, the input they concern, and one line of reason.
 * The CLI and the action print `message` alone; stack traces only with --debug.
 */
import { FIELD_MAX, noLegacyCommand, oneLine } from './report/escape.js';

export type ErrorCode =
  | 'usage' // bad flags, bad budget values, bad action inputs
  | 'input' // the image (or snapshot) cannot be read: unknown format, corrupt, truncated, hostile
  | 'not-found' // a reference that does not exist (file, tag, blob, artifact)
  | 'auth' // credentials missing or refused
  | 'network' // a server that does not answer or answers nonsense
  | 'internal';

export class LayerdiffError extends Error {
  readonly code: ErrorCode;
  /** The reference or input name the error is about, if any (already part of `message`). */
  readonly subject: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { subject?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LayerdiffError';
    this.code = code;
    this.subject = options?.subject;
  }
}

/** An input that cannot be read: `<subject>: <reason>`. */
export function inputError(subject: string, reason: string, cause?: unknown): LayerdiffError {
  return new LayerdiffError('input', `${subject}: ${reason}`, { subject, cause });
}

export function usageError(message: string): LayerdiffError {
  return new LayerdiffError('usage', message);
}

export function isLayerdiffError(error: unknown): error is LayerdiffError {
  return error instanceof LayerdiffError;
}

/**
 * One line for a user, whatever was thrown. Messages quote file names, tags and server answers, so
 * the line is made inert: line breaks fold to a space, every other control, bidi or zero-width
 * character is shown (`\u001B`, `\u202E`), `##[` (a workflow command prefix) is broken up, and the
 * length is capped.
 */
export function describeError(error: unknown): string {
  if (error instanceof LayerdiffError) return inertLine(error.message);
  if (error instanceof Error) return inertLine(error.message || error.name);
  return inertLine(safeString(error));
}

function inertLine(text: string): string {
  return noLegacyCommand(oneLine(text.replace(/\s*[\r\n]+\s*/g, ' ').trim(), FIELD_MAX.message));
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'unknown error';
  }
}
