/**
 * The one engine the CLI and the action share: open images, measure only what must be measured,
 * scan when a deep figure is wanted, diff, evaluate budgets, and hand back the report data
 * structure. The report is assembled once (`assembleReport`, pure): no stage writes to a snapshot
 * or a report after it is built. Progress and warnings go out as typed events (core/events.ts).
 */
import { checkBudgets, worstVerdict } from './budgets/evaluate.js';
import { needsDeepScan, type BudgetRule } from './budgets/rules.js';
import type { EventSink } from './core/events.js';
import { REPORT_SCHEMA, type BudgetResult, type DeepReport, type PullEstimate, type Report } from './core/report.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from './core/snapshot.js';
import { diffSnapshots } from './diff/diff.js';
import { layerFilesOf } from './layers/layer-files.js';
import { compressionFromMediaType } from './layers/compression.js';
import { analyzeDeep, layerContents, scannedSizes, type DeepImage, type LayerIndexes } from './layers/deep.js';
import { bombLimitsFrom, measureLayer, type BombLimits } from './layers/measure.js';
import { lanesFrom, runInLanes } from './layers/measure-lanes.js';
import { estimateGzipSize, PULL_GZIP_LEVEL } from './layers/pull-estimate.js';
import { layersToPull, withPullEstimates, type PullSizes } from './diff/pull-total.js';
import { budgetResults } from './report/budget-text.js';
import { withHintMessages } from './report/hint-text.js';
import { baseIndexSource, scanLayers, type ScanOptions } from './scan-layers.js';
import { layerSubject } from './sources/layer-subject.js';
import { openImage } from './sources/open.js';
import { withRunStats, type IoStats } from './stats.js';
import type { ImageHandle, LayerBlob, OpenOptions } from './sources/types.js';

export interface EngineOptions extends Omit<OpenOptions, 'onProgress'> {
  /** Hash every layer's uncompressed stream and compare with its diff_id. */
  verify?: boolean;
  /** Look inside the layers; switched on anyway when a budget rule needs it (max-wasted ...). */
  deep?: boolean;
  diveCompat?: boolean;
  budgets?: BudgetRule[];
  /** Platform for the base when it differs from the head's (rare); defaults to `platform`. */
  basePlatform?: string | undefined;
  /** Progress, warnings: the shell words them. */
  onEvent?: EventSink | undefined;
  /** Decompression-bomb limits; default: read from the environment when the run starts. */
  limits?: BombLimits | undefined;
  /** This run's I/O counters, created by the shell (`newRunStats`); default: process-wide ones. */
  stats?: IoStats | undefined;
  /** Fingerprint file content even without a base: the head's indexes will be saved (a deep snapshot). */
  fingerprint?: boolean | undefined;
  /** Receives the deep scan's file indexes (every head layer's, by diff_id), to save as a deep snapshot. */
  onIndexes?: ((indexes: LayerIndexes) => void) | undefined;
  /** Layers measured at once; default: the CPU count, capped (`lanesFrom`). */
  lanes?: number | undefined;
  /** Estimate what a pull of the head transfers, gzip-compressing the layers it stores uncompressed. */
  estimatePull?: boolean | undefined;
}

/** Uncompressed sizes learned so far, by diff_id, so a layer shared by two images is measured once. */
export type SizeBook = Map<string, number>;

interface SnapshotOptions {
  known?: SizeBook;
  stats?: IoStats | undefined;
  verify?: boolean | undefined;
  onEvent?: EventSink | undefined;
  limits?: BombLimits | undefined;
  /** Layers measured at once (default: `lanesFrom(process.env)`, the CPU count capped). */
  lanes?: number | undefined;
}

/**
 * Builds the snapshot of an opened image. Layers whose uncompressed size is unknown are measured by
 * streaming decompression, unless `known` already has their diff_id. Always a fresh object: a
 * snapshot source's own snapshot is copied, so what the report holds is the report's.
 */
export async function snapshotOf(handle: ImageHandle, options: SnapshotOptions = {}): Promise<Snapshot> {
  if (handle.snapshot) return structuredClone(handle.snapshot);
  const known = options.known ?? new Map<string, number>();
  const measured = await measureUnknown([handle], known, options);
  return snapshotFrom(handle, known, measured);
}

/** What measuring taught about one blob: its size and the compression its bytes revealed. */
type Measured = Map<LayerBlob, { size: number; compression: LayerBlob['compression'] }>;

