/**
 * Hostile strings, and reports that carry them in every foreign field: what a fork can put in a
 * file name, a Dockerfile instruction, an image reference, or a whole report file it uploads.
 */
import { worstVerdict } from '../../src/budgets/evaluate.js';
import { evaluateBudgets } from '../../src/engine.js';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import type { DeepReport, FileChanges, PackageChanges, Report } from '../../src/core/report.js';
import { report, typicalBase, typicalHead } from './report-fixtures.js';

export const HOSTILE_STRINGS: readonly string[] = [
  // The directory name from the issue: mentions, a reference, a tracking image, a forged marker, an early </details>.
  'x` @someuser cc @org/team fixes #1234 <img src=x onerror=alert(1)> <!-- layerdiff:default --> </details>',
  '`',
  'a`b``c```d````',
  '@user',
  '@org/team',
  'fixes #1234',
  'GH-42 and JIRA-7',
  'acme/app#7 owner/repo@0123456789abcdef',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script><iframe src=//evil>',
  '<!-- layerdiff:default -->',
  'k--!><img src=x onerror=alert(1)>',
  '--> <b>bold</b>',
  '</details>',
  '</summary></details><details open>',
  'a | b | c',
  'p\\|q\\',
  'javascript:alert(1)',
  '[x](javascript:alert(1))',
  '![x](http://tracker.example/p.png)',
  'www.evil.com',
  'https://evil.example/path?q=1',
  'mailto:a@b.com a@b.com',
  '**bold** _em_ ~~strike~~ $x^2$',
  '&amp; &#64;user &lt;b&gt;',
  '\u202Eexe.txt',
  'a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf',
  '\u2066isolate\u2069 \u200E\u200F\u061C',
  'nul\u0000byte',
  '\u001b[31mred\u001b[0m \u001b]8;;http://evil\u0007link\u001b]8;;\u0007',
  '\r\n::error::pwned',
  '\n::add-mask::secret\n::stop-commands::tok\n##[error]legacy',
  '\n\n# heading\n\n- list item\n\n---',
  '\n| x | y |\n|---|---|\n| 1 | 2 |',
  '0123456789abcdef0123456789abcdef01234567',
  'x'.repeat(10_000),
  '@a #1 '.repeat(2000),
  '',
  ' ',
];

/** Keys whose value is one of a few fixed words in a sound report (kept in the "structured" variant). */
const ENUM_KEYS = new Set(['schema', 'status', 'change', 'verdict', 'id']);

export type Variant = 'strings' | 'enums' | 'numbers';

/**
 * `base` with every string replaced by `value`: `strings` spares the fixed words (status, change,
 * verdict, schema, hint id) so every renderer path runs; `enums` replaces those too (a forged report
 * file); `numbers` also puts `value` where numbers belong (a report that skipped validation).
 */
export function poison<T>(base: T, value: string, variant: Variant): T {
  const walk = (node: unknown, key: string | null): unknown => {
    if (typeof node === 'string') return variant === 'strings' && key !== null && ENUM_KEYS.has(key) ? node : value;
    if (typeof node === 'number') return variant === 'numbers' ? value : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    return node;
  };
  return walk(structuredClone(base), null) as T;
}

