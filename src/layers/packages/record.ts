/**
 * What a layer's package databases say, as plain JSON-able data: one record per package entry of
 * one database file. It crosses the scan worker boundary on `LayerIndex.packages` and is stored
 * as-is in deep snapshots, so it holds strings and arrays only.
 */

export type PackageManager = 'dpkg' | 'apk' | 'npm' | 'python';

export interface PackageRecord {
  manager: PackageManager;
  name: string;
  /** `''` for a dpkg `.list` file: it names a package's files, its version is in the status file. */
  version: string;
  arch?: string;
  /** Normalised paths (no leading `/`) the database lists as this package's: dpkg `.list`, apk `F:`/`R:`, Python `RECORD`. */
  files?: string[];
  /** npm and Python: the package's own directory (npm) or its `.dist-info` / `.egg-info` directory (Python), normalised. */
  dir?: string;
  /**
   * The database file this record was read from (normalised path). The package state of a stack is
   * the flattened view of these files: a later layer's copy replaces an earlier one, a whiteout deletes it.
   */
  source: string;
}

/** Bounds on what one database file may yield (hostile layers): the rest is ignored. */
export const PACKAGE_LIMITS = {
  /** Bytes of one database file captured while the layer streams past. */
  fileBytes: 8 * 1024 * 1024,
  /** Bytes of all database files captured from one layer. */
  layerBytes: 32 * 1024 * 1024,
  /** Database files captured from one layer. */
  layerFiles: 50_000,
  /** Package records read from one layer. */
  records: 100_000,
  /** File paths listed by one layer's records together (a 2 GB Debian image lists about 150,000 in all). */
  files: 500_000,
  /**
   * Records and listed paths over all the layers of a run (each costs about what an indexed entry
   * does); past it, package attribution is off for the run rather than partly wrong.
   */
  run: 1_000_000,
  /** Characters of a name, version or architecture; a longer one drops the record. */
  field: 256,
  /** Characters of a listed path; a longer one is skipped. */
  path: 4096,
} as const;

/** A name, version or architecture as kept: trimmed, bounded; null when empty or too long. */
export function field(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  return v === '' || v.length > PACKAGE_LIMITS.field ? null : v;
}

/**
 * A path from a database, normalised like tar entry names (no leading `/` or `./`, `.` and `..`
 * resolved without leaving the root); null when empty or too long.
 */
export function dbPath(raw: string, base = ''): string | null {
  if (raw.length === 0 || raw.length > PACKAGE_LIMITS.path) return null;
  const out: string[] = raw.startsWith('/') || base === '' ? [] : base.split('/');
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.length === 0 ? null : out.join('/');
}

/** What a layer's records cost against `PACKAGE_LIMITS.run`: one per record and per listed path. */
export function packageCost(records: readonly PackageRecord[] | null | undefined): number {
  let n = 0;
  for (const r of records ?? []) n += 1 + (r.files?.length ?? 0);
  return n;
}

const MANAGERS: ReadonlySet<string> = new Set<PackageManager>(['dpkg', 'apk', 'npm', 'python']);

/**
 * Checks package records that come from outside the scan (a deep snapshot's file index): the same
 * shape and bounds the parsers guarantee for records they make (`PACKAGE_LIMITS`: record count,
 * listed paths, field and path lengths; paths normalised, the root never left). Null when they
 * hold, else the first reason. Attribution then reads them as it reads its own.
 */
export function packageRecordsProblem(value: unknown): string | null {
  if (value === null) return null;
  if (!Array.isArray(value)) return 'not null or a list of package records';
  if (value.length > PACKAGE_LIMITS.records) return `more than ${PACKAGE_LIMITS.records} package records`;
  let listed = 0;
  for (let i = 0; i < value.length; i++) {
    const r: unknown = value[i];
    const where = `package record ${i}`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return `${where}: not an object`;
    const rec = r as Record<string, unknown>;
    for (const key of Object.keys(rec)) if (!RECORD_KEYS.has(key)) return `${where}: unknown field`;
    if (typeof rec.manager !== 'string' || !MANAGERS.has(rec.manager)) return `${where}: manager is not dpkg, apk, npm or python`;
    if (!isField(rec.name, false)) return `${where}: bad name`;
    if (!isField(rec.version, true)) return `${where}: bad version`;
    if (rec.arch !== undefined && !isField(rec.arch, false)) return `${where}: bad arch`;
    if (!isPath(rec.source)) return `${where}: bad source path`;
    if (rec.dir !== undefined && !isPath(rec.dir)) return `${where}: bad dir path`;
    if (rec.files !== undefined) {
      if (!Array.isArray(rec.files)) return `${where}: files is not a list`;
      listed += rec.files.length;
      if (listed > PACKAGE_LIMITS.files) return `more than ${PACKAGE_LIMITS.files} listed package paths`;
      for (const file of rec.files) if (!isPath(file)) return `${where}: bad file path`;
    }
  }
  return null;
}

const RECORD_KEYS: ReadonlySet<string> = new Set(['manager', 'name', 'version', 'arch', 'files', 'dir', 'source']);

function isField(value: unknown, emptyOk: boolean): boolean {
  return typeof value === 'string' && value.length <= PACKAGE_LIMITS.field && (emptyOk || (value !== '' && field(value) === value));
}

/** A path as `dbPath` leaves it: non-empty, bounded, already normalised (no `.`, `..`, empty segment or leading `/`). */
function isPath(value: unknown): boolean {
  return typeof value === 'string' && value !== '' && value.length <= PACKAGE_LIMITS.path && dbPath(value) === value;
}
