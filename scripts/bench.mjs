// `npm run bench`: layerdiff's performance claims, measured on synthetic archives built in a temp
// directory for this run, beside the same work done by GNU tar and bare Node zlib in the same run.
//
//   node scripts/bench.mjs [--build] [--keep] [--only inspect,gunzip,diff,registry,deep,snapdeep,lanes,pull]
//
// It runs the BUILT CLI (dist/cli.js; built first when missing or with --build) as a child process,
// so every figure includes what a user pays: process start, parsing, I/O. Peak RSS comes from GNU
// time (`/usr/bin/time -f %M`), else from a preload that reports process.resourceUsage().maxRSS.
// Exit code 1 when a target fails. Other helpers' sections plug in as modules:
//   scripts/bench/registry.mjs  export async function benchRegistry(ctx): Row[]
//   scripts/bench/deep.mjs      export async function benchDeep(ctx): Row[]
//   scripts/bench/snapshot-deep.mjs  export async function benchSnapshotDeep(ctx): Row[]
//   scripts/bench/lanes.mjs     export async function benchLanes(ctx), benchPull(ctx): Row[]
// with ctx = { root, work, cli, node, runCli(args, {env}), timeCommand(cmd, args), synthetic, archive,
// log } and Row = { section, measure, value, target?, status? ('PASS'|'FAIL'|'INFO') }.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as archive from './bench/archive.mjs';
import * as synthetic from './bench/synthetic.mjs';

const { GiB, MiB, layer, makePool, writeGzipBlob, writeGzipBlobFast } = synthetic;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
const wanted = (name) => only === null || only.has(name);
const RSS_LIMIT_MB = 200;
const LAYERS = 10;

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const rows = [];
const row = (section, measure, value, target = '', status = 'INFO') => rows.push({ section, measure, value, target, status });
const passFail = (ok) => (ok ? 'PASS' : 'FAIL');

// ---------------------------------------------------------------------------------------------
// Running things and measuring them
// ---------------------------------------------------------------------------------------------
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : null;

