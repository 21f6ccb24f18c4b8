/**
 * Errors are values meant for a user: a code, the input they concern, and one line of reason.
 * The CLI and the action print `message` alone; stack traces only with --debug. This module imports
 * nothing, so every stage may use it; src/report/error-line.ts makes the line a user sees.
 */

/** An input a user can set, named in messages in the words of the shell that runs. */
export type ShellInput = 'platform' | 'image' | 'creds' | 'deep';

/** How a shell names its inputs in messages. */
export type InputNamer = (input: ShellInput) => string;

/** The CLI's names, also what `message` uses (a thrown error has one message). */
export const cliInputNames: InputNamer = (input) => `--${input}`;

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
  /**
   * The message for any shell, when it names an input a user sets (`--platform` in the CLI, the
   * `platform` input in the action): the shell words it with its own names (`describeError`).
   */
  readonly worded: ((name: InputNamer) => string) | undefined;

  constructor(code: ErrorCode, message: string, options?: { subject?: string; cause?: unknown; worded?: (name: InputNamer) => string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LayerdiffError';
    this.code = code;
    this.subject = options?.subject;
    this.worded = options?.worded;
  }

  /** The message in the words of the shell that names inputs with `name`. */
  messageFor(name: InputNamer): string {
    return this.worded ? this.worded(name) : this.message;
  }
}

/** An error whose message names a shell input: `worded(name)` builds it for each shell. */
export function namingError(code: ErrorCode, worded: (name: InputNamer) => string, options?: { subject?: string; cause?: unknown }): LayerdiffError {
  return new LayerdiffError(code, worded(cliInputNames), { ...options, worded });
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
