// The esbuild options every layerdiff bundle shares: dist/ (scripts/build.mjs), the bench's scanner
// bundle and the tests that bundle the sources as dist/ does (worker threads beside the module).
// One ESM bundle for Node; bundled CommonJS dependencies call require(), which ESM lacks, so the
// banner gives them one.
export const requireBanner = [
  "import { createRequire as __layerdiffCreateRequire } from 'node:module';",
  'const require = __layerdiffCreateRequire(import.meta.url);',
].join('\n');

export const bundleOptions = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: Object.freeze({ js: requireBanner }),
});
