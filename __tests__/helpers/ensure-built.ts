/**
 * dist/ is what users and the runner run, and what the CLI, e2e and fuzz tests spawn: rebuilt once when
 * it is missing or older than a source file or the lock file (CI builds it before the tests).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root.js';

/** The action's bundle; scripts/build.mjs writes it together with dist/cli.js and dist/scan-worker.js. */
export const DIST = path.join(repoRoot, 'dist', 'index.js');

/** Rebuilds dist/ when it is missing or older than a source file (CI builds it before the tests). */
export function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  if (existsSync(DIST) && statSync(DIST).mtimeMs >= Math.max(newest(path.join(repoRoot, 'src')), statSync(path.join(repoRoot, 'package-lock.json')).mtimeMs))
    return;
  const build = [process.execPath, path.join(repoRoot, 'scripts', 'build.mjs')];
  // The build empties dist/ first: serialise with any other test file that builds.
  let hasFlock = true;
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
  } catch {
    hasFlock = false;
  }
  if (hasFlock) execFileSync('flock', ['/tmp/layerdiff-build.lock', ...build], { cwd: repoRoot, stdio: 'inherit' });
  else execFileSync(build[0] as string, build.slice(1), { cwd: repoRoot, stdio: 'inherit' });
}
