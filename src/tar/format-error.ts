/**
 * Why a tar stream was refused, and the bounds that refuse it. Each reader of the tar module words
 * the refusal in its own terms (the layer scanner names the layer, the archive index the archive):
 * `code`, `at` and `detail` say what and where; `message` is the scanner's one-line wording.
 */
export type TarFormatCode =
  /** Header checksum does not match (or the block is not a tar header at all). */
  | 'checksum'
  /** The size field is not a number. */
  | 'size'
  /** Old GNU sparse header whose real-size field is not a number. */
  | 'sparse-size'
  /** A PAX, GNU long-name or other meta record body larger than MAX_META_BYTES. */
  | 'meta-too-large'
  /** A PAX record that is malformed or holds a number that is not one. */
  | 'pax'
  /** A path or link target longer than MAX_PATH_BYTES. */
  | 'path-too-long'
  /** The stream ended inside an entry. */
  | 'truncated';

export class TarFormatError extends Error {
  constructor(
    message: string,
    readonly code: TarFormatCode,
    /** Byte offset of the header the problem belongs to (-1 when unknown). */
    readonly at: number,
    /** Short reason, without the offset: "bad checksum", "invalid size". */
    readonly detail: string,
  ) {
    super(message);
  }
}

/** Bodies of meta entries (PAX, GNU long names) are read whole; real ones are a few hundred bytes. */
export const MAX_META_BYTES = 1024 * 1024;

/**
 * Longest path or link target accepted, in bytes (Linux PATH_MAX). No filesystem can hold a longer
 * one, and each name is kept for the whole analysis: 200 names of 1 MiB would be 200 MiB.
 */
export const MAX_PATH_BYTES = 4096;

/** `value` when it fits in MAX_PATH_BYTES; refused otherwise. `what` names the field ("PAX path"). */
export function checkPath(what: string, value: string, at = -1): string {
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PATH_BYTES) {
    throw new TarFormatError(
      `${what} of ${bytes} bytes is longer than ${MAX_PATH_BYTES}; refusing`,
      'path-too-long',
      at,
      `${what} longer than ${MAX_PATH_BYTES} bytes`,
    );
  }
  return value;
}

/** A field as it can be shown in a one-line message. */
export function clip(value: string): string {
  const oneLine = JSON.stringify(value).slice(1, -1);
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
