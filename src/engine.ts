/**
 * The one engine the CLI and the action share: open images, measure only what must be measured,
 * diff, evaluate budgets, and hand back the report data structure.
 */
import { evaluateBudgets, worstVerdict } from './budgets/evaluate.js';
import type { BudgetRule } from './budgets/rules.js';
import { diffSnapshots, type DiffOptions } from './diff/diff.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from './core/snapshot.js';
import { analyzeDeep, scanLayers, scannedSizes, type LayerIndexes } from './layers/deep.js';
import { compressionFromMediaType } from './layers/compression.js';
import { layerFilesOf } from './layers/layer-files.js';
import { measureLayer } from './layers/measure.js';
import { REPORT_SCHEMA, type DeepReport, type Report } from './core/report.js';
import { layerSubject } from './sources/layer-subject.js';
import { openImage } from './sources/open.js';
import type { ImageHandle, LayerBlob, OpenOptions } from './sources/types.js';

export interface EngineOptions extends OpenOptions {
  /** Hash every layer's uncompressed stream and compare with its diff_id. */
  verify?: boolean;
  deep?: boolean;
  diveCompat?: boolean;
  budgets?: BudgetRule[];
  /** Platform for the base when it differs from the head's (rare); defaults to `platform`. */
  basePlatform?: string | undefined;
}

/** Uncompressed sizes learned so far, by diff_id, so a layer shared by two images is measured once. */
export type SizeBook = Map<string, number>;

/**
 * Builds the snapshot of an opened image. Layers whose uncompressed size is unknown are measured by
 * streaming decompression, unless `known` already has their diff_id.
 */
export async function snapshotOf(handle: ImageHandle, options: { known?: SizeBook; verify?: boolean; onProgress?: ((m: string) => void) | undefined } = {}): Promise<Snapshot> {
  if (handle.snapshot) return handle.snapshot;
  const known = options.known ?? new Map<string, number>();
  const layers: LayerRef[] = [];
  for (const blob of handle.layers) {
    let size = blob.uncompressedSize ?? known.get(blob.diffId) ?? null;
    let compression = blob.compression;
    if (size === null || options.verify) {
      const subject = layerSubject(handle, blob);
      // Progress leads with what changes, so a narrow terminal cuts the path, not the numbers.
      const where = `layer ${blob.index + 1}/${handle.layers.length} of ${handle.source.reference}`;
      options.onProgress?.(`measuring ${describeStored(blob)}: ${where}`);
      const m = await measureLayer(blob, { subject, verify: options.verify ?? false, onBytes: (n) => options.onProgress?.(`${formatMiB(n)} decompressed: ${where}`) });
      size = m.size;
      compression = m.compression;
    }
    known.set(blob.diffId, size);
    layers.push({
      index: blob.index,
      diffId: blob.diffId,
      digest: blob.digest,
      mediaType: blob.mediaType,
      size,
      compressedSize: storedCompressedSize(blob, compression),
      contentSize: null,
      createdBy: blob.createdBy,
      files: null,
    });
  }
  return {
    schema: SNAPSHOT_SCHEMA,
    source: handle.source,
    platform: handle.platform,
    manifestDigest: handle.manifestDigest,
    configDigest: handle.configDigest,
    layers,
    totals: sumSizes(layers),
  };
}

/** Stored bytes when the layer is stored compressed (what a pull transfers), else null. */
function storedCompressedSize(blob: LayerBlob, compression: LayerBlob['compression']): number | null {
  const stored = compression ?? compressionFromMediaType(blob.mediaType);
  return stored === null || stored === 'none' ? null : blob.storedSize;
}

/**
 * Measures the layers of both images with as little decompression as possible: sizes known on one
 * side serve the other, and a layer both share is measured once.
 */
export async function snapshotPair(
  base: ImageHandle | null,
  head: ImageHandle,
  options: { verify?: boolean; onProgress?: ((m: string) => void) | undefined; known?: SizeBook } = {},
): Promise<{ base: Snapshot | null; head: Snapshot }> {
  const known: SizeBook = new Map(options.known);
  for (const handle of [base, head]) {
    if (!handle) continue;
    for (const blob of handle.layers) if (blob.uncompressedSize !== null) known.set(blob.diffId, blob.uncompressedSize);
  }
  const headSnapshot = await snapshotOf(head, { ...options, known });
  const baseSnapshot = base ? await snapshotOf(base, { ...options, known }) : null;
  return { base: baseSnapshot, head: headSnapshot };
}

