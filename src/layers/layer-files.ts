/**
 * What a scanned layer writes, as the diff's pairing evidence: its non-directory paths. Directories
 * are left out because every layer re-creates `usr`, `usr/bin` ...: sharing them says nothing.
 */
import { EntryKind, type LayerIndex } from './layer-index.js';

/** For `diffSnapshots`' `layerFiles`: the file paths of a layer by its diff_id, built once per layer on demand. */
export function layerFilesOf(indexes: ReadonlyMap<string, LayerIndex>): (layer: { diffId: string }) => ReadonlySet<string> | undefined {
  const built = new Map<string, ReadonlySet<string>>();
  return (layer) => {
    const known = built.get(layer.diffId);
    if (known) return known;
    const index = indexes.get(layer.diffId);
    if (!index) return undefined;
    const paths = new Set<string>();
    for (let k = 0; k < index.count; k++) if (index.kinds[k] !== EntryKind.dir) paths.add(index.paths[k] as string);
    built.set(layer.diffId, paths);
    return paths;
  };
}
