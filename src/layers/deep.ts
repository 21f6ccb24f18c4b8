/**
 * `--deep`: looks inside the layers. Scans each distinct layer once (worker threads, streaming,
 * nothing extracted), then fills the report: per-layer content bytes and entry counts, the files
 * behind every changed / added / removed layer row, the flattened head filesystem against the
 * base's, wasted space, dive's figures on request, and hints.
 *
 * What gets scanned, and why: every head layer (wasted space and the flattened filesystem need
 * the whole stack, so the cost is one decompression of the head image), and every base layer the
 * head does not share (the other side of changed/removed rows and of the flattened diff). A layer
 * both images share is scanned once. With a base, regular files are also CRC-32 fingerprinted so
 * a same-size edit shows as `modified`; without one nothing needs it and it is skipped.
 */
import { inputError } from '../errors.js';
import { sumSizes, type LayerRef, type Snapshot } from '../core/snapshot.js';
import type { DeepReport, Report } from '../core/report.js';
import { layerSubject } from '../sources/layer-subject.js';
import type { ImageHandle } from '../sources/types.js';
import { stats } from '../stats.js';
import { diveFigures } from './dive-compat.js';
import { deletionsByLayer, diffFilesystems, diffLayers } from './file-diff.js';
import { flatten, wasteFigures } from './flatten.js';
import { computeHints } from './hints.js';
import type { LayerIndex } from './layer-index.js';
import { scanAll, ScanJobError, type PoolOptions, type ScanJob } from './scan-pool.js';

export interface DeepOptions {
  onProgress?: ((message: string) => void) | undefined;
  /** How many files per layer the Markdown shows (JSON has all). */
  topFiles?: number;
  diveCompat?: boolean;
  /** Worker threads and worker script (tests, benchmark); defaults suit the CLI and the action. */
  pool?: PoolOptions;
}

/** File indexes of the scanned layers, by diff_id. */
export type LayerIndexes = Map<string, LayerIndex>;

/**
 * Scans every layer the deep analysis needs, each distinct diff_id once. Its `tarBytes` are the
 * layers' uncompressed sizes, so the engine need not decompress a layer a second time to measure it.
 */
export async function scanLayers(base: ImageHandle | null, head: ImageHandle, options: DeepOptions): Promise<LayerIndexes> {
  if (head.snapshot) throw inputError(head.source.reference, 'a snapshot holds no layer contents; --deep needs the image itself');
  const baseReadable = base !== null && !base.snapshot;
  if (base && !baseReadable) options.onProgress?.(`${base.source.reference}: a snapshot holds no layer contents, so only added layers list their files and there is no filesystem diff`);

  // One job per distinct diff_id, head first (its scan is always needed).
  const jobs: ScanJob[] = [];
  const jobOf = new Map<string, number>();
  const fingerprint = baseReadable;
  const plan = (handle: ImageHandle): void => {
    for (const blob of handle.layers) {
      if (jobOf.has(blob.diffId)) continue;
      jobOf.set(blob.diffId, jobs.length);
      const subject = layerSubject(handle, blob);
      jobs.push({ subject, fingerprint, open: () => blob.open() });
    }
  };
  plan(head);
  if (baseReadable) plan(base);

  let done = 0;
  let indexes: LayerIndex[];
  try {
    indexes = await scanAll(jobs, {
      ...options.pool,
      onLayerDone: (job, index) => {
        stats.layersScanned += 1;
        done += 1;
        options.onProgress?.(`scanned ${done}/${jobs.length} layers (${index.count} entries): ${job.subject}`);
        options.pool?.onLayerDone?.(job, index);
      },
    });
  } catch (error) {
    if (error instanceof ScanJobError) throw inputError(error.job.subject, (error.cause as Error)?.message ?? String(error.cause), error.cause);
    throw error;
  }
  const byDiffId: LayerIndexes = new Map();
  for (const [diffId, i] of jobOf) byDiffId.set(diffId, indexes[i]!);
  return byDiffId;
}

/** Uncompressed sizes the scans learned, for the engine's size book. */
export function scannedSizes(indexes: LayerIndexes): Map<string, number> {
  return new Map([...indexes].map(([diffId, index]) => [diffId, index.tarBytes]));
}

