/**
 * Broken layer streams and compressed archives, end to end: every command exits 2 with one line
 * naming the layer, in-process (main-thread scans) and from a bundle like dist/ (worker threads).
 * Every run has a wall-clock limit, so a regression fails here instead of hanging the suite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inspectImageDeep } from '../../src/engine.js';
import { spoolDecompressed } from '../../src/sources/archive/decompressed-spool.js';
import { runCli } from '../helpers/cli-io.js';
import { dockerArchive, layerTar, ociArchive, sha256 } from '../helpers/image-tar-builder.js';
import { repoRoot } from '../helpers/real-images.js';
import { within } from '../helpers/within.js';
import { scratchFiles } from '../helpers/scratch-files.js';
import { bundleOptions } from '../../scripts/bundle-options.mjs';

const { work, file } = scratchFiles('layerdiff-hostile-');

const zstd = zlib as unknown as { zstdCompressSync?: (b: Buffer, o?: object) => Buffer; constants: Record<string, number> };
const layers = [0, 1, 2].map((i) => layerTar({ [`app/f${i}.txt`]: `layer ${i}\n`.repeat(200 + i), [`bin/tool${i}`]: 'x'.repeat(3000 + i) }));

/** Ways to break a compressed layer; each keeps the magic bytes, so the layer still claims its compression. */
const breakers: Record<string, ((tar: Buffer) => Buffer) | null> = {
  'gzip CRC': (tar) => flip(zlib.gzipSync(tar), -8),
  'gzip ISIZE': (tar) => flip(zlib.gzipSync(tar), -1),
  'zstd checksum': zstd.zstdCompressSync ? (tar) => flip(zstd.zstdCompressSync!(tar, { params: { [zstd.constants.ZSTD_c_checksumFlag!]: 1 } }), -1) : null,
  'truncated gzip': (tar) => {
    const gz = zlib.gzipSync(tar);
    return gz.subarray(0, gz.length - 30);
  },
  'gzip of something that is not tar': () => zlib.gzipSync(Buffer.from('just words, no tar headers here\n'.repeat(100))),
};

function flip(bytes: Buffer, at: number): Buffer {
  const out = Buffer.from(bytes);
  const i = at < 0 ? out.length + at : at;
  out[i] = out[i]! ^ 0x01;
  return out;
}

/** An OCI archive of `count` gzip layers whose last one is broken; the good ones are gzip too. */
function imageWithBrokenLayer(breaker: (tar: Buffer) => Buffer, count: number): { path: string; broken: string } {
  const chosen = layers.slice(0, count);
  const blobs = chosen.map((tar, i) => (i === count - 1 ? breaker(tar) : zlib.gzipSync(tar)));
  const p = file(ociArchive({ layers: blobs, diffIds: chosen.map((l) => sha256(l)) }).tar);
  return { path: p, broken: `layer ${count}/${count}` };
}

const goodBase = file(
  ociArchive({ layers: [zlib.gzipSync(layerTar({ 'etc/base': 'base\n' }))], diffIds: [sha256(layerTar({ 'etc/base': 'base\n' }))] }).tar,
  'base.tar',
);

function expectOneLineRefusal(result: { code: number; err: string }, ref: string, broken: string): void {
  expect(result.code, result.err).toBe(2);
  const lines = result.err.trim().split('\n');
  expect(lines, result.err).toHaveLength(1);
  expect(lines[0]).toContain(`${ref}: ${broken} (`);
  expect(lines[0]).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
}

const commands = (ref: string): string[][] => [
  ['inspect', ref],
  ['inspect', '--deep', ref],
  ['inspect', '--verify', ref],
  ['diff', goodBase, ref],
  ['diff', '--deep', goodBase, ref],
];

describe('a broken layer stream ends every command with exit 2 and one line (main thread)', () => {
  for (const [kind, breaker] of Object.entries(breakers)) {
    for (const count of [1, 3]) {
      it.skipIf(breaker === null)(`settles when ${kind} (${count} layer${count > 1 ? 's' : ''}) (hostile: --deep hung forever)`, async () => {
        const { path: ref, broken } = imageWithBrokenLayer(breaker!, count);
        for (const argv of commands(ref)) {
          const result = await within(runCli(...argv), 10_000);
          expectOneLineRefusal(result, ref, broken);
        }
      });
    }
  }
});

/** Runs the bundled CLI in a child process; kills it and fails after `ms`. */
function runBundled(cli: string, argv: string[], env: Record<string, string>, ms = 20_000): Promise<{ code: number; err: string; out: string }> {
  return new Promise((resolve, reject) => {
    // `timeout` makes Node kill the child too, should this promise be abandoned.
    const child = spawn(process.execPath, [cli, ...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: ms + 1000,
      killSignal: 'SIGKILL',
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`layerdiff ${argv.join(' ')} did not end within ${ms} ms (hang); stderr: ${err}`));
    }, ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, err, out });
    });
  });
}

