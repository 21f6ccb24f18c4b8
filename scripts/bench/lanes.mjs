// Parallel lanes (issue 11 parts 4 and 5), side by side in the same run with bare Node zlib on the
// same bytes:
//   benchLanes: `inspect` of a multi-layer gzip OCI archive (sizes unknown: every layer measured,
//     in lanes sized to the CPU count) vs two concurrent bare gunzip streams over the same blobs
//     (target >= 90%); one lane (LAYERDIFF_MEASURE_LANES=1) beside it to show what lanes buy.
//   benchPull: `diff --estimate-pull` of a docker-save head (layers stored uncompressed) vs two
//     concurrent bare zlib.createGzip({ level: 6 }) streams over the same layer bytes (target >= 85%),
//     GNU gzip -6 (one process per layer, two at a time) beside it, and the cost over a plain diff.
// Each figure is the median of interleaved runs, so load from other processes falls on all alike.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const TARGET_MEASURE_RATIO = 0.9;
const TARGET_PULL_RATIO = 0.85;
const ROUNDS = 5;
/** The lanes row is a wall-time ratio on shared cores: more rounds, so its medians move less with load. */
const LANES_ROUNDS = 7;

/** A child Node script: `lanes` concurrent streams over `jobs` ({ file, start, end }), each through `kind`. */
const bareScript = (kind, lanes, jobs) => `
import { createReadStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
const jobs = ${JSON.stringify(jobs)};
let next = 0, bytes = 0;
const one = (job) => new Promise((resolve, reject) => {
  const z = ${kind === 'gunzip' ? 'createGunzip({ chunkSize: 256 * 1024 })' : 'createGzip({ level: 6, chunkSize: 64 * 1024 })'};
  z.on('data', (c) => { bytes += c.length; });
  z.on('end', resolve);
  z.on('error', reject);
  createReadStream(job.file, { start: job.start, end: job.end, highWaterMark: 1024 * 1024 }).on('error', reject).pipe(z);
});
const lane = async () => { while (next < jobs.length) await one(jobs[next++]); };
await Promise.all(Array.from({ length: ${lanes} }, lane));
console.log(bytes);
`;

/**
 * Runs a command under GNU time for wall and CPU (user + sys, every thread: zlib's threadpool
 * included), so a row can tell "does no more work than bare zlib" from "got fewer cores".
 */
async function timedCpu(timeCommand, work, command, args, env = {}) {
  const file = join(work, `cpu-${process.hrtime.bigint()}`);
  const result = await timeCommand('/usr/bin/time', ['-f', '%U %S', '-o', file, command, ...args], { env });
  let cpuMs = null;
  try {
    const [user, sys] = readFileSync(file, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpuMs = (user + sys) * 1000;
    rmSync(file, { force: true });
  } catch {
    /* no GNU time: no CPU figure */
  }
  return { ...result, cpuMs };
}

function median(list) {
  const sorted = [...list].sort((a, b) => a.ms - b.ms);
  const cpu = list.map((r) => r.cpuMs).filter((c) => c !== null && c !== undefined);
  const cpuMedian = cpu.length === list.length ? [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)] : null;
  return { ...sorted[Math.floor(sorted.length / 2)], all: list.map((r) => r.ms), cpuMedian };
}

async function interleaved(n, fns) {
  const results = fns.map(() => []);
  for (let i = 0; i < n; i++) for (const [k, fn] of fns.entries()) results[k].push(await fn());
  return results.map(median);
}

function ok(what, result) {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return result;
}

