// Rebuilds dist/: one ESM bundle for the action (dist/index.js) and one for the CLI (dist/cli.js).
// Deterministic output so CI can diff the committed dist/ against a fresh build.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const versionSource = await readFile('src/version.ts', 'utf8');
if (!versionSource.includes(`'${pkg.version}'`)) {
  throw new Error(`src/version.ts does not say ${pkg.version} (package.json): update it`);
}

const banner = [
  // Bundled CommonJS dependencies call require(); ESM has none, so give them one.
  "import { createRequire as __layerdiffCreateRequire } from 'node:module';",
  'const require = __layerdiffCreateRequire(import.meta.url);',
].join('\n');

await rm('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
};
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' });
await build({
  ...common,
  entryPoints: { cli: 'src/cli-entry.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node\n' + banner },
});
await build({ ...common, entryPoints: { 'scan-worker': 'src/layers/scan-worker.ts' }, outdir: 'dist' });
await chmod('dist/cli.js', 0o755);
