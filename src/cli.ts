/**
 * `layerdiff` command line: a thin shell over the engine. Parses flags, runs the pipeline,
 * renders, and maps outcomes to exit codes (0 pass/warn, 1 budget failed, 2 usage or input error).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isSizeUnit } from './budgets/limits.js';
import { budgetRulesFromFlags, parseBudgetLines, RULE_NAMES, type BudgetRule } from './budgets/rules.js';
import { checkCredentialFlags, credentialsFromCli, readPasswordFromStdin, type GivenCredentials } from './cli-credentials.js';
import { compareImages, inspectImageDeep, snapshotImageDeep, type EngineOptions } from './engine.js';
import { snapshotFileBytes } from './sources/snapshot-file.js';
import { comparePlatforms, inspectPlatforms, type MultiSelection } from './engine-multi.js';
import type { MultiReport } from './core/multi-report.js';
import { isMultiPlatform, parsePlatformSelection } from './image/platform-set.js';
import { renderMultiMarkdown } from './report/multi-markdown.js';
import { renderMultiText } from './report/multi-text.js';
import { isLayerdiffError, LayerdiffError, usageError } from './errors.js';
import { describeError } from './report/error-line.js';
import { parsePlatform } from './image/platform.js';
import type { Snapshot } from './core/snapshot.js';
import { appendHistory, COMMIT_PATTERN, historyPointOf, isoDate, withHistory } from './core/history.js';
import { colourChoice, parseColourMode } from './report/colour.js';
import { parseSnapshotJson, MAX_SNAPSHOT_BYTES } from './sources/snapshot-file.js';
import { renderJson } from './report/json.js';
import { eventText } from './report/progress-text.js';
import { logText, oneLine } from './report/escape.js';
import { checkCommentKey } from './report/comment-marker.js';
import { renderMarkdown, renderSnapshotMarkdown } from './report/markdown.js';
import type { DeepReport, Report } from './core/report.js';
import { renderSnapshotText, renderText } from './report/text.js';
import { mergeInputs, readMergeInputs } from './merge.js';
import { readRegularFile } from './sources/regular-file.js';
import { newRunStats, type IoStats } from './stats.js';
import { VERSION } from './version.js';

/** One flag per budget rule, generated from the rule table (src/budgets/rules.ts). */
export const budgetFlagNames: readonly string[] = RULE_NAMES;

