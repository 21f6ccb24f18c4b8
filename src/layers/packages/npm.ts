/**
 * npm packages: `node_modules/NAME/package.json` and `node_modules/@SCOPE/NAME/package.json`. A
 * package owns the files under its directory except its own nested `node_modules`. Pure; bounded.
 */
import { parseJsonBounded } from '../../schema/json-input.js';
import { field, PACKAGE_LIMITS, type PackageRecord } from './record.js';

/** The package directory a `package.json` path names, or null when it is not a package's manifest. */
export function npmPackageDir(path: string): string | null {
  if (!path.endsWith('/package.json')) return null;
  const dir = path.slice(0, -'/package.json'.length);
  const parts = dir.split('/');
  const n = parts.length;
  if (n >= 2 && parts[n - 2] === 'node_modules' && isName(parts[n - 1]!) && !parts[n - 1]!.startsWith('@')) return dir;
  if (n >= 3 && parts[n - 3] === 'node_modules' && parts[n - 2]!.startsWith('@') && isName(parts[n - 2]!.slice(1)) && isName(parts[n - 1]!)) return dir;
  return null;
}

function isName(segment: string): boolean {
  return segment !== '' && segment !== '.bin' && !segment.startsWith('.');
}

/** The package directory that owns `path` (nested `node_modules` excluded), or null. */
export function npmOwnerDir(path: string): string | null {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && path[at - 1] !== '/')) return null;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  const take = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= take) return null; // the package directory itself, or a scope directory
  return path.slice(0, at) + 'node_modules/' + rest.slice(0, take).join('/');
}

export function parseNpmPackageJson(data: Uint8Array, source: string): PackageRecord | null {
  const dir = npmPackageDir(source);
  if (dir === null) return null;
  let json: unknown;
  try {
    json = parseJsonBounded(data, PACKAGE_LIMITS.fileBytes, source, 'package.json');
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const dirName = dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const name = field(typeof o['name'] === 'string' ? o['name'] : dirName);
  const version = field(typeof o['version'] === 'string' ? o['version'] : undefined) ?? '';
  if (name === null) return null;
  return { manager: 'npm', name, version, dir, source };
}
