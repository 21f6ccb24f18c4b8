/**
 * Hostile layer and archive streams, built byte by byte: every one either scans or is refused with
 * one line, and every wait settles. A wait that does not settle fails here by the `within` limit
 * instead of hanging the suite.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/layers/flatten.js';
import { LayerScanner } from '../../src/layers/layer-scanner.js';
import { peekStream } from '../../src/layers/peek.js';
import { scanInThread } from '../../src/layers/scan-pool.js';
import { readNumber } from '../../src/tar/header-block.js';
import { StreamByteReader } from '../../src/sources/archive/byte-reader.js';
import { walkTar } from '../../src/sources/archive/tar-walk.js';
import { base256, buildArchive, paxRecord, tarHeader, type TarMember } from '../helpers/image-tar-builder.js';
import { within } from '../helpers/within.js';

const goodLayer = buildArchive([
  { path: 'etc/hello.txt', body: 'hello\n'.repeat(100) },
  { path: 'bin/tool', body: 'x'.repeat(3000) },
]);

/** The scan's outcome, through the same entry point the pool's main-thread lane uses. */
function scanBytes(bytes: Buffer, chunk = 1000): Promise<unknown> {
  const chunks: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += chunk) chunks.push(bytes.subarray(o, o + chunk));
  return within(scanInThread({ subject: 'img.tar: layer 1/1', fingerprint: true, open: async () => Readable.from(chunks) }));
}

function gzipWithBadCrc(tar: Buffer): Buffer {
  const gz = Buffer.from(zlib.gzipSync(tar));
  gz[gz.length - 8] = gz[gz.length - 8]! ^ 0x01; // CRC-32 of the trailer
  return gz;
}

function gzipWithBadSize(tar: Buffer): Buffer {
  const gz = Buffer.from(zlib.gzipSync(tar));
  gz[gz.length - 1] = gz[gz.length - 1]! ^ 0x40; // ISIZE of the trailer
  return gz;
}

const zstd = zlib as unknown as { zstdCompressSync?: (b: Buffer, o?: object) => Buffer; constants: Record<string, number> };
function zstdWithBadChecksum(tar: Buffer): Buffer {
  const z = Buffer.from(zstd.zstdCompressSync!(tar, { params: { [zstd.constants.ZSTD_c_checksumFlag!]: 1 } }));
  z[z.length - 1] = z[z.length - 1]! ^ 0x01; // the frame's content checksum
  return z;
}

describe('every stream error settles', () => {
  it("settles when a gzip layer's CRC is wrong (hostile: --deep hung forever)", async () => {
    await expect(scanBytes(gzipWithBadCrc(goodLayer))).rejects.toThrow(/^img\.tar: layer 1\/1: cannot read gzip layer: corrupt data/);
    // The whole layer in one write, as a worker gets it: the error comes at end().
    await expect(scanBytes(gzipWithBadCrc(goodLayer), 1 << 20)).rejects.toThrow(/cannot read gzip layer/);
  });

  it("settles when a gzip layer's ISIZE is wrong (hostile: --deep hung forever)", async () => {
    await expect(scanBytes(gzipWithBadSize(goodLayer))).rejects.toThrow(/cannot read gzip layer/);
  });

  it.skipIf(!zstd.zstdCompressSync)("settles when a zstd layer's checksum is wrong (hostile: --deep hung forever)", async () => {
    await expect(scanBytes(zstdWithBadChecksum(goodLayer))).rejects.toThrow(/cannot read zstd layer/);
    await expect(scanBytes(zstdWithBadChecksum(goodLayer), 1 << 20)).rejects.toThrow(/cannot read zstd layer/);
  });

  it('settles when a gzip layer is truncated, at any length', async () => {
    const gz = zlib.gzipSync(goodLayer);
    for (const cut of [3, 10, 20, gz.length >> 1, gz.length - 9, gz.length - 1]) {
      await expect(scanBytes(gz.subarray(0, cut))).rejects.toThrow(/^img\.tar: layer 1\/1: /);
    }
  });

  it('settles when a layer decompresses to something that is not tar', async () => {
    await expect(scanBytes(zlib.gzipSync(Buffer.from('not a tar stream, just words\n'.repeat(200))))).rejects.toThrow(/invalid tar header|not a tar/);
  });

  it('a scanner destroyed while a write waits settles that write', async () => {
    const scanner = new LayerScanner({ fingerprint: false });
    const gz = zlib.gzipSync(Buffer.alloc(4 * 1024 * 1024));
    const pending = scanner.write(gz);
    scanner.destroy();
    await expect(within(pending)).rejects.toThrow();
    await expect(within(scanner.end())).rejects.toThrow();
  });

  it('peekStream: destroying the replay stops the source; a source error reaches the replay', async () => {
    let returned = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        for (let i = 0; i < 1000; i++) yield Buffer.alloc(64 * 1024, i);
      } finally {
        returned = true;
      }
    }
    const { head, stream } = await peekStream(Readable.from(source(), { objectMode: false }), 4);
    expect(head.length).toBe(4);
    stream.destroy();
    await within(new Promise((resolve) => stream.once('close', resolve)));
    await within(
      (async () => {
        while (!returned) await new Promise((r) => setTimeout(r, 5));
      })(),
    );

    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('abcdefgh');
      throw new Error('disk on fire');
    }
    const peeked = await peekStream(Readable.from(failing(), { objectMode: false }), 4);
    await expect(
      within(
        (async () => {
          for await (const _ of peeked.stream) void _;
        })(),
      ),
    ).rejects.toThrow('disk on fire');
  });
});

/** A layer with one PAX header before `f`. */
function paxLayer(fields: Record<string, string>): Buffer {
  const pax = paxRecord(fields);
  return buildArchive([{ path: 'PaxHeader/f', type: 'x', body: pax }, { path: 'f' }]);
}

