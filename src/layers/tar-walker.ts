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
    const packages = out.packages;
    let entry = -1;
    let crc = 0;
    let hash = false;
    let capture = false;
    this.reader = new TarEntryReader({
      entry(h) {
        const link = h.linkpath === null ? null : h.kind === TarKind.hardlink ? normalizeEntryPath(h.linkpath) : h.linkpath;
        const path = normalizeEntryPath(h.path);
        entry = out.add(path, h.kind, h.size, h.mode, h.uid, h.gid, link);
        crc = 0;
        hash = hashing && h.kind === TarKind.file;
        // Package databases are small: their bytes are kept as they stream past (one pass per layer).
        capture = packages.wants(path, h.kind === TarKind.file && !h.sparse, h.size);
        return hash || capture;
      },
      data(piece) {
        if (hash) crc = crc32!(piece, crc);
        if (capture) packages.data(piece);
      },
      dataEnd() {
        if (hash) out.setCrc(entry, crc);
        if (capture) packages.dataEnd();
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
