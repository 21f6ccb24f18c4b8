// Deep diff against a deep snapshot base (`npm run bench -- --only snapdeep`), in the same run:
//   1. a ~2 GiB, ~88k-entry image made of REAL files of this machine (GNU tar of /usr/share,
//      /usr/include, /usr/local, /usr/bin and the repo's node_modules; one gzip layer each): the
//      class of the 1.9 GB / 74k-file image, with real paths, sizes and contents;
//   2. the head changes one middle layer (/usr/include -> /usr/include + /usr/libexec);
//   3. `snapshot BASE --deep -o base.json.gz` once (what the base branch saves): its size, raw and
//      gzip, per entry (target: a few MB compressed);
//   4. `diff snapshot:base.json.gz HEAD --deep`: only the changed layer may be decompressed (its
//      stored and uncompressed bytes exactly), time vs `tar -tzvf` of just that layer, and the same
//      file changes, waste and hints as `diff BASE HEAD --deep`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gunzipSync, createGzip } from 'node:zlib';

const TARGET_GZ_BYTES = 5 * 1024 * 1024;
const TARGET_TIME_RATIO = 1.5;
const TARGET_RSS_MB = 300;

/** GNU tar of `dirs` (relative to /) as one gzip blob, hashed on both sides on the way. */
async function tarLayer(path, dirs, createdBy) {
  const present = dirs.filter((d) => existsSync(`/${d}`));
  const tar = spawn('tar', ['--sort=name', '--warning=no-file-changed', '--warning=no-file-ignored', '-C', '/', '-cf', '-', ...present], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const diff = createHash('sha256');
  const stored = createHash('sha256');
  let uncompressedSize = 0;
  let size = 0;
  const gzip = createGzip({ level: 1, chunkSize: 256 * 1024 });
  const out = createWriteStream(path);
  gzip.on('data', (c) => {
    stored.update(c);
    size += c.length;
  });
  gzip.pipe(out);
  for await (const chunk of tar.stdout) {
    diff.update(chunk);
    uncompressedSize += chunk.length;
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
  const [code] = tar.exitCode !== null ? [tar.exitCode] : await once(tar, 'exit');
  if (code !== 0 && code !== 1) throw new Error(`tar ${present.join(' ')} exited ${code}`);
  return {
    blobPath: path,
    digest: `sha256:${stored.digest('hex')}`,
    size,
    diffId: `sha256:${diff.digest('hex')}`,
    uncompressedSize,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    createdBy,
  };
}

export async function benchSnapshotDeep({ work, runCli, timeCommand, archive, log }) {
  const S = 'deep snapshot base';
  const rows = [];
  const row = (measure, value, target = '', status = 'INFO') => rows.push({ section: S, measure, value, target, status });
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  const MiB = 1024 * 1024;
  const fmt = (n) => (n >= 1024 * MiB ? `${(n / 1024 / MiB).toFixed(2)} GiB` : n >= MiB ? `${(n / MiB).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

  const specs = [
    ['usr/share', ['usr/share'], 'COPY /usr/share'],
    ['usr/local', ['usr/local'], 'COPY /usr/local'],
    ['usr/include', ['usr/include'], 'RUN install headers'],
    ['usr/bin', ['usr/bin'], 'COPY /usr/bin'],
    ['node_modules', ['work/main/node_modules'], 'RUN npm ci'],
  ];
  const changedAt = 2;
  log('snapdeep: writing the layers (GNU tar of real directories, gzip -1)');
  const blobs = [];
  for (const [i, [, dirs, createdBy]] of specs.entries()) blobs.push(await tarLayer(join(work, `layer-${i}.tar.gz`), dirs, createdBy));
  const changed = await tarLayer(join(work, 'layer-changed.tar.gz'), ['usr/include', 'usr/libexec'], 'RUN install headers and helpers');
  const base = archive.writeOciArchive(join(work, 'base.oci.tar'), blobs);
  const headLayers = blobs.map((b, i) => (i === changedAt ? changed : b));
  const head = archive.writeOciArchive(join(work, 'head.oci.tar'), headLayers);
  const uncompressed = headLayers.reduce((n, b) => n + b.uncompressedSize, 0);
  const stored = headLayers.reduce((n, b) => n + b.size, 0);

  // The base branch's run, once: a deep snapshot.
  const snapshotPath = join(work, 'base.json.gz');
  const snap = await runCli(['snapshot', base.path, '--deep', '-o', snapshotPath]);
  if (snap.code !== 0) throw new Error(`snapshot --deep exited ${snap.code}: ${snap.stderr.trim().split('\n').pop()}`);
  const gzBytes = statSync(snapshotPath).size;
  const json = gunzipSync(readFileSync(snapshotPath));
  const entries = JSON.parse(json.toString('utf8')).layers.reduce((n, l) => n + l.fileIndex.count, 0);
  row(
    'image (real files of this machine)',
    `${specs.length} gzip layers, ${fmt(uncompressed)} uncompressed (${fmt(stored)} stored), ${entries} entries in the base`,
  );
  row('snapshot --deep of the base (once, base branch)', `${secs(snap.ms)}, peak RSS ${snap.rssMB?.toFixed(0) ?? 'n/a'} MB`);
  row(
    'deep snapshot size',
    `${fmt(json.length)} JSON (${(json.length / entries).toFixed(1)} B/entry), ${fmt(gzBytes)} gzip (${(gzBytes / entries).toFixed(1)} B/entry)`,
    `<= ${fmt(TARGET_GZ_BYTES)} gzip`,
    pass(gzBytes <= TARGET_GZ_BYTES),
  );

  // The PR's run: only the changed layer may be decompressed.
  const snapReport = join(work, 'vs-snapshot.json');
  const vsSnap = await runCli(['diff', '--deep', '--stats', '--format', 'json', '-o', snapReport, `snapshot:${snapshotPath}`, head.path]);
  if (vsSnap.code !== 0) throw new Error(`diff snapshot --deep exited ${vsSnap.code}: ${vsSnap.stderr.trim().split('\n').pop()}`);
  const st = statsLine(vsSnap.stderr);
  row(
    'diff --deep vs deep snapshot: decompressed',
    st ? `${st.layersScanned} layer, ${fmt(st.scannedStoredBytes)} stored -> ${fmt(st.scannedUncompressedBytes)}; ${st.layersMeasured} measured` : 'no --stats',
    `= the changed layer (${fmt(changed.size)} -> ${fmt(changed.uncompressedSize)})`,
    pass(
      st !== null &&
        st.layersScanned === 1 &&
        st.layersMeasured === 0 &&
        st.scannedStoredBytes === changed.size &&
        st.scannedUncompressedBytes === changed.uncompressedSize,
    ),
  );
  // Wall time on 2 shared cores is noisy: the median of 3 interleaved rounds of each.
  const diffMs = [vsSnap.ms];
  const tarMs = [];
  for (let round = 0; round < 3; round++) {
    tarMs.push((await timeCommand('tar', ['-tzvf', changed.blobPath], { stdout: 'ignore' })).ms);
    if (round < 2) diffMs.push((await runCli(['diff', '--deep', '--format', 'json', '-o', snapReport, `snapshot:${snapshotPath}`, head.path])).ms);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[1];
  const ratio = median(diffMs) / median(tarMs);
  row(
    'time: diff --deep vs snapshot / tar -tzvf of the changed layer (median of 3)',
    `${secs(median(diffMs))} / ${secs(median(tarMs))} (${ratio.toFixed(2)}x)`,
    `<= ${TARGET_TIME_RATIO}x`,
    pass(ratio <= TARGET_TIME_RATIO),
  );
  row('peak RSS: diff --deep vs deep snapshot', `${vsSnap.rssMB?.toFixed(0) ?? 'n/a'} MB`, `< ${TARGET_RSS_MB} MB`, pass((vsSnap.rssMB ?? 0) < TARGET_RSS_MB));

  // The same figures as with the base image itself.
  const fullReport = join(work, 'vs-archive.json');
  const full = await runCli(['diff', '--deep', '--stats', '--format', 'json', '-o', fullReport, base.path, head.path]);
  if (full.code !== 0) throw new Error(`diff --deep exited ${full.code}: ${full.stderr.trim().split('\n').pop()}`);
  const fst = statsLine(full.stderr);
  const figures = (file) => {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const deep = { ...r.deep };
    delete deep.baseIndex;
    return JSON.stringify({ rows: r.layers.map((l) => [l.status, l.files ?? null]), deep });
  };
  row(
    'same file changes, waste, hints as diff BASE HEAD --deep',
    `archive base: ${secs(full.ms)}, ${fst?.layersScanned ?? '?'} layers scanned (${fmt(fst?.scannedUncompressedBytes ?? 0)}); snapshot base ${(full.ms / median(diffMs)).toFixed(1)}x faster`,
    'identical JSON figures',
    pass(figures(fullReport) === figures(snapReport)),
  );
  rmSync(work, { recursive: true, force: true });
  return rows;
}

function statsLine(stderr) {
  for (const line of stderr.trim().split('\n').reverse()) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      const parsed = JSON.parse(line.slice(start));
      return parsed.stats ?? parsed;
    } catch {
      /* not it */
    }
  }
  return null;
}