const options = {
  platform: { type: 'string' },
  'base-platform': { type: 'string' },
  image: { type: 'string' },
  'base-tag': { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  deep: { type: 'boolean' },
  'dive-compat': { type: 'boolean' },
  verify: { type: 'boolean' },
  'estimate-pull': { type: 'boolean' },
  budgets: { type: 'string' },
  creds: { type: 'string' },
  'base-creds': { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'insecure-registry': { type: 'string', multiple: true },
  'comment-key': { type: 'string' },
  name: { type: 'string' },
  missing: { type: 'string', multiple: true },
  width: { type: 'string' },
  color: { type: 'string' },
  'history-from': { type: 'string' },
  commit: { type: 'string' },
  date: { type: 'string' },
  stats: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  ...Object.fromEntries(budgetFlagNames.map((name) => [name, { type: 'string' as const }])),
} satisfies ParseArgsConfig['options'];

interface Flags {
  platform?: string;
  'base-platform'?: string;
  image?: string;
  'base-tag'?: string;
  format?: string;
  output?: string;
  deep?: boolean;
  'dive-compat'?: boolean;
  verify?: boolean;
  'estimate-pull'?: boolean;
  budgets?: string;
  creds?: string;
  'base-creds'?: string;
  username?: string;
  'password-stdin'?: boolean;
  'insecure-registry'?: string[];
  'comment-key'?: string;
  name?: string;
  missing?: string[];
  width?: string;
  color?: string;
  'history-from'?: string;
  commit?: string;
  date?: string;
  stats?: boolean;
  quiet?: boolean;
  debug?: boolean;
  help?: boolean;
  version?: boolean;
  /** The budget flags, by name. */
  [budget: string]: string | boolean | string[] | undefined;
}

/** Every flag the CLI takes (the usage text and README must name each). */
export const cliFlagNames = Object.keys(options);

export const usage = `layerdiff ${VERSION}: what a change did to a container image, layer by layer

Usage:
  layerdiff diff <base> <head> [options]    compare two images
  layerdiff inspect <image> [options]       one image's layers (like docker history)
  layerdiff snapshot <image> -o file.json   save a snapshot to use later as a base (snapshot:file.json)
  layerdiff snapshot <image> --deep -o file.json.gz
                                            with every layer's file index, so diff --deep works against it
      [--history-from old.json] [--commit SHA [--date ISO]]   carry the size history on, add this commit
  layerdiff merge <report.json>...          one report (and one comment) for many images and platforms

Image references:
  PATH                          docker save / OCI / containerd / kaniko archive (.tar or .tar.gz) or OCI
                                layout directory, detected from content
  docker-archive:PATH  oci-archive:PATH  oci:DIR
  docker://HOST/REPO:TAG        registry (OCI distribution API); also @sha256:DIGEST
  docker-daemon:NAME:TAG        local Docker daemon (docker save, streamed)
  snapshot:PATH                 a snapshot saved by 'layerdiff snapshot' (plain or gzip-compressed)

Options:
  --platform os/arch[/variant]  platform to pick from multi-platform images (default: host, else the only one);
                                'all' or a comma list (linux/amd64,linux/arm64): every platform, each
                                compared with the base's same platform (diff, inspect)
  --base-platform P             platform for the base when it differs from --platform
  --image NAME:TAG              image to pick from an archive holding several
  --base-tag NAME:TAG           image to pick from the base archive (default: --image)
  -f, --format text|markdown|json   output format (default: text)
  -o, --output FILE             write the report to FILE instead of stdout
  --deep                        look inside changed layers: files changed, wasted space, hints
  --dive-compat                 with --deep, also print dive's efficiency figures
  --verify                      hash every layer and check it against its diff_id
  --estimate-pull               diff: estimate the pull size of the head's changed and added layers
                                stored uncompressed (docker save), by gzip -6 as pushes compress them
  --creds USER:PASSWORD         registry credentials for the head (and the base unless --base-creds)
  --base-creds USER:PASSWORD    registry credentials for the base
  --username USER               registry user for the head (and the base unless --base-creds); the
                                password from --password-stdin or LAYERDIFF_REGISTRY_PASSWORD
  --password-stdin              read that password from stdin, as docker login does
  --insecure-registry HOST      talk plain HTTP to HOST (repeatable)
  --comment-key KEY             add the sticky-comment marker <!-- layerdiff:KEY --> to Markdown
  --name NAME                   diff: the image's name when reports are merged (default: --comment-key,
                                else the head reference)
  --missing NAME                merge: a leg that left no report (repeatable): a "no report" row
  --width N                     text table width (default: the terminal's, else 160)
  --color auto|always|never     colour the text report (default auto: when stdout is a terminal and
                                NO_COLOR is unset or empty; FORCE_COLOR forces it)
  --history-from FILE           snapshot: carry the size history of this earlier snapshot (the trend
                                chart of a later diff against it)
  --commit SHA                  snapshot: add this image as commit SHA (40 or 64 hex) to the history
  --date ISO                    with --commit: when it was committed (default: now), e.g. 2026-12-01T08:00:00Z
  --stats                       print I/O counters (bytes read, layers decompressed) as JSON on stderr
  -q, --quiet                   no progress lines
  --debug                       stack traces on errors
  -h, --help  -V, --version

Budgets (sizes like 500MB, 1.5GiB, 123; growth and ratios also as 5%):
  --max-size S  --max-compressed-size S  --max-growth S|P  --max-layer-growth S|P
  --min-cache-hit P  --max-wasted S  --min-efficiency P      (a failure exits 1)
  --warn-size, --warn-compressed-size, --warn-growth, --warn-layer-growth, --warn-cache-hit,
  --warn-wasted, --warn-efficiency                           (same, but only warn)
  --budgets FILE                lines of "rule: value", e.g. "max-growth: 5%"

Registry access: without the flags above, LAYERDIFF_REGISTRY_USERNAME and LAYERDIFF_REGISTRY_PASSWORD
  (the base: LAYERDIFF_BASE_REGISTRY_USERNAME/_PASSWORD if set), then ~/.docker/config.json (auths,
  then the credHelpers/credsStore helper), then GITHUB_TOKEN for ghcr.io. HTTPS_PROXY, HTTP_PROXY and
  NO_PROXY (lowercase too) route registry requests.

Exit codes: 0 budgets pass or warn, 1 a budget failed, 2 bad usage or unreadable input.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines only then). */
  stderrIsTty: boolean;
  /** Whether stdout is a terminal (colour only then, unless --color or the environment says). */
  stdoutIsTty?: boolean;
  columns: number | undefined;
  /** Where --password-stdin reads (default: process.stdin). */
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean; destroy?: () => void };
  /** Environment for LAYERDIFF_REGISTRY_* (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  get stderrIsTty() {
    return Boolean(process.stderr.isTTY);
  },
  get stdoutIsTty() {
    return Boolean(process.stdout.isTTY);
  },
  get columns() {
    return process.stdout.columns;
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let flags: Flags = {};
  try {
    const parsed = parseFlags(argv);
    flags = parsed.values;
    if (flags.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...positionals] = parsed.positionals;
    if (flags.help || command === undefined || command === 'help') {
      io.stdout(usage);
      return command === undefined && !flags.help ? 2 : 0;
    }
    // The key goes inside the marker's HTML comment: the action's rule, checked before any work.
    if (flags['comment-key'] !== undefined) checkCommentKey(flags['comment-key'], '--comment-key');
    if (command === 'merge') return await runMerge(positionals, flags, io);
    if (flags.missing !== undefined) throw usageError('--missing: only `layerdiff merge` takes it');
    if (flags.name !== undefined && command !== 'diff') throw usageError('--name: only `layerdiff diff` takes it (it names the image in a merged report)');
    if (command !== 'diff' && command !== 'inspect' && command !== 'snapshot') {
      throw usageError(`unknown command "${command}" (expected diff, inspect, snapshot or merge; see layerdiff --help)`);
    }
    // Flag mistakes fail before any image is opened or any password read.
    const history = await historyPlan(command, flags);
    colourMode(flags);
    const creds = await givenCredentials(flags, io);
    const progress = makeProgress(io, flags.quiet ?? false);
    // Counters of this run only (main() may run more than once in a process: tests).
    const stats = newRunStats();
    try {
      switch (command) {
        case 'diff':
          return await runDiff(positionals, flags, io, { progress, stats }, creds);
        case 'inspect':
          return await runInspect(positionals, flags, io, { progress, stats }, 'inspect', creds.head);
        case 'snapshot':
          return await runInspect(positionals, flags, io, { progress, stats }, 'snapshot', creds.head, history);
        default:
          throw usageError(`unknown command "${String(command)}"`);
      }
    } finally {
      progress.done();
      if (flags.stats) io.stderr(`${JSON.stringify({ stats: { ...stats, maxRssBytes: process.resourceUsage().maxRSS * 1024 } })}\n`);
    }
  } catch (error) {
    return reportError(error, io, flags.debug ?? false);
  }
}

type CliCredentials = ReturnType<typeof credentialsFromCli>;

/** Registry credentials from flags, stdin and LAYERDIFF_REGISTRY_* (see cli-credentials.ts). */
async function givenCredentials(flags: Flags, io: CliIo): Promise<CliCredentials> {
  checkCredentialFlags({ creds: flags.creds, username: flags.username, passwordStdin: flags['password-stdin'] === true });
  const passwordFromStdin = flags['password-stdin'] ? await readPasswordFromStdin(io.stdin ?? process.stdin) : undefined;
  return credentialsFromCli({ creds: flags.creds, baseCreds: flags['base-creds'], username: flags.username, passwordFromStdin }, io.env ?? process.env);
}

/** What a command reports to while it runs. */
interface RunOutput {
  progress: Progress;
  stats: IoStats;
}

async function runDiff(positionals: string[], flags: Flags, io: CliIo, { progress, stats }: RunOutput, creds: CliCredentials): Promise<number> {
  if (positionals.length !== 2) throw usageError(`diff takes two images, <base> and <head> (got ${positionals.length})`);
  const [baseRef, headRef] = positionals as [string, string];
  const format = outputFormat(flags);
  const budgets = await collectBudgets(flags);
  const engine: EngineOptions = {
    ...engineOptions(flags, progress, creds.head),
    stats,
    budgets,
    basePlatform: flags['base-platform'],
    // Budget rules that need the deep scan switch it on in the engine (the action gets the same).
    deep: flags.deep === true,
    estimatePull: flags['estimate-pull'] === true,
  };
  const baseOverrides = { image: flags['base-tag'] ?? flags.image, creds: creds.base?.creds, credsOrigin: creds.base?.origin };
  const selection = multiSelection(flags);
  if (selection !== null) {
    const multi = await comparePlatforms(baseRef, headRef, selection, engine, baseOverrides, { name: reportName(flags) });
    progress.done();
    await emit(renderMulti(multi, format, flags, io), flags, io);
    return multi.verdict === 'fail' ? 1 : 0;
  }
  const computed = await compareImages(baseRef, headRef, engine, baseOverrides);
  const name = reportName(flags);
  const report: Report = name === undefined ? computed : { ...computed, name };
  progress.done();
  await emit(renderReport(report, format, flags, io), flags, io);
  return report.verdict === 'fail' ? 1 : 0;
}

async function runInspect(
  positionals: string[],
  flags: Flags,
  io: CliIo,
  { progress, stats }: RunOutput,
  command: 'inspect' | 'snapshot',
  creds: GivenCredentials | undefined,
  history: HistoryPlan | null = null,
): Promise<number> {
  if (positionals.length !== 1) throw usageError(`${command} takes one image (got ${positionals.length})`);
  // Budgets are rules over a diff (DESIGN: diff -> budgets -> report); silently ignoring them here
  // (even a missing --budgets file) read as a pass.
  const budgetFlag = flags.budgets !== undefined ? 'budgets' : budgetFlagNames.find((name) => flags[name] !== undefined);
  if (budgetFlag !== undefined) throw usageError(`${command} does not check budgets (--${budgetFlag} given); budgets apply to layerdiff diff <base> <head>`);
  // A pull is fetched on top of a base: the estimate is a figure of the diff, not of one image.
  if (flags['estimate-pull'] === true)
    throw usageError(`${command} does not estimate pull sizes (--estimate-pull given); it applies to layerdiff diff <base> <head>`);
  const selection = multiSelection(flags);
  if (command === 'snapshot') {
    // A snapshot file is one platform's image (`snapshot:PATH` is compared with one head platform).
    if (selection !== null) throw usageError(`snapshot: a snapshot holds one platform; give --platform os/arch (run it once per platform for several)`);
    return await runSnapshot(positionals[0] as string, flags, io, { progress, stats }, creds, history);
  }
  const format = outputFormat(flags);
  const deep = flags.deep === true;
  if (selection !== null) {
    const all = await inspectPlatforms(positionals[0] as string, selection, { ...engineOptions(flags, progress, creds), deep, stats });
    progress.done();
    await emit(renderSnapshots(all, format, flags, io), flags, io);
    return 0;
  }
  const inspected = await inspectImageDeep(positionals[0] as string, { ...engineOptions(flags, progress, creds), deep, stats });
  progress.done();
  await emit(renderSnapshot(inspected.snapshot, inspected.deep, format, flags, io), flags, io);
  return 0;
}

/**
 * `snapshot`: a layerdiff/snapshot@1 file. With --deep it carries every layer's file index (a
 * deep snapshot, compact JSON), so a later `diff snapshot:FILE head --deep` has the base's files
 * without the base image. An --output name ending in .gz is written gzip-compressed (readers
 * tell by content, not name).
 */
async function runSnapshot(
  ref: string,
  flags: Flags,
  io: CliIo,
  { progress, stats }: RunOutput,
  creds: GivenCredentials | undefined,
  history: HistoryPlan | null,
): Promise<number> {
  const engine = { ...engineOptions(flags, progress, creds), stats };
  const { snapshot: measured, indexes } =
    flags.deep === true
      ? await snapshotImageDeep(ref, engine)
      : { snapshot: await inspectImageDeep(ref, { ...engine, deep: false }).then((r) => r.snapshot), indexes: null };
  progress.done();
  const snapshot = history ? applyHistory(measured, history) : measured;
  const output = flags.output;
  const bytes = snapshotFileBytes(snapshot, indexes, { gzip: output !== undefined && output.endsWith('.gz'), subject: ref });
  if (output === undefined) {
    io.stdout(bytes.toString('utf8'));
    return 0;
  }
  try {
    await writeFile(output, bytes);
  } catch (error) {
    throw new LayerdiffError('usage', `--output ${output}: ${(error as Error).message}`);
  }
  const what = indexes ? `deep snapshot (${[...indexes.values()].reduce((n, index) => n + index.count, 0)} entries, ${bytes.length} bytes)` : 'snapshot';
  io.stderr(`layerdiff: ${what} of ${oneLine(ref)} written to ${oneLine(output)}\n`);
  return 0;
}

/** `--name`, else `--comment-key`: the image's name when its report is merged with others. */
function reportName(flags: Flags): string | undefined {
  const name = (flags.name ?? flags['comment-key'])?.trim();
  if (name === undefined || name === '') return undefined;
  if (Array.from(name).length > MAX_NAME_LENGTH) throw usageError(`--name: longer than ${MAX_NAME_LENGTH} characters`);
  return name;
}

const MAX_NAME_LENGTH = 200;

/** `merge FILE...`: reports of several jobs (or platforms) as one; exit 1 when the merged verdict fails. */
async function runMerge(positionals: string[], flags: Flags, io: CliIo): Promise<number> {
  const budgetFlag = flags.budgets !== undefined ? 'budgets' : budgetFlagNames.find((name) => flags[name] !== undefined);
  if (budgetFlag !== undefined) throw usageError(`merge does not check budgets (--${budgetFlag} given); each report carries its own verdict`);
  if (flags.name !== undefined) throw usageError('--name: names the image of `layerdiff diff`; merge takes each name from its report');
  const missing = (flags.missing ?? []).map((name) => name.trim());
  if (missing.some((name) => name === '' || Array.from(name).length > MAX_NAME_LENGTH))
    throw usageError(`--missing: a name of 1-${MAX_NAME_LENGTH} characters`);
  if (positionals.length === 0 && missing.length === 0) throw usageError('merge takes one or more report files (layerdiff/report@1 or multi-report@1)');
  const format = outputFormat(flags);
  const inputs = await readMergeInputs(positionals.map((file) => ({ path: file, subject: file })));
  const multi = mergeInputs(inputs, missing);
  const text =
    format === 'json'
      ? renderJson(multi)
      : format === 'markdown'
        ? renderMultiMarkdown(multi, flags['comment-key'] !== undefined ? { commentKey: flags['comment-key'] } : {})
        : renderMultiText(multi, { width: textWidth(flags, io) });
  await emit(text, flags, io);
  return multi.verdict === 'fail' ? 1 : 0;
}

/** What `snapshot --history-from/--commit/--date` asked for, checked before any image is opened. */
interface HistoryPlan {
  /** The history carried on: the --history-from snapshot's (its last 30 points), or none. */
  from: Snapshot['history'];
  /** Whether --history-from was given (else the image's own history, if any, is carried). */
  fromFile: boolean;
  /** This image's point, when --commit is given. */
  commit: { sha: string; date: string } | null;
}

async function historyPlan(command: string, flags: Flags): Promise<HistoryPlan | null> {
  const given = (['history-from', 'commit', 'date'] as const).filter((name) => flags[name] !== undefined);
  if (given.length === 0) return null;
  if (command !== 'snapshot') throw usageError(`--${given[0]} applies to layerdiff snapshot only (the history a snapshot carries)`);
  if (flags.date !== undefined && flags.commit === undefined) throw usageError('--date: dates the commit given by --commit (none given)');
  let commit: HistoryPlan['commit'] = null;
  if (flags.commit !== undefined) {
    const sha = flags.commit.trim().toLowerCase();
    if (!COMMIT_PATTERN.test(sha)) throw usageError(`--commit: "${oneLine(flags.commit, 80)}" is not a full commit hash (40 or 64 hex digits)`);
    const date = flags.date === undefined ? new Date().toISOString() : isoDate(flags.date.trim());
    if (date === null) throw usageError(`--date: "${oneLine(flags.date, 80)}" is not an ISO 8601 date and time with a zone (e.g. 2026-12-01T08:00:00Z)`);
    commit = { sha, date };
  }
  let from: Snapshot['history'];
  if (flags['history-from'] !== undefined) {
    const subject = `--history-from ${flags['history-from']}`;
    const bytes = await readRegularFile(flags['history-from'], subject, {
      maxBytes: MAX_SNAPSHOT_BYTES,
      tooLargeReason: 'a snapshot is small JSON',
      directoryReason: 'is a directory, not a snapshot file',
      missingReason: 'no such file',
    });
    from = parseSnapshotJson(bytes, subject).history;
  }
  return { from, fromFile: flags['history-from'] !== undefined, commit };
}

/**
 * The snapshot with the planned history: the --history-from file's (else the image's own, when it
 * is a snapshot: that carries one), then this commit (the last 30 kept).
 */
function applyHistory(snapshot: Snapshot, plan: HistoryPlan): Snapshot {
  const from = plan.fromFile ? plan.from : snapshot.history;
  const history = plan.commit ? appendHistory(from, historyPointOf(snapshot, plan.commit.sha, plan.commit.date)) : from;
  return withHistory(snapshot, history);
}

/** --color, checked up front. */
function colourMode(flags: Flags) {
  return parseColourMode(flags.color, '--color');
}

function parseFlags(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // node:util reports unknown flags and missing values as plain errors: they are usage errors.
    throw usageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/, '')} (see layerdiff --help)`);
  }
  refuseSplitSizes(parsed.tokens);
  return parsed;
}

