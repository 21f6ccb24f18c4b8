/**
 * Decoding of single 512-byte tar blocks: checksums, octal and base-256 numbers, NUL-terminated
 * strings. Part of the one tar reader (src/tar/), used by the layer scanner and the archive index.
 */
export const BLOCK = 512;

export function padding(size: number): number {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}

export function isZeroBlock(buf: Buffer, off = 0): boolean {
  for (let i = off, end = off + BLOCK; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

/** 4-byte aligned scratch for summing a header a word at a time. */
const scratch = new Uint32Array(BLOCK / 4);
const scratchBytes = new Uint8Array(scratch.buffer);

/**
 * The header checksum: the sum of its bytes with the checksum field read as spaces. Summed a word
 * at a time (two 16-bit lanes that cannot overflow in 128 words): the byte-at-a-time loop was the
 * hottest spot of a scan. Old tars summed signed bytes; that slower sum is tried only on a mismatch.
 */
export function checksumValid(buf: Buffer, off = 0): boolean {
  const stored = readNumber(buf, off + 148, 8);
  if (stored < 0) return false;
  buf.copy(scratchBytes, 0, off, off + BLOCK);
  let lanes = 0;
  for (let i = 0; i < 128; i++) {
    const w = scratch[i]!;
    lanes += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  }
  let unsigned = (lanes % 65536) + Math.floor(lanes / 65536);
  for (let i = off + 148; i < off + 156; i++) unsigned -= buf[i]!;
  unsigned += 8 * 0x20;
  if (stored === unsigned) return true;
  let signed = 8 * 0x20;
  for (let i = off; i < off + BLOCK; i++) {
    if (i >= off + 148 && i < off + 156) continue;
    const b = buf[i]!;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === signed;
}

/** Octal (NUL/space padded) or base-256 (high bit set) number; -1 when unparseable or beyond 2^53. */
export function readNumber(buf: Buffer, off: number, length: number): number {
  const first = buf[off]!;
  if (first & 0x80) {
    if (first === 0xff) return -1; // negative base-256: never valid for these fields
    let value = first & 0x7f;
    for (let i = off + 1; i < off + length; i++) value = value * 256 + buf[i]!;
    // Past 2^53 a double no longer counts bytes exactly: an offset computed from it would be wrong.
    return Number.isSafeInteger(value) ? value : -1;
  }
  let value = 0;
  let i = off;
  const end = off + length;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) {
    if (buf[i] === 0) return 0;
    i++;
  }
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x37) value = value * 8 + (c - 0x30);
    else if (c === 0 || c === 0x20) break;
    else return -1;
  }
  return value;
}

/** A NUL-terminated record body (GNU long names) as UTF-8. */
export function cString(body: Buffer): string {
  const nul = body.indexOf(0);
  return body.toString('utf8', 0, nul < 0 ? body.length : nul);
}

/** A NUL-terminated header field as UTF-8. */
export function readString(buf: Buffer, off: number, length: number): string {
  let end = off;
  const limit = off + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString('utf8', off, end);
}
