import { namingError, usageError } from '../errors.js';
import { nameList } from './name-list.js';
import type { Platform } from './oci.js';

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string | undefined;
}

const archAliases: Record<string, string> = { x64: 'amd64', x86_64: 'amd64', ia32: '386', aarch64: 'arm64', arm: 'arm' };

export function parsePlatform(text: string): PlatformSpec {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw usageError(`--platform: "${text}" is not os/arch[/variant] (e.g. linux/amd64, linux/arm/v7)`);
  }
  const [os, arch, variant] = parts as [string, string, string | undefined];
  return { os, architecture: archAliases[arch] ?? arch, variant };
}

export function formatPlatform(p: { os?: string | undefined; architecture?: string | undefined; variant?: string | undefined }): string {
  const base = `${p.os ?? 'unknown'}/${p.architecture ?? 'unknown'}`;
  return p.variant ? `${base}/${p.variant}` : base;
}

/** The platform this process runs on, as OCI names it. */
export function hostPlatform(): PlatformSpec {
  const arch = archAliases[process.arch] ?? process.arch;
  const variant = arch === 'arm' ? 'v7' : arch === 'arm64' ? 'v8' : undefined;
  return { os: process.platform === 'win32' ? 'windows' : 'linux', architecture: arch, variant };
}

/**
 * Does `candidate` satisfy `wanted`? A wanted variant must match; a wanted platform without a
 * variant accepts any variant (arm64 images usually say v8 or nothing).
 */
export function platformMatches(wanted: PlatformSpec, candidate: Platform | PlatformSpec): boolean {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return false;
  if (wanted.variant && candidate.variant && wanted.variant !== candidate.variant) return false;
  if (wanted.variant && !candidate.variant) return wanted.architecture === 'arm64' && wanted.variant === 'v8';
  return true;
}

/**
 * Chooses one of several platforms: the wanted one, else the host's if present, else the only one.
 * `describe` names the input for the error message.
 */
export function choosePlatform<T>(candidates: readonly T[], platformOf: (c: T) => PlatformSpec, wanted: string | undefined, describe: string): T {
  const list = () => nameList(candidates.map((c) => formatPlatform(platformOf(c))));
  if (wanted !== undefined) {
    const spec = parsePlatform(wanted);
    const exact = candidates.find((c) => {
      const p = platformOf(c);
      return p.os === spec.os && p.architecture === spec.architecture && (p.variant ?? '') === (spec.variant ?? '');
    });
    const found = exact ?? candidates.find((c) => platformMatches(spec, platformOf(c)));
    if (found === undefined) {
      throw usageError(`${describe}: no image for platform ${wanted}; available: ${list()}`);
    }
    return found;
  }
  if (candidates.length === 1) return candidates[0] as T;
  const host = hostPlatform();
  const hostMatch = candidates.find((c) => platformMatches(host, platformOf(c)));
  if (hostMatch !== undefined) return hostMatch;
  throw namingError(
    'usage',
    (name) => `${describe}: several platforms and none is the host's (${formatPlatform(host)}); choose one with ${name('platform')}: ${list()}`,
  );
}
