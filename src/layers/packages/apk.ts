/**
 * apk's database, `lib/apk/db/installed`: one record per package, separated by blank lines, each
 * line `X:value` (`P:` name, `V:` version, `A:` architecture, `F:` a directory, `R:` a file in
 * the last `F:` directory). Pure; bounded by PACKAGE_LIMITS.
 */
import { dbPath, field, PACKAGE_LIMITS, type PackageRecord } from './record.js';

export function parseApkInstalled(text: string, source: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  let fileBudget: number = PACKAGE_LIMITS.files;
  let name: string | null = null;
  let version: string | null = null;
  let arch: string | null = null;
  let dir = '';
  let files: string[] = [];
  let bad = false;
  const flush = (): void => {
    if (!bad && name !== null && version !== null && out.length < PACKAGE_LIMITS.records)
      out.push({ manager: 'apk', name, version, ...(arch !== null ? { arch } : {}), files, source });
    name = version = arch = null;
    dir = '';
    files = [];
    bad = false;
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') continue;
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        name = field(value);
        bad ||= name === null;
        break;
      case 'V':
        version = field(value);
        bad ||= version === null;
        break;
      case 'A':
        arch = field(value);
        break;
      case 'F':
        dir = dbPath(value) ?? '';
        break;
      case 'R': {
        if (fileBudget <= 0) break;
        // A file name has no `/`; one that does is not apk's, and must not escape its directory.
        if (value.includes('/')) break;
        const p = dbPath(value, dir);
        if (p !== null) {
          files.push(p);
          fileBudget--;
        }
        break;
      }
    }
  }
  flush();
  return out;
}
