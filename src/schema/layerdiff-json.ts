/**
 * `layerdiff/snapshot@1` and `layerdiff/report@1` read from outside (snapshot:FILE, the action's
 * `report` input, artifacts): checked against the published schemas in schemas/ before any field
 * is used, so every size, index and count used later is a finite non-negative integer and every
 * text a string.
 */
import { inputError } from '../errors.js';
import { SNAPSHOT_SCHEMA, type LayerRef, type Snapshot } from '../core/snapshot.js';
import { REPORT_SCHEMA, type Report } from '../core/report.js';
import { MISSING_REPORT_SCHEMA, MULTI_REPORT_SCHEMA, type MultiReport } from '../core/multi-report.js';
import { checkShape, lazyValidator } from './check.js';
import { JsonCap, parseJsonBounded } from './json-input.js';

const snapshotShape = lazyValidator('snapshot.schema.json');
const reportShape = lazyValidator('report.schema.json');

/**
 * A snapshot as the schema allows it on input: only diffId and size are required of a layer; the
 * optional fields may be missing (older or hand-written files), never of the wrong type.
 */
export type SnapshotInput = Omit<Snapshot, 'source' | 'manifestDigest' | 'layers' | 'totals'> & {
  source?: Snapshot['source'];
  manifestDigest?: string | null;
  /** `fileIndex`: a deep snapshot's file index (schema-checked; src/layers/index-codec.ts decodes and checks the rest). */
  layers: Array<Pick<LayerRef, 'diffId' | 'size'> & Partial<LayerRef> & { fileIndex?: unknown }>;
  totals?: Snapshot['totals'];
};

/**
 * Checks a parsed value against `layerdiff/snapshot@1`. `pointerPrefix` is where the snapshot sits
 * in a larger document (`/head` of a report), for the message.
 */
export function validateSnapshotInput(data: unknown, subject: string, pointerPrefix = ''): SnapshotInput {
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || schema !== SNAPSHOT_SCHEMA) {
    throw inputError(subject, `unsupported snapshot schema ${describeSchemaField(schema)} (expected ${SNAPSHOT_SCHEMA})`);
  }
  checkShape(snapshotShape, data, subject, SNAPSHOT_SCHEMA, pointerPrefix);
  return data as SnapshotInput;
}

/**
 * Checks a parsed value against `layerdiff/report@1` and returns it typed: every field the report
 * type declares is present with its type (numbers are numbers, texts are strings, enums are one of
 * their values). Unknown extra fields are left in place and never read.
 */
export function validateReport(data: unknown, subject: string): Report {
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || schema !== REPORT_SCHEMA) {
    throw inputError(subject, `not a ${REPORT_SCHEMA} (schema ${describeSchemaField(schema)})`);
  }
  checkShape(reportShape, data, subject, REPORT_SCHEMA);
  return data as Report;
}

/** Parses and validates a report file's bytes (at most JsonCap.report). */
export function parseReportJson(input: string | Uint8Array, subject: string): Report {
  const data = parseJsonBounded(input, JsonCap.report, subject, 'report');
  return validateReport(data, subject);
}

/**
 * Parses a snapshot file's bytes (at most JsonCap.snapshot): a `layerdiff/snapshot@1`, or a
 * `layerdiff/report@1` whose head is the snapshot.
 */
export function parseSnapshotInputJson(input: string | Uint8Array, subject: string): SnapshotInput {
  let data: unknown;
  try {
    data = parseJsonBounded(input, JsonCap.snapshot, subject, 'snapshot');
  } catch (error) {
    // Keep the long-standing wording for text that is not JSON at all.
    if (error instanceof Error && / is not valid JSON /.test(error.message)) throw inputError(subject, 'not JSON, so not a layerdiff snapshot');
    throw error;
  }
  const report = data as { schema?: unknown; head?: unknown } | null;
  if (report !== null && typeof report === 'object' && report.schema === REPORT_SCHEMA) {
    return validateSnapshotInput(report.head, subject, '/head');
  }
  return validateSnapshotInput(data, subject);
}

/** A `schema` field as it is quoted in a message: JSON, short. */
function describeSchemaField(value: unknown): string {
  const text = JSON.stringify(value ?? null) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const multiReportShape = lazyValidator('multi-report.schema.json');
const missingReportShape = lazyValidator('multi-report.schema.json#/$defs/missingReport');

/**
 * The action's `report` input with one path: a `layerdiff/report@1` (exactly as before, the same
 * refusals) or a `layerdiff/multi-report@1` (written by `--platform all` or `layerdiff merge`).
 */
export function parseReportOrMultiJson(
  input: string | Uint8Array,
  subject: string,
): { kind: 'report'; report: Report } | { kind: 'multi'; multi: MultiReport } {
  const data = parseJsonBounded(input, JsonCap.report, subject, 'report');
  if (data !== null && typeof data === 'object' && (data as { schema?: unknown }).schema === MULTI_REPORT_SCHEMA) {
    checkShape(multiReportShape, data, subject, MULTI_REPORT_SCHEMA);
    return { kind: 'multi', multi: data as MultiReport };
  }
  return { kind: 'report', report: validateReport(data, subject) };
}

/** A matrix leg that failed before reporting leaves this instead of its report (see merge). */
export interface MissingReport {
  schema: typeof MISSING_REPORT_SCHEMA;
  name: string;
  platform?: string;
  error?: string;
}

/** What one file given to `merge` (or the action's `report` input) holds. */
export type MergeInput = { kind: 'report'; report: Report } | { kind: 'multi'; multi: MultiReport } | { kind: 'missing'; missing: MissingReport };

/**
 * Parses a file given to `merge`: a `layerdiff/report@1` (one image), a `layerdiff/multi-report@1`
 * (several; each entry's report is checked like a report file), or a `layerdiff/missing-report@1`
 * placeholder. `cap` bounds the bytes (the caller's share of the merge's total).
 */
export function parseMergeInputJson(input: string | Uint8Array, subject: string, cap: number = JsonCap.report): MergeInput {
  const data = parseJsonBounded(input, cap, subject, 'report');
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    if (schema === REPORT_SCHEMA) return { kind: 'report', report: validateReport(data, subject) };
    if (schema === MULTI_REPORT_SCHEMA) {
      checkShape(multiReportShape, data, subject, MULTI_REPORT_SCHEMA);
      return { kind: 'multi', multi: data as MultiReport };
    }
    if (schema === MISSING_REPORT_SCHEMA) {
      checkShape(missingReportShape, data, subject, MISSING_REPORT_SCHEMA);
      return { kind: 'missing', missing: data as MissingReport };
    }
  }
  throw inputError(subject, `not a ${REPORT_SCHEMA}, ${MULTI_REPORT_SCHEMA} or ${MISSING_REPORT_SCHEMA} (schema ${describeSchemaField(schema)})`);
}
