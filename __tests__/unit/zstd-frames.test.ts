/**
 * Multi-frame zstd: every frame decompressed, checked against the `zstd` CLI as the oracle on
 * files the CLI itself wrote (concatenated frames, with and without content size and checksum, a
 * skippable frame, a single frame). Node's own decompressor stops after the first frame
 * (nodejs/node#64741); these tests fail with it.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDecompressor } from '../../src/layers/compression.js';
import { ZstdFrameReader, type FrameEvent } from '../../src/layers/zstd-frames.js';

const hasZstdCli = spawnSync('zstd', ['--version']).status === 0;
const zstdCompressSync = (zlib as unknown as { zstdCompressSync: (b: Buffer, o?: object) => Buffer }).zstdCompressSync;

let dir = '';
const file = (name: string): string => path.join(dir, name);

function zstdCli(args: string[], input?: Buffer): Buffer {
  const result = spawnSync('zstd', ['-q', ...args], { input, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`zstd ${args.join(' ')}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** Decompresses `bytes` through layerdiff's decompressor, fed in chunks of `chunk` bytes. */
async function decompress(bytes: Buffer, chunk = 64 * 1024): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += chunk) pieces.push(bytes.subarray(o, o + chunk));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    createDecompressor('zstd')!,
    new Writable({
      write(c: Buffer, _e, done) {
        out.push(c);
        done();
      },
    }),
  );
  return Buffer.concat(out);
}

/** The error a promise rejects with; fails the test when it resolves instead. */
async function errorOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const a = randomBytes(300_000);
const b = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `line ${i}\n`).join(''));
const c = Buffer.alloc(2_000_000, 0x61); // compresses into RLE blocks

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-zstd-frames-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasZstdCli)('zstd streams made by the zstd CLI, against `zstd -dc`', () => {
  const skippable = Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]), Buffer.from('hello')]);
  const cases: Array<[string, () => Buffer]> = [
    ['a single frame', () => zstdCli(['-c'], b)],
    ['two frames (zstd -c a > f; zstd -c b >> f)', () => Buffer.concat([zstdCli(['-c'], a), zstdCli(['-c'], b)])],
    [
      'frames with --content-size and --no-check',
      () => Buffer.concat([zstdCli(['--content-size', '-c'], b), zstdCli(['--no-check', '-c'], a), zstdCli(['--no-content-size', '-c'], c)]),
    ],
    ['a skippable frame between two frames', () => Buffer.concat([zstdCli(['-c'], b), skippable, zstdCli(['-19', '-c'], c)])],
    [
      'RLE and raw blocks in many small frames',
      () => Buffer.concat(Array.from({ length: 40 }, (_, i) => zstdCli(['-c', '-1'], i % 2 ? c.subarray(0, 150_000) : a.subarray(0, 5000 + i)))),
    ],
  ];

  it.each(cases)('decompresses %s like zstd -dc does', async (_name, make) => {
    const compressed = make();
    writeFileSync(file('input.zst'), compressed);
    const oracle = zstdCli(['-dc', file('input.zst')]);
    for (const chunk of [64 * 1024, 4093, 1000]) {
      const out = await decompress(compressed, chunk);
      expect(out.length).toBe(oracle.length);
      expect(sha(out)).toBe(sha(oracle));
    }
  });

  it('reads every frame boundary whatever the chunking (byte by byte included)', async () => {
    const small = Buffer.concat([
      zstdCli(['-c'], b.subarray(0, 3000)),
      skippable,
      zstdCli(['--no-check', '-c'], a.subarray(0, 700)),
      zstdCli(['-c'], c.subarray(0, 9000)),
    ]);
    writeFileSync(file('small.zst'), small);
    const oracle = zstdCli(['-dc', file('small.zst')]);
    for (const chunk of [1, 2, 3, 5, 17]) expect(sha(await decompress(small, chunk))).toBe(sha(oracle));
  });
});

describe('zstd framing errors', () => {
  const frame = zstdCompressSync(b.subarray(0, 20_000));

  it('refuses a truncated frame with an unexpected-end error', async () => {
    const error = await errorOf(decompress(frame.subarray(0, frame.length - 3)));
    expect(error.code).toBe('Z_BUF_ERROR');
  });

  it('refuses a second frame cut inside its header', async () => {
    const error = await errorOf(decompress(Buffer.concat([frame, frame.subarray(0, 5)])));
    expect(error.code).toBe('Z_BUF_ERROR');
  });

  it('refuses bytes after the last frame that are not a frame', async () => {
    const error = await errorOf(decompress(Buffer.concat([frame, Buffer.from('garbage!')])));
    expect(error.message).toMatch(/not a zstd frame at byte \d+/);
  });

  it('refuses a reserved block type', async () => {
    // magic, descriptor 0 (no window? single segment off -> window byte), window byte, block header type 3
    const bad = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, 0b0000_0111, 0, 0]);
    const error = await errorOf(decompress(bad));
    expect(error.message).toMatch(/reserved block type/);
  });

  it('refuses an empty stream like Node does', async () => {
    const error = await errorOf(decompress(Buffer.alloc(0)));
    expect(error.code).toBe('Z_BUF_ERROR');
  });

  it('passes a corrupt checksum on as zstd reports it', async () => {
    const checked = Buffer.from(zstdCompressSync(b.subarray(0, 20_000), { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } }));
    checked[checked.length - 1] = checked[checked.length - 1]! ^ 1;
    const error = await errorOf(decompress(Buffer.concat([frame, checked])));
    expect(error.code).toBe('ZSTD_error_checksum_wrong');
  });
});

