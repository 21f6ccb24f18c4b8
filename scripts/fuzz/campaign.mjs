// The fuzz campaign: generates cases (seeded), runs the built CLI on each as a child process with
// a wall-clock limit and a peak-RSS measurement, classifies the outcome against the exit contract,
// and tabulates kind x outcome. Used by scripts/fuzz.mjs and __tests__/fuzz/fuzz.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesPresent, KINDS } from './mutations.mjs';
import { Rng } from './prng.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KIND_NAMES = Object.keys(KINDS);
/** Outcomes in table order; the last three (and `crash`) break the contract. */
export const OUTCOMES = ['ok', 'refused', 'accepted', 'unnamed', 'crash', 'hang', 'oom'];
/**
 * Contract breaches. Beyond crash/hang/oom: `accepted` is exit 0/1 on an input that must be
 * refused (a bomb, a special file); `unnamed` is a one-line refusal that does not name the input.
 */
export const FAILURES = new Set(['accepted', 'unnamed', 'crash', 'hang', 'oom']);

const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : null;

/** The Node that runs the CLI: the repo's node 24 when present (CI, npx), else this one. */
export function cliNode(root = ROOT) {
  const local = join(root, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

/**
 * Classifies one run against the exit contract: exit 0/1, or exit 2 with exactly one stderr line
 * naming the input; never a stack trace, a signal, another exit code, a hang or a memory overrun.
 */
export function classify({ code, signal, stderr, timedOut, rssMb }, { subject, rssLimitMb, mustRefuse = false }) {
  if (timedOut) return { outcome: 'hang', symptom: 'no exit within the time limit' };
  if (rssMb !== null && rssMb > rssLimitMb) return { outcome: 'oom', symptom: `peak RSS ${Math.round(rssMb)} MB > ${rssLimitMb} MB` };
  const lines = stderr.trimEnd() === '' ? [] : stderr.trimEnd().split('\n');
  const firstLine = lines[0] ?? '';
  if (signal) return { outcome: 'crash', symptom: `killed by ${signal}` };
  if (/^\s+at /m.test(stderr)) return { outcome: 'crash', symptom: `stack trace: ${firstLine}` };
  if ((code === 0 || code === 1) && mustRefuse) return { outcome: 'accepted', symptom: `exit ${code} on an input that must be refused` };
  if (code === 0 || code === 1) return { outcome: 'ok', symptom: '' };
  if (code !== 2) return { outcome: 'crash', symptom: `exit ${code}: ${firstLine}` };
  if (lines.length !== 1) return { outcome: 'crash', symptom: `exit 2 with ${lines.length} stderr lines: ${lines.slice(0, 2).join(' | ')}` };
  if (subject && !firstLine.includes(subject)) return { outcome: 'unnamed', symptom: firstLine };
  return { outcome: 'refused', symptom: firstLine };
}

/** Runs `node dist/cli.js ...argv` with a time limit (killing its whole process group) and GNU time for peak RSS. */
export function runCli(argv, { root = ROOT, timeoutMs, work, env = {} }) {
  const cli = join(root, 'dist', 'cli.js');
  const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
  const node = cliNode(root);
  const [file, args] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, node, cli, ...argv]] : [node, [cli, ...argv]];
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    // Own process group, so a timeout kills node and not just GNU time.
    const child = spawn(file, args, { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(timer);
      let code = exitCode;
      let signal = exitSignal;
      let rssMb = null;
      if (GNU_TIME) {
        try {
          const report = readFileSync(rssFile, 'utf8');
          rmSync(rssFile, { force: true });
          const killed = /terminated by signal (\d+)/.exec(report);
          if (killed) {
            signal = `signal ${killed[1]}`;
            code = null;
          }
          rssMb = Number(report.trim().split('\n').pop()) / 1024;
        } catch {
          // killed before GNU time wrote its report
        }
      }
      resolvePromise({ code, signal: timedOut ? null : signal, stderr, timedOut, rssMb, ms: Date.now() - started });
    });
  });
}

