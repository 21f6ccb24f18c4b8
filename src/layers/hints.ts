/**
 * Hints: the image-layout advice every Docker guide gives, each tied to the layer (and so the
 * instruction) that caused it and the bytes at stake. Pure: works on layer indexes, the flattened
 * head and the layer rows. Thresholds are set so a clean image (a distro base plus an app) gets none.
 * A hint carries data (bytes, example paths, package names, counts), not Markdown: the wording is
 * src/report/hint-text.ts, which escapes the paths for the sink that shows them.
 */
import type { HintFinding, LayerRow } from '../core/report.js';
import { EntryKind, type LayerIndex } from './layer-index.js';
import type { Flattened } from './flatten.js';

export const HINT_THRESHOLDS = {
  /** Package-manager cache bytes one layer must ship. */
  cacheBytes: 1024 * 1024,
  /** Compiler / SDK bytes visible in the final image. */
  toolchainBytes: 16 * 1024 * 1024,
  /** `.git` bytes one layer must ship. */
  gitBytes: 8 * 1024,
  /** Dev-only node modules visible in the final image. */
  devDependencyBytes: 1024 * 1024,
  /** Local junk (tests, logs, editor files) one COPY/ADD layer must ship. */
  localFilesBytes: 64 * 1024,
  /** Bytes one layer re-adds unchanged from lower layers. */
  duplicateBytes: 1024 * 1024,
  /** Rebuilt layers after the first invalidated one, and their bytes. */
  orderFollowingLayers: 3,
  orderBytes: 1024 * 1024,
} as const;

interface CacheRule {
  /** One of hint-text's CACHE_HINTS, which says what it is and how to fix it. */
  id: string;
  match: RegExp;
}

