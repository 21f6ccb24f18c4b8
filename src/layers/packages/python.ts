/**
 * Python distributions in `site-packages` / `dist-packages`: `NAME-VER.dist-info/METADATA` (name,
 * version) with `RECORD` (a CSV of the installed paths, relative to the site directory), and
 * `NAME-VER.egg-info/PKG-INFO` (name, version; no file list: the package owns its egg-info
 * directory only). Pure; bounded by PACKAGE_LIMITS.
 */
import { dbPath, field, PACKAGE_LIMITS, type PackageRecord } from './record.js';

export type PythonFile = 'metadata' | 'record' | 'pkg-info';

/** Which Python database file `path` is, or null. */
export function pythonFileKind(path: string): { kind: PythonFile; dir: string } | null {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return null;
  const dir = path.slice(0, slash);
  const base = path.slice(slash + 1);
  let kind: PythonFile | null = null;
  if (dir.endsWith('.dist-info')) kind = base === 'METADATA' ? 'metadata' : base === 'RECORD' ? 'record' : null;
  else if (dir.endsWith('.egg-info') && base === 'PKG-INFO') kind = 'pkg-info';
  if (kind === null) return null;
  if (!dir.includes('site-packages/') && !dir.includes('dist-packages/')) return null;
  return { kind, dir };
}

/** `Name:` and `Version:` from the header block of METADATA / PKG-INFO (email headers). */
export function parseMetadata(text: string): { name: string | null; version: string | null } {
  let name: string | null = null;
  let version: string | null = null;
  for (const raw of text.split('\n', 200)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') break; // the body (long description) follows the first blank line
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    if (key === 'name' && name === null) name = field(line.slice(colon + 1));
    else if (key === 'version' && version === null) version = field(line.slice(colon + 1));
  }
  return { name, version };
}

/** The paths of a RECORD file (first CSV column, quoted or not), resolved against `siteDir`. */
export function parseRecord(text: string, siteDir: string, budget: number = PACKAGE_LIMITS.files): string[] {
  const files: string[] = [];
  for (const raw of text.split('\n')) {
    if (files.length >= budget) break;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    let path: string;
    if (line.startsWith('"')) {
      // CSV quoting: "" is a quote inside a quoted field.
      let i = 1;
      let out = '';
      for (; i < line.length; i++) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            out += '"';
            i++;
          } else break;
        } else out += line[i];
      }
      path = out;
    } else {
      const comma = line.indexOf(',');
      path = comma < 0 ? line : line.slice(0, comma);
    }
    const p = dbPath(path, siteDir);
    if (p !== null) files.push(p);
  }
  return files;
}

/** `six-1.16.0.dist-info` → six, 1.16.0 (the fallback when METADATA is missing). */
export function nameFromDir(dir: string): { name: string | null; version: string | null } {
  const base = dir.slice(dir.lastIndexOf('/') + 1).replace(/\.(dist|egg)-info$/, '');
  const dash = base.indexOf('-');
  if (dash <= 0) return { name: field(base), version: null };
  const rest = base.slice(dash + 1);
  const version = rest.split('-')[0];
  return { name: field(base.slice(0, dash)), version: field(version) };
}

/** One distribution from the database files of its info directory (any of them may be missing). */
export function pythonRecord(dir: string, files: Partial<Record<PythonFile, string>>): PackageRecord | null {
  const meta = files.metadata ?? files['pkg-info'];
  const fromMeta = meta !== undefined ? parseMetadata(meta) : { name: null, version: null };
  const fromDir = nameFromDir(dir);
  const name = fromMeta.name ?? fromDir.name;
  const version = fromMeta.version ?? fromDir.version ?? '';
  if (name === null) return null;
  const siteDir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
  const record: PackageRecord = {
    manager: 'python',
    name,
    version,
    dir,
    source: `${dir}/${files.metadata !== undefined ? 'METADATA' : files['pkg-info'] !== undefined ? 'PKG-INFO' : 'RECORD'}`,
  };
  if (files.record !== undefined) record.files = parseRecord(files.record, siteDir);
  return record;
}