/**
 * `--max-size 5 MB` unquoted reaches us as `--max-size 5` and a positional `MB`, which would then be
 * taken for an image ("diff takes two images (got 3)"). A lone unit right after a budget flag's
 * number is that mistake, whatever else is on the line: say so instead.
 */
function refuseSplitSizes(tokens: ReturnType<typeof parseArgs>['tokens'] = []): void {
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (token.kind !== 'positional' || previous?.kind !== 'option' || !isSizeUnit(token.value)) return;
    if (!budgetFlagNames.includes(previous.name) || typeof previous.value !== 'string') return;
    if (!/^\+?[\d.]+$/.test(previous.value.trim())) return;
    const flag = previous.rawName;
    const [number, unit] = [previous.value, token.value];
    throw usageError(
      `${flag} ${number} ${unit}: the shell passed "${unit}" as a separate argument (it would be read as an image); write ${flag} ${number}${unit} or ${flag} "${number} ${unit}"`,
    );
  });
}

function engineOptions(flags: Flags, progress: Progress, creds: GivenCredentials | undefined): EngineOptions {
  // Validate up front so a typo fails before any image is opened.
  const multi = multiSelection(flags) !== null;
  if (flags['base-platform'] !== undefined) parsePlatform(flags['base-platform']);
  return {
    platform: multi ? undefined : flags.platform,
    image: flags.image,
    creds: creds?.creds,
    credsOrigin: creds?.origin,
    insecureRegistries: flags['insecure-registry'],
    verify: flags.verify ?? false,
    deep: flags.deep ?? false,
    diveCompat: flags['dive-compat'] ?? false,
    onEvent: (event) => progress.update(eventText(event)),
  };
}