describe('ZstdFrameReader', () => {
  it('finds the same frames whatever the chunk boundaries', () => {
    const stream = Buffer.concat([
      zstdCompressSync(Buffer.from('one')),
      Buffer.from([0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]),
      zstdCompressSync(c.subarray(0, 300_000)),
    ]);
    const summary = (events: FrameEvent[]): string[] => {
      const out: string[] = [];
      let bytes = 0;
      for (const e of events) {
        if (e.kind === 'data') bytes += e.bytes.length;
        else {
          if (e.kind === 'end') out.push(`frame ${bytes}`);
          bytes = 0;
        }
      }
      return out;
    };
    const whole = new ZstdFrameReader().read(stream);
    const first = zstdCompressSync(Buffer.from('one')).length;
    expect(summary(whole)).toEqual([`frame ${first}`, `frame ${stream.length - first - 8}`]);
    for (const split of [1, 3, 4, 5, 9, 13, first + 2, first + 8, first + 11]) {
      const reader = new ZstdFrameReader();
      const events = [...reader.read(stream.subarray(0, split)), ...reader.read(stream.subarray(split))];
      expect(summary(events), `split at ${split}`).toEqual(summary(whole));
      expect(reader.atBoundary).toBe(true);
    }
  });
});

describe('zstd output waits for its reader', () => {
  it('keeps at most a few chunks buffered while a 1 GiB many-frame stream is not read (bounded memory)', async () => {
    const frame = zstdCompressSync(Buffer.alloc(64 * 1024 * 1024));
    const input = Array.from({ length: 16 }, () => frame);
    const d = createDecompressor('zstd')!;
    Readable.from(input).pipe(d);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(d.readableLength).toBeLessThanOrEqual(4 * 1024 * 1024);
    let total = 0;
    d.on('data', (chunk: Buffer) => {
      total += chunk.length;
    });
    await new Promise((resolve, reject) => d.on('end', resolve).on('error', reject));
    expect(total).toBe(16 * 64 * 1024 * 1024);
  });
});

describe('many small zstd frames', () => {
  it('decompresses 100,000 empty zstd frames without a streaming decompressor per frame (hostile: frame flood took 20 s)', async () => {
    // 900 KB of 9-byte frames: a fresh streaming decompressor per frame took 11-22 s; about 2.3 s
    // now. Time is the bench's business (a loaded machine made a wall-clock bound flaky): what does
    // not depend on the load is the count of streaming decompressors, one per frame before, none now.
    const empty = zstdCompressSync(Buffer.alloc(0));
    const input = Buffer.concat(Array.from({ length: 100_000 }, () => empty));
    const streaming = vi.spyOn(zlib as unknown as { createZstdDecompress: () => unknown }, 'createZstdDecompress');
    try {
      const out = await decompress(input);
      expect(out.length).toBe(0);
      expect(streaming).not.toHaveBeenCalled();
    } finally {
      streaming.mockRestore();
    }
  }, 60_000);

  it('decompresses 20,000 one-byte frames in order, whatever the chunking', async () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7) & 0xff));
    const input = Buffer.concat(Array.from(bytes, (byte) => zstdCompressSync(Buffer.from([byte]))));
    for (const chunk of [64 * 1024, 4093, 10]) expect(sha(await decompress(input, chunk))).toBe(sha(bytes));
  }, 30_000);

  it('streams a small frame that expands past the one-call cap (RLE blocks), and a large frame after it', async () => {
    const zeros = zstdCompressSync(Buffer.alloc(32 * 1024 * 1024));
    expect(zeros.length).toBeLessThan(64 * 1024); // a small frame, 32 MiB out
    const input = Buffer.concat([zeros, zstdCompressSync(Buffer.from('tail')), zstdCompressSync(a)]);
    const out = await decompress(input, 1000);
    expect(out.length).toBe(32 * 1024 * 1024 + 4 + a.length);
    expect(sha(out)).toBe(sha(Buffer.concat([Buffer.alloc(32 * 1024 * 1024), Buffer.from('tail'), a])));
  }, 30_000);

  it('keeps output waiting for the reader across many small frames of 3 MiB each', async () => {
    const frame = zstdCompressSync(Buffer.alloc(3 * 1024 * 1024, 0x62));
    const d = createDecompressor('zstd')!;
    Readable.from(Array.from({ length: 64 }, () => frame)).pipe(d);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(d.readableLength).toBeLessThanOrEqual(4 * 1024 * 1024);
    let total = 0;
    d.on('data', (chunk: Buffer) => {
      total += chunk.length;
    });
    await new Promise((resolve, reject) => d.on('end', resolve).on('error', reject));
    expect(total).toBe(64 * 3 * 1024 * 1024);
  }, 30_000);
});
