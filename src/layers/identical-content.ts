/**
 * Did a rebuilt layer change at all? A `changed` row pairs two layers with different diff_ids, but
 * a build that is not reproducible writes new diff_ids for the same files: every RUN and every COPY
 * that creates a directory stamps fresh mtimes, a builder may write headers in another order, a
 * `--chown` may name another uid. This compares what the files ARE (path, kind, permission bits,
 * link target, content size and the scan's CRC-32 of the content) and reports which metadata that
 * the index keeps differs (`owner`, `order`). Modification times are not in the index (the tar
 * reader does not keep them), so "identical content" with nothing listed means only fields the
 * index does not keep differ (mtimes, in practice; uname/gname or extended attributes otherwise).
 *
 * Pure and order-independent: each side's entries are put in path order through one Uint32Array
 * permutation (4 bytes an entry), so memory is bounded by the indexes themselves.
 */
import { EntryKind, type LayerIndex } from './layer-index.js';

/** Metadata that may differ between two layers of identical content, as the index can tell. */
export type MetadataDifference = 'owner' | 'order';

export type ContentComparison =
  | { identical: true; differs: MetadataDifference[] }
  /** `unknown`: a side was not fingerprinted (no CRC-32 per file), so equal sizes prove nothing. */
  | { identical: false; reason: 'entries' | 'path' | 'kind' | 'mode' | 'size' | 'link' | 'content' | 'unknown' };

/** Compares two layers' content, ignoring owners, header order and mtimes. */
export function compareLayerContent(base: LayerIndex, head: LayerIndex): ContentComparison {
  if (base.count !== head.count) return { identical: false, reason: 'entries' };
  if (base.contentBytes !== head.contentBytes) return { identical: false, reason: 'size' };
  if (!base.crcs || !head.crcs) return { identical: false, reason: 'unknown' };
  let order = false;
  for (let i = 0; i < base.count; i++) {
    if (base.paths[i] !== head.paths[i]) {
      order = true;
      break;
    }
  }
  // Same order (the common case): compare position by position, no sort needed.
  const baseOrder = order ? pathOrder(base) : null;
  const headOrder = order ? pathOrder(head) : null;
  let owner = false;
  for (let k = 0; k < base.count; k++) {
    const b = baseOrder ? baseOrder[k]! : k;
    const h = headOrder ? headOrder[k]! : k;
    if (base.paths[b] !== head.paths[h]) return { identical: false, reason: 'path' };
    const kind = base.kinds[b];
    if (kind !== head.kinds[h]) return { identical: false, reason: 'kind' };
    if (base.modes[b] !== head.modes[h]) return { identical: false, reason: 'mode' };
    if (base.sizes[b] !== head.sizes[h]) return { identical: false, reason: 'size' };
    if (base.links.get(b) !== head.links.get(h)) return { identical: false, reason: 'link' };
    if (kind === EntryKind.file && base.crcs[b] !== head.crcs[h]) return { identical: false, reason: 'content' };
    if (base.uids[b] !== head.uids[h] || base.gids[b] !== head.gids[h]) owner = true;
  }
  const differs: MetadataDifference[] = [];
  if (owner) differs.push('owner');
  if (order) differs.push('order');
  return { identical: true, differs };
}

/**
 * Entry positions sorted by path, then by position: a path written twice keeps its two entries in
 * archive order (the later one wins on extraction), so duplicates compare as the tar means them.
 */
function pathOrder(index: LayerIndex): Uint32Array {
  const order = new Uint32Array(index.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const paths = index.paths;
  return order.sort((a, b) => {
    const pa = paths[a]!;
    const pb = paths[b]!;
    return pa < pb ? -1 : pa > pb ? 1 : a - b;
  });
}