describe('numbers are numbers (PAX and header fields)', () => {
  it.each([
    ['size', '1.5'],
    ['size', '0x10'],
    ['size', '-1'],
    ['size', '1e3'],
    ['size', ' 12'],
    ['size', ''],
    ['size', '99999999999999999999'],
    ['uid', '1.5'],
    ['gid', 'NaN'],
    ['GNU.sparse.realsize', 'Infinity'],
    ['mtime', 'yesterday'],
    ['mtime', '1e9'],
  ])('refuses PAX %s=%j in a layer (hostile: size=1.5 was reported as 6.5 bytes)', async (key, value) => {
    await expect(scanBytes(paxLayer({ [key]: value }))).rejects.toThrow(new RegExp(`invalid PAX ${key === 'GNU.sparse.realsize' ? 'sparseRealSize' : key}`));
  });

  it('accepts what real tars write: integer sizes and ids, fractional and negative times', async () => {
    const index = (await scanBytes(paxLayer({ size: '0', uid: '1000', gid: '0', mtime: '1600000000.123456789', atime: '-5' }))) as {
      count: number;
      uids: Uint32Array;
    };
    expect(index.count).toBe(1);
    expect(index.uids[0]).toBe(1000);
  });

  it('refuses a base-256 size beyond 2^53 (hostile: the offset after it would be wrong)', async () => {
    expect(readNumber(base256(2n ** 60n), 0, 12)).toBe(-1);
    expect(readNumber(base256(2 ** 40), 0, 12)).toBe(2 ** 40);
    const layer = buildArchive([{ path: 'huge', sizeField: base256(2n ** 60n) }]);
    await expect(scanBytes(layer)).rejects.toThrow(/bad size field/);
  });

  it.each([
    ['size', '1.5'],
    ['size', '0x10'],
    ['size', '-1'],
    ['mtime', 'soon'],
  ])('refuses PAX %s=%j in an image archive (hostile: node-tar reads 0x10 as 16)', async (key, value) => {
    const archive = buildArchive([
      { path: 'PaxHeader/manifest.json', type: 'x', body: paxRecord({ [key]: value }) },
      { path: 'manifest.json', body: '[]' },
    ]);
    await expect(within(walkTar(new StreamByteReader([archive]), { subject: 'x.tar' }))).rejects.toThrow(/^x\.tar: corrupt PAX header at byte 0 \(invalid PAX/);
  });
});

describe('memory stays bounded under hostile tar', () => {
  const long = 'p'.repeat(1024 * 1024 - 100);

  it('refuses a 1 MiB PAX path in a layer (hostile: 200 such names held 200 MiB)', async () => {
    await expect(scanBytes(paxLayer({ path: long }))).rejects.toThrow(/PAX path of \d+ bytes is longer than 4096; refusing/);
    await expect(scanBytes(paxLayer({ linkpath: long }))).rejects.toThrow(/PAX linkpath of \d+ bytes is longer than 4096/);
  });

  it('refuses a 1 MiB GNU long name in a layer', async () => {
    const layer = buildArchive([{ path: '././@LongLink', type: 'L', body: long + '\0' }, { path: 'short' }]);
    await expect(scanBytes(layer)).rejects.toThrow(/GNU long name of \d+ bytes is longer than 4096; refusing/);
  });

  it('refuses a 20,000-level path; a 2,047-level one scans and flattens without recursion', async () => {
    await expect(scanBytes(paxLayer({ path: Array(20_000).fill('a').join('/') }))).rejects.toThrow(/longer than 4096/);
    const deepPath = Array(2047).fill('a').join('/') + '/f';
    const layer = buildArchive([
      { path: 'PaxHeader/f', type: 'x', body: paxRecord({ path: deepPath }) },
      { path: 'f', body: 'x' },
    ]);
    const index = (await scanBytes(layer)) as Parameters<typeof flatten>[0][number];
    expect(index.paths).toEqual([deepPath]);
    const flat = flatten([index, index]);
    expect(flat.visible.size).toBe(1); // implied parent directories are not entries
    expect(flat.visible.get(deepPath)).toMatchObject({ layer: 1, entry: 0 });
  });

  it('refuses PAX records with absurd lengths and meta headers of absurd size', async () => {
    const absurd = Buffer.from('99999999999999999999 path=x\n');
    await expect(scanBytes(buildArchive([{ path: 'PaxHeader/f', type: 'x', body: absurd }, { path: 'f' }]))).rejects.toThrow(/invalid PAX header record/);
    const huge = Buffer.concat([tarHeader({ path: 'PaxHeader/f', type: 'x', sizeField: base256(8 * 1024 ** 3) }), Buffer.alloc(1024)]);
    await expect(scanBytes(huge)).rejects.toThrow(/tar meta header of 8589934592 bytes exceeds 1048576/);
  });

  it('refuses long names in an image archive too', async () => {
    const members: TarMember[] = [
      { path: 'PaxHeader/x', type: 'x', body: paxRecord({ path: long }) },
      { path: 'x', body: '{}' },
    ];
    await expect(within(walkTar(new StreamByteReader([buildArchive(members)]), { subject: 'x.tar' }))).rejects.toThrow(/path of \d+ bytes is longer than 4096/);
    const gnu: TarMember[] = [
      { path: '././@LongLink', type: 'L', body: long + '\0' },
      { path: 'x', body: '{}' },
    ];
    await expect(within(walkTar(new StreamByteReader([buildArchive(gnu)]), { subject: 'x.tar' }))).rejects.toThrow(
      /GNU long name at byte 0 is longer than 4096 bytes/,
    );
  });
});
