// Deep-scan benchmark (`npm run bench -- --only deep`), side by side in the same run with bare Node
// zlib and GNU tar on the same bytes:
//   1. one gzip layer: scan throughput vs a bare zlib gunzip stream of the same blob (target >= 80%)
//   2. one uncompressed layer of 600k entries (mostly empty files): entries per second (target >= 500k/s), vs `tar -tvf`
//   3. a 2 GiB image of 200k files in 10 gzip layers: all layers scanned on worker threads, peak RSS
//      (< 300 MB) and wall vs CPU time (both cores busy: wall about half the CPU), vs `tar -tzvf`
//      listing and `tar -xzf` extracting every layer (how dive-like tools work), and the CLI's own
//      `diff IMG IMG --deep` on the OCI archive (inspect does not deep-scan).
// The scanner runs from an esbuild bundle of src/layers (module + scan-worker.js side by side, as in
// dist/) in child processes, so each figure has its own peak RSS and CPU time.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.mjs';

const TARGET_GUNZIP_RATIO = 0.8;
const TARGET_ENTRIES_PER_S = 500_000;
const TARGET_RSS_MB = 300;

const CHILD = `
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { scanAll, scanInThread } from './deep-scan.js';
const [mode, threads, ...files] = process.argv.slice(2);
const open = (f) => async () => createReadStream(f, { highWaterMark: 1024 * 1024 });
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let entries = 0, bytes = 0;
if (mode === 'gunzip') {
  for (const f of files) {
    await new Promise((resolve, reject) => {
      const z = createGunzip({ chunkSize: 256 * 1024 });
      z.on('data', (c) => { bytes += c.length; });
      z.on('end', resolve);
      z.on('error', reject);
      createReadStream(f, { highWaterMark: 1024 * 1024 }).on('error', reject).pipe(z);
    });
  }
} else {
  const fingerprint = mode === 'scan-fingerprint';
  const jobs = files.map((f) => ({ subject: f, fingerprint, open: open(f) }));
  const indexes = mode === 'pool' ? await scanAll(jobs, { threads: Number(threads) }) : [];
  if (mode !== 'pool') for (const job of jobs) indexes.push(await scanInThread(job));
  for (const i of indexes) { entries += i.count; bytes += i.tarBytes; }
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, entries, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;

export async function benchDeep({ root, work, cli, node, runCli, timeCommand, synthetic, archive, log }) {
  const { MiB, GiB, makePool, layer, writeGzipBlob, writeGzipBlobFast } = synthetic;
  const S = 'deep scan';
  const rows = [];
  const row = (measure, value, target = '', status = 'INFO') => rows.push({ section: S, measure, value, target, status });
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  const mbps = (bytes, ms) => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

  log('deep: bundling the scanner');
  const common = bundleOptions;
  await build({ ...common, entryPoints: { 'deep-scan': join(root, 'src/layers/scan-pool.ts') }, outdir: work });
  await build({ ...common, entryPoints: { 'scan-worker': join(root, 'src/layers/scan-worker.ts') }, outdir: work });
  const child = join(work, 'child.mjs');
  writeFileSync(child, CHILD);
  const runChild = async (mode, files, threads = 0) => {
    const r = await timeCommand(node, [child, mode, String(threads), ...files]);
    if (r.code !== 0) throw new Error(`deep bench child ${mode} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const out = JSON.parse(r.stdout);
    return { ...out, rssMB: r.rssMB ?? out.maxRssMB };
  };
  const median = (list, key) => [...list].sort((a, b) => a[key] - b[key])[Math.floor(list.length / 2)];
  const pool = makePool(4 * MiB);

  // 1. One gzip layer: scan vs bare gunzip, interleaved, median of 3.
  {
    log('deep: writing a 512 MiB gzip layer');
    const spec = layer(pool, { name: 'gz', bytes: 512 * MiB, fileBytes: 64 * 1024 });
    const blob = await writeGzipBlob(join(work, 'layer.tar.gz'), spec, 1);
    const runs = { gunzip: [], scan: [], fp: [] };
    for (let i = 0; i < 3; i++) {
      runs.gunzip.push(await runChild('gunzip', [blob.blobPath]));
      runs.scan.push(await runChild('scan', [blob.blobPath]));
      runs.fp.push(await runChild('scan-fingerprint', [blob.blobPath]));
    }
    const g = median(runs.gunzip, 'ms');
    const s = median(runs.scan, 'ms');
    const f = median(runs.fp, 'ms');
    const ratio = g.ms / s.ms;
    row(`gzip layer ${(spec.size / MiB).toFixed(0)} MiB, ${spec.files} files: bare zlib gunzip`, mbps(g.bytes, g.ms));
    row(
      'gzip layer: deep scan (index only)',
      `${mbps(s.bytes, s.ms)} (${(ratio * 100).toFixed(0)}% of gunzip)`,
      `>= ${TARGET_GUNZIP_RATIO * 100}%`,
      pass(ratio >= TARGET_GUNZIP_RATIO),
    );
    row('gzip layer: deep scan with CRC-32 fingerprints (diff with a base)', `${mbps(f.bytes, f.ms)} (${((g.ms / f.ms) * 100).toFixed(0)}% of gunzip)`);
    rmSync(blob.blobPath, { force: true });
  }

  // 2. One uncompressed layer of many small entries.
  {
    const entries = 600_000;
    log(`deep: writing an uncompressed layer of ${entries} entries`);
    const file = join(work, 'many.tar');
    writeManyEntries(file, entries);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runChild('scan', [file]));
    const s = median(runs, 'ms');
    const perSecond = s.entries / (s.ms / 1000);
    row(
      `uncompressed layer, ${s.entries} entries (${(s.bytes / MiB).toFixed(0)} MiB): deep scan`,
      `${(perSecond / 1000).toFixed(0)}k entries/s (${secs(s.ms)})`,
      `>= ${TARGET_ENTRIES_PER_S / 1000}k/s`,
      pass(perSecond >= TARGET_ENTRIES_PER_S),
    );
    const t = await timeCommand('tar', ['-tvf', file], { stdout: 'ignore' });
    row('uncompressed layer: GNU tar -tvf', `${(entries / (t.ms / 1000) / 1000).toFixed(0)}k entries/s (${secs(t.ms)})`);
    rmSync(file, { force: true });
  }

  // 3. A 2 GiB image of 200k files across 10 gzip layers.
  {
    const layers = 10;
    const filesPerLayer = 20_000;
    const fileBytes = 10 * 1024;
    log('deep: writing a 2 GiB image of 200k files in 10 gzip layers');
    const dir = join(work, 'image');
    mkdirSync(dir, { recursive: true });
    const blobs = [];
    for (let i = 0; i < layers; i++) {
      const spec = layer(pool, { name: `l${i}`, bytes: filesPerLayer * (fileBytes + 512), fileBytes });
      blobs.push(writeGzipBlobFast(join(dir, `layer${i}.tar.gz`), spec));
    }
    const files = blobs.map((b) => b.blobPath);
    const totalBytes = blobs.reduce((s, b) => s + b.uncompressedSize, 0);
    const scanned = await runChild('pool', files, 2);
    const cpuShare = scanned.ms / scanned.cpuMs;
    row(
      `2 GiB image (${(totalBytes / GiB).toFixed(2)} GiB, ${scanned.entries} files, ${layers} gzip layers): deep scan, main thread + 1 worker`,
      `${secs(scanned.ms)} wall, ${secs(scanned.cpuMs)} CPU (wall/CPU ${cpuShare.toFixed(2)})`,
      'wall/CPU <= 0.65',
      pass(cpuShare <= 0.65),
    );
    row('2 GiB image: peak RSS of the deep scan', `${scanned.rssMB.toFixed(0)} MB`, `< ${TARGET_RSS_MB} MB`, pass(scanned.rssMB < TARGET_RSS_MB));
    const single = await runChild('scan', files);
    row('2 GiB image: deep scan on the main thread only', `${secs(single.ms)} wall (${(single.ms / scanned.ms).toFixed(2)}x the threaded scan)`);
    const gunzip = await runChild('gunzip', files);
    row('2 GiB image: bare zlib gunzip of every layer (one thread)', secs(gunzip.ms));
    let listMs = 0;
    for (const f of files) listMs += (await timeCommand('tar', ['-tzvf', f], { stdout: 'ignore' })).ms;
    row('2 GiB image: GNU tar -tzvf every layer', secs(listMs));
    const out = join(work, 'extracted');
    let extractMs = 0;
    for (const f of files) {
      mkdirSync(out, { recursive: true });
      extractMs += (await timeCommand('tar', ['-xzf', f, '-C', out], { stdout: 'ignore' })).ms;
    }
    rmSync(out, { recursive: true, force: true });
    row('2 GiB image: GNU tar -xzf every layer to disk (as dive-like tools do)', secs(extractMs));

    if (cli && spawnSync(node, [cli, '--version']).status === 0) {
      const oci = archive.writeOciArchive(join(dir, 'image.oci.tar'), blobs);
      // `inspect` does not deep-scan; a diff of the image with itself scans each layer once.
      const r = await runCli(['diff', '--deep', '--format', 'json', '--stats', oci.path, oci.path]);
      if (r.code === 0) {
        row(
          '2 GiB image: layerdiff diff IMG IMG --deep (CLI: one scan per layer gives sizes, files and fingerprints)',
          `${secs(r.ms)}, peak RSS ${r.rssMB === null ? 'n/a' : `${r.rssMB.toFixed(0)} MB`}`,
          `< ${TARGET_RSS_MB} MB`,
          r.rssMB === null ? 'INFO' : pass(r.rssMB < TARGET_RSS_MB),
        );
      } else {
        row('2 GiB image: layerdiff diff --deep (CLI)', `exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`, '', 'FAIL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** A plain tar of `count` entries in a few hundred directories: empty files, and every fourth with 1-511 bytes. */
function writeManyEntries(path, count) {
  const fd = openSync(path, 'w');
  const buf = Buffer.alloc(8 * 1024 * 1024);
  let used = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(fd, buf, done, used - done);
    used = 0;
  };
  const header = Buffer.alloc(512);
  for (let i = 0; i < count; i++) {
    if (used + 1024 > buf.length) flush();
    const size = i % 4 === 0 ? 1 + (i % 511) : 0;
    header.fill(0);
    header.write(`srv/d${i % 500}/f${i}`, 0, 'latin1');
    header.write('0000644\0', 100, 'latin1');
    header.write('0000000\0', 108, 'latin1');
    header.write('0000000\0', 116, 'latin1');
    header.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
    header.write('14544424600\0', 136, 'latin1');
    header[156] = 0x30;
    header.write('ustar\x0000', 257, 'latin1');
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (let j = 0; j < 512; j++) sum += header[j];
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    header.copy(buf, used);
    used += 512;
    if (size > 0) {
      buf.fill(0x61, used, used + size);
      buf.fill(0, used + size, used + 512);
      used += 512;
    }
  }
  if (used + 1024 > buf.length) flush();
  buf.fill(0, used, used + 1024);
  used += 1024;
  flush();
  closeSync(fd);
}