/** A budgets file is a few lines of "rule: value"; 1 MiB is far beyond any real one. */
const MAX_BUDGETS_FILE_BYTES = 1024 * 1024;

async function collectBudgets(flags: Flags): Promise<BudgetRule[]> {
  const rules: BudgetRule[] = [];
  if (flags.budgets) {
    const subject = `--budgets ${flags.budgets}`;
    const bytes = await readRegularFile(flags.budgets, subject, { maxBytes: MAX_BUDGETS_FILE_BYTES, missingReason: 'no such file' });
    // A loop, not push(...): a spread of ~100,000+ rules overflows the stack.
    for (const rule of parseBudgetLines(bytes.toString('utf8'), subject)) rules.push(rule);
  }
  const given = Object.fromEntries(budgetFlagNames.map((name) => [name, flags[name] as string | undefined]));
  for (const rule of budgetRulesFromFlags(given)) rules.push(rule);
  return rules;
}

type Format = 'text' | 'markdown' | 'json';

function outputFormat(flags: Flags): Format {
  const format = flags.format ?? 'text';
  if (format === 'text' || format === 'markdown' || format === 'json') return format;
  if (format === 'md') return 'markdown';
  throw usageError(`--format: "${format}" is not one of text, markdown, json`);
}

function renderReport(report: Report, format: Format, flags: Flags, io: CliIo): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report, flags['comment-key'] !== undefined ? { commentKey: flags['comment-key'] } : {});
    case 'text':
      return renderText(report, { width: textWidth(flags, io), colour: useColour(flags, io) });
  }
}

