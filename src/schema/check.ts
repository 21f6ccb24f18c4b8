/**
 * JSON Schema validation with ajv: one instance, created on first use (never at import time: the CLI
 * and the action pay for compiling only the schemas a run needs), each schema compiled once.
 */
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { inputError, LayerdiffError } from '../errors.js';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import snapshotSchema from '../../schemas/snapshot.schema.json' with { type: 'json' };
import multiReportSchema from '../../schemas/multi-report.schema.json' with { type: 'json' };

let ajv: Ajv2020 | undefined;

function instance(): Ajv2020 {
  // allErrors: false stops at the first bad field (the message names one); verbose keeps the bad
  // value for the message ("not a string"); strict refuses schemas with unknown keywords or
  // ambiguous types, so a typo in a schema fails the tests instead of passing everything. Only
  // strictRequired is off: report.schema.json makes optional snapshot fields required with
  // `allOf: [{$ref}, {required}]`, which that rule would reject. validateSchema is off because
  // checking our own schemas against the 2020-12 meta-schema costs ~100 ms a run; the unit tests
  // do it instead (__tests__/unit/schema.test.ts).
  ajv ??= new Ajv2020({
    allErrors: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
    validateSchema: false,
    schemas: [snapshotSchema, reportSchema, multiReportSchema],
  });
  return ajv;
}

/** A validator compiled the first time it is called. */
export function lazyValidator(schema: AnySchemaObject | string): (data: unknown) => ErrorObject | null {
  let validate: ValidateFunction | undefined;
  return (data) => {
    if (validate === undefined) {
      const ajvInstance = instance();
      validate = typeof schema === 'string' ? ajvInstance.getSchema(schema) : ajvInstance.compile(schema);
      if (validate === undefined) throw new LayerdiffError('internal', `schema ${schema as string} is not registered`);
    }
    return validate(data) ? null : (validate.errors?.[0] ?? null);
  };
}

/**
 * Checks `data` against a validator; on failure throws one line naming the input, the document and
 * the JSON pointer of the first bad field: `<subject>: <what> is invalid at /layers/0/size: must be integer`.
 */
export function checkShape(validate: (data: unknown) => ErrorObject | null, data: unknown, subject: string, what: string, pointerPrefix = ''): void {
  const error = validate(data);
  if (error === null) return;
  throw inputError(subject, describeSchemaError(error, what, pointerPrefix));
}

/** `<what> is invalid at <pointer>: <reason>`, bounded and free of control characters. */
export function describeSchemaError(error: ErrorObject, what: string, pointerPrefix = ''): string {
  let pointer = pointerPrefix + error.instancePath;
  let reason = error.message ?? 'is invalid';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      pointer += `/${escapePointerToken(String(params.missingProperty))}`;
      reason = 'is missing';
      break;
    case 'type':
      reason = `must be ${typeWords(String(params.type))}, not ${jsonType(error.data)}`;
      break;
    case 'const':
      reason = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'enum':
      reason = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'pattern':
      reason = `is not a valid ${patternName(String(params.pattern))}`;
      break;
    case 'minimum':
    case 'maximum':
      reason = `${reason} (got ${String(error.data)})`;
      break;
  }
  return `${what} is invalid at ${printable(pointer === '' ? '(top level)' : pointer)}: ${reason}`;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeWords(type: string): string {
  return type
    .split(',')
    .map((t) => (t === 'integer' ? 'a whole number' : t === 'object' ? 'an object' : t === 'array' ? 'a list' : t === 'null' ? 'null' : `a ${t}`))
    .join(' or ');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a fraction';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function patternName(pattern: string): string {
  if (pattern.startsWith('^sha256:[a-f0-9]{64}$')) return 'sha256 digest';
  if (pattern.includes('sha256:') || pattern.includes('sha512:')) return 'digest (sha256:<64 hex> or sha512:<128 hex>)';
  return `value (pattern ${pattern})`;
}

/** Pointers carry keys from the input: no control characters, no unbounded length. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
