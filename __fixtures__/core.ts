/**
 * Typed test doubles of the runner (`ActionIO`), recording what the action did so tests assert on
 * outputs, annotations, the summary and the failure message instead of on console text.
 */
import type { AnnotationProps, ActionIO } from '../src/github/io.js';

export interface RecordedAnnotation {
  message: string;
  props: AnnotationProps | undefined;
}

export interface FakeIO extends ActionIO {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  secrets: string[];
  infos: string[];
  debugs: string[];
  warnings: RecordedAnnotation[];
  errors: RecordedAnnotation[];
  failed: string[];
  summary: string[];
  debug: ActionIO['debug'];
}

export interface FakeIOOptions {
  debug?: boolean;
  /** false = no GITHUB_STEP_SUMMARY on this "runner". */
  hasSummary?: boolean;
}

/** A runner double; `inputs` are raw values keyed by input name (`base-image`), like `INPUT_*`. */
export function fakeIO(inputs: Record<string, string> = {}, options: FakeIOOptions = {}): FakeIO {
  const io: FakeIO = {
    inputs: { ...inputs },
    outputs: {},
    secrets: [],
    infos: [],
    debugs: [],
    warnings: [],
    errors: [],
    failed: [],
    summary: [],
    getInput: (name) => (io.inputs[name] ?? '').trim(),
    setOutput: (name, value) => {
      io.outputs[name] = value;
    },
    setSecret: (secret) => {
      io.secrets.push(secret);
    },
    info: (message) => {
      io.infos.push(message);
    },
    debug: (message) => {
      io.debugs.push(message);
    },
    warning: (message, props) => {
      io.warnings.push({ message, props });
    },
    error: (message, props) => {
      io.errors.push({ message, props });
    },
    setFailed: (message) => {
      io.failed.push(message);
    },
    isDebug: () => options.debug ?? false,
    appendSummary: async (markdown) => {
      if (options.hasSummary === false) return false;
      io.summary.push(markdown);
      return true;
    },
  };
  return io;
}

/** Every line the double logged, for "the token never appears" checks. */
export function allLogged(io: FakeIO): string {
  return [
    ...io.infos,
    ...io.debugs,
    ...io.warnings.map((w) => w.message),
    ...io.errors.map((e) => e.message),
    ...io.failed,
    ...io.summary,
    ...Object.values(io.outputs),
  ].join('\n');
}
