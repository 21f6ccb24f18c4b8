import type { Snapshot } from '../image/snapshot.js';
import type { Report } from './model.js';

export function renderText(_report: Report): string {
  throw new Error('not implemented');
}

/** `inspect`: one image's layers, like docker history. */
export function renderSnapshotText(_snapshot: Snapshot): string {
  throw new Error('not implemented');
}
