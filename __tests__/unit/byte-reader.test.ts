/**
 * The archive index reads headers by position. Real image archives have tens of members, far apart,
 * and must cost a few kB of reads; an archive of very many small members (the fuzzer's
 * `archive-many-members`, 200,000 headers) must not cost one read per header and body head.
 */
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FileByteReader } from '../../src/sources/archive/byte-reader.js';
import { walkTar } from '../../src/sources/archive/tar-walk.js';
import { buildArchive, type TarMember } from '../helpers/image-tar-builder.js';

/** An in-memory FileHandle that counts positional reads and the bytes they return. */
function countingHandle(bytes: Buffer): { handle: FileHandle; reads: () => number; bytesRead: () => number } {
  let reads = 0;
  let total = 0;
  const handle = {
    read(buffer: Buffer, offset: number, length: number, position: number) {
      reads += 1;
      const n = Math.max(0, Math.min(length, bytes.length - position));
      bytes.copy(buffer, offset, position, position + n);
      total += n;
      return Promise.resolve({ bytesRead: n, buffer });
    },
  } as unknown as FileHandle;
  return { handle, reads: () => reads, bytesRead: () => total };
}

describe('FileByteReader', () => {
  it('indexes 20,000 tiny members with a read-ahead window, not two reads each (hostile: many-members archive took 11 s)', async () => {
    const members: TarMember[] = Array.from({ length: 20_000 }, (_, i) => ({ path: `f/${i}`, body: 'x' }));
    const archive = buildArchive(members);
    const counted = countingHandle(archive);
    const { entries } = await walkTar(new FileByteReader(counted.handle, archive.length), { subject: 'many.tar' });
    expect(entries).toHaveLength(20_000);
    // One read per header plus one per body head would be 40,000.
    expect(counted.reads()).toBeLessThan(1_000);
  });

  it('reads only headers and body heads of an archive whose members are far apart (inspect of a big docker save)', async () => {
    const members: TarMember[] = Array.from({ length: 12 }, (_, i) => ({ path: `layer${i}.tar`, body: Buffer.alloc(256 * 1024, i) }));
    const archive = buildArchive(members);
    const counted = countingHandle(archive);
    const { entries } = await walkTar(new FileByteReader(counted.handle, archive.length), { subject: 'big.tar' });
    expect(entries.map((e) => e.size)).toEqual(members.map(() => 256 * 1024));
    expect(counted.bytesRead()).toBeLessThan(12 * (512 + 16) + 2 * 512);
  });
});
