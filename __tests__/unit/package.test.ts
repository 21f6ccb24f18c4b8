/**
 * The published package: dist/, action.yml, schemas/, README and LICENSE, no runtime dependencies,
 * and bundles that import nothing but Node built-ins (checked on a fresh in-memory esbuild of the
 * three entry points, so a new import of a package that esbuild cannot bundle fails here, not on a
 * user's machine after `npm install -g layerdiff`).
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo-root.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  license: string;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  repository?: { url?: string };
};

describe('package.json', () => {
  it('ships dist/, action.yml, schemas/, README and LICENSE, with no runtime dependencies', () => {
    expect(pkg.files.sort()).toEqual(['LICENSE', 'README.md', 'action.yml', 'dist', 'schemas']);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ layerdiff: 'dist/cli.js' });
    // npm publish --provenance checks this against the repository the workflow runs in.
    expect(pkg.repository?.url).toMatch(/github\.com\/layerdiff\/layerdiff/);
  });

  it('needs Node 22.15 (zstd), and the README says so', () => {
    expect(pkg.engines.node).toBe('>=22.15');
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toMatch(/CLI\s+needs Node\.js 22\.15 or newer/);
  });

  it('has an MIT LICENSE file naming the layerdiff contributors', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} layerdiff contributors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});

describe('the bundles', () => {
  it.for([
    ['action', 'src/index.ts'],
    ['CLI', 'src/cli-entry.ts'],
    ['scan worker', 'src/layers/scan-worker.ts'],
  ])('the %s bundle (%s) imports only Node built-ins', async ([, entry]) => {
    const result = await build({
      absWorkingDir: repoRoot,
      entryPoints: [entry as string],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outdir: 'out',
    });
    const external = Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((imp) => imp.external)
      .map((imp) => imp.path);
    expect(external.length).toBeGreaterThan(0);
    expect([...new Set(external.filter((p) => !isBuiltin(p)))]).toEqual([]);
  });
});
