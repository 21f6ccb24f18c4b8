import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The clone's root directory (the one holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
