import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'real-images');

/** ../shared/fixtures/real-images beside the clone, or null where it is absent (tests skip). */
export const realImagesDir: string | null = existsSync(dir) ? dir : null;

export const skipRealImagesReason = 'skipped: ../shared/fixtures/real-images is absent beside this clone';

if (realImagesDir === null) console.warn(skipRealImagesReason);

export function realImage(name: string): string {
  if (realImagesDir === null) throw new Error(skipRealImagesReason);
  return path.join(realImagesDir, name);
}

export { repoRoot };
