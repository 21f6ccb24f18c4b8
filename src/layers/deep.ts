import type { Report } from '../report/model.js';
import type { ImageHandle } from '../sources/types.js';

export interface DeepOptions {
  onProgress?: ((message: string) => void) | undefined;
  /** How many files per layer the Markdown shows (JSON has all). */
  topFiles?: number;
  diveCompat?: boolean;
}

/**
 * Deep scan: file-level changes of changed/added layers, wasted space and hints. Mutates `report`
 * (rows' `files`, layers' `contentSize`/`files`, `report.deep`).
 */
export async function deepCompare(_base: ImageHandle | null, _head: ImageHandle, _report: Report, _options: DeepOptions): Promise<void> {
  throw new Error('deep scan not implemented yet');
}
