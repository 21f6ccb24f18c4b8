/**
 * What a layer's history entry (`created_by`) says, reduced to what two builds of the same
 * Dockerfile have in common, so that alignment can compare instructions across builds.
 */

const NOP_PREFIX = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL_PREFIX = /^\/bin\/(?:ba)?sh -c\s+/;
// BuildKit records build args of RUN as `|2 FOO=bar BAZ=qux /bin/sh -c ...`.
const BUILDKIT_ARGS_PREFIX = /^(?:RUN\s+)?\|(\d+)\s+/;
const RUN_SHELL_PREFIX = /^RUN \/bin\/(?:ba)?sh -c\s+/;
const BUILDKIT_SUFFIX = /\s*# buildkit\s*$/;
// Classic builder: `COPY file:4f3e...aa in /app`; content hashes change with every edit of the file.
const CONTENT_HASH = /\b(file|dir|multi):[0-9a-f]{16,}\b/g;
const KEYWORD = /^([A-Z]+)\b/;

/** Normalised `created_by`: the instruction as a reader would recognise it, stable across rebuilds. */
export function normaliseCreatedBy(createdBy: string | null): string | null {
  if (createdBy === null) return null;
  let text = createdBy.replace(/\s+/g, ' ').trim();
  text = text.replace(BUILDKIT_SUFFIX, '');
  const args = BUILDKIT_ARGS_PREFIX.exec(text);
  if (args) {
    const command = stripBuildArgs(text.slice(args[0].length), Number(args[1]));
    text = SHELL_PREFIX.test(command) ? command : `RUN ${command}`;
  }
  if (NOP_PREFIX.test(text)) text = text.replace(NOP_PREFIX, '');
  else if (SHELL_PREFIX.test(text)) text = 'RUN ' + text.replace(SHELL_PREFIX, '');
  else if (RUN_SHELL_PREFIX.test(text)) text = 'RUN ' + text.replace(RUN_SHELL_PREFIX, '');
  text = text.replace(CONTENT_HASH, '$1:…');
  return text.trim();
}

function stripBuildArgs(text: string, count: number): string {
  let rest = text;
  for (let i = 0; i < count; i++) {
    // An arg value has no spaces unless quoted; BuildKit does not quote, so split on the first space.
    const space = rest.indexOf(' ');
    if (space < 0) return rest;
    rest = rest.slice(space + 1);
  }
  return rest;
}

/** `RUN`, `COPY`, `ADD` ... of a normalised instruction; null when there is none. */
export function instructionKeyword(normalised: string | null): string | null {
  if (normalised === null) return null;
  return KEYWORD.exec(normalised)?.[1] ?? null;
}

// Shell punctuation says nothing about which step a layer is: `&&` joins every apt-get line.
const SHELL_PUNCTUATION = new Set(['&&', '||', ';', '|', '\\', '&', '(', ')', '{', '}']);
// Enough words for any real instruction; a hostile megabyte of history costs no more than this.
const MAX_TOKENS = 512;

/**
 * The distinct words of a normalised instruction after its keyword, without shell punctuation and
 * trailing `;`/`,`: what two instructions are compared by (`install -y jq` vs `install -y jq curl`).
 */
export function instructionTokens(normalised: string | null): Set<string> {
  const tokens = new Set<string>();
  if (normalised === null) return tokens;
  const words = normalised.split(' ');
  const start = instructionKeyword(normalised) === null ? 0 : 1;
  for (let k = start; k < words.length && tokens.size < MAX_TOKENS; k++) {
    const word = (words[k] as string).replace(/[;,]+$/, '');
    if (word !== '' && !SHELL_PUNCTUATION.has(word)) tokens.add(word);
  }
  return tokens;
}

/**
 * Jaccard index of two instructions' words given as sorted distinct ids: shared words over all
 * words, 0 when both are empty. One merge, for the alignment's inner loop.
 */
export function sortedSimilarity(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}