// Matched against paths without the leading slash.
const CACHE_RULES: CacheRule[] = [
  { id: 'apt-lists', match: /^var\/lib\/apt\/lists\/(?!lock$)/ },
  { id: 'apt-cache', match: /^var\/cache\/apt\// },
  { id: 'apk-cache', match: /^(var\/cache\/apk|etc\/apk\/cache)\// },
  { id: 'pip-cache', match: /^(root|home\/[^/]+)\/\.cache\/pip\// },
  { id: 'npm-cache', match: /^(root|home\/[^/]+)\/\.npm\// },
  { id: 'yarn-cache', match: /^((root|home\/[^/]+)\/\.cache\/yarn|usr\/local\/share\/\.cache\/yarn|(root|home\/[^/]+)\/\.yarn\/berry\/cache)\// },
  { id: 'go-cache', match: /^((root|home\/[^/]+)\/\.cache\/go-build|(go|root\/go|home\/[^/]+\/go)\/pkg\/mod)\// },
  { id: 'home-cache', match: /^(root|home\/[^/]+)\/\.cache\// },
];

const TOOLCHAIN =
  /^(usr\/(local\/)?bin\/(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|rustc|cargo|go)(-[\d.]+)?$|usr\/(lib|libexec)\/gcc\/|usr\/(local\/)?include\/|usr\/local\/go\/|usr\/lib\/go(-[\d.]+)?\/|usr\/local\/(cargo|rustup)\/|root\/\.(cargo|rustup)\/)/;

const GIT_DIR = /(^|\/)\.git(\/|$)/;

const DEV_PACKAGES = new Set([
  'typescript',
  'eslint',
  'prettier',
  'jest',
  'vitest',
  'mocha',
  'webpack',
  'rollup',
  'esbuild',
  'vite',
  'ts-node',
  'nodemon',
  '@babel/core',
  '@types',
  '@typescript-eslint',
  'jest-cli',
  'karma',
  'cypress',
  'playwright',
  '@playwright',
  'puppeteer',
  'nyc',
  'c8',
  'husky',
  'lint-staged',
]);
const NODE_MODULE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;

const LOCAL_JUNK =
  /(^|\/)(test|tests|__tests__|spec|specs|testdata|fixtures|coverage|\.idea|\.vscode|\.github|\.pytest_cache|__pycache__)\/|(^|\/)(\.env(\.[\w.-]+)?|\.DS_Store|npm-debug\.log|yarn-error\.log|[^/]+\.log|docker-compose\.ya?ml|Dockerfile)$/;
const SYSTEM_TREES = /^(usr\/(lib|lib64|share|include|local\/lib)|lib|lib64|etc|var\/lib)\//;
const ENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$/;
const COPY_INSTRUCTION = /(^|\s|\(nop\)\s+)(COPY|ADD)\b/i;

export interface HintInput {
  layers: readonly LayerIndex[];
  createdBy: readonly (string | null)[];
  /** Uncompressed tar bytes per head layer. */
  layerSizes: readonly number[];
  flat: Flattened;
  /** The diff's rows, when there is a base. */
  rows: readonly LayerRow[] | null;
  /** Head layers rebuilt with identical content (src/layers/identical-content.ts) and their bytes. */
  rebuilt?: ReadonlyArray<{ layerIndex: number; bytes: number }>;
}

export function computeHints(input: HintInput): HintFinding[] {
  const hints: HintFinding[] = [];
  const hint = (id: string, layerIndex: number | null, bytes: number, data: Pick<HintFinding, 'paths' | 'envFile' | 'packages' | 'count'> = {}): void => {
    hints.push({ id, layerIndex, createdBy: layerIndex === null ? null : (input.createdBy[layerIndex] ?? null), bytes, ...data });
  };

  // Shipped per layer: caches, .git, local junk in COPY layers.
  input.layers.forEach((layer, li) => {
    const cacheBytes = new Map<CacheRule, number>();
    let gitBytes = 0;
    let junkBytes = 0;
    let junkExample: string | null = null;
    let envFile: string | null = null;
    const copyLayer = COPY_INSTRUCTION.test(input.createdBy[li] ?? '');
    for (let i = 0; i < layer.count; i++) {
      if (layer.kinds[i] !== EntryKind.file) continue;
      const p = layer.paths[i]!;
      const size = layer.sizes[i]!;
      const rule = CACHE_RULES.find((r) => r.match.test(p));
      if (rule) cacheBytes.set(rule, (cacheBytes.get(rule) ?? 0) + size);
      if (GIT_DIR.test(p)) {
        gitBytes += size;
        continue;
      }
      if (copyLayer && !p.includes('node_modules/') && !SYSTEM_TREES.test(p) && LOCAL_JUNK.test(p)) {
        junkBytes += size;
        junkExample ??= p;
        if (ENV_FILE.test(p)) envFile ??= p;
      }
    }
    for (const [rule, bytes] of cacheBytes) {
      if (bytes >= HINT_THRESHOLDS.cacheBytes) hint(rule.id, li, bytes);
    }
    if (gitBytes >= HINT_THRESHOLDS.gitBytes) hint('git-dir', li, gitBytes);
    if (envFile || junkBytes >= HINT_THRESHOLDS.localFilesBytes) {
      hint('dockerignore', li, junkBytes, envFile ? { paths: [`/${envFile}`], envFile: true } : { paths: [`/${junkExample}`] });
    }
  });

  // Visible in the final image: toolchains, dev dependencies.
  const toolchainByLayer = new Map<number, number>();
  const devByLayer = new Map<number, number>();
  const devNames = new Set<string>();
  for (const [p, ref] of input.flat.visible) {
    const layer = input.layers[ref.layer]!;
    if (layer.kinds[ref.entry] !== EntryKind.file) continue;
    const size = layer.sizes[ref.entry]!;
    if (TOOLCHAIN.test(p)) toolchainByLayer.set(ref.layer, (toolchainByLayer.get(ref.layer) ?? 0) + size);
    const m = NODE_MODULE.exec(p);
    if (m) {
      const name = m[1]!;
      const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : null;
      if (DEV_PACKAGES.has(name) || (scope !== null && DEV_PACKAGES.has(scope))) {
        devByLayer.set(ref.layer, (devByLayer.get(ref.layer) ?? 0) + size);
        devNames.add(name);
      }
    }
  }
  const toolchainBytes = sum(toolchainByLayer);
  if (toolchainBytes >= HINT_THRESHOLDS.toolchainBytes) {
    hint('multi-stage', topLayer(toolchainByLayer), toolchainBytes);
  }
  const devBytes = sum(devByLayer);
  if (devBytes >= HINT_THRESHOLDS.devDependencyBytes) {
    hint('dev-dependencies', topLayer(devByLayer), devBytes, { packages: [...devNames].sort().slice(0, 4) });
  }

  // Files re-added unchanged by a later layer (chmod/chown/touch in their own RUN, the same COPY twice).
  const duplicates = new Map<number, { bytes: number; files: number; example: string }>();
  for (const h of input.flat.hidden) {
    if (h.how !== 'overwritten' || h.sameContent !== true || h.byLayer === h.layer) continue;
    const d = duplicates.get(h.byLayer) ?? { bytes: 0, files: 0, example: '/' + h.at };
    d.bytes += h.bytes;
    d.files += 1;
    duplicates.set(h.byLayer, d);
  }
  for (const [li, d] of duplicates) {
    if (d.bytes >= HINT_THRESHOLDS.duplicateBytes) {
      hint('duplicate-file', li, d.bytes, { paths: [d.example], count: d.files });
    }
  }

  // One hint for the whole build, tied to the lowest layer rebuilt with identical content: the fix
  // (a reproducible build) is one change to how the image is built, not one per layer.
  const rebuilt = input.rebuilt ?? [];
  if (rebuilt.length > 0) {
    const first = rebuilt.reduce((low, r) => (r.layerIndex < low ? r.layerIndex : low), rebuilt[0]!.layerIndex);
    hint(
      'reproducible-build',
      first,
      rebuilt.reduce((s, r) => s + r.bytes, 0),
      { count: rebuilt.length },
    );
  }

  const order = orderHint(input.rows);
  if (order) hint('order', order.layerIndex, order.bytes, { count: order.rebuiltLayers });
  hints.sort((a, b) => b.bytes - a.bytes);
  return hints;
}

/**
 * An early layer changed and every layer after it was rebuilt too, while layers below it were
 * reused: the instruction that changes most often sits too low.
 */
function orderHint(rows: readonly LayerRow[] | null): { layerIndex: number; bytes: number; rebuiltLayers: number } | null {
  if (!rows) return null;
  const head = rows.filter((r) => r.head !== null);
  const first = head.findIndex((r) => r.status === 'changed');
  if (first <= 0) return null;
  if (!head.slice(0, first).some((r) => r.status === 'unchanged')) return null;
  const after = head.slice(first + 1);
  if (after.length < HINT_THRESHOLDS.orderFollowingLayers || after.some((r) => r.status === 'unchanged')) return null;
  const bytes = after.reduce((s, r) => s + r.head!.size, 0);
  if (bytes < HINT_THRESHOLDS.orderBytes) return null;
  return { layerIndex: head[first]!.head!.index, bytes, rebuiltLayers: after.length };
}

function sum(m: Map<number, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function topLayer(m: Map<number, number>): number {
  let best = -1;
  let bestBytes = -1;
  for (const [k, v] of m) if (v > bestBytes) [best, bestBytes] = [k, v];
  return best;
}
