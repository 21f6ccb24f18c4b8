/**
 * The one report data structure (`layerdiff/report@1`) every renderer and sink reads.
 * Field names are a public contract (DESIGN.md); do not rename.
 */
import type { LayerRef, Sizes, Snapshot } from './snapshot.js';

export const REPORT_SCHEMA = 'layerdiff/report@1';

export type LayerStatus = 'unchanged' | 'changed' | 'added' | 'removed';
export type Verdict = 'pass' | 'warn' | 'fail';

export interface LayerRow {
  status: LayerStatus;
  base: LayerRef | null;
  head: LayerRef | null;
  delta: { size: number; compressedSize: number | null };
  /** Deep scan only: file-level changes of this layer against its aligned base layer. */
  files?: FileChanges;
  /** Changed rows: the evidence that paired this head layer with that base layer. */
  pairedBy?: PairedBy;
  /** Deep scan only, changed and added rows of an image with a package database: which packages this layer added, removed or changed. */
  packages?: PackageChanges;
  /**
   * Deep scan, changed rows only: both layers hold the same files (paths, kinds, modes, link
   * targets, sizes, CRC-32 of the content); only metadata differs, so a reproducible build would
   * have reused the base layer.
   */
  identicalContent?: IdenticalContent;
  /**
   * `--estimate-pull`, changed and added rows whose head layer is stored uncompressed: the bytes it
   * gzip-compresses to at the level pushes use (an estimate of what a push or pull transfers).
   */
  pullSizeEstimate?: number;
}

/**
 * Packages a layer changed (against its aligned base layer; an added layer against the layer below
 * it in the head), largest |delta| first, and the bytes of its files no package owns.
 */
export interface PackageChanges {
  changes: PackageChange[];
  /** Changes not listed (beyond the first 500). */
  omitted: number;
  /**
   * Bytes of this layer's files owned by packages whose version did not change (reinstalled, or
   * installed by this layer in both images); with the changes' `bytes` and `otherBytes`, every
   * regular file byte of the layer is counted once.
   */
  unchangedBytes: number;
  /** `unchangedBytes` minus what those packages owned in the base layer. */
  unchangedDelta: number;
  /** Bytes of this layer's regular files that no package owns. */
  otherBytes: number;
  /** `otherBytes` minus the base layer's (an added layer: `otherBytes`). */
  otherDelta: number;
}

export interface PackageChange {
  manager: 'dpkg' | 'apk' | 'npm' | 'python';
  name: string;
  /** `changed`: another version whose order is not known (an unparsable version). */
  change: 'added' | 'removed' | 'upgraded' | 'downgraded' | 'changed';
  baseVersion: string | null;
  headVersion: string | null;
  arch?: string;
  /** npm: the package directory; Python: the site directory. */
  dir?: string;
  /** Bytes of the head layer's files this package owns (0 when removed). */
  bytes: number;
  /** `bytes` minus what the package owned in the base layer. */
  delta: number;
}

/**
 * A layer rebuilt with identical content. `reusableBytes` / `reusableCompressedBytes`: the head
 * layer's size and compressed size (null when unknown), what a reproducible build would not have
 * pushed or pulled again. `differs`: the metadata the file index can tell apart (`owner`: uid/gid,
 * `order`: tar header order); empty when only what it does not keep differs (modification times).
 */
export interface IdenticalContent {
  reusableBytes: number;
  reusableCompressedBytes: number | null;
  differs: Array<'owner' | 'order'>;
}

/**
 * Why a changed layer was paired with its base layer, most certain first: `files` (a deep scan
 * found file paths both write), `instruction` (the same normalised instruction), `similar-instruction`
 * (the same keyword and shared words), `position` (only the keyword, or no history on either side:
 * paired by order between the same reused layers, and size).
 */
export type PairedBy = 'files' | 'instruction' | 'similar-instruction' | 'position';

export interface FileChange {
  path: string;
  change: 'added' | 'removed' | 'grown' | 'shrunk' | 'modified';
  baseSize: number | null;
  headSize: number | null;
  delta: number;
}

export interface FileChanges {
  added: number;
  removed: number;
  grown: number;
  shrunk: number;
  modified: number;
  /** Every change, largest |delta| first. */
  changes: FileChange[];
}

export interface RatioFigure {
  hit: number;
  total: number;
  ratio: number;
}

