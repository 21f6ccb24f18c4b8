// ESLint flat config: @eslint/js recommended everywhere, typescript-eslint's type-checked rules on
// the TypeScript (they catch the floating promises and misused async callbacks that break "every
// await must settle"), and eslint-config-prettier last so formatting is Prettier's job alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// The Node globals the plain-JS scripts use; TypeScript files get theirs from @types/node.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'performance',
    'fetch',
    'global',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '__tests__/fixtures/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async functions with no await are deliberate here: they implement Promise-returning
      // interfaces (stores, fakes), and being async turns a synchronous throw into a rejection the
      // caller's await/catch sees instead of an exception escaping the promise chain.
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a binding kept on purpose: properties dropped by a rest destructuring, the
      // chunks of a stream drained with for-await.
      // Re-rejecting what a catch caught (typed unknown) passes the original error on unchanged,
      // as `throw error` in a catch does; rejecting with a non-Error literal is still refused.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read the CLI's and the action's JSON output back with JSON.parse (typed any) and probe
    // its shape; the schema tests, not the type checker, are what holds that shape.
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
