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
  /**
   * The image's name in a merged report (`diff --name`, the action's `name` input, else the comment
   * key); absent when none was given (a merge then names the image by its head reference).
   */
  name?: string;
}

/** What `--deep` adds. Owned by src/layers/; budgets read `waste`. */
export interface DeepReport {
  waste: WasteFigures;
  /** dive's own figures, present with --dive-compat. */
  dive?: { efficiency: number; wastedBytes: number; userWastedPercent: number; sizeBytes: number };
  hints: Hint[];
  /** Flattened filesystem of head vs base: the same FileChanges shape as layer rows. */
  filesystem?: FileChanges;
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