export async function benchLanes({ work, cli, node, timeCommand, synthetic, archive, log }) {
  const { MiB, makePool, layer, writeGzipBlobFast } = synthetic;
  const S = 'measure: parallel lanes';
  const rows = [];
  const row = (measure, value, target = '', status = 'INFO') => rows.push({ section: S, measure, value, target, status });
  // Big enough that the CLI's start (bundle load, archive index: ~0.2 s) is a small part of the run.
  const LAYERS = 6;
  const PER_LAYER = 160 * MiB;
  log(`lanes: writing a gzip OCI archive of ${LAYERS} x ${PER_LAYER / MiB} MiB layers`);
  const pool = makePool(4 * MiB, 7);
  const blobs = [];
  for (let i = 0; i < LAYERS; i++) blobs.push(writeGzipBlobFast(join(work, `l${i}.gz`), layer(pool, { name: `lane${i}`, bytes: PER_LAYER })));
  const oci = archive.writeOciArchive(join(work, 'lanes.oci.tar'), blobs);
  for (const b of blobs) rmSync(b.blobPath);
  const total = blobs.reduce((n, b) => n + b.uncompressedSize, 0);
  const jobs = blobs.map((b) => ({ file: oci.path, start: oci.offsets[b.digest], end: oci.offsets[b.digest] + b.size - 1 }));
  const gnuTime = existsSync('/usr/bin/time');
  const run = (args, env = {}) => (gnuTime ? timedCpu(timeCommand, work, node, args, env) : timeCommand(node, args, { env }));
  const bare = () => run(['--input-type=module', '-e', bareScript('gunzip', 2, jobs)]).then((r) => ok('bare gunzip', r));
  const inspect = (env) => () => run([cli, 'inspect', '--format', 'json', oci.path], env).then((r) => ok('inspect', r));
  const loadBefore = loadavg()[0];
  const [bareRun, lanesRun, oneLane] = await interleaved(LANES_ROUNDS, [bare, inspect({}), inspect({ LAYERDIFF_MEASURE_LANES: '1' })]);
  const loadAfter = loadavg()[0];
  if (Number(bareRun.stdout.trim()) !== total) throw new Error(`bare gunzip gave ${bareRun.stdout.trim()} bytes, expected ${total}`);
  const sizes = JSON.parse(lanesRun.stdout).layers.map((l) => l.size);
  const exact = sizes.length === LAYERS && sizes.every((s, i) => s === blobs[i].uncompressedSize);
  const rate = (ms) => `${(total / MiB / (ms / 1000)).toFixed(0)} MiB/s`;
  row(
    `image: ${LAYERS} gzip layers, ${(total / MiB).toFixed(0)} MiB uncompressed, ${(oci.bytes / MiB).toFixed(0)} MiB archive`,
    `medians of ${LANES_ROUNDS} interleaved runs`,
  );
  row('load average (1 min) before / after: other processes on these cores', `${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`);
  row('bare Node gunzip, 2 concurrent streams (child process)', `${(bareRun.ms / 1000).toFixed(2)} s, ${rate(bareRun.ms)}`);
  row('layerdiff inspect, lanes = CPU count (whole CLI run)', `${(lanesRun.ms / 1000).toFixed(2)} s, ${rate(lanesRun.ms)}`);
  row('layerdiff inspect, LAYERDIFF_MEASURE_LANES=1', `${(oneLane.ms / 1000).toFixed(2)} s, ${rate(oneLane.ms)}`);
  const ratio = bareRun.ms / lanesRun.ms;
  row(
    'throughput layerdiff lanes / 2 bare gunzip streams',
    `${(ratio * 100).toFixed(0)}%`,
    `>= ${TARGET_MEASURE_RATIO * 100}%`,
    ratio >= TARGET_MEASURE_RATIO && exact ? 'PASS' : 'FAIL',
  );
  // Load from other processes moves both runs of a round alike: the median of each round's own ratio
  // is steadier than the ratio of medians above (which stays the PASS/FAIL figure).
  const paired = bareRun.all.map((ms, i) => ms / lanesRun.all[i]).sort((a, b) => a - b);
  row("same, median of each round's own ratio (bare and lanes run back to back)", `${(paired[Math.floor(paired.length / 2)] * 100).toFixed(0)}%`);
  row('lanes speed-up over one lane', `${(oneLane.ms / lanesRun.ms).toFixed(2)}x`);
  if (bareRun.cpuMs && lanesRun.cpuMs && oneLane.cpuMs && bareRun.cpuMedian && lanesRun.cpuMedian) {
    const cores = (r) => (r.cpuMs / r.ms).toFixed(2);
    row(
      'CPU time (user + sys, all threads): bare / lanes / one lane',
      `${(bareRun.cpuMs / 1000).toFixed(2)} s / ${(lanesRun.cpuMs / 1000).toFixed(2)} s / ${(oneLane.cpuMs / 1000).toFixed(2)} s`,
    );
    row('cores kept busy (CPU / wall): bare / lanes / one lane', `${cores(bareRun)} / ${cores(lanesRun)} / ${cores(oneLane)} (of 2 on an idle machine)`);
    // CPU time hardly moves with load (wall time does): the work layerdiff adds over bare zlib,
    // whole CLI run included (start, archive index, JSON), per GiB of uncompressed layer.
    const perGiB = (r) => (r.cpuMedian / (total / 1024 ** 3)).toFixed(0);
    row(
      'CPU per GiB uncompressed (median of all runs): bare / lanes; extra work of layerdiff',
      `${perGiB(bareRun)} ms / ${perGiB(lanesRun)} ms; +${((lanesRun.cpuMedian / bareRun.cpuMedian - 1) * 100).toFixed(0)}%`,
    );
  }
  if (!exact) row('measured sizes', 'differ from the generated layers', 'exact', 'FAIL');
  rmSync(oci.path, { force: true });
  return rows;
}

