/**
 * JSON read from outside (image manifests, configs, snapshots, reports): a size cap checked before
 * anything is decoded or parsed, and a nesting cap checked before JSON.parse builds the value.
 */
import { inputError } from '../errors.js';

const MiB = 1024 * 1024;

/**
 * Largest JSON document of each kind read into memory.
 *
 * - manifest, index: 4 MiB, the limit the OCI distribution spec tells registries to accept for a
 *   manifest; real ones are a few kB (a 200-platform index is ~100 kB).
 * - config: 8 MiB. Configs carry one history entry per Dockerfile step and the environment; the
 *   largest real ones are a few hundred kB, so 8 MiB leaves room and still bounds memory.
 * - snapshot, report: 32 MiB. A plain snapshot is ~300 bytes per layer, but a deep report lists
 *   every changed file (~115 bytes each): about 280,000 changed files fit. The cap is what keeps a
 *   hostile file under the 300 MB peak-RSS budget: the bytes, the decoded text and the parsed
 *   objects are all alive at once (measured: a 32 MiB snapshot peaks at 190-230 MB, a 64 MiB one
 *   with one non-ASCII character at 380 MB). A mistaken input such as an image archive or
 *   /dev/urandom is refused before it is read.
 */
export const JsonCap = {
  manifest: 4 * MiB,
  index: 4 * MiB,
  config: 8 * MiB,
  snapshot: 32 * MiB,
  report: 32 * MiB,
} as const;

/**
 * Most layers one image may have. Docker's overlay2 stops at 128 and real OCI images stay in the
 * hundreds; without a bound, a 25 MB snapshot of 200,000 tiny layers diffed against another took
 * 1.4 GB (10,000 layers: 150 MB). Checked in the image JSON of every source and in snapshots.
 */
export const MAX_LAYERS = 10_000;

/**
 * Arrays and objects nested deeper than this are refused before parsing. Every layerdiff or OCI
 * document nests fewer than 10 levels; the cap keeps a hostile `[[[[…` from reaching code that
 * recurses over the parsed value (JSON.stringify, structured clone) and overflowing the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON text or UTF-8 bytes of at most `cap` bytes. `subject` names the input, `what` the
 * document inside it ("config sha256:…", "snapshot"): `<subject>: <what> is not valid JSON (…)`.
 */
export function parseJsonBounded(input: string | Uint8Array, cap: number, subject: string, what: string): unknown {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > cap) throw inputError(subject, `${what} is too large (${bytes.length} bytes, limit ${cap})`);
  const depth = maxNesting(bytes);
  if (depth > MAX_JSON_DEPTH) throw inputError(subject, `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} deep`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw inputError(subject, `${what} is not valid JSON (${(error as Error).message.split('\n')[0]?.slice(0, 120)})`);
  }
}

/**
 * The deepest `[`/`{` nesting outside strings, scanning UTF-8 bytes (quote, backslash and brackets
 * are ASCII and never occur inside a multi-byte sequence). Stops counting once past the cap.
 */
export function maxNesting(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
