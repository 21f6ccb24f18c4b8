/**
 * What a hint says, built from its structured fields (id, bytes, paths, packages, count), for
 * Markdown and for plain text. The wording lives here, not in the hint: the paths and package
 * names come from the image and are escaped by the style that renders them, so no pre-formatted
 * message (which a report file could forge) ever reaches Markdown.
 */
import { formatBytes } from './format.js';
import { FIELD_MAX, mdCode, mdText, terminalText } from './escape.js';
import type { Hint, HintFinding } from '../core/report.js';

/** How each kind of piece is written. Fixed text is layerdiff's own and has no Markdown syntax. */
export interface HintStyle {
  /** A fixed command or path layerdiff quotes (`apt-get clean`). */
  code(fixed: string): string;
  /** A string from the image (a path, a package name). */
  foreign(value: unknown, max: number, middle: boolean): string;
  /** A hint's message of unknown shape (unknown id, missing fields: an older or foreign report). */
  freeText(value: unknown): string;
}

export const markdownHintStyle: HintStyle = {
  code: (fixed) => mdCode(fixed, { max: Infinity }),
  foreign: (value, max, middle) => mdCode(value, { max, middle }) || '``(empty)``',
  freeText: (value) => mdText(value),
};

/** Plain text: the JSON report's `message`, the terminal. Quotes with backticks, shows controls. */
export const plainHintStyle: HintStyle = {
  code: (fixed) => `\`${fixed}\``,
  foreign: (value, max, middle) => `\`${terminalText(value, max, middle)}\``,
  freeText: (value) => terminalText(value),
};

/** What each cache hint is about and how to fix it (fixed text; backticks mark commands). */
export const CACHE_HINTS: Readonly<Record<string, { what: string; fix: string }>> = {
  'apt-lists': { what: 'apt package lists', fix: 'add `&& rm -rf /var/lib/apt/lists/*` to the same RUN as `apt-get install`' },
  'apt-cache': { what: 'apt package cache', fix: 'run `apt-get clean` (or `rm -rf /var/cache/apt/*`) in the same RUN, or use a cache mount' },
  'apk-cache': { what: 'apk package cache', fix: 'use `apk add --no-cache`, or remove `/var/cache/apk/*` in the same RUN' },
  'pip-cache': { what: 'pip cache', fix: 'use `pip install --no-cache-dir`, or a cache mount' },
  'npm-cache': { what: 'npm cache', fix: 'run `npm cache clean --force` in the same RUN, or use a cache mount' },
  'yarn-cache': { what: 'yarn cache', fix: 'run `yarn cache clean` in the same RUN, or use a cache mount' },
  'go-cache': { what: 'Go build and module caches', fix: 'build in a separate stage, or use cache mounts for `/root/.cache/go-build` and `/go/pkg/mod`' },
  'home-cache': { what: 'files in `~/.cache`', fix: 'delete them in the same RUN that creates them, or use a cache mount' },
};

/** The other hints' fixed sentences, `{bytes}`-style holes filled by `hintText`. */
const FIXED = {
  gitDir: 'add `.git` to .dockerignore.',
  dockerignore: 'were copied in: add a .dockerignore (tests, logs, editor and env files).',
  multiStage: 'of compilers, SDKs and headers ship in the final image: use a multi-stage build and copy only the build output.',
  devDependencies: 'ship: install with `npm ci --omit=dev` in the final stage.',
  duplicate: 'unchanged in size from lower layers',
  duplicateFix: 'so both copies ship: set mode and owner where the files are created (`COPY --chmod/--chown`, or in the same RUN).',
  order: 'to push and pull again): order instructions from least to most often changed (install dependencies before copying the sources).',
  cacheTail: 'Deleting them in a later layer does not shrink the image.',
  reproducible:
    "Make the build reproducible: set `SOURCE_DATE_EPOCH` and export with BuildKit's `rewrite-timestamp=true` (`--output type=image,rewrite-timestamp=true`) so file times stop changing, and give files the same owner on every build (`COPY --chown=uid:gid`).",
} as const;

/** Every fixed sentence, for the test that checks they hold no Markdown syntax outside backticks. */
export const FIXED_HINT_TEXT: readonly string[] = [...Object.values(CACHE_HINTS).flatMap((h) => [h.what, h.fix]), ...Object.values(FIXED)];

/** The hint as one sentence in `style`. */
export function hintText(hint: HintFinding & { message?: unknown }, style: HintStyle): string {
  const fixed = (text: string) =>
    text
      .split('`')
      .map((part, i) => (i % 2 === 1 ? style.code(part) : part))
      .join('');
  const bytes = typeof hint.bytes === 'number' && Number.isFinite(hint.bytes) ? formatBytes(hint.bytes) : '?';
  const path = (i: number) => style.foreign(hint.paths?.[i], FIELD_MAX.path, true);
  const count = typeof hint.count === 'number' && Number.isSafeInteger(hint.count) && hint.count >= 0 ? hint.count : null;
  const hasPath = Array.isArray(hint.paths) && typeof hint.paths[0] === 'string';
  const cache = Object.hasOwn(CACHE_HINTS, hint.id) ? CACHE_HINTS[hint.id] : undefined;
  if (cache) return `${bytes} of ${fixed(cache.what)} left in this layer: ${fixed(cache.fix)}. ${fixed(FIXED.cacheTail)}`;
  switch (hint.id) {
    case 'git-dir':
      return `a .git directory (${bytes}) is in the image: ${fixed(FIXED.gitDir)}`;
    case 'multi-stage':
      return `${bytes} ${fixed(FIXED.multiStage)}`;
    case 'dockerignore':
      if (!hasPath) break;
      return `${hint.envFile === true ? `${path(0)} (an env file, maybe secrets) and other local files` : `local files such as ${path(0)}`} (${bytes}) ${fixed(FIXED.dockerignore)}`;
    case 'dev-dependencies': {
      if (!Array.isArray(hint.packages)) break;
      const names = hint.packages.slice(0, 4).map((name) => style.foreign(name, FIELD_MAX.identifier, false));
      return `${bytes} of development-only node modules (${names.join(', ')}) ${fixed(FIXED.devDependencies)}`;
    }
    case 'duplicate-file':
      if (!hasPath || count === null) break;
      return `re-adds ${count} ${count === 1 ? 'file' : 'files'} ${FIXED.duplicate} (e.g. ${path(0)}), ${fixed(FIXED.duplicateFix)}`;
    case 'reproducible-build':
      if (count === null) break;
      return `${count} ${count === 1 ? 'layer was' : 'layers were'} rebuilt with identical content: only metadata such as file times or owners changed, so every push and pull moves ${count === 1 ? 'it' : 'them'} again. ${fixed(FIXED.reproducible)}`;
    case 'order':
      if (count === null) break;
      return `this layer changed and all ${count} layers after it were rebuilt (${bytes} ${fixed(FIXED.order)}`;
  }
  // An id this version does not know, or a hint without its fields: say what it is, inertly.
  return `${style.foreign(hint.id, FIELD_MAX.identifier, false)}: ${style.freeText(hint.message)}`;
}

/** The hints with their plain-text `message` (the JSON report's), worded from their fields. */
export function withHintMessages(hints: readonly HintFinding[]): Hint[] {
  return hints.map((hint) => ({ ...hint, message: hintText(hint, plainHintStyle) }));
}
