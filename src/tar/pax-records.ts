/**
 * PAX extended header records (`"<len> <key>=<value>\n"`), strictly: framing checked, sizes and
 * ids decimal digits only, times well formed, paths within MAX_PATH_BYTES. Only the keys an index
 * uses are kept; a malformed value of a known key refuses the archive rather than being guessed at.
 */
import { checkPath, clip, TarFormatError } from './format-error.js';

/** What PAX records (local or global) set for the entries they apply to. */
export interface PaxFields {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  /** PAX sparse 0.x/1.0: the file's real name and logical size. */
  sparseName?: string;
  sparseRealSize?: number;
}

/** Parses one PAX body into `into` (later records override earlier ones, as in every reader). */
export function parsePax(body: Buffer, into: PaxFields, at = -1): PaxFields {
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const recordLength = Number(body.toString('latin1', pos, space));
    if (!Number.isInteger(recordLength) || recordLength <= 0 || pos + recordLength > body.length) {
      if (body[pos] === 0) break; // NUL padding after the last record
      throw paxError('invalid PAX header record', at);
    }
    const record = body.toString('utf8', space + 1, pos + recordLength - 1);
    pos += recordLength;
    const eq = record.indexOf('=');
    if (eq < 0) continue;
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    switch (key) {
      case 'path':
        into.path = checkPath('PAX path', value, at);
        break;
      case 'linkpath':
        into.linkpath = checkPath('PAX linkpath', value, at);
        break;
      case 'mtime':
      case 'atime':
      case 'ctime':
        // Not kept, but a malformed time means a malformed header. POSIX times may be negative and
        // carry a fraction (GNU tar --posix writes them so), unlike sizes and ids.
        if (!/^-?[0-9]{1,15}(\.[0-9]{1,9})?$/.test(value)) throw paxError(`invalid PAX ${key} "${clip(value)}"`, at);
        break;
      case 'size':
        setNumber(into, 'size', value, at);
        break;
      case 'uid':
        setNumber(into, 'uid', value, at);
        break;
      case 'gid':
        setNumber(into, 'gid', value, at);
        break;
      case 'GNU.sparse.name':
        into.sparseName = checkPath('PAX GNU.sparse.name', value, at);
        break;
      case 'GNU.sparse.realsize':
      case 'GNU.sparse.size':
        setNumber(into, 'sparseRealSize', value, at);
        break;
    }
  }
  return into;
}

/** PAX sizes and ids: decimal digits only (no sign, fraction, exponent, hex or blanks), within 2^53. */
function setNumber(into: PaxFields, key: 'size' | 'uid' | 'gid' | 'sparseRealSize', value: string, at: number): void {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) into[key] = n;
  else throw paxError(`invalid PAX ${key} "${clip(value)}" (not a non-negative integer)`, at);
}

function paxError(message: string, at: number): TarFormatError {
  return new TarFormatError(message, 'pax', at, message);
}
