// Rebuilds dist/: one ESM bundle for the action (dist/index.js) and one for the CLI (dist/cli.js).
// Deterministic output so CI can diff the committed dist/ against a fresh build.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import { bundleOptions, requireBanner } from './bundle-options.mjs';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const versionSource = await readFile('src/version.ts', 'utf8');
if (!versionSource.includes(`'${pkg.version}'`)) {
  throw new Error(`src/version.ts does not say ${pkg.version} (package.json): update it`);
}

await rm('dist', { recursive: true, force: true });
const common = { ...bundleOptions, legalComments: 'none' };
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' });
await build({
  ...common,
  entryPoints: { cli: 'src/cli-entry.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node\n' + requireBanner },
});
await build({ ...common, entryPoints: { 'scan-worker': 'src/layers/scan-worker.ts' }, outdir: 'dist' });
await chmod('dist/cli.js', 0o755);