/** A deep report with every field a renderer shows: file changes, waste, every kind of hint, budgets. */
export function richReport(): Report {
  const rules = parseBudgetLines('max-growth: 5%\nwarn-size: 100MB\nmin-cache-hit: 20%\nmax-wasted: 1MB', 'b');
  const r = report(typicalBase, typicalHead, rules);
  const files: FileChanges = {
    added: 2,
    removed: 1,
    grown: 1,
    shrunk: 0,
    modified: 1,
    changes: [
      { path: '/usr/lib/libMagick.so', change: 'added', baseSize: null, headSize: 4_200_000, delta: 4_200_000 },
      { path: '/var/lib/apt/lists/x_Packages', change: 'grown', baseSize: 8_000_000, headSize: 9_000_000, delta: 1_000_000 },
      { path: '/etc/motd', change: 'modified', baseSize: 10, headSize: 10, delta: 0 },
      { path: '/usr/share/doc/old', change: 'removed', baseSize: 1200, headSize: null, delta: -1200 },
      { path: '/usr/share/new', change: 'added', baseSize: null, headSize: 100, delta: 100 },
    ],
  };
  const packages: PackageChanges = {
    changes: [
      { manager: 'dpkg', name: 'gcc-12', change: 'added', baseVersion: null, headVersion: '12.2.0-14', arch: 'amd64', bytes: 64_000_000, delta: 64_000_000 },
      { manager: 'dpkg', name: 'libc6', change: 'upgraded', baseVersion: '2.36-9', headVersion: '2.36-9+deb12u4', bytes: 13_000_000, delta: 20_000 },
      {
        manager: 'npm',
        name: '@types/node',
        change: 'downgraded',
        baseVersion: '20.1.0',
        headVersion: '18.0.0',
        dir: 'app/node_modules/@types/node',
        bytes: 3_000_000,
        delta: -100_000,
      },
      { manager: 'python', name: 'six', change: 'changed', baseVersion: 'x', headVersion: 'y', dir: 'usr/lib/python3/dist-packages', bytes: 0, delta: 0 },
      { manager: 'apk', name: 'musl', change: 'removed', baseVersion: '1.1.22-r3', headVersion: null, bytes: 0, delta: -580_000 },
    ],
    omitted: 3,
    unchangedBytes: 1000,
    unchangedDelta: 0,
    otherBytes: 5_000_000,
    otherDelta: 1_200_000,
  };
  // --estimate-pull figures ride along (pull-text.ts renders them): numbers only, poisoned like the rest.
  // A changed row rebuilt with identical content (issue 11.2): its `differs` words are foreign too.
  const layers = r.layers.map((row) =>
    row.head?.index === 2
      ? { ...row, files, packages, pullSizeEstimate: 1_234_567 }
      : row.status === 'changed' && row.head
        ? {
            ...row,
            identicalContent: { reusableBytes: row.head.size, reusableCompressedBytes: row.head.compressedSize, differs: ['owner' as const, 'order' as const] },
          }
        : row,
  );
  const createdBy = typicalHead.layers[2]?.createdBy ?? null;
  const deep: DeepReport = {
    waste: {
      wastedBytes: 12_500_000,
      efficiency: 0.96,
      paths: [
        { path: '/var/lib/apt/lists/x_Packages', wastedBytes: 9_000_000, layers: [2] },
        { path: '/app/node_modules/.cache', wastedBytes: 3_500_000, layers: [5, 7] },
      ],
    },
    dive: { efficiency: 0.95, wastedBytes: 12_000_000, userWastedPercent: 0.04, sizeBytes: 300_000_000 },
    identicalContent: { layers: 1, reusableBytes: 12_500, reusableCompressedBytes: 4167 },
    hints: [
      { id: 'apt-lists', layerIndex: 2, createdBy, bytes: 9_000_000, message: 'apt lists' },
      { id: 'dockerignore', layerIndex: 7, createdBy: 'COPY . . # buildkit', bytes: 3_500_000, paths: ['/app/.env'], envFile: true, message: 'env file' },
      { id: 'dockerignore', layerIndex: 6, createdBy: 'COPY . . # buildkit', bytes: 3_000_000, paths: ['/app/tests/x'], message: 'tests' },
      { id: 'dev-dependencies', layerIndex: 5, createdBy: null, bytes: 2_000_000, packages: ['typescript', '@types/node'], message: 'dev deps' },
      { id: 'duplicate-file', layerIndex: 4, createdBy: 'RUN chmod 600 /srv/data.bin', bytes: 2_000_000, paths: ['/srv/data.bin'], count: 2, message: 'dup' },
      { id: 'order', layerIndex: 3, createdBy: 'COPY . .', bytes: 1_500_000, count: 4, message: 'order' },
      { id: 'git-dir', layerIndex: 1, createdBy: null, bytes: 10_000, message: 'git' },
      { id: 'reproducible-build', layerIndex: 4, createdBy: 'COPY package.json ./', bytes: 12_500, count: 1, message: 'reproducible' },
      { id: 'some-future-hint', layerIndex: null, createdBy: null, bytes: 1_000_000, message: 'a hint this version does not know' },
    ],
  };
  // The base branch's size history (the trend chart): commits and dates are foreign strings too.
  const history = ['1', '2', '3'].map((n, k) => ({
    commit: n.repeat(40),
    date: `2026-11-0${n}T10:00:00.000Z`,
    size: 250_000_000 + k * 1_000_000,
    compressedSize: null,
    layers: 7,
  }));
  const withDeep = {
    ...r,
    base: r.base && { ...r.base, history },
    layers,
    deep,
    pullEstimate: { compression: 'gzip' as const, level: 6, layers: 2, estimatedLayers: 1, bytes: 3_000_000, uncompressedBytes: 9_000_000 },
  };
  const budgets = evaluateBudgets(rules, withDeep);
  return { ...withDeep, budgets, verdict: worstVerdict(budgets) };
}
