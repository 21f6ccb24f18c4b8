/**
 * The layering of ARCHITECTURE.md, checked in CI (`npm run lint:deps`): dependencies point one way,
 * shells -> engine -> stages -> domain core, and the core imports nothing.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: split the shared part out (usually into src/core).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing',
      severity: 'error',
      comment: 'src/core is the domain model every stage shares: it imports no stage, no shell and no Node I/O.',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'pure-stages-do-no-io',
      severity: 'error',
      comment: 'Image resolution, diff, budgets and rendering are pure: they never reach a source, the GitHub client or a shell.',
      from: { path: '^src/(image|diff|budgets|report)/' },
      to: { path: '^src/(sources|github|layers|engine|cli|cli-entry|main|index|inputs)(/|\\.ts$)' },
    },
    {
      name: 'stages-do-not-render',
      severity: 'error',
      comment: 'Stages return data; only the shells and src/report word it.',
      from: { path: '^src/(image|diff|budgets|layers|sources|tar)/' },
      to: { path: '^src/report/(?!escape\\.ts$)' },
    },
    {
      name: 'scans-do-not-open-sources',
      severity: 'error',
      comment: "Layer scanning and tar reading take streams; where the bytes come from is the sources' business.",
      from: { path: '^src/(layers|tar)/' },
      to: { path: '^src/(sources|github|engine|cli|main|inputs)(/|\\.ts$)' },
    },
    {
      name: 'tar-reader-stands-alone',
      severity: 'error',
      comment: 'src/tar is the one tar reader: it imports only itself and Node built-ins.',
      from: { path: '^src/tar/' },
      to: { pathNot: '^src/tar/|^node:|^(fs|path|stream|zlib|crypto|buffer|events|util)$' },
    },
    {
      name: 'one-tar-reader',
      severity: 'error',
      comment: 'node-tar stays an oracle for tests and scripts; src reads tar only through src/tar.',
      from: { path: '^src/' },
      to: { path: '^node_modules/tar/' },
    },
    {
      name: 'sources-are-not-shells',
      severity: 'error',
      comment: 'Sources answer for bytes; they never call the engine, the GitHub client or a shell.',
      from: { path: '^src/sources/' },
      to: { path: '^src/(github|engine|cli|cli-entry|main|index|inputs)(/|\\.ts$)' },
    },
    {
      name: 'shells-are-leaves',
      severity: 'error',
      comment: 'Only the entry points import a shell.',
      from: { pathNot: '^src/(index|cli-entry)\\.ts$' },
      to: { path: '^src/(cli|main)\\.ts$' },
    },
    {
      name: 'no-tests-from-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(__tests__|__fixtures__|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
