/**
 * Which tar entries of a layer are package databases, and their content kept while the layer
 * streams past (bounded per file, per layer and in count), parsed into records when the scan ends.
 * The check runs on every entry, so it answers "no" for an ordinary path with a few suffix tests.
 */
import { parseApkInstalled } from './apk.js';
import { parseDpkgList, parseDpkgMd5sums, parseDpkgStatus } from './dpkg.js';
import { npmPackageDir, parseNpmPackageJson } from './npm.js';
import { pythonFileKind, pythonRecord, type PythonFile } from './python.js';
import { PACKAGE_LIMITS, type PackageRecord } from './record.js';

const DPKG_STATUS = 'var/lib/dpkg/status';
const DPKG_STATUS_D = 'var/lib/dpkg/status.d/';
const DPKG_INFO = 'var/lib/dpkg/info/';
const APK_INSTALLED = 'lib/apk/db/installed';

/** Whether `path` (normalised) is a package database file this scan reads. */
export function isPackageDatabase(path: string): boolean {
  const last = path.charCodeAt(path.length - 1);
  // Cheap rejection by the last character (`package.json`, `installed`, `METADATA`, `RECORD`, `PKG-INFO`).
  if (path.startsWith('var/lib/dpkg/')) {
    if (path === DPKG_STATUS) return true;
    if (path.startsWith(DPKG_STATUS_D)) return path.indexOf('/', DPKG_STATUS_D.length) < 0 && path.length > DPKG_STATUS_D.length;
    return path.startsWith(DPKG_INFO) && path.endsWith('.list') && path.indexOf('/', DPKG_INFO.length) < 0;
  }
  if (last === 0x6e /* n */) return npmPackageDir(path) !== null;
  if (last === 0x64 /* d */) return path === APK_INSTALLED;
  if (last === 0x41 /* A */ || last === 0x44 /* D */ || last === 0x4f /* O */) return pythonFileKind(path) !== null;
  return false;
}

/** Collects database files during one layer's scan. */
export class PackageCapture {
  private readonly files: Array<{ path: string; data: Buffer }> = [];
  private bytes = 0;
  private current: { path: string; pieces: Buffer[]; size: number } | null = null;
  /** Database files seen but not kept (over a cap). */
  skipped = 0;

  /** Called per tar entry: true when the entry's bytes should be handed to `data`. */
  wants(path: string, isFile: boolean, size: number): boolean {
    this.current = null;
    if (!isFile || !isPackageDatabase(path)) return false;
    if (size > PACKAGE_LIMITS.fileBytes || this.bytes + size > PACKAGE_LIMITS.layerBytes || this.files.length >= PACKAGE_LIMITS.layerFiles) {
      this.skipped++;
      return false;
    }
    this.bytes += size;
    this.current = { path, pieces: [], size: 0 };
    return true;
  }

  /** A piece of the wanted entry's body; copied (the reader reuses its buffers). */
  data(piece: Uint8Array): void {
    const c = this.current;
    if (c === null || c.size + piece.length > PACKAGE_LIMITS.fileBytes) return;
    c.pieces.push(Buffer.from(piece));
    c.size += piece.length;
  }

  dataEnd(): void {
    const c = this.current;
    this.current = null;
    if (c !== null) this.files.push({ path: c.path, data: c.pieces.length === 1 ? c.pieces[0]! : Buffer.concat(c.pieces) });
  }

  /** The records of every captured file (null when the layer carries no database), bounded. */
  records(): PackageRecord[] | null {
    if (this.files.length === 0) return null;
    const out = recordsOf(this.files);
    this.files.length = 0;
    return out;
  }
}

/**
 * Records from captured database files (pure). A path captured twice (a tar may repeat an entry)
 * counts once, the last copy winning, as extraction would leave it.
 */
export function recordsOf(files: ReadonlyArray<{ path: string; data: Uint8Array }>): PackageRecord[] {
  const last = new Map<string, Uint8Array>();
  for (const f of files) last.set(f.path, f.data);
  const out: PackageRecord[] = [];
  let fileBudget: number = PACKAGE_LIMITS.files;
  const push = (r: PackageRecord | null): void => {
    if (r === null || out.length >= PACKAGE_LIMITS.records) return;
    if (r.files) {
      if (r.files.length > fileBudget) r.files = r.files.slice(0, fileBudget);
      fileBudget -= r.files.length;
    }
    out.push(r);
  };
  const python = new Map<string, Partial<Record<PythonFile, string>>>();
  for (const [path, data] of last) {
    const text = (): string => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    if (path.startsWith(DPKG_STATUS_D) && path.endsWith('.md5sums')) push(parseDpkgMd5sums(text(), path, fileBudget));
    else if (path === DPKG_STATUS || path.startsWith(DPKG_STATUS_D)) for (const r of parseDpkgStatus(text(), path)) push(r);
    else if (path.startsWith(DPKG_INFO)) push(parseDpkgList(text(), path, fileBudget));
    else if (path === APK_INSTALLED) for (const r of parseApkInstalled(text(), path)) push(r);
    else if (path.endsWith('/package.json')) push(parseNpmPackageJson(data, path));
    else {
      const py = pythonFileKind(path);
      if (py === null) continue;
      const entry = python.get(py.dir) ?? {};
      entry[py.kind] = text();
      python.set(py.dir, entry);
    }
  }
  for (const [dir, files] of python) push(pythonRecord(dir, files));
  return out;
}
