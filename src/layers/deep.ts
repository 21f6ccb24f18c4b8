/**
 * `--deep`: what the finished layer scans say, with no I/O. From the file indexes of the scanned
 * layers (src/scan-layers.ts reads them: every head layer, and every base layer the head does not
 * share), this computes the figures the report shows: per-layer content bytes and entry counts,
 * the files behind every changed / added / removed layer row, the flattened head filesystem
 * against the base's, wasted space, dive's figures on request, and hints. It returns them; the
 * engine puts them into the report it builds (src/engine.ts), so nothing here writes to a report.
 */
import type { FileChanges, HintFinding, IdenticalContent, LayerRow, DeepReport, PackageChanges } from '../core/report.js';
import { diveFigures } from './dive-compat.js';
import { deletionsByLayer, diffFilesystems, diffLayers, directoriesBelow } from './file-diff.js';
import { flatten, wasteFigures } from './flatten.js';
import { computeHints } from './hints.js';
import { compareLayerContent } from './identical-content.js';
import { emptyLayerIndex, type LayerIndex } from './layer-index.js';
import { hasPackages, packageChanges, packageStates, type PackageState } from './packages/attribution.js';

/** File indexes of the scanned layers, by diff_id. */
export type LayerIndexes = Map<string, LayerIndex>;

/** One image's layers as the analysis needs them, bottom first. */
export interface DeepImage {
  diffIds: readonly string[];
  createdBy: readonly (string | null)[];
}

export interface DeepInput {
  head: DeepImage;
  /** The base, when there is one; `readable`: its layers were scanned (not a snapshot file). */
  base: (DeepImage & { readable: boolean }) | null;
  /** The diff's rows (their refs name the diff_ids to look up). */
  rows: readonly LayerRow[];
  indexes: LayerIndexes;
  diveCompat?: boolean;
  /** false: no per-row file lists (inspect has no rows worth listing). */
  rowFiles?: boolean;
}

/** The deep report before its hints are worded (the engine adds each hint's `message`). */
export type DeepFindings = Omit<DeepReport, 'hints'> & { hints: HintFinding[] };

export interface DeepFigures {
  /** The files behind each row, in the order of `rows`; undefined where there is nothing to list. */
  rowFiles: Array<FileChanges | undefined>;
  /** The packages behind each changed or added row, in the order of `rows`; undefined without a package database. */
  rowPackages: Array<PackageChanges | undefined>;
  /** Changed rows rebuilt with identical content (only metadata differs), in the order of `rows`. */
  rowIdentical: Array<IdenticalContent | undefined>;
  deep: DeepFindings;
}

/** Content bytes and entry counts of every scanned layer, by diff_id. */
export function layerContents(indexes: LayerIndexes): Map<string, { contentSize: number; files: number }> {
  return new Map([...indexes].map(([diffId, index]) => [diffId, { contentSize: index.contentBytes, files: index.count }]));
}

/** Uncompressed sizes the scans learned, for the engine's size book. */
export function scannedSizes(indexes: LayerIndexes): Map<string, number> {
  return new Map([...indexes].map(([diffId, index]) => [diffId, index.tarBytes]));
}

