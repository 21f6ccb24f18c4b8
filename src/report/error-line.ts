/**
 * The one line a shell shows for an error, made inert for a terminal or a workflow log.
 */
import { cliInputNames, LayerdiffError, type InputNamer } from '../errors.js';
import { FIELD_MAX, noLegacyCommand, oneLine } from './escape.js';

/**
 * One line for a user, whatever was thrown. Messages quote file names, tags and server answers, so
 * the line is made inert: line breaks fold to a space, every other control, bidi or zero-width
 * character is shown (`\u001B`, `\u202E`), `##[` (a workflow command prefix) is broken up, and the
 * length is capped.
 */
export function describeError(error: unknown, names: InputNamer = cliInputNames): string {
  if (error instanceof LayerdiffError) return inertLine(error.messageFor(names));
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