/**
 * File-level changes, wasted space and hints from finished scans, with no I/O. Fills `report` in
 * place: rows' `files`, layers' `contentSize`/`files`, `report.deep`. `rowFiles: false` skips the
 * per-row file lists (inspect has no rows worth listing).
 */
export function analyzeDeep(base: ImageHandle | null, head: ImageHandle, report: Report, byDiffId: LayerIndexes, options: DeepOptions & { rowFiles?: boolean }): void {
  const baseReadable = base !== null && !base.snapshot;

  recordContentSizes(report, byDiffId);

  const headLayers = head.layers.map((b) => byDiffId.get(b.diffId)!);
  const headFlat = flatten(headLayers);

  const deletions = deletionsByLayer(headFlat);
  for (const row of options.rowFiles === false ? [] : report.layers) {
    const headIndex = row.head ? byDiffId.get(row.head.diffId) : undefined;
    const baseIndex = row.base ? byDiffId.get(row.base.diffId) : undefined;
    const deleted = row.head ? deletions.get(row.head.index) : undefined;
    if (row.status === 'added' && headIndex) row.files = diffLayers(null, headIndex, deleted);
    else if (row.status === 'changed' && headIndex && baseIndex) row.files = diffLayers(baseIndex, headIndex, deleted);
    else if (row.status === 'removed' && baseIndex) row.files = diffLayers(baseIndex, emptyIndex);
  }

  const deep: DeepReport = {
    waste: wasteFigures(headFlat),
    hints: computeHints({
      layers: headLayers,
      createdBy: head.layers.map((b) => b.createdBy),
      layerSizes: headLayers.map((l) => l.tarBytes),
      flat: headFlat,
      rows: base ? report.layers : null,
    }),
  };
  if (base && baseReadable) {
    const baseLayers = base.layers.map((b) => byDiffId.get(b.diffId)!);
    // The same stack (a rebuild that reused every layer) flattens to the same tree: do it once.
    const sameStack = baseLayers.length === headLayers.length && baseLayers.every((l, i) => l === headLayers[i]);
    const baseFlat = sameStack ? headFlat : flatten(baseLayers);
    deep.filesystem = diffFilesystems(baseFlat.visible, baseLayers, headFlat.visible, headLayers);
  }
  if (options.diveCompat) deep.dive = diveFigures(headLayers);
  report.deep = deep;
}

const emptyIndex: LayerIndex = {
  count: 0,
  paths: [],
  kinds: new Uint8Array(0),
  sizes: new Float64Array(0),
  modes: new Uint32Array(0),
  uids: new Uint32Array(0),
  gids: new Uint32Array(0),
  crcs: null,
  links: new Map(),
  contentBytes: 0,
  tarBytes: 0,
  storedBytes: 0,
  compression: 'none',
};

/** Writes contentSize / files into every LayerRef of the report and keeps the totals consistent. */
function recordContentSizes(report: Report, byDiffId: Map<string, LayerIndex>): void {
  const fill = (ref: LayerRef | null): void => {
    if (!ref) return;
    const index = byDiffId.get(ref.diffId);
    if (!index) return;
    ref.contentSize = index.contentBytes;
    ref.files = index.count;
  };
  const fillSnapshot = (snapshot: Snapshot | null): void => {
    if (!snapshot) return;
    snapshot.layers.forEach(fill);
    snapshot.totals = sumSizes(snapshot.layers);
  };
  fillSnapshot(report.head);
  fillSnapshot(report.base);
  for (const row of report.layers) {
    fill(row.base);
    fill(row.head);
  }
  report.totals.head = { ...report.totals.head, contentSize: report.head.totals.contentSize };
  if (report.totals.base && report.base) report.totals.base = { ...report.totals.base, contentSize: report.base.totals.contentSize };
  const headContent = report.totals.head.contentSize;
  const baseContent = report.totals.base?.contentSize ?? null;
  report.totals.delta = { ...report.totals.delta, contentSize: headContent !== null && baseContent !== null ? headContent - baseContent : report.totals.base === null ? headContent : null };
}

