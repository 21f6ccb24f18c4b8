/**
 * Feeds a layer's tar stream into a `LayerIndexBuilder`: the one tar reader (src/tar/entry-reader.ts)
 * decodes the headers; this records each entry (normalised path, kind, size, mode, ids, link) and,
 * when the scan fingerprints content, the CRC-32 of each regular file's body as it streams past.
 */
import zlib from 'node:zlib';
import { TarEntryReader, TarKind } from '../tar/entry-reader.js';
import { normalizeEntryPath, type LayerIndexBuilder } from './layer-index.js';

export { TarFormatError, MAX_PATH_BYTES } from '../tar/format-error.js';
export { parsePax } from '../tar/pax-records.js';

const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export class TarWalker {
  private readonly reader: TarEntryReader;

  constructor(out: LayerIndexBuilder) {
    const hashing = out.fingerprint && crc32 !== undefined;
    let entry = -1;
    let crc = 0;
    this.reader = new TarEntryReader({
      entry(h) {
        const link = h.linkpath === null ? null : h.kind === TarKind.hardlink ? normalizeEntryPath(h.linkpath) : h.linkpath;
        entry = out.add(normalizeEntryPath(h.path), h.kind, h.size, h.mode, h.uid, h.gid, link);
        crc = 0;
        return hashing && h.kind === TarKind.file;
      },
      data(piece) {
        crc = crc32!(piece, crc);
      },
      dataEnd() {
        out.setCrc(entry, crc);
      },
    });
  }

  get finished(): boolean {
    return this.reader.finished;
  }

  /** Uncompressed tar bytes walked so far. */
  get offset(): number {
    return this.reader.offset;
  }

  /** Feeds uncompressed tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk: Buffer): void {
    this.reader.push(chunk);
  }

  /** Call at the end of the stream: throws when it ended inside an entry. */
  end(): void {
    this.reader.end();
  }
}