export interface CacheHit {
  layers: RatioFigure;
  bytes: RatioFigure;
}

export interface BudgetResult {
  /** Rule name as written by the user, e.g. `max-growth`. */
  rule: string;
  /** The limit as given (`5%`, `500MB`) and parsed. */
  limit: string | number;
  /** The measured value the rule compared (bytes, ratio ...). */
  actual: number | null;
  status: Verdict;
  /** One line a human reads: "+38.2 MB > 20 MB". */
  message?: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  base: Snapshot | null;
  head: Snapshot;
  layers: LayerRow[];
  totals: { base: Sizes | null; head: Sizes; delta: Sizes };
  cacheHit: CacheHit | null;
  budgets: BudgetResult[];
  verdict: Verdict;
  /** Deep scan extras (look inside the layers); absent without --deep. */
  deep?: DeepReport;
  /** `--estimate-pull`: what pulling the head transfers when the base's layers are already there. */
  pullEstimate?: PullEstimate;
  /**
   * The image's name in a merged report (`diff --name`, the action's `name` input, else the comment
   * key); absent when none was given (a merge then names the image by its head reference).
   */
  name?: string;
}

/**
 * What a pull of the head transfers on top of the base: its distinct layers the base lacks, each at
 * its stored compressed size, or, stored uncompressed, at its gzip size estimated by compressing it
 * (`compression` at `level`, as BuildKit and containerd push). An estimate when `estimatedLayers` > 0.
 */
export interface PullEstimate {
  compression: 'gzip';
  level: number;
  /** Distinct head layers (by diff_id) the base does not have: what a pull fetches. */
  layers: number;
  /** Of those, the layers stored uncompressed whose size was estimated by compressing them. */
  estimatedLayers: number;
  /** Bytes a pull transfers: estimates plus stored compressed sizes. */
  bytes: number;
  /** Uncompressed tar bytes of those layers. */
  uncompressedBytes: number;
}

/** What `--deep` adds. Owned by src/layers/; budgets read `waste`. */
export interface DeepReport {
  waste: WasteFigures;
  /** dive's own figures, present with --dive-compat. */
  dive?: { efficiency: number; wastedBytes: number; userWastedPercent: number; sizeBytes: number };
  hints: Hint[];
  /** Flattened filesystem of head vs base: the same FileChanges shape as layer rows. */
  filesystem?: FileChanges;
  /**
   * Changed rows rebuilt with identical content, summed (present when the base was scanned):
   * layers, and the bytes a reproducible build would have reused (compressed: null when any is unknown).
   */
  identicalContent?: { layers: number; reusableBytes: number; reusableCompressedBytes: number | null };
  /**
   * Set when the base is a snapshot file: `snapshot`, its file indexes (a deep snapshot) stood for
   * the base's layers; `none`, it has none (a plain snapshot), so no file-level changes are shown.
   */
  baseIndex?: 'snapshot' | 'none';
}

export interface WasteFigures {
  /** Reclaimable bytes: copies that ship but are overwritten or deleted later, kept copy counted once. */
  wastedBytes: number;
  /** 1 - wasted / total content bytes (1 = nothing wasted). */
  efficiency: number;
  /** Largest wasted paths first. */
  paths: Array<{ path: string; wastedBytes: number; layers: number[] }>;
}

export interface Hint {
  /** Stable id, e.g. `apt-lists`, `pip-cache`, `multi-stage`, `dockerignore`, `duplicate-file`, `order`. */
  id: string;
  layerIndex: number | null;
  createdBy: string | null;
  bytes: number;
  /** Example paths the hint is about (absolute): `dockerignore`, `duplicate-file`. */
  paths?: string[];
  /** `dockerignore`: the first path is an env file (maybe secrets). */
  envFile?: boolean;
  /** `dev-dependencies`: the packages found (at most four). */
  packages?: string[];
  /** `duplicate-file`: files re-added; `order`: layers rebuilt after this one. */
  count?: number;
  /**
   * The advice as one line of plain text, for readers of the JSON. Renderers never print it: they
   * rebuild the sentence from the fields above (src/report/hint-text.ts), escaping every one.
   */
  message: string;
}

/** A hint as the deep analysis finds it: data only; the report adds the worded `message`. */
export type HintFinding = Omit<Hint, 'message'>;
