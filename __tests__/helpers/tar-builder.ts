/** Builds small tar streams byte by byte for scanner tests (ustar, PAX, GNU long names, sparse). */
import { Header, Pax } from 'tar';

export interface TarEntrySpec {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'FIFO' | 'CharacterDevice';
  body?: Buffer | string;
  /** Overrides the size field (e.g. for a sparse file's stored bytes). */
  mode?: number;
  uid?: number;
  gid?: number;
  linkpath?: string;
  /** Emit a PAX header carrying path/linkpath (long names). */
  pax?: boolean;
  /** Emit GNU `L`/`K` long-name entries instead. */
  gnuLongName?: boolean;
  /** Modification time (default 2020-09-13). */
  mtime?: Date;
}

const BLOCK = 512;

function pad(buf: Buffer): Buffer {
  const rem = buf.length % BLOCK;
  return rem === 0 ? buf : Buffer.concat([buf, Buffer.alloc(BLOCK - rem)]);
}

function header(fields: ConstructorParameters<typeof Header>[0]): Buffer {
  const block = Buffer.alloc(BLOCK);
  new Header(fields).encode(block);
  return block;
}

/** A GNU long-name (`L`) or long-link (`K`) meta entry, crafted by hand (node-tar does not write them). */
function gnuMeta(type: 'L' | 'K', value: string): Buffer {
  const body = Buffer.from(value + '\0');
  const block = header({ path: '././@LongLink', mode: 0o644, size: body.length, type: 'File', mtime: new Date(0) });
  block[156] = type.charCodeAt(0);
  fixChecksum(block);
  return Buffer.concat([block, pad(body)]);
}

export function fixChecksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
}

export function entryBytes(spec: TarEntrySpec): Buffer {
  const body = spec.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
  const type = spec.type ?? 'File';
  const parts: Buffer[] = [];
  let path = spec.path;
  let linkpath = spec.linkpath ?? '';
  if (spec.pax) {
    parts.push(new Pax({ path, linkpath: spec.linkpath, mtime: new Date(0) }).encode());
    path = path.slice(0, 99);
    linkpath = linkpath.slice(0, 99);
  } else if (spec.gnuLongName) {
    if (path.length > 99) parts.push(gnuMeta('L', path));
    if (linkpath.length > 99) parts.push(gnuMeta('K', linkpath));
    path = path.slice(0, 99);
    linkpath = linkpath.slice(0, 99);
  }
  parts.push(
    header({
      path,
      mode: spec.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      uid: spec.uid ?? 0,
      gid: spec.gid ?? 0,
      size: type === 'File' ? body.length : 0,
      mtime: spec.mtime ?? new Date(1_600_000_000_000),
      type,
      linkpath,
      uname: '',
      gname: '',
    }),
  );
  if (type === 'File' && body.length > 0) parts.push(pad(body));
  return Buffer.concat(parts);
}

/** A whole tar: entries then the two zero blocks. */
export function buildTar(entries: TarEntrySpec[], options: { trailer?: boolean } = {}): Buffer {
  const parts = entries.map(entryBytes);
  if (options.trailer !== false) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