/** File-level changes, wasted space and hints from finished scans (pure). */
export function analyzeDeep(input: DeepInput): DeepFigures {
  const { indexes, base } = input;
  const headLayers = input.head.diffIds.map((diffId) => indexes.get(diffId)!);
  const headFlat = flatten(headLayers);

  const deletions = deletionsByLayer(headFlat);
  const dirsBelow = directoriesBelow(headLayers);
  const rowFiles = input.rows.map((row): FileChanges | undefined => {
    if (input.rowFiles === false) return undefined;
    const headIndex = row.head ? indexes.get(row.head.diffId) : undefined;
    const baseIndex = row.base ? indexes.get(row.base.diffId) : undefined;
    const deleted = row.head ? deletions.get(row.head.index) : undefined;
    const below = row.head ? dirsBelow(row.head.index) : undefined;
    if (row.status === 'added' && headIndex) return diffLayers(null, headIndex, deleted, below);
    if (row.status === 'changed' && headIndex && baseIndex) return diffLayers(baseIndex, headIndex, deleted, below);
    if (row.status === 'removed' && baseIndex) return diffLayers(baseIndex, emptyLayerIndex());
    return undefined;
  });

  const scannedBase = base?.readable ? base.diffIds.map((diffId) => indexes.get(diffId)) : null;
  const rowPackages = rowPackageChanges(input.rows, headLayers, scannedBase && scannedBase.every((l) => l !== undefined) ? scannedBase : null);
  // Only a scanned base has the other side of a changed row (a snapshot base has no file index).
  const rowIdentical = input.rows.map((row) => (base?.readable ? identicalContentOf(row, indexes) : undefined));

  const deep: DeepFindings = {
    waste: wasteFigures(headFlat),
    hints: computeHints({
      layers: headLayers,
      createdBy: input.head.createdBy,
      layerSizes: headLayers.map((l) => l.tarBytes),
      flat: headFlat,
      rows: base ? input.rows : null,
      rebuilt: input.rows.flatMap((row, i) => {
        const same = rowIdentical[i];
        return same && row.head ? [{ layerIndex: row.head.index, bytes: same.reusableBytes }] : [];
      }),
    }),
  };
  if (base?.readable) {
    const baseLayers = base.diffIds.map((diffId) => indexes.get(diffId)!);
    // The same stack (a rebuild that reused every layer) flattens to the same tree: do it once.
    const sameStack = baseLayers.length === headLayers.length && baseLayers.every((l, i) => l === headLayers[i]);
    const baseFlat = sameStack ? headFlat : flatten(baseLayers);
    deep.filesystem = diffFilesystems(baseFlat.visible, baseLayers, headFlat.visible, headLayers);
    deep.identicalContent = identicalContentTotals(rowIdentical);
  }
  if (input.diveCompat) deep.dive = diveFigures(headLayers);
  return { rowFiles, rowPackages, rowIdentical, deep };
}

/**
 * Package changes of each added row (against the head layer below it) and each changed row (against
 * its aligned base layer; needs the base's scans). Undefined where no package database is in sight.
 */
function rowPackageChanges(
  rows: readonly LayerRow[],
  headLayers: readonly LayerIndex[],
  baseLayers: readonly LayerIndex[] | null,
): Array<PackageChanges | undefined> {
  const none = rows.map((): PackageChanges | undefined => undefined);
  if (!hasPackages(headLayers) && !(baseLayers && hasPackages(baseLayers))) return none;
  const headAt = new Set<number>();
  const baseAt = new Set<number>();
  for (const row of rows) {
    if (!row.head) continue;
    if (row.status === 'added') headAt.add(row.head.index).add(row.head.index - 1);
    else if (row.status === 'changed' && row.base && baseLayers) {
      headAt.add(row.head.index);
      baseAt.add(row.base.index);
    }
  }
  const headStates = packageStates(headLayers, headAt);
  const baseStates = baseLayers ? packageStates(baseLayers, baseAt) : new Map<number, PackageState>();
  return rows.map((row) => {
    if (!row.head) return undefined;
    const k = row.head.index;
    const after = headStates.get(k);
    const layer = headLayers[k];
    if (!after || !layer) return undefined;
    if (row.status === 'added') {
      const below = headStates.get(k - 1);
      return below ? (packageChanges(below, null, after, layer) ?? undefined) : undefined;
    }
    if (row.status === 'changed' && row.base && baseLayers) {
      const before = baseStates.get(row.base.index);
      const baseLayer = baseLayers[row.base.index];
      return before && baseLayer ? (packageChanges(before, baseLayer, after, layer) ?? undefined) : undefined;
    }
    return undefined;
  });
}

/** A changed row whose two layers hold the same files: the head layer's bytes could have been reused. */
function identicalContentOf(row: LayerRow, indexes: LayerIndexes): IdenticalContent | undefined {
  if (row.status !== 'changed' || !row.head || !row.base) return undefined;
  const headIndex = indexes.get(row.head.diffId);
  const baseIndex = indexes.get(row.base.diffId);
  if (!headIndex || !baseIndex) return undefined;
  const same = compareLayerContent(baseIndex, headIndex);
  if (!same.identical) return undefined;
  return { reusableBytes: row.head.size, reusableCompressedBytes: row.head.compressedSize, differs: same.differs };
}

function identicalContentTotals(rows: ReadonlyArray<IdenticalContent | undefined>): NonNullable<DeepReport['identicalContent']> {
  let layers = 0;
  let reusableBytes = 0;
  let reusableCompressedBytes: number | null = 0;
  for (const row of rows) {
    if (!row) continue;
    layers += 1;
    reusableBytes += row.reusableBytes;
    reusableCompressedBytes =
      reusableCompressedBytes === null || row.reusableCompressedBytes === null ? null : reusableCompressedBytes + row.reusableCompressedBytes;
  }
  return { layers, reusableBytes, reusableCompressedBytes };
}
