// `npm run fuzz -- --seed N --count M`: a seeded mutation fuzzer over the repo's own fixtures. Each
// case runs the built CLI (dist/cli.js; `npm run build` first) on a mutated input and checks the
// exit contract: exit 0/1, or exit 2 with one stderr line naming the input; no stack trace, no
// other exit, no hang (--timeout), peak RSS under --rss-limit. Prints kind x outcome as Markdown;
// exit 1 when any case broke the contract. Every failure prints a one-line repro command.
//
//   node scripts/fuzz.mjs [--seed N] [--count M] [--start I] [--case I] [--kinds a,b]
//                         [--timeout SECONDS] [--rss-limit MB] [--jobs 2] [--keep] [--json FILE] [--verbose]
//                         [--dry-run]   (build the cases, run nothing: checks the generators)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { failuresOf, formatFailure, formatTable, groupFailures, KIND_NAMES, runCampaign } from './fuzz/campaign.mjs';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    count: { type: 'string', default: '200' },
    start: { type: 'string', default: '0' },
    case: { type: 'string' },
    kinds: { type: 'string' },
    timeout: { type: 'string', default: '20' },
    'rss-limit': { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run fuzz -- [--seed N] [--count M] [--case I] [--kinds ${KIND_NAMES.join(',')}] [--timeout S] [--rss-limit MB] [--jobs N] [--keep] [--json FILE]\n`,
  );
  process.exit(0);
}

const int = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fuzz: --${name} must be a non-negative integer\n`);
    process.exit(2);
  }
  return n;
};

const seed = int('seed');
const only = values.case === undefined ? null : int('case');
const kinds = values.kinds ? values.kinds.split(',').map((k) => k.trim()) : KIND_NAMES;
const total = only === null ? int('count') : 1;
const log = (line) => process.stderr.write(`${line}\n`);
log(
  `fuzz: seed ${seed}, ${only === null ? `${total} cases from ${int('start')}` : `case ${only}`}, kinds ${kinds.join(',')}, timeout ${values.timeout} s, RSS limit ${values['rss-limit']} MB`,
);

let done = 0;
const started = Date.now();
const campaign = await runCampaign({
  seed,
  count: total,
  start: int('start'),
  only,
  kinds,
  timeoutMs: int('timeout') * 1000,
  rssLimitMb: int('rss-limit'),
  concurrency: Math.max(1, Math.min(int('jobs'), 2)),
  keep: values.keep,
  dryRun: values['dry-run'],
  log,
  onResult(r) {
    done++;
    if (values.verbose || only !== null) {
      log(
        `${r.id} ${r.kind}/${r.variant} ${r.outcome} (${r.ms} ms, ${r.rssMb === null ? '?' : Math.round(r.rssMb)} MB) ${r.detail}\n  ${Object.entries(
          r.env ?? {},
        )
          .map(([k, v]) => `${k}=${v} `)
          .join('')}layerdiff ${r.argv.join(' ')}\n  ${r.stderr.trimEnd().split('\n').join('\n  ')}`,
      );
    } else if (done % 50 === 0) log(`fuzz: ${done}/${total} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  },
});

const failures = failuresOf(campaign.results);
process.stdout.write(
  `\nlayerdiff fuzz, seed ${seed}, ${campaign.results.length} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n\n${formatTable(campaign.results, kinds)}\n`,
);
if (failures.length > 0) {
  process.stdout.write(`\n${failures.length} case(s) broke the exit contract:\n\n${failures.map(formatFailure).join('\n\n')}\n`);
  const groups = groupFailures(campaign.results);
  process.stdout.write(
    `\n${groups.length} distinct symptom(s):\n${groups.map((g) => `- ${g.signature} — ${g.cases.length} case(s): ${g.cases.map((c) => c.index).join(', ')}`).join('\n')}\n`,
  );
}
if (campaign.work) process.stdout.write(`\ninputs kept in ${campaign.work}\n`);
if (values.json)
  writeFileSync(
    values.json,
    JSON.stringify({ seed, kinds, results: campaign.results.map(({ stderr, ...r }) => ({ ...r, stderr: stderr.slice(0, 2000) })) }, null, 2),
  );
process.exit(failures.length > 0 ? 1 : 0);