describe('the same on worker threads, as dist/ runs them', () => {
  let cli: string;
  let outdir: string;
  beforeAll(async () => {
    outdir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-hostile-dist-'));
    const common = bundleOptions;
    await build({
      ...common,
      entryPoints: { cli: path.join(repoRoot, 'src/cli-entry.ts'), 'scan-worker': path.join(repoRoot, 'src/layers/scan-worker.ts') },
      outdir,
    });
    cli = path.join(outdir, 'cli.js');
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  for (const [kind, breaker] of Object.entries(breakers)) {
    it.skipIf(breaker === null)(`settles when ${kind}, one layer or three, 3 scan threads (hostile: --deep hung forever)`, async () => {
      const runs: Array<Promise<void>> = [];
      for (const count of [1, 3]) {
        const { path: ref, broken } = imageWithBrokenLayer(breaker!, count);
        for (const argv of [
          ['inspect', '--deep', ref],
          ['diff', '--deep', goodBase, ref],
        ]) {
          runs.push(runBundled(cli, argv, { LAYERDIFF_SCAN_THREADS: '3' }).then((result) => expectOneLineRefusal(result, ref, broken)));
        }
      }
      // allSettled: each child is awaited (or killed by its own timer) even when another failed first;
      // an early rejection would leave a hanging child behind the suite.
      const failures = (await Promise.allSettled(runs)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failures.length > 0) throw failures[0]!.reason;
    });
  }

  it('a good image still scans on worker threads', async () => {
    const ref = file(ociArchive({ layers: layers.map((l) => zlib.gzipSync(l)), diffIds: layers.map((l) => sha256(l)) }).tar);
    const result = await runBundled(cli, ['inspect', '--deep', '--format', 'json', ref], { LAYERDIFF_SCAN_THREADS: '3' });
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out).layers.map((l: { size: number }) => l.size)).toEqual(layers.map((l) => l.length));
  });

  it('a whole-archive gzip above the layer size limit is refused (LAYERDIFF_MAX_LAYER_BYTES)', async () => {
    const ref = file(zlib.gzipSync(dockerArchive({ layers: [Buffer.alloc(2 * 1024 * 1024)] })), 'big.tar.gz');
    const result = await runBundled(cli, ['inspect', ref], { LAYERDIFF_MAX_LAYER_BYTES: '1000000' });
    expect(result.code).toBe(2);
    expect(result.err.trim()).toBe(`layerdiff: ${ref}: gzip archive: decompresses to more than 1000000 bytes; refusing (decompression bomb?)`);
  });
});

describe('an archive compressed as a whole', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const plainLayers = Array.from({ length: 5 }, (_, i) => layerTar({ [`l${i}/data`]: `${i}`.repeat(10_000) }));

  it('is decompressed once per run, not once per layer opened (hostile: 20 layers took 45 s)', async () => {
    const gunzips = vi.spyOn(zlib, 'createGunzip');
    const ref = file(zlib.gzipSync(dockerArchive({ layers: plainLayers })), 'five.tar.gz');
    const { snapshot, deep } = await within(inspectImageDeep(ref, { deep: true }), 20_000);
    expect(snapshot.layers.map((l) => l.size)).toEqual(plainLayers.map((l) => l.length));
    expect(deep?.waste.wastedBytes).toBe(0);
    expect(gunzips).toHaveBeenCalledTimes(1);
  });

  it.skipIf(!zstd.zstdCompressSync)('a zstd archive too', async () => {
    const z = zlib as unknown as { createZstdDecompress: () => unknown };
    const decompressors = vi.spyOn(z, 'createZstdDecompress');
    // A small frame is decoded in one synchronous call instead (zstd-frames.ts): count both.
    const oneCall = vi.spyOn(zlib, 'zstdDecompressSync');
    const ref = file(zstd.zstdCompressSync!(dockerArchive({ layers: plainLayers })), 'five.tar.zst');
    const { snapshot } = await within(inspectImageDeep(ref, { deep: true }), 20_000);
    expect(snapshot.layers).toHaveLength(5);
    expect(decompressors.mock.calls.length + oneCall.mock.calls.length).toBe(1);
  });

  it('gets the bomb limits of a layer (ratio and absolute size) and leaves no spool file behind', async () => {
    // The spool reads the archive's checked handle, never its path again.
    const spoolFile = async (p: string, ...rest: Parameters<typeof spoolDecompressed> extends [unknown, ...infer R] ? R : never) => {
      const handle = await open(p);
      try {
        return await spoolDecompressed(handle, ...rest);
      } finally {
        await handle.close();
      }
    };
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const bomb = file(zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 }), 'bomb.tar.gz');
      await expect(spoolFile(bomb, 'gzip', 'bomb.tar.gz', { maxRatio: 100, ratioAfterBytes: 1024 * 1024, maxUncompressedBytes: 2 ** 40 })).rejects.toThrow(
        /^bomb\.tar\.gz: gzip archive: decompression ratio above 100:1 after \d+ bytes; refusing \(decompression bomb\?\)$/,
      );
      await expect(spoolFile(bomb, 'gzip', 'bomb.tar.gz', { maxRatio: 1e9, ratioAfterBytes: 0, maxUncompressedBytes: 1024 * 1024 })).rejects.toThrow(
        /gzip archive: decompresses to more than 1048576 bytes/,
      );
      const corrupt = file(flip(zlib.gzipSync(dockerArchive({ layers: plainLayers })), -8), 'crc.tar.gz');
      await expect(spoolFile(corrupt, 'gzip', 'crc.tar.gz')).rejects.toThrow(/^crc\.tar\.gz: corrupt gzip archive: /);
      const ok = await spoolFile(file(zlib.gzipSync(dockerArchive({ layers: plainLayers })), 'ok.tar.gz'), 'gzip', 'ok.tar.gz');
      // The spool is unlinked while open: nothing named in TMPDIR even before close.
      expect(readdirSync(tmp)).toEqual([]);
      expect(ok.length).toBe(dockerArchive({ layers: plainLayers }).length);
      await ok.close();
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
