// Types for the parts of tar.mjs that the fuzzer's own tests use.
export interface TarEntry {
  name: string;
  type: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  data?: Buffer;
  headerOffset?: number;
  dataOffset?: number;
  pax?: Buffer[];
  gnuLong?: boolean;
  declaredSize?: number;
}
export const BLOCK: 512;
export function sha256(data: Buffer): string;
export function parseTar(
  buf: Buffer,
): Array<Required<Pick<TarEntry, 'name' | 'type' | 'mode' | 'uid' | 'gid' | 'mtime' | 'linkname' | 'data' | 'headerOffset' | 'dataOffset'>>>;
export function writeTar(entries: readonly TarEntry[], options?: { end?: boolean }): Buffer;
export function header(fields: Omit<TarEntry, 'type'> & { type?: string; size?: number; raw?: { sizeField?: Buffer | string; checksum?: false } }): Buffer;
export function paxRecord(key: string, value: string): Buffer;
export function fixChecksum(buf: Buffer, off?: number): void;
