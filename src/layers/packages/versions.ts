/**
 * Version order per package manager: negative when `a` is older than `b`, positive when newer, 0
 * when equal; null when either is not a version this module understands (the change is then
 * reported as `changed`, never guessed). Pure.
 */
import type { PackageManager } from './record.js';

export function compareVersions(manager: PackageManager, a: string, b: string): number | null {
  if (a === b) return 0;
  switch (manager) {
    case 'dpkg':
      return compareDpkg(a, b);
    case 'apk':
      return compareApk(a, b);
    case 'npm':
      return compareSemver(a, b);
    case 'python':
      return comparePep440(a, b);
  }
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

// ---- dpkg: [epoch:]upstream[-revision], compared as Debian policy 5.6.12 says ----

const DPKG_VERSION = /^(?:(\d{1,9}):)?([0-9][A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;

export function compareDpkg(a: string, b: string): number | null {
  const pa = parseDpkg(a);
  const pb = parseDpkg(b);
  if (pa === null || pb === null) return null;
  return sign(pa.epoch - pb.epoch) || dpkgPart(pa.upstream, pb.upstream) || dpkgPart(pa.revision, pb.revision);
}

function parseDpkg(v: string): { epoch: number; upstream: string; revision: string } | null {
  if (v.length > 256) return null;
  // The revision is everything after the last hyphen; the upstream part may hold hyphens itself.
  const m = DPKG_VERSION.exec(v);
  if (!m) return null;
  const colon = v.indexOf(':');
  const rest = m[1] !== undefined ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return { epoch: Number(m[1] ?? 0), upstream: dash < 0 ? rest : rest.slice(0, dash), revision: dash < 0 ? '' : rest.slice(dash + 1) };
}

/** A character's weight in the non-digit runs: `~` sorts before everything, even the end; letters before the rest. */
function dpkgOrder(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function dpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit runs, character by character.
    while ((i < a.length && !isDigit(a[i]!)) || (j < b.length && !isDigit(b[j]!))) {
      const ca = i < a.length && !isDigit(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !isDigit(b[j]!) ? b[j] : undefined;
      const d = dpkgOrder(ca) - dpkgOrder(cb);
      if (d !== 0) return sign(d);
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    // Digit runs, numerically (leading zeros ignored; arbitrary length compared as strings).
    let da = '';
    let db = '';
    while (i < a.length && isDigit(a[i]!)) da += a[i++];
    while (j < b.length && isDigit(b[j]!)) db += b[j++];
    const d = compareDigits(da, db);
    if (d !== 0) return d;
  }
  return 0;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return sign(x.length - y.length);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- apk: 1.2.3[letter][_suffix[N]]...[-rN] ----

const APK_VERSION = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;
const APK_SUFFIX: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };

export function compareApk(a: string, b: string): number | null {
  const ma = APK_VERSION.exec(a);
  const mb = APK_VERSION.exec(b);
  if (!ma || !mb) return null;
  const na = ma[1]!.split('.');
  const nb = mb[1]!.split('.');
  for (let k = 0; k < Math.max(na.length, nb.length); k++) {
    if (na[k] === undefined) return -1;
    if (nb[k] === undefined) return 1;
    const d = compareDigits(na[k]!, nb[k]!);
    if (d !== 0) return d;
  }
  if (ma[2] !== mb[2]) return ma[2]! < mb[2]! ? -1 : 1;
  const sa = suffixes(ma[3]!);
  const sb = suffixes(mb[3]!);
  for (let k = 0; k < Math.max(sa.length, sb.length); k++) {
    const [wa, xa] = sa[k] ?? [0, ''];
    const [wb, xb] = sb[k] ?? [0, ''];
    if (wa !== wb) return sign(wa - wb);
    const d = compareDigits(xa || '0', xb || '0');
    if (d !== 0) return d;
  }
  return compareDigits(ma[4] ?? '0', mb[4] ?? '0');
}

function suffixes(text: string): Array<[number, string]> {
  return text
    .split('_')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^([a-z]+)(\d*)$/.exec(s)!;
      return [APK_SUFFIX[m[1]!]!, m[2]!];
    });
}

// ---- npm: semver 2.0 (build metadata ignored) ----

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function compareSemver(a: string, b: string): number | null {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb || a.length > 256 || b.length > 256) return null;
  for (let k = 1; k <= 3; k++) {
    const d = compareDigits(ma[k]!, mb[k]!);
    if (d !== 0) return d;
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  const xa = pa.split('.');
  const xb = pb.split('.');
  for (let k = 0; k < Math.max(xa.length, xb.length); k++) {
    if (xa[k] === undefined) return -1;
    if (xb[k] === undefined) return 1;
    const na = /^\d+$/.test(xa[k]!);
    const nb = /^\d+$/.test(xb[k]!);
    if (na && nb) {
      const d = compareDigits(xa[k]!, xb[k]!);
      if (d !== 0) return d;
    } else if (na !== nb) return na ? -1 : 1;
    else if (xa[k] !== xb[k]) return xa[k]! < xb[k]! ? -1 : 1;
  }
  return 0;
}

// ---- Python: PEP 440 public versions ([N!]N(.N)*[{a|b|rc}N][.postN][.devN]) ----

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|rc|c|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;
const PRE: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, rc: 2, c: 2, pre: 2, preview: 2 };

export function comparePep440(a: string, b: string): number | null {
  const ka = pep440Key(a);
  const kb = pep440Key(b);
  if (ka === null || kb === null) return null;
  for (let k = 0; k < ka.length; k++) {
    // Compared, not subtracted: the tuples hold ±Infinity.
    if (ka[k]! < kb[k]!) return -1;
    if (ka[k]! > kb[k]!) return 1;
  }
  return 0;
}

/** A sortable tuple: epoch, release (padded to 6 parts), pre, post, dev. */
function pep440Key(v: string): number[] | null {
  if (v.length > 256) return null;
  const m = PEP440.exec(v.trim());
  if (!m) return null;
  const release = m[2]!.split('.').map(Number);
  if (release.length > 6 || release.some((n) => !Number.isSafeInteger(n))) return null;
  while (release.length < 6) release.push(0);
  const dev = m[6] !== undefined ? Number(m[6] || 0) : Infinity;
  // No pre-release sorts after every pre-release, except a bare dev release (1.0.dev1 < 1.0a1).
  const pre = m[3] !== undefined ? PRE[m[3].toLowerCase()]! * 1e9 + Number(m[4] || 0) : m[5] === undefined && m[6] !== undefined ? -Infinity : Infinity;
  const post = m[5] !== undefined ? Number(m[5] || 0) : -1;
  return [Number(m[1] ?? 0), ...release, pre, post, dev];
}