/**
 * Measures, in parallel lanes (src/layers/measure-lanes.ts), every layer of `handles` whose size
 * nobody knows, each diff_id once across all the images (with `verify`, every blob: each image's
 * bytes are checked against its own diff_id). Jobs are taken in image order, then layer order, so
 * the head's layers start first; the sizes go into `known`.
 */
async function measureUnknown(handles: ReadonlyArray<ImageHandle | null>, known: SizeBook, options: SnapshotOptions): Promise<Measured> {
  const limits = options.limits ?? bombLimitsFrom(process.env);
  const verify = options.verify ?? false;
  const jobs: Array<{ handle: ImageHandle; blob: LayerBlob }> = [];
  const queued = new Set<string>();
  for (const handle of handles) {
    if (!handle || handle.snapshot) continue;
    for (const blob of handle.layers) {
      const unknown = blob.uncompressedSize === null && !known.has(blob.diffId) && !queued.has(blob.diffId);
      if (!verify && !unknown) continue;
      queued.add(blob.diffId);
      jobs.push({ handle, blob });
    }
  }
  const measured: Measured = new Map();
  await runInLanes(jobs, options.lanes ?? lanesFrom(process.env), async ({ handle, blob }, signal) => {
    const where = { image: handle.source.reference, layer: blob.index + 1, of: handle.layers.length };
    options.onEvent?.({ kind: 'measuring', ...where, storedBytes: blob.storedSize });
    const m = await measureLayer(blob, {
      subject: layerSubject(handle, blob),
      verify,
      limits,
      stats: options.stats,
      signal,
      onBytes: (bytes) => options.onEvent?.({ kind: 'decompressed', ...where, bytes }),
    });
    measured.set(blob, { size: m.size, compression: m.compression });
    known.set(blob.diffId, m.size);
  });
  return measured;
}

