/**
 * Errors are values meant for a user: a code, the input they concern, and one line of reason.
 * The CLI and the action print `message` alone; stack traces only with --debug.
 */
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

/** One line for a user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof LayerdiffError) return oneLine(error.message);
  if (error instanceof Error) return oneLine(error.message || error.name);
  return oneLine(String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
