// Just enough tar to take image archives apart and put them back together (with correct header
// checksums), and to write hostile tars on purpose: raw size fields, absurd PAX records, GNU long
// names. Independent of src/ on purpose: the fuzzer must not share the code it attacks.
import { createHash } from 'node:crypto';

export const BLOCK = 512;

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

export const padTo = (n) => (n % BLOCK === 0 ? 0 : BLOCK - (n % BLOCK));

function readString(buf, off, len) {
  let end = off;
  while (end < off + len && buf[end] !== 0) end++;
  return buf.toString('utf8', off, end);
}

function readOctal(buf, off, len) {
  if (buf[off] & 0x80) {
    let v = buf[off] & 0x7f;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + buf[i];
    return v;
  }
  const text = readString(buf, off, len).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Sums a header with its checksum field read as spaces, and writes the field. */
export function fixChecksum(buf, off = 0) {
  buf.fill(0x20, off + 148, off + 156);
  let sum = 0;
  for (let i = off; i < off + BLOCK; i++) sum += buf[i];
  buf.write(sum.toString(8).padStart(6, '0') + '\0 ', off + 148, 8, 'latin1');
}

/** PAX records of a body, as a key -> value object. */
function parsePaxBody(body) {
  const out = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number(body.toString('latin1', pos, space));
    if (!Number.isInteger(len) || len <= 0 || pos + len > body.length) break;
    const record = body.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

/**
 * Entries of a well-formed tar (our fixtures): { name, type, mode, uid, gid, mtime, linkname, data,
 * headerOffset, dataOffset }. Meta headers (PAX, GNU long names) are folded into the entry.
 */
export function parseTar(buf) {
  const entries = [];
  let off = 0;
  let pending = {};
  while (off + BLOCK <= buf.length) {
    if (buf.subarray(off, off + BLOCK).every((b) => b === 0)) break;
    const headerOffset = off;
    const type = String.fromCharCode(buf[off + 156] || 0x30);
    const size = readOctal(buf, off + 124, 12);
    const dataOffset = off + BLOCK;
    const data = buf.subarray(dataOffset, dataOffset + size);
    off = dataOffset + size + padTo(size);
    if (type === 'x' || type === 'g') {
      if (type === 'x') Object.assign(pending, parsePaxBody(data));
      continue;
    }
    if (type === 'L' || type === 'K') {
      const text = readString(data, 0, data.length);
      pending[type === 'L' ? 'path' : 'linkpath'] = text;
      continue;
    }
    let name = readString(buf, headerOffset, 100);
    const magic = buf.toString('latin1', headerOffset + 257, headerOffset + 263);
    const prefix = magic === 'ustar\0' ? readString(buf, headerOffset + 345, 155) : '';
    if (prefix) name = `${prefix}/${name}`;
    entries.push({
      name: pending.path ?? name,
      type,
      mode: readOctal(buf, headerOffset + 100, 8),
      uid: readOctal(buf, headerOffset + 108, 8),
      gid: readOctal(buf, headerOffset + 116, 8),
      mtime: readOctal(buf, headerOffset + 136, 12),
      linkname: pending.linkpath ?? readString(buf, headerOffset + 157, 100),
      data: Buffer.from(data),
      headerOffset,
      dataOffset,
    });
    pending = {};
  }
  return entries;
}

/** One PAX record; its length counts itself. */
export function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  const bodyLen = Buffer.byteLength(body);
  let n = bodyLen + 1;
  while (n !== bodyLen + String(n).length) n++;
  return Buffer.from(`${n}${body}`);
}

/**
 * One 512-byte header. `raw` overrides let hostile tars write fields as given:
 * { sizeField: Buffer|string (12 bytes), checksum: false (leave a wrong one) }.
 */
export function header({ name, type = '0', size = 0, mode = 0o644, uid = 0, gid = 0, mtime = 0, linkname = '', raw = {} }) {
  const h = Buffer.alloc(BLOCK);
  h.write(name.slice(0, 100), 0, 100, 'utf8');
  h.write(mode.toString(8).padStart(7, '0') + '\0', 100, 8, 'latin1');
  h.write(uid.toString(8).padStart(7, '0') + '\0', 108, 8, 'latin1');
  h.write(gid.toString(8).padStart(7, '0') + '\0', 116, 8, 'latin1');
  if (raw.sizeField !== undefined) {
    const field = Buffer.isBuffer(raw.sizeField) ? raw.sizeField : Buffer.from(raw.sizeField, 'latin1');
    field.copy(h, 124, 0, Math.min(12, field.length));
  } else if (size < 0o77777777777) {
    h.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'latin1');
  } else {
    // base-256 for sizes that do not fit 11 octal digits
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    h[124] = 0x80;
  }
  h.write(Math.floor(mtime).toString(8).padStart(11, '0') + '\0', 136, 12, 'latin1');
  h.write(type, 156, 1, 'latin1');
  h.write(linkname.slice(0, 100), 157, 100, 'utf8');
  h.write('ustar\0' + '00', 257, 8, 'latin1');
  if (raw.checksum === false) h.write('0000000\0', 148, 8, 'latin1');
  else fixChecksum(h, 0);
  return h;
}

/**
 * Writes entries as a tar. Names or link names longer than 100 bytes get a PAX header (or GNU
 * `L`/`K` records when `entry.gnuLong`). `entry.pax` adds raw PAX records (Buffers) as given;
 * `entry.raw` passes header overrides; `entry.declaredSize` writes a size field that differs from
 * the data actually written.
 */
export function writeTar(entries, { end = true } = {}) {
  const parts = [];
  const body = (data) => {
    parts.push(data);
    const pad = padTo(data.length);
    if (pad) parts.push(Buffer.alloc(pad));
  };
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const longName = Buffer.byteLength(e.name) > 100;
    const longLink = Buffer.byteLength(e.linkname ?? '') > 100;
    if (e.gnuLong && longName) {
      const text = Buffer.from(e.name + '\0');
      parts.push(header({ name: '././@LongLink', type: 'L', size: text.length }));
      body(text);
    }
    if (e.gnuLong && longLink) {
      const text = Buffer.from(e.linkname + '\0');
      parts.push(header({ name: '././@LongLink', type: 'K', size: text.length }));
      body(text);
    }
    const records = [...(e.pax ?? [])];
    if (!e.gnuLong && longName) records.push(paxRecord('path', e.name));
    if (!e.gnuLong && longLink) records.push(paxRecord('linkpath', e.linkname));
    if (records.length > 0) {
      const pax = Buffer.concat(records);
      parts.push(header({ name: 'PaxHeader', type: 'x', size: pax.length }));
      body(pax);
    }
    const isBody = e.type === '0' || e.type === '\0' || e.type === '7';
    parts.push(header({ ...e, size: e.declaredSize ?? (isBody ? data.length : 0) }));
    if (isBody) body(data);
  }
  if (end) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