/** Assembles the report from two snapshots (pure). */
export function buildReport(base: Snapshot | null, head: Snapshot, rules: readonly BudgetRule[] = [], diffOptions: DiffOptions = {}): Report {
  const diff = diffSnapshots(base, head, diffOptions);
  const partial = { schema: REPORT_SCHEMA, base, head, ...diff } as const;
  const budgets = evaluateBudgets(rules, partial);
  return { ...partial, budgets, verdict: worstVerdict(budgets) };
}

/**
 * Opens, measures and compares two images; `baseRef` null means "no base" (first run).
 * `baseOverrides` sets open options for the base alone (its own credentials, image tag, platform).
 */
export async function compareImages(baseRef: string | null, headRef: string, options: EngineOptions = {}, baseOverrides: Partial<OpenOptions> = {}): Promise<Report> {
  const baseOptions: OpenOptions = { ...options, platform: options.basePlatform ?? options.platform, ...definedOnly(baseOverrides) };
  const opened = await Promise.allSettled([baseRef === null ? Promise.resolve(null) : openImage(baseRef, baseOptions), openImage(headRef, options)]);
  const [baseResult, headResult] = opened;
  if (baseResult.status === 'rejected' || headResult.status === 'rejected') {
    // Whichever side did open must not leak its file handles or child process.
    await Promise.allSettled(opened.map((r) => (r.status === 'fulfilled' ? r.value?.close() : undefined)));
    throw baseResult.status === 'rejected' ? baseResult.reason : (headResult as PromiseRejectedResult).reason;
  }
  const base = baseResult.value;
  const head = headResult.value;
  try {
    return await compareHandles(base, head, options);
  } finally {
    await Promise.allSettled([base?.close(), head.close()]);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function compareHandles(base: ImageHandle | null, head: ImageHandle, options: EngineOptions = {}): Promise<Report> {
  // A deep scan decompresses the layers anyway: scan first, and let its byte counts be the sizes.
  const scans = options.deep ? await scanLayers(base, head, deepOptions(options)) : null;
  const snapshots = await snapshotPair(base, head, { ...options, ...(scans ? { known: scannedSizes(scans) } : {}) });
  const rules = options.budgets ?? [];
  if (!scans) return buildReport(snapshots.base, snapshots.head, rules);
  // Deep figures (wasted bytes, efficiency) feed budgets too: evaluate them once the analysis is in.
  // The scans are in before the diff: file paths both layers write pair changed layers best.
  const report = buildReport(snapshots.base, snapshots.head, [], { layerFiles: layerFilesOf(scans) });
  analyzeDeep(base, head, report, scans, deepOptions(options));
  const budgets = evaluateBudgets(rules, report);
  return { ...report, budgets, verdict: worstVerdict(budgets) };
}

function deepOptions(options: EngineOptions) {
  return { onProgress: options.onProgress, diveCompat: options.diveCompat ?? false };
}

/** `inspect` / `snapshot`: one image measured. */
export async function inspectImage(ref: string, options: EngineOptions = {}): Promise<Snapshot> {
  return (await inspectImageDeep(ref, { ...options, deep: false })).snapshot;
}

/** `inspect --deep`: one image measured, plus its wasted space and hints when `deep` is set. */
export async function inspectImageDeep(ref: string, options: EngineOptions = {}): Promise<{ snapshot: Snapshot; deep: DeepReport | null }> {
  const handle = await openImage(ref, options);
  try {
    const scans: LayerIndexes | null = options.deep ? await scanLayers(null, handle, deepOptions(options)) : null;
    const snapshot = await snapshotOf(handle, { ...options, ...(scans ? { known: scannedSizes(scans) } : {}) });
    if (!scans) return { snapshot, deep: null };
    const report = buildReport(null, snapshot);
    analyzeDeep(null, handle, report, scans, { ...deepOptions(options), rowFiles: false });
    return { snapshot: report.head, deep: report.deep ?? null };
  } finally {
    await handle.close();
  }
}

function describeStored(blob: LayerBlob): string {
  return blob.storedSize === null ? 'compressed blob' : `${formatMiB(blob.storedSize)} blob`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
