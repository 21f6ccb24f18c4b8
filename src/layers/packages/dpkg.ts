/**
 * dpkg's databases: `var/lib/dpkg/status` (every installed package), `var/lib/dpkg/status.d/*`
 * (distroless: one file per package, same format) and `var/lib/dpkg/info/NAME[:ARCH].list` (the
 * paths a package installed). Pure; bounded by PACKAGE_LIMITS.
 */
import { dbPath, field, PACKAGE_LIMITS, type PackageRecord } from './record.js';

/** Fields kept per stanza (a real one has about 15). */
const MAX_FIELDS = 64;

/** Stanzas of a deb822 file (`Field: value`, continuation lines start with a blank), as field maps. */
export function* deb822Stanzas(text: string): Generator<Map<string, string>> {
  let stanza = new Map<string, string>();
  for (const line of text.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (l.trim() === '') {
      if (stanza.size > 0) yield stanza;
      stanza = new Map();
      continue;
    }
    // Continuation lines (Description, Conffiles) hold nothing needed here.
    if (l.startsWith(' ') || l.startsWith('\t')) continue;
    const colon = l.indexOf(':');
    if (colon <= 0 || stanza.size >= MAX_FIELDS) continue;
    const key = l.slice(0, colon).toLowerCase();
    if (!stanza.has(key)) stanza.set(key, l.slice(colon + 1));
  }
  if (stanza.size > 0) yield stanza;
}

/** The installed packages a status file (or a `status.d` file) lists. */
export function parseDpkgStatus(text: string, source: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  for (const s of deb822Stanzas(text)) {
    if (out.length >= PACKAGE_LIMITS.records) break;
    // A package that was removed but not purged keeps a stanza ("deinstall ok config-files").
    const status = s.get('status');
    if (status !== undefined && status.trim().split(/\s+/)[2] !== 'installed') continue;
    const name = field(s.get('package'));
    const version = field(s.get('version'));
    if (name === null || version === null) continue;
    const arch = field(s.get('architecture'));
    out.push({ manager: 'dpkg', name, version, ...(arch !== null ? { arch } : {}), source });
  }
  return out;
}

/** The package a `.list` file belongs to, from its name (`libc6:amd64.list` → libc6, amd64). */
export function listFileOwner(path: string): { name: string; arch: string | null } | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base.endsWith('.list')) return null;
  const stem = base.slice(0, -'.list'.length);
  const colon = stem.indexOf(':');
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  return { name, arch: colon < 0 ? null : field(stem.slice(colon + 1)) };
}

/**
 * A distroless `status.d/NAME.md5sums` file (`<md5>  usr/share/doc/...` per line): the package's
 * files, as a `.list` file gives them on Debian (distroless images have no `info/` directory).
 */
export function parseDpkgMd5sums(text: string, source: string, budget: number = PACKAGE_LIMITS.files): PackageRecord | null {
  const base = source.slice(source.lastIndexOf('/') + 1);
  if (!base.endsWith('.md5sums')) return null;
  const stem = base.slice(0, -'.md5sums'.length);
  const colon = stem.indexOf(':');
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  const files: string[] = [];
  for (const line of text.split('\n')) {
    if (files.length >= budget) break;
    const m = /^[0-9a-fA-F]{32} [ *]?(.+?)\r?$/.exec(line);
    const p = m ? dbPath(m[1]!) : null;
    if (p !== null) files.push(p);
  }
  return { manager: 'dpkg', name, version: '', files, source };
}

/** A `.list` file: one absolute path per line. */
export function parseDpkgList(text: string, source: string, budget: number = PACKAGE_LIMITS.files): PackageRecord | null {
  const owner = listFileOwner(source);
  if (owner === null) return null;
  const files: string[] = [];
  for (const line of text.split('\n')) {
    if (files.length >= budget) break;
    const p = dbPath(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (p !== null) files.push(p);
  }
  return { manager: 'dpkg', name: owner.name, version: '', ...(owner.arch !== null ? { arch: owner.arch } : {}), files, source };
}
