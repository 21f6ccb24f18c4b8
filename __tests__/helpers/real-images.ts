import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root.js';
import { prerequisite } from './skip-policy.js';

const dir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'real-images');

export const skipRealImagesReason = 'skipped: ../shared/fixtures/real-images is absent beside this clone';

/**
 * ../shared/fixtures/real-images beside the clone, or null where it is absent: locally its tests skip
 * saying why; under CI skip-policy.ts fails the run instead (see there).
 */
export const realImagesDir: string | null = prerequisite('real-images', existsSync(dir) ? null : skipRealImagesReason) === null ? dir : null;

export function realImage(name: string): string {
  if (realImagesDir === null) throw new Error(skipRealImagesReason);
  return path.join(realImagesDir, name);
}

export { repoRoot };
