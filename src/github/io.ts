/**
 * What the action needs from the runner, as one small interface: tests pass a recording double
 * (`__fixtures__/core.ts`), the real run passes `coreIO` over @actions/core.
 *
 * The one rule for logs: `coreIO` passes every message (and annotation title) through `logText`
 * (src/report/escape.ts), whoever wrote it, so no string from an image, a report file or an API
 * answer can start a workflow command (`::error::`, `::add-mask::`, `::stop-commands::`, or the
 * legacy `##[...]`) or hide behind control and bidi characters. Line feeds stay, so layerdiff's own
 * multi-line messages read as written; a line that would start a command gets a `\` in front.
 */
import * as core from '@actions/core';
import { logText } from '../report/escape.js';

export interface AnnotationProps {
  title?: string;
}

export interface ActionIO {
  /** The raw input as the runner gives it (`INPUT_<NAME>`), trimmed; '' when absent. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line. */
  setSecret(secret: string): void;
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  setFailed(message: string): void;
  /** Step debug logging is on (`RUNNER_DEBUG=1`, or the `ACTIONS_STEP_DEBUG` secret). */
  isDebug(): boolean;
  /** Appends Markdown to the job summary; false when the runner gives no summary file. */
  appendSummary(markdown: string): Promise<boolean>;
}

export const coreIO: ActionIO = {
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (secret) => core.setSecret(secret),
  info: (message) => core.info(logText(message)),
  debug: (message) => core.debug(logText(message)),
  warning: (message, props) => core.warning(logText(message), inertProps(props)),
  error: (message, props) => core.error(logText(message), inertProps(props)),
  setFailed: (message) => core.setFailed(logText(message)),
  isDebug: () => core.isDebug() || process.env['ACTIONS_STEP_DEBUG'] === 'true',
  appendSummary: async (markdown) => {
    // Outside a runner (local `act` runs, scripts) there is no summary file: not an error.
    if (!process.env['GITHUB_STEP_SUMMARY']) return false;
    await core.summary.addRaw(markdown, true).write();
    return true;
  },
};

function inertProps(props: AnnotationProps | undefined): core.AnnotationProperties {
  return props?.title === undefined ? {} : { title: logText(props.title) };
}