/** The snapshot of an image whose sizes are all known now; records them in `known` for the other image. */
function snapshotFrom(handle: ImageHandle, known: SizeBook, measured: Measured): Snapshot {
  const layers: LayerRef[] = handle.layers.map((blob) => {
    const m = measured.get(blob);
    const size = m?.size ?? blob.uncompressedSize ?? known.get(blob.diffId);
    // measureUnknown queued every layer without a size; a gap here is a bug, not an input problem.
    if (size === undefined) throw new Error(`layer ${blob.index + 1} of ${handle.source.reference} was not measured`);
    if (!known.has(blob.diffId)) known.set(blob.diffId, size);
    return {
      index: blob.index,
      diffId: blob.diffId,
      digest: blob.digest,
      mediaType: blob.mediaType,
      size,
      compressedSize: storedCompressedSize(blob, m?.compression ?? blob.compression),
      contentSize: null,
      createdBy: blob.createdBy,
      files: null,
    };
  });
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { ...handle.source },
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
 * side serve the other, a layer both share is measured once, and the two images' layers share the
 * same lanes.
 */
export async function snapshotPair(
  base: ImageHandle | null,
  head: ImageHandle,
  options: SnapshotOptions = {},
): Promise<{ base: Snapshot | null; head: Snapshot }> {
  const known: SizeBook = new Map(options.known);
  for (const handle of [base, head]) {
    if (!handle) continue;
    for (const blob of handle.layers) if (blob.uncompressedSize !== null) known.set(blob.diffId, blob.uncompressedSize);
  }
  const measured = await measureUnknown([head, base], known, options);
  const snapshot = (handle: ImageHandle): Snapshot => (handle.snapshot ? structuredClone(handle.snapshot) : snapshotFrom(handle, known, measured));
  return { base: base ? snapshot(base) : null, head: snapshot(head) };
}

/** What the deep scan adds to an assembly: the scans and the images' layer stacks. */
export interface DeepInputs {
  indexes: LayerIndexes;
  head: DeepImage;
  /** `readable`: the base's layers were scanned (it is not a snapshot file). */
  base: (DeepImage & { readable: boolean }) | null;
  diveCompat?: boolean;
  /** false: no per-row file lists (inspect). */
  rowFiles?: boolean;
  /** The base is a snapshot file: whether it brought file indexes (the report's `deep.baseIndex`). */
  baseIndex?: 'snapshot' | 'none';
}

/** Assembles the report from two snapshots (pure). */
export function buildReport(base: Snapshot | null, head: Snapshot, rules: readonly BudgetRule[] = []): Report {
  return assembleReport({ base, head, rules });
}

/**
 * The report, built once and never written to afterwards: content sizes from the scans go into
 * fresh copies of the snapshots, the diff runs on those, the deep figures (file lists, waste,
 * hints) come back from the analysis as values, and budgets are evaluated once on the whole.
 * Pure: the inputs are left as they were (a test freezes them).
 */
export function assembleReport(input: {
  base: Snapshot | null;
  head: Snapshot;
  rules?: readonly BudgetRule[];
  deep?: DeepInputs | null;
  /** `--estimate-pull`: gzip sizes of the head layers stored uncompressed (pull-estimate.ts). */
  pull?: PullSizes | null;
}): Report {
  const deepInputs = input.deep ?? null;
  const contents = deepInputs ? layerContents(deepInputs.indexes) : null;
  const base = input.base && contents ? withContents(input.base, contents) : input.base;
  const head = contents ? withContents(input.head, contents) : input.head;
  // The scans are in before the diff: file paths both layers write pair changed layers best.
  const diff = diffSnapshots(base, head, deepInputs ? { layerFiles: layerFilesOf(deepInputs.indexes) } : {});
  let layers = diff.layers;
  let deep: DeepReport | undefined;
  if (deepInputs) {
    const figures = analyzeDeep({ ...deepInputs, rows: diff.layers });
    layers = diff.layers.map((row, i) => {
      const files = figures.rowFiles[i];
      const packages = figures.rowPackages[i];
      const identicalContent = figures.rowIdentical[i];
      return {
        ...row,
        ...(files === undefined ? {} : { files }),
        ...(packages === undefined ? {} : { packages }),
        ...(identicalContent === undefined ? {} : { identicalContent }),
      };
    });
    deep = { ...figures.deep, hints: withHintMessages(figures.deep.hints), ...(deepInputs.baseIndex ? { baseIndex: deepInputs.baseIndex } : {}) };
  }
  let pullEstimate: PullEstimate | null = null;
  if (input.pull) ({ rows: layers, pullEstimate } = withPullEstimates(layers, base, head, input.pull));
  const measured: Omit<Report, 'budgets' | 'verdict'> = {
    schema: REPORT_SCHEMA,
    base,
    head,
    layers,
    totals: diff.totals,
    cacheHit: diff.cacheHit,
    ...(deep ? { deep } : {}),
  };
  const budgets = evaluateBudgets(input.rules ?? [], measured);
  // Key order as the JSON report has always had it: deep extras last.
  const report: Report = { schema: REPORT_SCHEMA, base, head, layers, totals: diff.totals, cacheHit: diff.cacheHit, budgets, verdict: worstVerdict(budgets) };
  return { ...report, ...(deep ? { deep } : {}), ...(pullEstimate ? { pullEstimate } : {}) };
}

/** Budget outcomes with their worded message (the JSON report's `budgets[].message`). */
export function evaluateBudgets(rules: readonly BudgetRule[], report: Omit<Report, 'budgets' | 'verdict'>): BudgetResult[] {
  return budgetResults(checkBudgets(rules, report));
}

/** A copy of the snapshot with each scanned layer's content bytes and entry count, totals summed again. */
function withContents(snapshot: Snapshot, contents: ReadonlyMap<string, { contentSize: number; files: number }>): Snapshot {
  const layers = snapshot.layers.map((ref) => {
    const content = contents.get(ref.diffId);
    return content ? { ...ref, contentSize: content.contentSize, files: content.files } : { ...ref };
  });
  return { ...snapshot, layers, totals: sumSizes(layers) };
}

/**
 * Opens, measures and compares two images; `baseRef` null means "no base" (first run).
 * `baseOverrides` sets open options for the base alone (its own credentials, image tag, platform).
 */
export async function compareImages(
  baseRef: string | null,
  headRef: string,
  options: EngineOptions = {},
  baseOverrides: Partial<OpenOptions> = {},
): Promise<Report> {
  return withRunStats(options.stats, () => compareImagesCounted(baseRef, headRef, options, baseOverrides));
}

async function compareImagesCounted(baseRef: string | null, headRef: string, options: EngineOptions, baseOverrides: Partial<OpenOptions>): Promise<Report> {
  const run = startRun(options);
  const baseOptions: OpenOptions = { ...openOptions(run), platform: run.basePlatform ?? run.platform, ...definedOnly(baseOverrides) };
  const [base, head] = await openBoth(baseRef === null ? null : () => openImage(baseRef, baseOptions), () => openImage(headRef, openOptions(run)));
  try {
    return await compareHandles(base, head, run);
  } finally {
    await Promise.allSettled([base?.close(), head.close()]);
  }
}

/**
 * What a run decides once, at its start: the bomb limits (the environment is read here, not on
 * import) and whether to scan (asked for, or needed by a budget rule: one rule for both shells).
 */
export function startRun(options: EngineOptions): EngineOptions & { limits: BombLimits } {
  const deep = options.deep === true || (options.budgets ?? []).some(needsDeepScan);
  return { ...options, deep, limits: options.limits ?? bombLimitsFrom(process.env) };
}

/**
 * Opens the base (when there is one) and the head together. Whichever side did open is closed again
 * when the other fails, so no file handle or child process leaks; the first side's error wins.
 */
export async function openBoth<T extends { close(): Promise<void> }>(openBase: (() => Promise<T>) | null, openHead: () => Promise<T>): Promise<[T | null, T]> {
  const opened = await Promise.allSettled([openBase === null ? Promise.resolve(null) : openBase(), openHead()]);
  const [baseResult, headResult] = opened;
  if (baseResult.status === 'rejected' || headResult.status === 'rejected') {
    await Promise.allSettled(opened.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value.close()] : [])));
    throw baseResult.status === 'rejected' ? baseResult.reason : (headResult as PromiseRejectedResult).reason;
  }
  return [baseResult.value, headResult.value];
}

