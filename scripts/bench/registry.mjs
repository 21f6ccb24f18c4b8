// Registry benchmark: a base image in a real local registry (Debian's docker-registry), a head
// archive that differs from it in one layer. `layerdiff diff docker://127.0.0.1:PORT/app:main
// head.tar` must transfer only manifests, the config and the one layer that differs: shared layers
// take their size from the head archive. Figures come from the CLI's --stats counters and from the
// registry's own access log (which lists every blob request).
//
// Plugged into scripts/bench.mjs (export benchRegistry(ctx) -> rows), or standalone:
//   node scripts/bench/registry.mjs        (needs dist/cli.js: npm run build)
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as archiveLib from './archive.mjs';
import * as syntheticLib from './synthetic.mjs';

const MiB = 1024 * 1024;
const SECTION = 'registry: base in a registry, one layer differs';
const SHARED_LAYERS = 6;
const SHARED_LAYER_BYTES = 24 * MiB;
const CHANGED_LAYER_BYTES = 10 * MiB;

/**
 * @param {{ cli: string, work?: string, tmp?: string, log?: (m: string) => void, runCli?: Function,
 *           synthetic?: typeof syntheticLib, archive?: typeof archiveLib }} ctx
 * @returns {Promise<Array<{ section: string, measure: string, value: string, target?: string, status?: string }>>}
 */