/** Writes a layer tar to its own file (the oracle and the bare runs read it) and hashes it. */
async function writeLayerFile(path, spec) {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (const chunk of spec.chunks()) {
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, size: spec.size, diffId: `sha256:${hash.digest('hex')}`, createdBy: spec.createdBy };
}

/** A legacy docker-save archive of layer files already on disk (stored uncompressed, as docker save does). */
function writeDockerSave(archive, path, layers) {
  const tar = new archive.TarWriter(path);
  const names = layers.map((l, i) => `${createHash('sha256').update(`${path}:${i}`).digest('hex')}/layer.tar`);
  layers.forEach((l, i) => tar.copyOf(names[i], l.path));
  const config = archive.imageConfig(
    layers.map((l) => l.diffId),
    layers.map((l) => l.createdBy),
  );
  const configName = `${archive.sha256(config).slice(7)}.json`;
  tar.buffer(configName, config);
  tar.buffer('manifest.json', Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['bench/pull:latest'], Layers: names }])));
  return { path, bytes: tar.finish() };
}

export async function benchPull({ work, cli, node, timeCommand, synthetic, archive, log }) {
  const { MiB, makePool, layer } = synthetic;
  const S = 'pull-size estimate';
  const rows = [];
  const row = (measure, value, target = '', status = 'INFO') => rows.push({ section: S, measure, value, target, status });
  const LAYERS = 4;
  const PER_LAYER = 24 * MiB;
  log(`pull: writing docker-save archives (head: ${LAYERS} x ${PER_LAYER / MiB} MiB layers the base lacks)`);
  const pool = makePool(4 * MiB, 11);
  const dir = join(work, 'pull');
  mkdirSync(dir, { recursive: true });
  const headLayers = [];
  for (let i = 0; i < LAYERS; i++)
    headLayers.push(await writeLayerFile(join(dir, `h${i}.tar`), layer(pool, { name: `pull${i}`, bytes: PER_LAYER, fileBytes: 512 * 1024 })));
  const baseLayer = await writeLayerFile(join(dir, 'b0.tar'), layer(pool, { name: 'base0', bytes: MiB, fileBytes: 512 * 1024 }));
  const head = writeDockerSave(archive, join(dir, 'head.tar'), headLayers);
  const base = writeDockerSave(archive, join(dir, 'base.tar'), [baseLayer]);
  const total = headLayers.reduce((n, l) => n + l.size, 0);
  const jobs = headLayers.map((l) => ({ file: l.path, start: 0, end: l.size - 1 }));
  const gnuTime = existsSync('/usr/bin/time');
  const run = (args) => (gnuTime ? timedCpu(timeCommand, work, node, args) : timeCommand(node, args));
  const bare = () => run(['--input-type=module', '-e', bareScript('gzip', 2, jobs)]).then((r) => ok('bare gzip', r));
  const gnu = () =>
    timeCommand('sh', [
      '-c',
      `printf '%s\\0' ${headLayers.map((l) => `'${l.path}'`).join(' ')} | xargs -0 -P 2 -n 1 sh -c 'gzip -6 -n -c < "$0" | wc -c'`,
    ]).then((r) => ok('gzip -6', r));
  const diff = (extra) => () => run([cli, 'diff', '--format', 'json', ...extra, base.path, head.path]).then((r) => ok('diff', r));
  const [bareRun, gnuRun, estimateRun, plainRun] = await interleaved(ROUNDS, [bare, gnu, diff(['--estimate-pull']), diff([])]);
  const estimate = JSON.parse(estimateRun.stdout).pullEstimate;
  const bareBytes = Number(bareRun.stdout.trim());
  const gnuBytes = gnuRun.stdout
    .trim()
    .split('\n')
    .reduce((n, l) => n + Number(l.trim()), 0);
  const rate = (ms) => `${(total / MiB / (ms / 1000)).toFixed(0)} MiB/s`;
  row(`head: ${LAYERS} layers stored uncompressed, ${(total / MiB).toFixed(0)} MiB, none in the base`, `medians of ${ROUNDS} interleaved runs`);
  row('bare zlib.createGzip level 6, 2 concurrent streams', `${(bareRun.ms / 1000).toFixed(2)} s, ${rate(bareRun.ms)} -> ${bareBytes} B`);
  row('GNU gzip -6, 2 processes at a time', `${(gnuRun.ms / 1000).toFixed(2)} s, ${rate(gnuRun.ms)} -> ${gnuBytes} B`);
  row('layerdiff diff --estimate-pull (whole CLI run)', `${(estimateRun.ms / 1000).toFixed(2)} s, ${rate(estimateRun.ms)} -> ${estimate?.bytes} B`);
  row('layerdiff diff without --estimate-pull', `${(plainRun.ms / 1000).toFixed(2)} s`);
  const ratio = bareRun.ms / estimateRun.ms;
  const sameBytes = Math.abs((estimate?.bytes ?? 0) - bareBytes) <= 64 * LAYERS;
  row(
    'throughput estimate / bare zlib gzip -6',
    `${(ratio * 100).toFixed(0)}%`,
    `>= ${TARGET_PULL_RATIO * 100}%`,
    ratio >= TARGET_PULL_RATIO && sameBytes ? 'PASS' : 'FAIL',
  );
  if (gnuBytes > 0) row('estimate vs GNU gzip -6 bytes', `${(((estimate?.bytes ?? 0) / gnuBytes - 1) * 100).toFixed(1)}% (Node's zlib vs GNU gzip)`);
  else row('GNU gzip -6', 'no output', '', 'FAIL');
  row('cost of --estimate-pull over a plain diff', `+${((estimateRun.ms - plainRun.ms) / 1000).toFixed(2)} s`);
  if (bareRun.cpuMs && estimateRun.cpuMs && plainRun.cpuMs) {
    row(
      'CPU time (user + sys, all threads): bare gzip / estimate / plain diff',
      `${(bareRun.cpuMs / 1000).toFixed(2)} s / ${(estimateRun.cpuMs / 1000).toFixed(2)} s / ${(plainRun.cpuMs / 1000).toFixed(2)} s`,
    );
  }
  if (!sameBytes) row('estimate bytes', `${estimate?.bytes} vs bare zlib ${bareBytes}`, 'same zlib, same level', 'FAIL');
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
