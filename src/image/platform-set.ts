/**
 * Several platforms in one run (`--platform all`, `--platform linux/amd64,linux/arm64`): which
 * platforms are wanted, and which base platform each head platform is compared with. Pure.
 */
import { inputError, namingError, usageError } from '../errors.js';
import { nameList } from './name-list.js';
import { formatPlatform, parsePlatform, platformMatches, type PlatformSpec } from './platform.js';

/**
 * Platforms one run compares at most. Real multi-arch indexes list fewer than 16 (Docker's official
 * images: 8 to 10); each platform costs a comparison, so a hostile index of 10,000 distinct
 * platforms is refused rather than resolved 10,000 times.
 */
export const MAX_PLATFORMS = 64;

export type PlatformSelection = { kind: 'one'; platform: string | undefined } | { kind: 'all' } | { kind: 'list'; platforms: string[] };

/** Reads `--platform` / the `platform` input: `all`, a comma list, or one `os/arch[/variant]`. */
export function parsePlatformSelection(text: string | undefined): PlatformSelection {
  if (text === undefined || text.trim() === '') return { kind: 'one', platform: undefined };
  if (text.trim().toLowerCase() === 'all') return { kind: 'all' };
  const items = text.split(',').map((item) => item.trim());
  if (items.length === 1) {
    parsePlatform(items[0] as string);
    return { kind: 'one', platform: items[0] };
  }
  if (items.some((item) => item === '')) throw namingError('usage', (name) => `${name('platform')}: "${text}" has an empty entry (write os/arch,os/arch)`);
  if (items.length > MAX_PLATFORMS) throw namingError('usage', (name) => `${name('platform')}: ${items.length} platforms listed; at most ${MAX_PLATFORMS}`);
  const seen = new Set<string>();
  for (const item of items) {
    const key = formatPlatform(parsePlatform(item));
    if (seen.has(key)) throw namingError('usage', (name) => `${name('platform')}: ${key} is listed twice`);
    seen.add(key);
  }
  return { kind: 'list', platforms: items };
}

export function isMultiPlatform(selection: PlatformSelection): selection is Exclude<PlatformSelection, { kind: 'one' }> {
  return selection.kind !== 'one';
}

/** One head platform and the base platform it is compared with; null on the side that lacks it. */
export interface PlatformPair {
  /** The head's platform, else (a platform gone from the head) the base's. */
  platform: string;
  base: string | null;
  head: string | null;
}

/**
 * The platforms of one side a selection keeps, in that side's order. `all` keeps every one; a list
 * keeps the listed ones this side has (matched as `--platform` matches: `linux/arm64` finds
 * `linux/arm64/v8`). `subject` names the image in the error for too many platforms.
 */
export function selectPlatforms(available: readonly string[], selection: Exclude<PlatformSelection, { kind: 'one' }>, subject: string): string[] {
  if (selection.kind === 'all') {
    if (available.length > MAX_PLATFORMS) {
      throw inputError(subject, `the image index lists ${available.length} platforms; at most ${MAX_PLATFORMS} are compared in one run (list the ones wanted)`);
    }
    return [...available];
  }
  const wanted = selection.platforms.map(parsePlatform);
  return available.filter((name) => {
    const spec = specOf(name);
    return wanted.some((w) => sameNames(w, spec) || platformMatches(w, spec));
  });
}

/**
 * Pairs head and base platforms. Exact os/arch/variant first (`linux/arm64` and `linux/arm64/v8`
 * are the same: v8 is arm64's only variant); then a platform without a variant pairs with the
 * other side's only platform of the same os/arch (a base `linux/arm` with a head `linux/arm/v7`),
 * never with one of several (`linux/arm` facing `arm/v6` and `arm/v7` stays unpaired). Variants
 * that differ (arm/v7 and arm/v6) are different platforms. Head platforms come in the head's order,
 * then the platforms gone from the head in the base's order.
 */
export function pairPlatforms(head: readonly string[], base: readonly string[]): PlatformPair[] {
  const heads = head.map((name) => ({ name, spec: normalized(name) }));
  const bases = base.map((name) => ({ name, spec: normalized(name) }));
  const partner = new Map<string, string>();
  const taken = new Set<string>();
  for (const h of heads) {
    const b = bases.find((b) => !taken.has(b.name) && sameNames(h.spec, b.spec));
    if (b) {
      partner.set(h.name, b.name);
      taken.add(b.name);
    }
  }
  for (const h of heads) {
    if (partner.has(h.name)) continue;
    const loose = (x: PlatformSpec, y: PlatformSpec) => x.os === y.os && x.architecture === y.architecture && (!x.variant || !y.variant);
    const candidates = bases.filter((b) => !taken.has(b.name) && loose(h.spec, b.spec));
    if (candidates.length !== 1) continue;
    const b = candidates[0]!;
    const rivals = heads.filter((other) => !partner.has(other.name) && loose(other.spec, b.spec));
    if (rivals.length !== 1) continue;
    partner.set(h.name, b.name);
    taken.add(b.name);
  }
  const pairs: PlatformPair[] = heads.map((h) => ({ platform: h.name, head: h.name, base: partner.get(h.name) ?? null }));
  for (const b of bases) if (!taken.has(b.name)) pairs.push({ platform: b.name, head: null, base: b.name });
  return pairs;
}

/** A list entry neither image has is a mistake (a typo), not an empty row. */
export function checkListed(selection: PlatformSelection, head: readonly string[], base: readonly string[], subject: string): void {
  if (selection.kind !== 'list') return;
  const all = [...head, ...base].map(specOf);
  for (const item of selection.platforms) {
    const w = parsePlatform(item);
    if (!all.some((spec) => sameNames(w, spec) || platformMatches(w, spec))) {
      throw usageError(`${subject}: no image for platform ${item}; available: ${nameList([...new Set([...head, ...base])])}`);
    }
  }
}

/**
 * An image's platform name back to its parts, never throwing: an index's os or architecture is any
 * string of up to 128 characters (src/schema/image-json.ts), even one with a slash or none at all.
 */
function specOf(name: string): PlatformSpec {
  const [os = '', architecture = '', ...rest] = name.split('/');
  return { os, architecture, variant: rest.length > 0 ? rest.join('/') : undefined };
}

function normalized(name: string): PlatformSpec {
  const spec = specOf(name);
  return spec.architecture === 'arm64' && spec.variant === 'v8' ? { os: spec.os, architecture: 'arm64', variant: undefined } : spec;
}

function sameNames(a: PlatformSpec, b: PlatformSpec): boolean {
  const x = a.architecture === 'arm64' && a.variant === 'v8' ? undefined : a.variant;
  const y = b.architecture === 'arm64' && b.variant === 'v8' ? undefined : b.variant;
  return a.os === b.os && a.architecture === b.architecture && (x ?? '') === (y ?? '');
}
