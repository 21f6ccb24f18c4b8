import type { Snapshot } from '../image/snapshot.js';
import type { Report } from '../report/model.js';

/** Matches layers by diff_id, aligns the rest by history; rows, totals and cache-hit figures. */
export function diffSnapshots(_base: Snapshot | null, _head: Snapshot): Pick<Report, 'layers' | 'totals' | 'cacheHit'> {
  throw new Error('not implemented');
}