/** `node dist/cli.js ...argv` synchronously, for seed inputs (snapshots, reports). */
function runCliSync(root, argv) {
  const result = spawnSync(cliNode(root), [join(root, 'dist', 'cli.js'), ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`fuzz seed input: layerdiff ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The command that reruns one case alone, keeping its input. */
export function reproCommand(seed, index, kinds) {
  const only = kinds && kinds.length < KIND_NAMES.length ? ` --kinds ${kinds.join(',')}` : '';
  return `npm run fuzz -- --seed ${seed} --case ${index}${only} --keep`;
}

/** Which kind case `index` exercises: round-robin, so every kind gets its share whatever the count. */
export const kindOf = (index, kinds) => kinds[index % kinds.length];

/** Builds case `index` of a campaign (its files go into `dir`). Deterministic for (seed, index, kinds). */
export function makeCase(seed, index, kinds, ctx) {
  const rng = new Rng(seed, index);
  const kind = kindOf(index, kinds);
  const made = KINDS[kind](rng, ctx);
  // Deep scans run on the worker pool or on the main thread: both must keep the contract.
  const threads = made.argv.includes('--deep') ? rng.pick([null, null, '0', '1', '3']) : null;
  return { index, kind, ...made, env: threads === null ? {} : { LAYERDIFF_SCAN_THREADS: threads } };
}

/**
 * Runs cases [start, start+count) (or only `only`) of `seed`, `concurrency` at a time.
 * Returns every result; `log` receives one line per failure as it happens.
 */
export async function runCampaign(options) {
  const {
    seed,
    count = 100,
    start = 0,
    only = null,
    kinds = KIND_NAMES,
    timeoutMs = 20_000,
    rssLimitMb = 300,
    concurrency = 2,
    keep = false,
    dryRun = false,
    root = ROOT,
    log = () => {},
    onResult = () => {},
  } = options;
  for (const kind of kinds) if (!KINDS[kind]) throw new Error(`unknown fuzz kind "${kind}" (known: ${KIND_NAMES.join(', ')})`);
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const missing = fixturesPresent(root);
  if (missing.length > 0) throw new Error(`fuzz corpus fixtures missing: ${missing.join(', ')}`);

  const work = mkdtempSync(join(tmpdir(), 'layerdiff-fuzz-'));
  // A listening Unix socket, for the "socket where a file is expected" cases.
  const socketPath = join(work, 'socket');
  const server = createServer((c) => c.destroy());
  await new Promise((r) => server.listen(socketPath, r));
  const cache = new Map();
  const indexes = only !== null ? [only] : Array.from({ length: count }, (_, i) => start + i);
  const results = [];
  let next = 0;

  const worker = async () => {
    while (next < indexes.length) {
      const index = indexes[next++];
      const dir = join(work, `case-${index}`);
      mkdirSync(dir, { recursive: true });
      const ctx = { root, dir, cache, socketPath, runCliSync: (argv) => runCliSync(root, argv) };
      let result;
      try {
        const c = makeCase(seed, index, kinds, ctx);
        const run = dryRun
          ? { code: 0, signal: null, stderr: '', timedOut: false, rssMb: 0, ms: 0 }
          : await runCli(c.argv, { root, timeoutMs, work, env: c.env });
        const { outcome, symptom } = classify(run, { subject: c.subject, rssLimitMb, mustRefuse: c.mustRefuse });
        result = { id: `${seed}/${index}`, ...c, outcome, symptom, code: run.code, signal: run.signal, ms: run.ms, rssMb: run.rssMb, stderr: run.stderr, dir };
      } catch (error) {
        // A case the fuzzer itself could not build is a fuzzer bug: report it, do not hide it.
        result = {
          id: `${seed}/${index}`,
          index,
          kind: kindOf(index, kinds),
          variant: 'generator-error',
          detail: String(error?.stack ?? error),
          argv: [],
          outcome: 'crash',
          symptom: `fuzzer: ${error?.message ?? error}`,
          ms: 0,
          rssMb: null,
          stderr: '',
          dir,
        };
      }
      result.repro = reproCommand(seed, index, kinds);
      results.push(result);
      onResult(result);
      if (FAILURES.has(result.outcome)) log(formatFailure(result));
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, indexes.length)) }, worker));
  } finally {
    server.close();
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  results.sort((a, b) => a.index - b.index);
  return { seed, kinds, work: keep ? work : null, results };
}

/** One line for a failing case: what, how it ended, and how to rerun it. */
export function formatFailure(r) {
  const env = Object.entries(r.env ?? {})
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  const command = r.argv.length ? `${env}layerdiff ${r.argv.map(shellQuote).join(' ')}` : '(not run)';
  return `FAIL ${r.id} ${r.kind}/${r.variant} -> ${r.outcome}: ${r.symptom}\n  input: ${r.detail}\n  ran:   ${command} (${(r.ms / 1000).toFixed(1)} s, ${r.rssMb === null ? '?' : Math.round(r.rssMb)} MB)\n  repro: ${r.repro}`;
}

/** kind x outcome counts as a Markdown table, with totals. */
export function formatTable(results, kinds = KIND_NAMES) {
  const count = (kind, outcome) => results.filter((r) => (kind === null || r.kind === kind) && r.outcome === outcome).length;
  const rows = [`| kind | ${OUTCOMES.join(' | ')} | total |`, `|---|${OUTCOMES.map(() => '---:').join('|')}|---:|`];
  for (const kind of [...kinds, null]) {
    const cells = OUTCOMES.map((o) => count(kind, o));
    const total = results.filter((r) => kind === null || r.kind === kind).length;
    rows.push(`| ${kind ?? '**all**'} | ${cells.join(' | ')} | ${total} |`);
  }
  return rows.join('\n');
}

export const failuresOf = (results) => results.filter((r) => FAILURES.has(r.outcome));

/** A failure's symptom without paths, digests and numbers: failures that share it are one bug (probably). */
export function signatureOf(r) {
  const symptom = r.symptom
    .replace(/\/tmp\/[^\s":]+/g, 'PATH')
    .replace(/[0-9a-f]{12,64}/g, 'HEX')
    .replace(/\d+/g, 'N');
  return `${r.kind}/${r.variant} ${r.outcome}: ${symptom}`;
}

/** Failures grouped by signature, largest group first: [{ signature, cases }]. */
export function groupFailures(results) {
  const groups = new Map();
  for (const r of failuresOf(results)) {
    const key = signatureOf(r);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups].map(([signature, cases]) => ({ signature, cases })).sort((a, b) => b.cases.length - a.cases.length);
}