/** Sources still speak text (credential helpers, the docker config): it reaches the shell as an event. */
export function openOptions(options: EngineOptions): OpenOptions {
  const {
    onEvent,
    verify: _verify,
    deep: _deep,
    diveCompat: _dive,
    budgets: _budgets,
    basePlatform: _basePlatform,
    limits: _limits,
    stats: _stats,
    fingerprint: _fingerprint,
    onIndexes: _onIndexes,
    lanes: _lanes,
    estimatePull: _estimatePull,
    ...open
  } = options;
  return { ...open, ...(onEvent ? { onProgress: (message: string) => onEvent({ kind: 'source-note', message }) } : {}) };
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What the pairs of one run share (`--platform all`, engine-multi.ts): sizes learned and layers
 * scanned, by diff_id, so a layer several platforms have is measured and scanned once.
 */
export interface PairMemo {
  sizes: SizeBook;
  scans: LayerIndexes;
}

export async function compareHandles(base: ImageHandle | null, head: ImageHandle, options: EngineOptions = {}, memo?: PairMemo): Promise<Report> {
  const run = startRun(options);
  // A deep scan decompresses the layers anyway: scan first, and let its byte counts be the sizes.
  const indexes = run.deep ? await scanLayers(base, head, { ...scanOptions(run), ...(memo ? { cache: memo.scans } : {}) }) : null;
  if (indexes) run.onIndexes?.(indexes);
  const snapshots = await snapshotPair(base, head, { ...run, known: new Map([...(memo?.sizes ?? []), ...(indexes ? scannedSizes(indexes) : [])]) });
  if (memo) for (const snapshot of [snapshots.base, snapshots.head]) for (const layer of snapshot?.layers ?? []) memo.sizes.set(layer.diffId, layer.size);
  const baseSource = base ? baseIndexSource(base) : null;
  const deep: DeepInputs | null = indexes
    ? {
        indexes,
        head: deepImage(head),
        base: base ? { ...deepImage(base), readable: baseSource !== 'none' } : null,
        diveCompat: run.diveCompat ?? false,
        ...(baseSource === 'snapshot' || baseSource === 'none' ? { baseIndex: baseSource } : {}),
      }
    : null;
  const pull = run.estimatePull ? await estimatePullSizes(snapshots.base, snapshots.head, head, run) : null;
  return assembleReport({ base: snapshots.base, head: snapshots.head, rules: run.budgets ?? [], deep, pull });
}

/**
 * `--estimate-pull`: gzip-compresses, in lanes, each layer a pull of the head would fetch that the
 * head stores uncompressed (a `docker save` archive); layers stored compressed count as stored.
 * Null when the head is a snapshot (no bytes to compress).
 */
async function estimatePullSizes(base: Snapshot | null, head: Snapshot, handle: ImageHandle, run: EngineOptions): Promise<PullSizes | null> {
  if (handle.snapshot) return null;
  const refs = new Map(head.layers.map((l) => [l.diffId, l]));
  const blobs = new Map<string, LayerBlob>();
  for (const blob of handle.layers) if (!blobs.has(blob.diffId)) blobs.set(blob.diffId, blob);
  const jobs = layersToPull(base, head).flatMap((diffId) => {
    const blob = blobs.get(diffId);
    return blob && refs.get(diffId)?.compressedSize === null ? [blob] : [];
  });
  const sizes = new Map<string, number>();
  await runInLanes(jobs, run.lanes ?? lanesFrom(process.env), async (blob, signal) => {
    run.onEvent?.({ kind: 'estimating-pull', image: handle.source.reference, layer: blob.index + 1, of: handle.layers.length, bytes: blob.storedSize });
    const estimate = await estimateGzipSize(blob, { subject: layerSubject(handle, blob), limits: run.limits, signal, level: PULL_GZIP_LEVEL });
    sizes.set(blob.diffId, estimate.gzipBytes);
  });
  return { level: PULL_GZIP_LEVEL, sizes };
}

function deepImage(handle: ImageHandle): DeepImage {
  return { diffIds: handle.layers.map((b) => b.diffId), createdBy: handle.layers.map((b) => b.createdBy) };
}

function scanOptions(options: EngineOptions): ScanOptions {
  return { onEvent: options.onEvent, limits: options.limits, stats: options.stats, fingerprint: options.fingerprint };
}

/** `inspect` / `snapshot`: one image measured. */
export async function inspectImage(ref: string, options: EngineOptions = {}): Promise<Snapshot> {
  return (await inspectImageDeep(ref, { ...options, deep: false })).snapshot;
}

/** `inspect --deep`: one image measured, plus its wasted space and hints when `deep` is set. */
export async function inspectImageDeep(ref: string, options: EngineOptions = {}): Promise<{ snapshot: Snapshot; deep: DeepReport | null }> {
  return withRunStats(options.stats, () => inspectCounted(ref, options));
}

/**
 * `snapshot --deep`: one image measured and scanned with content fingerprints, its snapshot (with
 * content sizes and entry counts) and every layer's file index, to save as a deep snapshot.
 */
export async function snapshotImageDeep(ref: string, options: EngineOptions = {}): Promise<{ snapshot: Snapshot; indexes: LayerIndexes }> {
  let indexes: LayerIndexes | null = null;
  const { snapshot } = await withRunStats(options.stats, () =>
    inspectCounted(ref, {
      ...options,
      deep: true,
      fingerprint: true,
      onIndexes: (scanned) => {
        indexes = scanned;
      },
    }),
  );
  if (!indexes) throw new Error('internal: the deep scan returned no indexes');
  return { snapshot, indexes };
}

async function inspectCounted(ref: string, options: EngineOptions): Promise<{ snapshot: Snapshot; deep: DeepReport | null }> {
  const run = startRun(options);
  const handle = await openImage(ref, openOptions(run));
  try {
    return await inspectHandle(handle, run);
  } finally {
    await handle.close();
  }
}

/**
 * One opened image measured, and scanned when the run is deep: what `inspect` shows. `memo` shares
 * sizes and scans between the platforms of one run (`inspect --platform all`).
 */
export async function inspectHandle(handle: ImageHandle, run: EngineOptions, memo?: PairMemo): Promise<{ snapshot: Snapshot; deep: DeepReport | null }> {
  const indexes: LayerIndexes | null = run.deep ? await scanLayers(null, handle, { ...scanOptions(run), ...(memo ? { cache: memo.scans } : {}) }) : null;
  if (indexes) run.onIndexes?.(indexes);
  const snapshot = await snapshotOf(handle, { ...run, known: new Map([...(memo?.sizes ?? []), ...(indexes ? scannedSizes(indexes) : [])]) });
  if (memo) for (const layer of snapshot.layers) memo.sizes.set(layer.diffId, layer.size);
  if (!indexes) return { snapshot, deep: null };
  const report = assembleReport({
    base: null,
    head: snapshot,
    deep: { indexes, head: deepImage(handle), base: null, diveCompat: run.diveCompat ?? false, rowFiles: false },
  });
  return { snapshot: report.head, deep: report.deep ?? null };
}
