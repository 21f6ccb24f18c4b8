/**
 * Many reports into one (`layerdiff merge`, the action's `report` input with several files): each
 * file is a `layerdiff/report@1` (one image, one leg of a matrix), a `layerdiff/multi-report@1`
 * (flattened: every platform of `--platform all`, or an earlier merge) or a
 * `layerdiff/missing-report@1` placeholder a failed leg left. Every file goes through the bounded
 * JSON reader and the schema validators; the verdict and totals are computed again from the entries,
 * never taken from a file. Shared by the CLI and the action.
 */
import { multiReportOf, type ImageEntry, type MultiReport } from './core/multi-report.js';
import type { Report } from './core/report.js';
import { inputError } from './errors.js';
import { JsonCap } from './schema/json-input.js';
import { parseMergeInputJson, type MergeInput } from './schema/layerdiff-json.js';
import { readRegularFile } from './sources/regular-file.js';

/** Most files one merge reads (a matrix is rarely wider than a few dozen legs). */
export const MAX_MERGE_FILES = 256;
/** Most entries (image × platform) one merged report holds (schemas/multi-report.schema.json). */
export const MAX_MERGE_IMAGES = 1000;
/**
 * Bytes of every file together: the report cap (JsonCap.report, 32 MiB), so the merged report is
 * itself no larger than one report file may be, and memory stays what one report file costs.
 */
export const MAX_MERGE_BYTES = JsonCap.report;

export interface MergeFile {
  path: string;
  /** How errors name the file: `report.json`, `report: reports/api/report.json`. */
  subject: string;
}

/** Reads and validates each file, in order; stops at the first bad one (one line naming it). */
export async function readMergeInputs(files: readonly MergeFile[]): Promise<MergeInput[]> {
  if (files.length > MAX_MERGE_FILES) {
    throw inputError(files[MAX_MERGE_FILES]?.subject ?? 'merge', `more than ${MAX_MERGE_FILES} report files to merge`);
  }
  const inputs: MergeInput[] = [];
  let total = 0;
  for (const file of files) {
    const left = MAX_MERGE_BYTES - total;
    const bytes = await readRegularFile(file.path, file.subject, {
      maxBytes: Math.min(JsonCap.report, Math.max(left, 0)),
      tooLargeReason: left < JsonCap.report ? `the merged files may hold ${MAX_MERGE_BYTES} bytes in all` : undefined,
      missingReason: 'no such file',
    });
    total += bytes.length;
    inputs.push(parseMergeInputJson(bytes, file.subject, JsonCap.report));
  }
  return inputs;
}

/**
 * The merged report (pure). Each image gets a name: its report's `name`, else its head reference;
 * an entry of a multi-report keeps its own; `missing` adds a "no report" entry per name (legs known
 * to have failed). Two entries of the same name and platform become `name (2)`, `name (3)`.
 */
export function mergeInputs(inputs: readonly MergeInput[], missing: readonly string[] = []): MultiReport {
  const entries: ImageEntry[] = [];
  for (const input of inputs) {
    switch (input.kind) {
      case 'report':
        entries.push(entryOf(input.report, imageName(input.report)));
        break;
      case 'multi':
        for (const image of input.multi.images) {
          // The entry's own platform and change, not its report's head: a platform gone from the
          // head (`--platform all`) has a head of platform `none` but is the base's platform, removed.
          entries.push(
            image.report
              ? { name: image.name, platform: image.platform, report: image.report, ...(isChange(image.change) ? { change: image.change } : {}) }
              : missingEntry(image.name, image.platform, image.error),
          );
        }
        break;
      case 'missing':
        entries.push(missingEntry(input.missing.name, input.missing.platform ?? '', input.missing.error));
        break;
    }
  }
  for (const name of missing) entries.push(missingEntry(name, '', undefined));
  if (entries.length > MAX_MERGE_IMAGES) throw inputError('merge', `more than ${MAX_MERGE_IMAGES} images to merge (${entries.length})`);
  return multiReportOf(uniqueNames(entries));
}

/** An image's name: the one its report carries, else its head reference. */
export function imageName(report: Report): string {
  const name = typeof report.name === 'string' ? report.name.trim() : '';
  if (name !== '') return name;
  const reference = report.head.source?.reference;
  return typeof reference === 'string' && reference.trim() !== '' ? reference.trim() : 'image';
}

function entryOf(report: Report, name: string): ImageEntry {
  return { name, platform: typeof report.head.platform === 'string' ? report.head.platform : '', report };
}

function isChange(value: unknown): value is 'added' | 'removed' {
  return value === 'added' || value === 'removed';
}

function missingEntry(name: string, platform: string, error: string | undefined): ImageEntry {
  return { name, platform, report: null, error: error ?? 'the leg left no report (it failed before reporting)' };
}

/** Same name and platform twice: the later ones get ` (2)`, ` (3)`, ... (never clashing with a given name). */
function uniqueNames(entries: readonly ImageEntry[]): ImageEntry[] {
  const taken = new Set(entries.map((e) => keyOf(e.name, e.platform)));
  const seen = new Set<string>();
  return entries.map((entry) => {
    const key = keyOf(entry.name, entry.platform);
    if (!seen.has(key)) {
      seen.add(key);
      return entry;
    }
    let n = 2;
    while (taken.has(keyOf(`${entry.name} (${n})`, entry.platform))) n++;
    const name = `${entry.name} (${n})`;
    taken.add(keyOf(name, entry.platform));
    seen.add(keyOf(name, entry.platform));
    return { ...entry, name };
  });
}

function keyOf(name: string, platform: string): string {
  return `${name}\u0000${platform}`;
}