export async function benchRegistry(ctx) {
  const log = ctx.log ?? ((m) => process.stderr.write(`bench registry: ${m}\n`));
  const synthetic = ctx.synthetic ?? syntheticLib;
  const archive = ctx.archive ?? archiveLib;
  const rows = [];
  const row = (measure, value, target = '', status = 'INFO') => rows.push({ section: SECTION, measure, value: String(value), target, status });

  const missing = ['docker-registry', 'skopeo'].filter((tool) => !which(tool));
  if (missing.length) {
    row('skipped', `${missing.join(', ')} not installed (scripts/install-test-deps.sh installs them)`);
    return rows;
  }
  const dir = ctx.work ?? ctx.tmp ?? mkdtempSync(join(tmpdir(), 'layerdiff-bench-registry-'));
  mkdirSync(dir, { recursive: true });
  const runCli = ctx.runCli ?? ((args) => runCommand(process.execPath, [ctx.cli, ...args]));

  log(
    `writing a base and a head image (${SHARED_LAYERS} shared gzip layers of ${fmtBytes(SHARED_LAYER_BYTES)}, one ${fmtBytes(CHANGED_LAYER_BYTES)} layer differs)`,
  );
  const pool = synthetic.makePool(4 * MiB, 7);
  const dataMember = gzipSync(pool, { level: 1 });
  const shared = [];
  for (let i = 0; i < SHARED_LAYERS; i++) {
    shared.push(synthetic.writeGzipBlobFast(join(dir, `shared-${i}.gz`), synthetic.layer(pool, { name: `lib${i}`, bytes: SHARED_LAYER_BYTES }), dataMember));
  }
  const app = (name) =>
    synthetic.writeGzipBlobFast(
      join(dir, `${name}.gz`),
      synthetic.layer(pool, { name, bytes: CHANGED_LAYER_BYTES, fileBytes: MiB, createdBy: 'COPY app/ /app/' }),
    );
  const baseApp = app('app-v1');
  const headApp = app('app-v2');
  const layersWith = (changed) => [...shared.slice(0, 3), changed, ...shared.slice(3)];
  const base = archive.writeOciArchive(join(dir, 'base.oci.tar'), layersWith(baseApp), 'main');
  const head = archive.writeOciArchive(join(dir, 'head.oci.tar'), layersWith(headApp), 'main');
  for (const b of [...shared, baseApp, headApp]) rmSync(b.blobPath, { force: true });
  const baseLayers = layersWith(baseApp);
  const storedBytes = baseLayers.reduce((n, l) => n + l.size, 0);
  const uncompressedBytes = baseLayers.reduce((n, l) => n + l.uncompressedSize, 0);

  const registry = await startRegistry(dir);
  try {
    log(`pushing the base to ${registry.host} with skopeo`);
    const push = spawnSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci-archive:${base.path}:main`, `docker://${registry.host}/app:main`], {
      encoding: 'utf8',
    });
    if (push.status !== 0) throw new Error(`skopeo copy failed: ${push.stderr.trim()}`);
    const before = registry.accessLog().length;

    const ref = `docker://${registry.host}/app:main`;
    log(`layerdiff diff ${ref} head.oci.tar`);
    const result = await runCli(['diff', ref, head.path, '--insecure-registry', registry.host, '--format', 'json', '--stats']);
    if (result.code !== 0 && result.code !== 1) throw new Error(`layerdiff diff exited ${result.code}: ${String(result.stderr).trim().split('\n').pop()}`);
    const stats = statsFrom(String(result.stderr));
    const requests = registry.accessLog().slice(before);
    const blobGets = requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/'));
    const manifestGets = requests.filter((r) => r.method === 'GET' && r.path.includes('/manifests/'));
    const configDigest = JSON.parse(String(result.stdout)).base?.configDigest ?? '';
    const name = (digest) =>
      digest === configDigest ? 'config' : digest === baseApp.digest ? 'changed layer' : baseLayers.some((l) => l.digest === digest) ? 'SHARED layer' : 'other';
    const blobList = blobGets.map((r) => {
      const digest = r.path.slice(r.path.indexOf('/blobs/') + 7);
      return `${name(digest)} ${digest.slice(7, 19)} (${fmtBytes(r.bytes)})`;
    });
    const transferred = stats?.networkBytes ?? requests.reduce((n, r) => n + r.bytes, 0);
    const configBytes = blobGets.filter((r) => r.path.endsWith(configDigest)).reduce((n, r) => n + r.bytes, 0);
    const allowed = baseApp.size + configBytes + 64 * 1024; // manifests and token-free HTTP overhead
    const onlyWanted =
      blobGets.every((r) => r.path.endsWith(configDigest) || r.path.endsWith(baseApp.digest)) && blobGets.some((r) => r.path.endsWith(baseApp.digest));

    row('base image in the registry', `${baseLayers.length} layers, ${fmtBytes(storedBytes)} stored (gzip), ${fmtBytes(uncompressedBytes)} uncompressed`);
    row('diff docker://…/app:main head.oci.tar', `${fmtMs(result.ms)}${result.rssMB ? `, peak RSS ${result.rssMB.toFixed(0)} MB` : ''}`);
    row(
      'bytes transferred',
      `${fmtBytes(transferred)} = ${((transferred / storedBytes) * 100).toFixed(1)}% of the stored image`,
      `<= changed layer ${fmtBytes(baseApp.size)} + config + manifests`,
      passFail(transferred <= allowed),
    );
    row('manifest requests', manifestGets.length);
    row('blob requests', blobList.join('; ') || 'none', 'config + the changed layer only', passFail(onlyWanted));
    // The head is a gzip OCI archive, so its layers are measured locally (once each); of the base,
    // only the layer that differs is downloaded and decompressed.
    const headLayers = SHARED_LAYERS + 1;
    if (stats)
      row(
        'layers decompressed',
        `${stats.layersMeasured} (${fmtBytes(stats.measuredStoredBytes)} read: the head's ${headLayers} local + the base's changed one)`,
        `<= ${headLayers + 1}`,
        passFail(stats.layersMeasured <= headLayers + 1),
      );
    else row('--stats', 'no --stats JSON on stderr (is dist/ current?)', '', 'INFO');
  } finally {
    await registry.stop();
    if (!ctx.work && !ctx.tmp) rmSync(dir, { recursive: true, force: true });
    else for (const f of ['base.oci.tar', 'head.oci.tar']) rmSync(join(dir, f), { force: true });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The registry (same setup as __tests__/helpers/registry-server.ts, which .mjs cannot import)
// ---------------------------------------------------------------------------------------------
async function startRegistry(workDir) {
  const dir = join(workDir, 'registry');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: info',
      '  formatter: text',
      '  accesslog:',
      '    disabled: false',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'storage')}`,
      'http:',
      `  addr: ${host}`,
      '  secret: layerdiff-bench',
      '',
    ].join('\n'),
  );
  const logPath = join(dir, 'registry.log');
  const fd = openSync(logPath, 'a');
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = false;
  child.on('exit', () => (exited = true));
  const readLog = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const deadline = Date.now() + 15_000;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start:\n${readLog()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    /** Access log lines: method, path, status, response bytes. */
    accessLog: () =>
      [...readLog().matchAll(/"(GET|HEAD|PUT|POST|PATCH|DELETE) (\S+) HTTP\/[\d.]+" (\d{3}) (\d+|-)/g)].map((m) => ({
        method: m[1],
        path: m[2],
        status: Number(m[3]),
        bytes: m[4] === '-' ? 0 : Number(m[4]),
      })),
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(t);
      }
    },
  };
}

function answers(port) {
  return new Promise((resolvePromise) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume();
      resolvePromise(true);
    });
    req.on('error', () => resolvePromise(false));
    req.on('timeout', () => {
      req.destroy();
      resolvePromise(false);
    });
  });
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function which(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

function runCommand(command, args) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        rssMB: null,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });
}

/** The `{"stats": {...}}` line --stats prints on stderr. */
function statsFrom(stderr) {
  for (const line of stderr.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      const data = JSON.parse(line);
      if (data && typeof data === 'object' && data.stats) return data.stats;
    } catch {
      // not the stats line
    }
  }
  return null;
}

function fmtBytes(n) {
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function passFail(ok) {
  return ok ? 'PASS' : 'FAIL';
}

// Standalone: node scripts/bench/registry.mjs
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    process.stderr.write('bench registry: dist/cli.js is missing; run npm run build first\n');
    process.exit(2);
  }
  const rows = await benchRegistry({ cli });
  const width = Math.max(...rows.map((r) => r.measure.length));
  for (const r of rows)
    process.stdout.write(
      `${r.measure.padEnd(width)}  ${r.value}${r.target ? `  [target: ${r.target}]` : ''}${r.status && r.status !== 'INFO' ? `  ${r.status}` : ''}\n`,
    );
  process.exit(rows.some((r) => r.status === 'FAIL') ? 1 : 0);
}