/**
 * `--platform all` or a list: the platforms wanted (null for one platform). --base-platform pairs
 * one base platform with one head platform; with several, platforms pair by name.
 */
function multiSelection(flags: Flags): MultiSelection | null {
  const selection = parsePlatformSelection(flags.platform);
  if (!isMultiPlatform(selection)) return null;
  if (flags['base-platform'] !== undefined)
    throw usageError(`--base-platform: not with --platform ${flags.platform} (each head platform is compared with the base's same platform)`);
  return selection;
}

/**
 * The entries' name: `--name` (issue 13's merge work adds the flag; read loosely until it is
 * declared), else `--comment-key`; undefined lets the head reference name them.
 */
function renderMulti(multi: MultiReport, format: Format, flags: Flags, io: CliIo): string {
  switch (format) {
    case 'json':
      return renderJson(multi);
    case 'markdown':
      return renderMultiMarkdown(multi, flags['comment-key'] !== undefined ? { commentKey: flags['comment-key'] } : {});
    case 'text':
      return renderMultiText(multi, { width: textWidth(flags, io) });
  }
}

/** `inspect --platform all`: one snapshot per platform (JSON: an array of layerdiff/snapshot@1). */
function renderSnapshots(all: Array<{ snapshot: Snapshot; deep: DeepReport | null }>, format: Format, flags: Flags, io: CliIo): string {
  if (format === 'json')
    return (
      JSON.stringify(
        all.map(({ snapshot, deep }) => (deep ? { ...snapshot, deep } : snapshot)),
        null,
        2,
      ) + '\n'
    );
  return all.map(({ snapshot, deep }) => renderSnapshot(snapshot, deep, format, flags, io)).join('\n');
}

