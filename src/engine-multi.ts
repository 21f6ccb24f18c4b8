/**
 * Every platform of a multi-arch pair in one run (`--platform all` or a list): each image is opened
 * once (its index read once, one archive handle, one registry client), each head platform is
 * compared with the base's same platform by the one engine (compareHandles), and the reports are
 * gathered into a `layerdiff/multi-report@1`. A layer several platforms share (a `COPY` of the same
 * files) is measured and scanned once for the whole run (PairMemo).
 *
 * A platform only the head has is compared with no base (all its layers added). A platform gone
 * from the head is compared with an empty head (all its layers removed): its entry says
 * `change: 'removed'`, and its report's head is an image without layers (platform `none`,
 * manifestDigest null, configDigest the digest of empty content), so the figures stay honest (its delta is minus the
 * base) and budgets still apply to it.
 */
import {
  assembleReport,
  compareHandles,
  definedOnly,
  inspectHandle,
  openBoth,
  openOptions,
  snapshotOf,
  startRun,
  type EngineOptions,
  type PairMemo,
} from './engine.js';
import { multiReportOf, type ImageEntry, type MultiReport } from './core/multi-report.js';
import type { DeepReport } from './core/report.js';
import { SNAPSHOT_SCHEMA, type Snapshot } from './core/snapshot.js';
import { needsDeepScan } from './budgets/rules.js';
import { checkListed, pairPlatforms, selectPlatforms, type PlatformPair, type PlatformSelection } from './image/platform-set.js';
import { openImageSet } from './sources/open.js';
import type { ImageSet, OpenOptions } from './sources/types.js';
import { withRunStats } from './stats.js';

/** The digest of zero bytes: the config of the empty head a removed platform is compared with. */
export const EMPTY_DIGEST = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type MultiSelection = Exclude<PlatformSelection, { kind: 'one' }>;

export interface MultiCompareOptions {
  /** The entries' name (the `name` flag or input); default: the head reference. */
  name?: string | undefined;
}

/** Compares every selected platform of `headRef` with the same platform of `baseRef` (null: first run). */
export async function comparePlatforms(
  baseRef: string | null,
  headRef: string,
  selection: MultiSelection,
  options: EngineOptions = {},
  baseOverrides: Partial<OpenOptions> = {},
  multi: MultiCompareOptions = {},
): Promise<MultiReport> {
  return withRunStats(options.stats, async () => {
    const { platform: _platform, basePlatform: _basePlatform, ...rest } = options;
    // Decided once for the whole run, as compareImages does per run.
    const run = startRun(rest);
    const open = openOptions(run);
    const baseOpen: OpenOptions = { ...open, ...definedOnly(baseOverrides), platform: undefined };
    const [base, head] = await openBoth(baseRef === null ? null : () => openImageSet(baseRef, baseOpen), () => openImageSet(headRef, open));
    try {
      for (const set of [base, head]) {
        if (set && set.duplicates > 0) {
          run.onEvent?.({
            kind: 'source-note',
            message: `${set.reference}: ${set.duplicates} index entries repeat a platform listed before them; the first manifest of each platform is compared`,
          });
        }
      }
      const pairs = planPairs(base, head, selection);
      const memo: PairMemo = { sizes: new Map(), scans: new Map() };
      const name = multi.name ?? headRef;
      const images: ImageEntry[] = [];
      for (const [i, pair] of pairs.entries()) {
        // Progress of the run names the platform (a layer's own progress names only the image).
        run.onEvent?.({ kind: 'source-note', message: `platform ${i + 1}/${pairs.length}: ${pair.platform}` });
        images.push(await comparePair(pair, base, head, run, memo, name));
      }
      return multiReportOf(images);
    } finally {
      await Promise.allSettled([base?.close(), head.close()]);
    }
  });
}

/** Which platform of each side is compared with which (pure once the platforms are listed). */
export function planPairs(
  base: Pick<ImageSet, 'platforms' | 'reference'> | null,
  head: Pick<ImageSet, 'platforms' | 'reference'>,
  selection: MultiSelection,
): PlatformPair[] {
  const headPlatforms = selectPlatforms(head.platforms, selection, head.reference);
  const basePlatforms = base ? selectPlatforms(base.platforms, selection, base.reference) : [];
  checkListed(selection, head.platforms, base?.platforms ?? [], head.reference);
  return pairPlatforms(headPlatforms, basePlatforms);
}

async function comparePair(pair: PlatformPair, base: ImageSet | null, head: ImageSet, run: EngineOptions, memo: PairMemo, name: string): Promise<ImageEntry> {
  const baseHandle = base && pair.base !== null ? await base.open(pair.base) : null;
  const headHandle = pair.head !== null ? await head.open(pair.head) : null;
  if (headHandle === null) {
    // Gone from the head: the base's layers, all removed. No deep scan (there is no head to look
    // into), so the rules on a head's contents (max-wasted, min-efficiency) do not apply to it:
    // they would only warn that no scan ran. Size rules do.
    const snapshot = await snapshotOf(baseHandle!, { ...run, known: memo.sizes });
    for (const layer of snapshot.layers) memo.sizes.set(layer.diffId, layer.size);
    const rules = (run.budgets ?? []).filter((rule) => !needsDeepScan(rule));
    const report = assembleReport({ base: snapshot, head: emptyHead(head.reference, snapshot), rules });
    return { name, platform: pair.platform, report, change: 'removed' };
  }
  const report = await compareHandles(baseHandle, headHandle, run, memo);
  return { name, platform: pair.platform, report, ...(base !== null && baseHandle === null ? { change: 'added' as const } : {}) };
}

/** The head side of a platform gone from the head: an image without layers. */
function emptyHead(reference: string, base: Snapshot): Snapshot {
  const zero = { size: 0, compressedSize: 0, contentSize: base.totals.contentSize === null ? null : 0 };
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { type: 'none', reference },
    // Renders as "head: REF (none)": the head has no image for this platform.
    platform: 'none',
    manifestDigest: null,
    configDigest: EMPTY_DIGEST,
    layers: [],
    totals: zero,
  };
}

/** `inspect --platform all`: every selected platform of one image, opened once. */
export async function inspectPlatforms(
  ref: string,
  selection: MultiSelection,
  options: EngineOptions = {},
): Promise<Array<{ snapshot: Snapshot; deep: DeepReport | null }>> {
  return withRunStats(options.stats, async () => {
    const run = startRun({ ...options, platform: undefined });
    const set = await openImageSet(ref, openOptions(run));
    try {
      const platforms = selectPlatforms(set.platforms, selection, set.reference);
      checkListed(selection, set.platforms, [], set.reference);
      const memo: PairMemo = { sizes: new Map(), scans: new Map() };
      const out: Array<{ snapshot: Snapshot; deep: DeepReport | null }> = [];
      // As inspect does for one platform, with the run's memo of sizes and scans.
      for (const platform of platforms) out.push(await inspectHandle(await set.open(platform), run, memo));
      return out;
    } finally {
      await set.close();
    }
  });
}