const work = mkdtempSync(join(tmpdir(), 'layerdiff-bench-'));
const rssProbe = join(work, 'rss-probe.mjs');
writeFileSync(
  rssProbe,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { try { writeFileSync(process.env.LAYERDIFF_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n",
);

/** Runs a command to completion; returns wall ms, peak RSS (MB), exit code, stdout and stderr. */
function timeCommand(command, commandArgs, { env = {}, stdout = 'capture' } = {}) {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
  let file = command;
  let argv = commandArgs;
  const childEnv = { ...process.env, ...env };
  if (gnuTime) {
    file = gnuTime;
    argv = ['-f', '%M', '-o', rssFile, command, ...commandArgs];
  } else if (command === process.execPath) {
    childEnv.LAYERDIFF_BENCH_RSS_FILE = rssFile;
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --import=${pathToFileURL(rssProbe).href}`.trim();
  }
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { env: childEnv, stdio: ['ignore', stdout === 'capture' ? 'pipe' : 'ignore', 'pipe'] });
    const out = [];
    const err = [];
    let outBytes = 0;
    child.stdout?.on('data', (c) => {
      // Keep at most 16 MiB of stdout: enough for any JSON report, bounded whatever the command.
      if (outBytes < 16 * MiB) out.push(c);
      outBytes += c.length;
    });
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssMB = null;
      try {
        const raw = readFileSync(rssFile, 'utf8').trim().split('\n').pop();
        // GNU time reports KiB; the probe reports KiB too (process.resourceUsage().maxRSS).
        rssMB = Number(raw) / 1024;
        rmSync(rssFile, { force: true });
      } catch {
        /* no figure */
      }
      resolvePromise({ ms, rssMB, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const runCli = (cliArgs, options = {}) => timeCommand(process.execPath, [cli, ...cliArgs], options);

/** Median of `n` runs; the result of the median run is returned with every run's ms. */
async function median(n, fn) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await fn());
  results.sort((a, b) => a.ms - b.ms);
  const mid = results[Math.floor(results.length / 2)];
  return { ...mid, all: results.map((r) => r.ms), maxRssMB: Math.max(...results.map((r) => r.rssMB ?? 0)) };
}

/** Runs each of `fns` in turn, `n` rounds; the median result of each, as `median` gives it. */
async function interleaved(n, fns) {
  const results = fns.map(() => []);
  for (let i = 0; i < n; i++) for (const [k, fn] of fns.entries()) results[k].push(await fn());
  return results.map((list) => {
    const sorted = [...list].sort((a, b) => a.ms - b.ms);
    return { ...sorted[Math.floor(sorted.length / 2)], all: list.map((r) => r.ms), maxRssMB: Math.max(...list.map((r) => r.rssMB ?? 0)) };
  });
}

function expectOk(what, result) {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return result;
}

/** The `--stats` JSON the CLI prints on stderr (the last line that parses as an object with counters). */
function statsOf(result) {
  for (const line of result.stderr.trim().split('\n').reverse()) {
    const text = line.trim();
    const start = text.indexOf('{');
    if (start < 0) continue;
    try {
      const parsed = JSON.parse(text.slice(start));
      if (parsed && typeof parsed === 'object' && 'layersMeasured' in parsed) return parsed;
      if (parsed?.stats && 'layersMeasured' in parsed.stats) return parsed.stats;
    } catch {
      /* not the stats line */
    }
  }
  return null;
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtBytes = (n) => (n >= GiB ? `${(n / GiB).toFixed(2)} GiB` : n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${n} B`);
const fmtRss = (mb) => (mb === null || mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`);

function rssRow(section, what, mb) {
  if (mb === null || mb === undefined || mb === 0) row(section, `peak RSS: ${what}`, 'n/a', `< ${RSS_LIMIT_MB} MB`, 'INFO');
  else row(section, `peak RSS: ${what}`, fmtRss(mb), `< ${RSS_LIMIT_MB} MB`, passFail(mb < RSS_LIMIT_MB));
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------
const pool = makePool(4 * MiB);

/** Inspect time of a 2 GiB vs a 20 MiB docker-save archive with the same layer count; GNU tar beside. */
async function benchInspect() {
  const S = 'inspect: uncompressed archive';
  const dir = join(work, 'inspect');
  mkdirSync(dir);
  log(`writing a 2 GiB and a 20 MiB docker-save archive (${LAYERS} layers each)`);
  const big = archive.writeDockerSave(
    join(dir, 'big.tar'),
    Array.from({ length: LAYERS }, (_, i) => layer(pool, { name: `big${i}`, bytes: (2 * GiB) / LAYERS })),
  );
  const small = archive.writeDockerSave(
    join(dir, 'small.tar'),
    Array.from({ length: LAYERS }, (_, i) => layer(pool, { name: `small${i}`, bytes: (20 * MiB) / LAYERS, fileBytes: 512 * 1024 })),
  );
  // Warm the page cache for both, so the comparison is of work done, not of the disk.
  for (const file of [big.path, small.path]) spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
  const inspect = (file) => median(3, () => runCli(['inspect', '--format', 'json', '--stats', file]).then((r) => expectOk(`inspect ${file}`, r)));
  const bigRun = await inspect(big.path);
  const smallRun = await inspect(small.path);
  const tarBig = await median(3, () => timeCommand('tar', ['-tf', big.path]));
  const tarSmall = await median(3, () => timeCommand('tar', ['-tf', small.path]));
  const layersSeen = JSON.parse(bigRun.stdout).layers?.length;
  row(S, `inspect ${fmtBytes(big.bytes)} docker-save (${LAYERS} layers)`, fmtMs(bigRun.ms));
  row(S, `inspect ${fmtBytes(small.bytes)} docker-save (${LAYERS} layers)`, fmtMs(smallRun.ms));
  const ratio = bigRun.ms / smallRun.ms;
  row(S, 'inspect time ratio 2 GiB / 20 MiB', `${ratio.toFixed(2)}x`, '<= 1.5x', passFail(ratio <= 1.5 && layersSeen === LAYERS));
  const bigStats = statsOf(bigRun);
  row(
    S,
    'bytes read by inspect 2 GiB (--stats)',
    bigStats ? `${fmtBytes(bigStats.archiveBytesRead)} of ${fmtBytes(big.bytes)}, ${bigStats.layersMeasured} layers decompressed` : 'no --stats output',
    'headers + JSON only (< 1%)',
    bigStats ? passFail(bigStats.archiveBytesRead < big.bytes / 100 && bigStats.layersMeasured === 0) : 'INFO',
  );
  row(S, 'GNU tar -tf 2 GiB / 20 MiB', `${fmtMs(tarBig.ms)} / ${fmtMs(tarSmall.ms)} (${(tarBig.ms / tarSmall.ms).toFixed(2)}x)`);
  rssRow(S, 'inspect 2 GiB', bigRun.maxRssMB);
  rssRow(S, 'inspect 20 MiB', smallRun.maxRssMB);
  rmSync(dir, { recursive: true, force: true });
}

/** Uncompressed size measured by the CLI vs a bare zlib gunzip stream of the same blob. */
async function benchGunzip() {
  const S = 'measure: gzip layer';
  const dir = join(work, 'gunzip');
  mkdirSync(dir);
  const spec = layer(pool, { name: 'big-gzip', bytes: 256 * MiB });
  log(`writing an OCI archive with one ${fmtBytes(spec.size)} gzip layer (one real gzip stream)`);
  const blob = await writeGzipBlob(join(dir, 'layer.gz'), spec);
  const oci = archive.writeOciArchive(join(dir, 'image.oci.tar'), [blob]);
  rmSync(blob.blobPath);
  spawnSync('cat', [oci.path], { stdio: ['ignore', 'ignore', 'ignore'] });
  const start = oci.offsets[blob.digest];
  // Bare baseline, given its best shot: Node's defaults, and 1 MiB reads with 256 KiB zlib chunks
  // (fewer, larger chunks); the faster of the two counts.
  const bareScript = (highWaterMark) =>
    [
      "import { createReadStream } from 'node:fs';",
      "import { createGunzip } from 'node:zlib';",
      'let n = 0;',
      `const s = createReadStream(${JSON.stringify(oci.path)}, { start: ${start}, end: ${start + blob.size - 1}${highWaterMark ? `, highWaterMark: ${highWaterMark}` : ''} }).pipe(createGunzip(${highWaterMark ? '{ chunkSize: 256 * 1024 }' : ''}));`,
      "s.on('data', (c) => { n += c.length; });",
      "s.on('end', () => console.log(n));",
    ].join('\n');
  // Interleaved runs (bare default, bare tuned, layerdiff) x 5, medians: whatever else the machine
  // does in the meantime falls on all three alike.
  const [bareDefault, bareTuned, cliRun] = await interleaved(5, [
    () => timeCommand(process.execPath, ['--input-type=module', '-e', bareScript(0)]).then((r) => expectOk('bare gunzip', r)),
    () => timeCommand(process.execPath, ['--input-type=module', '-e', bareScript(MiB)]).then((r) => expectOk('bare gunzip', r)),
    () => runCli(['inspect', '--format', 'json', '--stats', oci.path]).then((r) => expectOk('inspect gzip OCI', r)),
  ]);
  const bare = bareDefault.ms <= bareTuned.ms ? bareDefault : bareTuned;
  if (Number(bare.stdout.trim()) !== spec.size) throw new Error(`bare gunzip produced ${bare.stdout.trim()} bytes, expected ${spec.size}`);
  const measured = JSON.parse(cliRun.stdout).layers?.[0]?.size;
  const bareMBs = spec.size / MiB / (bare.ms / 1000);
  const cliMBs = spec.size / MiB / (cliRun.ms / 1000);
  row(
    S,
    `bare Node zlib gunzip of the ${fmtBytes(blob.size)} blob (child process, best of default / tuned chunks)`,
    `${fmtMs(bare.ms)}, ${bareMBs.toFixed(0)} MiB/s`,
  );
  row(S, 'layerdiff inspect (whole CLI run)', `${fmtMs(cliRun.ms)}, ${cliMBs.toFixed(0)} MiB/s`);
  row(
    S,
    'throughput layerdiff / bare zlib',
    `${((cliMBs / bareMBs) * 100).toFixed(0)}%`,
    '>= 70%',
    passFail(cliMBs / bareMBs >= 0.7 && measured === spec.size),
  );
  if (measured !== spec.size) row(S, 'measured uncompressed size', `${measured} (expected ${spec.size})`, 'exact', 'FAIL');
  rssRow(S, 'inspect gzip OCI', cliRun.maxRssMB);
  rmSync(dir, { recursive: true, force: true });
}

/** Two 2 GiB gzip OCI images that differ in one 10 MiB layer: what does a diff decompress? */
async function benchDiff() {
  const S = 'diff: one 10 MiB layer differs';
  const dir = join(work, 'diff');
  mkdirSync(dir);
  const changedAt = Math.floor(LAYERS / 2);
  const sharedBytes = (2 * GiB - 10 * MiB) / (LAYERS - 1);
  log(`writing two 2 GiB gzip OCI archives (${LAYERS} layers, layer ${changedAt + 1} differs)`);
  const dataMember = gzipSync(pool, { level: 1 });
  const blobs = [];
  for (let i = 0; i < LAYERS; i++) {
    if (i === changedAt) continue;
    blobs[i] = writeGzipBlobFast(join(dir, `shared-${i}.gz`), layer(pool, { name: `shared${i}`, bytes: sharedBytes }), dataMember);
  }
  const small = (name) => {
    const spec = layer(pool, { name, bytes: 10 * MiB, fileBytes: 1 * MiB, createdBy: 'COPY app/ /app/' });
    return writeGzipBlobFast(join(dir, `${name}.gz`), spec);
  };
  const baseChanged = small('app-v1');
  const headChanged = small('app-v2');
  const imageLayers = (changed) => Array.from({ length: LAYERS }, (_, i) => (i === changedAt ? changed : blobs[i]));
  const base = archive.writeOciArchive(join(dir, 'base.oci.tar'), imageLayers(baseChanged));
  const head = archive.writeOciArchive(join(dir, 'head.oci.tar'), imageLayers(headChanged));
  for (const b of [...blobs.filter(Boolean), baseChanged, headChanged]) rmSync(b.blobPath);
  const imageBytes = blobs.reduce((n, b) => n + (b?.uncompressedSize ?? 0), 0) + headChanged.uncompressedSize;
  row(S, 'images', `2 x ${fmtBytes(imageBytes)} uncompressed (${fmtBytes(head.bytes)} as gzip OCI archives)`);

  const describe = (stats) =>
    stats === null
      ? 'no --stats output'
      : `${stats.layersMeasured} layers, ${fmtBytes(stats.measuredStoredBytes)} read -> ${fmtBytes(stats.measuredUncompressedBytes)} decompressed; archive bytes read ${fmtBytes(stats.archiveBytesRead)}`;
  const statusCounts = (stdout) => {
    const counts = {};
    for (const l of JSON.parse(stdout).layers ?? []) counts[l.status] = (counts[l.status] ?? 0) + 1;
    return Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
  };

  // Archive vs archive: nothing on either side says how big a layer is uncompressed, so the head's
  // totals need each shared layer measured once; measuring it again for the base would be waste.
  const pair = expectOk('diff base head', await runCli(['diff', '--format', 'json', '--stats', base.path, head.path]));
  const pairStats = statsOf(pair);
  row(S, 'diff archive vs archive', `${fmtMs(pair.ms)}; rows: ${statusCounts(pair.stdout)}`);
  row(
    S,
    'decompressed (archive vs archive)',
    describe(pairStats),
    `each shared layer at most once (<= ${LAYERS + 1} layers)`,
    pairStats ? passFail(pairStats.layersMeasured <= LAYERS + 1) : 'FAIL',
  );
  rssRow(S, 'diff archive vs archive', pair.rssMB);

  // Snapshot base (what the base branch saves): only the layer that differs may be decompressed.
  const snapshotPath = join(dir, 'base.snapshot.json');
  const snap = expectOk('snapshot base', await runCli(['snapshot', base.path, '-o', snapshotPath]));
  row(S, 'snapshot of the base (once, on the base branch)', `${fmtMs(snap.ms)}, ${fmtBytes(statSync(snapshotPath).size)} JSON`);
  const vsSnapshot = expectOk('diff snapshot head', await runCli(['diff', '--format', 'json', '--stats', `snapshot:${snapshotPath}`, head.path]));
  const snapStats = statsOf(vsSnapshot);
  row(S, 'diff snapshot vs archive', `${fmtMs(vsSnapshot.ms)}; rows: ${statusCounts(vsSnapshot.stdout)}`);
  row(
    S,
    'decompressed (snapshot vs archive)',
    describe(snapStats),
    `only the 10 MiB layer (${fmtBytes(headChanged.uncompressedSize)})`,
    snapStats ? passFail(snapStats.layersMeasured === 1 && snapStats.measuredUncompressedBytes === headChanged.uncompressedSize) : 'FAIL',
  );
  rssRow(S, 'diff snapshot vs archive', vsSnapshot.rssMB);
  rssRow(S, 'snapshot 2 GiB gzip OCI', snap.rssMB);
  rmSync(dir, { recursive: true, force: true });
}

async function benchPlugin(file, exportName, section) {
  const path = join(root, 'scripts', 'bench', file);
  if (!existsSync(path)) {
    row(section, `scripts/bench/${file}`, 'not present', '', 'INFO');
    return;
  }
  const mod = await import(pathToFileURL(path).href);
  if (typeof mod[exportName] !== 'function') throw new Error(`scripts/bench/${file} does not export ${exportName}()`);
  const dir = join(work, section);
  mkdirSync(dir, { recursive: true });
  const result = await mod[exportName]({ root, work: dir, cli, node: process.execPath, runCli, timeCommand, synthetic, archive, log });
  const list = Array.isArray(result) ? result : Array.isArray(result?.rows) ? result.rows : [];
  for (const r of list)
    row(
      r.section ?? section,
      r.measure ?? r.name ?? r.label ?? '',
      String(r.value ?? ''),
      r.target ?? '',
      r.status ?? (r.pass === undefined ? 'INFO' : passFail(r.pass)),
    );
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const started = Date.now();
  if (args.includes('--build') || !existsSync(cli)) {
    log('building dist/ (npm run build)');
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  log(`CLI ${cli} (${(version.stdout || version.stderr).trim()}), Node ${process.version}, peak RSS via ${gnuTime ? 'GNU time' : 'resourceUsage preload'}`);
  const sections = [
    ['inspect', 'inspect: uncompressed archive', benchInspect],
    ['gunzip', 'measure: gzip layer', benchGunzip],
    ['diff', 'diff: one 10 MiB layer differs', benchDiff],
    ['registry', 'registry', () => benchPlugin('registry.mjs', 'benchRegistry', 'registry')],
    ['deep', 'deep scan', () => benchPlugin('deep.mjs', 'benchDeep', 'deep scan')],
    ['snapdeep', 'deep snapshot base', () => benchPlugin('snapshot-deep.mjs', 'benchSnapshotDeep', 'deep snapshot base')],
    ['lanes', 'measure: parallel lanes', () => benchPlugin('lanes.mjs', 'benchLanes', 'measure: parallel lanes')],
    ['pull', 'pull-size estimate', () => benchPlugin('lanes.mjs', 'benchPull', 'pull-size estimate')],
  ];
  const durations = [];
  for (const [name, title, fn] of sections) {
    if (!wanted(name)) continue;
    const t = Date.now();
    log(`section ${name} ...`);
    try {
      await fn();
    } catch (error) {
      row(
        title,
        'section failed',
        String(error?.message ?? error)
          .split('\n')[0]
          .replace(/\|/g, '\\|'),
        '',
        'FAIL',
      );
    }
    const seconds = ((Date.now() - t) / 1000).toFixed(0);
    durations.push(`${name} ${seconds} s`);
    log(`section ${name} done in ${seconds} s`);
  }
  printTable();
  const cpus = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || '?';
  console.log(
    `\nNode ${process.version}, ${cpus} CPUs; whole run ${((Date.now() - started) / 1000).toFixed(0)} s (${durations.join(', ')}), archives generated in this run and deleted after it.`,
  );
  return rows.some((r) => r.status === 'FAIL') ? 1 : 0;
}

function printTable() {
  const header = ['Section', 'Measure', 'Value', 'Target', 'Status'];
  const cells = rows.map((r) => [r.section, r.measure, r.value, r.target, r.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
main()
  .then((code) => {
    cleanup();
    process.exitCode = code;
  })
  .catch((error) => {
    cleanup();
    console.error(`bench: ${error?.stack ?? error}`);
    process.exitCode = 2;
  });