function renderSnapshot(snapshot: Snapshot, deep: DeepReport | null, format: Format, flags: Flags, io: CliIo): string {
  switch (format) {
    case 'json':
      return JSON.stringify(deep ? { ...snapshot, deep } : snapshot, null, 2) + '\n';
    case 'markdown':
      return renderSnapshotMarkdown(snapshot, deep);
    case 'text':
      return renderSnapshotText(snapshot, textWidth(flags, io), deep);
  }
}

/** Colour for the text report: never into a file, else as --color, NO_COLOR, FORCE_COLOR and the terminal say. */
function useColour(flags: Flags, io: CliIo): boolean {
  const mode = colourMode(flags);
  if (flags.output !== undefined && mode !== 'always') return false;
  return colourChoice(mode, { isTty: io.stdoutIsTty ?? false, env: io.env ?? process.env });
}

function textWidth(flags: Flags, io: CliIo): number {
  if (flags.width !== undefined) {
    const n = Number(flags.width);
    if (!Number.isInteger(n) || n < 40) throw usageError(`--width: "${flags.width}" is not a whole number of columns >= 40`);
    return n;
  }
  // Piped output keeps full instructions; a terminal gets a table that fits.
  return io.columns && io.columns >= 40 ? io.columns : 160;
}

async function emit(text: string, flags: Flags, io: CliIo): Promise<void> {
  if (flags.output) {
    try {
      await writeFile(flags.output, text);
    } catch (error) {
      throw new LayerdiffError('usage', `--output ${flags.output}: ${(error as Error).message}`);
    }
    return;
  }
  io.stdout(text.endsWith('\n') ? text : text + '\n');
}

/** One line on stderr: describeError folds line breaks and shows control characters of file names and tags. */
function reportError(error: unknown, io: CliIo, debug: boolean): number {
  const message = describeError(error);
  io.stderr(`layerdiff: ${message}\n`);
  // The stack repeats the message: its lines stay, its control characters are shown.
  if (debug && error instanceof Error && error.stack) io.stderr(`${logText(error.stack)}\n`);
  if (!isLayerdiffError(error) && !debug) io.stderr('layerdiff: (unexpected error; run with --debug for details)\n');
  return 2;
}

interface Progress {
  update: (message: string) => void;
  done: () => void;
}

/** A single self-overwriting status line on a TTY; nothing when piped or quiet. */
function makeProgress(io: CliIo, quiet: boolean): Progress {
  if (quiet || !io.stderrIsTty) return { update: () => {}, done: () => {} };
  let shown = false;
  let last = 0;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = Math.max(20, (process.stderr.columns || 80) - 1);
      // Progress lines name layers and references: no control character of theirs reaches the terminal.
      io.stderr(`\r\x1b[2K${oneLine(message, width)}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
