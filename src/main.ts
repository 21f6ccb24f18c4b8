/**
 * The action's pipeline: inputs -> base -> engine -> report file, outputs, job summary, sticky
 * comment -> gate. `run(deps)` takes the runner, the GitHub client and the engine as dependencies
 * so tests drive it without a runner or a network; `src/index.ts` calls it with the defaults.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compareImages, type EngineOptions } from './engine.js';
import type { LayerIndexes } from './layers/deep.js';
import { snapshotFileBytes } from './sources/snapshot-file.js';
import { comparePlatforms } from './engine-multi.js';
import type { MultiReport } from './core/multi-report.js';
import { isMultiPlatform, parsePlatformSelection } from './image/platform-set.js';
import { renderMultiMarkdown } from './report/multi-markdown.js';
import { FIELD_MAX, oneLine } from './report/escape.js';
import { LayerdiffError, usageError } from './errors.js';
import { describeError } from './report/error-line.js';
import {
  downloadBaseArtifact,
  downloadWithActionsArtifact,
  findBaseArtifact,
  locateBaseIn,
  workflowIdOfRun,
  type ArtifactDownloader,
} from './github/artifact.js';
import { apiMessage, createGitHubClient, type GitHubClient } from './github/client.js';
import { baseBranch, isPullRequestEvent, readRunnerContext, runUrl, workflowFileName, workflowPath, type RunnerContext } from './github/context.js';
import { coreIO, type ActionIO } from './github/io.js';
import { multiReportOutputs, reportOutputs, setOutputs } from './github/outputs.js';
import { resolvePullRequest, staleReason } from './github/pull-request.js';
import { isReadOnlyTokenError, markerFor, TWO_STAGE_HINT, upsertStickyComment, type Sleep } from './github/sticky-comment.js';
import { SUMMARY_MAX_LENGTH, writeJobSummary } from './github/summary.js';
import { actionInputNames, getInputs, type CompareSettings, type ReportSettings, type Settings } from './inputs.js';
import { renderJson } from './report/json.js';
import { renderMarkdown, type MarkdownLinks } from './report/markdown.js';
import type { EventSink } from './core/events.js';
import type { Report } from './core/report.js';
import { mergeInputs, readMergeInputs, MAX_MERGE_FILES } from './merge.js';
import { expandGlob, isGlob } from './sources/file-glob.js';
import type { Snapshot } from './core/snapshot.js';
import { appendHistory, COMMIT_PATTERN, historyPointOf, isoDate, withHistory } from './core/history.js';
import { eventText } from './report/progress-text.js';
import { parseReportOrMultiJson } from './schema/layerdiff-json.js';
import { JsonCap } from './schema/json-input.js';
import { readRegularFile } from './sources/regular-file.js';

/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_MAX_LENGTH = 65_536;

export interface Engine {
  compareImages: typeof compareImages;
  renderMarkdown: typeof renderMarkdown;
  renderJson: typeof renderJson;
  /** `platform: all` or a list (tests may leave it out: the real one is used). */
  comparePlatforms?: typeof comparePlatforms;
}

export interface RunDeps {
  io: ActionIO;
  context: RunnerContext;
  createClient: (token: string, baseUrl: string) => GitHubClient;
  engine: Engine;
  downloadArtifact: ArtifactDownloader;
  /** The pauses while a new comment settles (tests pass one that does not wait). */
  sleep: Sleep;
}

export async function run(overrides: Partial<RunDeps> = {}): Promise<void> {
  const io = overrides.io ?? coreIO;
  const deps: RunDeps = {
    io,
    context: overrides.context ?? readRunnerContext(process.env),
    createClient: overrides.createClient ?? ((token, baseUrl) => createGitHubClient(token, { baseUrl, log: (m) => io.info(m) })),
    engine: overrides.engine ?? { compareImages, renderMarkdown, renderJson },
    downloadArtifact: overrides.downloadArtifact ?? downloadWithActionsArtifact,
    sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  try {
    const settings = getInputs((name) => io.getInput(name));
    maskSecrets(io, settings);
    const clients = new ClientCache(deps, settings.githubToken);
    const loaded =
      settings.mode === 'report'
        ? await loadReport(settings, deps)
        : isMultiPlatform(parsePlatformSelection(settings.platform))
          ? await computeMultiReport(settings, deps, clients)
          : await computeReport(settings, deps, clients);
    if (loaded.multi) {
      await publishMulti(loaded.multi, loaded.reportPath, settings, deps, clients);
      gateMulti(loaded.multi, settings, io);
    } else {
      await publish(loaded, settings, deps, clients);
      gate(loaded.report, settings, io);
    }
  } catch (error) {
    io.setFailed(describeError(error, actionInputNames));
    if (io.isDebug() && error instanceof Error && error.stack) io.info(error.stack);
  }
}

function maskSecrets(io: ActionIO, settings: Settings): void {
  if (settings.githubToken) io.setSecret(settings.githubToken);
  if (settings.mode === 'compare' && settings.registryCredentials) {
    io.setSecret(settings.registryCredentials);
    io.setSecret(settings.registryCredentials.slice(settings.registryCredentials.indexOf(':') + 1));
  }
}

/** One client per run, made only when something needs the API. */
class ClientCache {
  private client: GitHubClient | null = null;
  constructor(
    private readonly deps: RunDeps,
    readonly token: string,
  ) {}
  get(): GitHubClient {
    this.client ??= this.deps.createClient(this.token, this.deps.context.apiUrl);
    return this.client;
  }
}

/** One image's report, or several images' (every platform of an index, a merge of matrix legs). */
interface OneReportFile {
  report: Report;
  multi?: undefined;
  reportPath: string;
  /** The base branch's run the base came from (`base-artifact`), as a link. */
  baseRunUrl?: string | null;
}
type ReportFile = OneReportFile | { report?: undefined; multi: MultiReport; reportPath: string };

/** `platform: all` or a list: every platform of the image, each with the base's same platform. */
async function computeMultiReport(settings: CompareSettings, deps: RunDeps, clients: ClientCache): Promise<ReportFile> {
  const { io, context } = deps;
  const selection = parsePlatformSelection(settings.platform);
  if (!isMultiPlatform(selection)) throw usageError(`platform: ${settings.platform} is one platform`);
  const { reference: baseRef } = await resolveBase(settings, deps, clients);
  io.info(`layerdiff: ${baseRef === null ? '(no base)' : baseRef} -> ${settings.image}, platforms: ${settings.platform}`);
  const compare = deps.engine.comparePlatforms ?? comparePlatforms;
  // The entries' name: the comment key when one is set (the `name` input, when there is one, goes first).
  const name = settings.name ?? (settings.commentKey !== 'default' ? settings.commentKey : undefined);
  const multi = await compare(baseRef, settings.image, selection, comparisonOptions(settings, io), {}, { name });
  const reportPath = path.join(context.tempDir ?? os.tmpdir(), `layerdiff-report-${settings.commentKey.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  await writeFileMaking(reportPath, deps.engine.renderJson(multi));
  return { multi, reportPath };
}

/** What every comparison of the action asks of the engine, one platform or all. */
function comparisonOptions(settings: CompareSettings, io: ActionIO): EngineOptions {
  return {
    deep: settings.deep,
    estimatePull: settings.estimatePull,
    budgets: settings.budgets,
    creds: settings.registryCredentials,
    credsOrigin: 'registry-credentials',
    inputNames: actionInputNames,
    onEvent: eventLogger(io),
  };
}

async function computeReport(settings: CompareSettings, deps: RunDeps, clients: ClientCache): Promise<ReportFile> {
  const { io, context } = deps;
  const { reference: baseRef, runUrl: baseRunUrl } = await resolveBase(settings, deps, clients);
  io.info(baseRef === null ? `layerdiff: ${settings.image} (no base: every layer counts as added)` : `layerdiff: ${baseRef} -> ${settings.image}`);
  // `snapshot-path` with `deep: true` saves a deep snapshot: the head's file indexes, fingerprinted.
  let headIndexes: LayerIndexes | null = null;
  const saveIndexes = settings.snapshotPath !== undefined && settings.deep;
  const computed = await deps.engine.compareImages(baseRef, settings.image, {
    ...(saveIndexes ? { fingerprint: true, onIndexes: (indexes: LayerIndexes) => (headIndexes = indexes) } : {}),
    platform: settings.platform,
    ...comparisonOptions(settings, io),
  });
  // The name a later merge shows for this image (the `name` input, else the comment key).
  const report: Report = settings.name === undefined ? computed : { ...computed, name: settings.name };
  if (settings.snapshotPath) {
    const gzip = settings.snapshotPath.endsWith('.gz');
    const snapshot = snapshotWithHistory(report, context);
    await writeFileMaking(settings.snapshotPath, snapshotFileBytes(snapshot, headIndexes, { gzip, subject: settings.image }));
    io.info(`Head snapshot written to ${settings.snapshotPath}${snapshot.history ? ` (history: ${snapshot.history.length} commits)` : ''}`);
  }
  const reportPath = path.join(context.tempDir ?? os.tmpdir(), `layerdiff-report-${settings.commentKey.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  await writeFileMaking(reportPath, deps.engine.renderJson(report));
  return { report, reportPath, baseRunUrl };
}

/**
 * The head snapshot the action writes to `snapshot-path`, with the trend history carried forward
 * from the base it compared against (a `snapshot:` base or a `base-artifact` snapshot): a build of a
 * branch (push, schedule, dispatch) appends its own commit, dated by the pushed commit when the
 * event says so, else now; a pull request's run carries the base branch's history unchanged (its
 * commit is not on that branch). No API call, no download: the history rides in the snapshot.
 */
export function snapshotWithHistory(report: Report, context: RunnerContext, now: Date = new Date()): Snapshot {
  const previous = report.base?.history;
  const commit = branchBuildCommit(context);
  if (commit === null) return withHistory(report.head, previous);
  return withHistory(report.head, appendHistory(previous, historyPointOf(report.head, commit, pushedCommitDate(context, commit) ?? now.toISOString())));
}

/** GITHUB_SHA when this run builds a branch (refs/heads/...) rather than a pull request; else null. */
function branchBuildCommit(context: RunnerContext): string | null {
  if (isPullRequestEvent(context.eventName) || context.eventName === 'workflow_run') return null;
  if (!context.ref?.startsWith('refs/heads/')) return null;
  const sha = (context.sha ?? '').toLowerCase();
  return COMMIT_PATTERN.test(sha) ? sha : null;
}

/** A push event's `head_commit.timestamp` when that commit is `commit`, as UTC ISO 8601. */
function pushedCommitDate(context: RunnerContext, commit: string): string | null {
  const head = context.payload['head_commit'];
  if (head === null || typeof head !== 'object') return null;
  const { id, timestamp } = head as { id?: unknown; timestamp?: unknown };
  if (typeof id !== 'string' || id.toLowerCase() !== commit || typeof timestamp !== 'string') return null;
  return isoDate(timestamp);
}

interface ResolvedBase {
  reference: string | null;
  /** The base run's page, built from validated parts (never the API's `html_url`). */
  runUrl: string | null;
}

async function resolveBase(settings: CompareSettings, deps: RunDeps, clients: ClientCache): Promise<ResolvedBase> {
  const base = settings.base;
  if (base.kind === 'none') return { reference: null, runUrl: null };
  if (base.kind === 'reference') return { reference: base.reference, runUrl: null };
  const { context, io } = deps;
  if (!clients.token) throw usageError('github-token: required to find base-artifact (it is empty)');
  if (!context.repo) throw usageError('base-artifact: GITHUB_REPOSITORY is not set, so the repository is unknown');
  const branch = baseBranch(context);
  if (!branch) throw usageError('base-artifact: cannot tell the base branch (no pull request base, no branch ref)');
  const client = clients.get();
  let workflow: string | number | null = workflowFileName(context);
  if (workflow === null) {
    if (context.runId === null) throw usageError('base-artifact: cannot tell which workflow runs (GITHUB_WORKFLOW_REF and GITHUB_RUN_ID unset)');
    workflow = await workflowIdOfRun(client, context.repo, context.runId);
  }
  let found;
  try {
    found = await findBaseArtifact(client, { ...context.repo, name: base.name, workflow, branch, currentRunId: context.runId });
  } catch (error) {
    // No base yet is the normal first run (the workflow is new, or the base branch has not run it
    // since): report the head alone, loudly, rather than fail every PR until main catches up.
    if (error instanceof LayerdiffError && error.code === 'not-found') {
      io.warning(`${error.message}; comparing without a base`, { title: 'layerdiff base-artifact' });
      return { reference: null, runUrl: null };
    }
    throw error;
  }
  io.info(
    `base-artifact: "${base.name}" from ${found.runNumber ? `run #${found.runNumber}` : `run ${found.runId}`} on ${branch}${found.runUrl ? ` (${found.runUrl})` : ''}`,
  );
  const scratch = context.tempDir ?? os.tmpdir();
  await mkdir(scratch, { recursive: true });
  const destination = await mkdtemp(path.join(scratch, 'layerdiff-base-artifact-'));
  await downloadBaseArtifact(found, { ...context.repo, token: clients.token, destination }, deps.downloadArtifact);
  const reference = await locateBaseIn(destination, base.name);
  io.info(`base-artifact: base is ${reference}`);
  return { reference, runUrl: runUrl(context, found.runId) };
}

/** `report:` mode reads a report JSON that stage 1 wrote (or several, merged); nothing is computed. */
async function loadReport(settings: ReportSettings, deps: RunDeps): Promise<ReportFile> {
  if (settings.reportPatterns) return mergeReportFiles(settings.reportPatterns, settings, deps);
  // A regular file of at most JsonCap.report bytes, checked against schemas/report.schema.json.
  const subject = `report: ${settings.reportPath}`;
  const bytes = await readRegularFile(settings.reportPath, subject, { maxBytes: JsonCap.report, missingReason: 'no such file' });
  // One file written by `--platform all` or `layerdiff merge` holds several images: shown merged,
  // its verdict and totals computed again from the entries.
  const parsed = parseReportOrMultiJson(bytes, subject);
  if (parsed.kind === 'multi') return { multi: mergeInputs([parsed]), reportPath: settings.reportPath };
  return { report: parsed.report, reportPath: settings.reportPath };
}

/**
 * Several paths or globs (one a line): every file they name, each read once in a stable order,
 * merged into one multi-report written next to where a computed report would be.
 */
async function mergeReportFiles(patterns: readonly string[], settings: ReportSettings, deps: RunDeps): Promise<ReportFile> {
  const cwd = process.cwd();
  const files: Array<{ path: string; subject: string }> = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const subject = `report: ${pattern}`;
    const paths = isGlob(pattern) ? await expandGlob(pattern, { cwd, maxFiles: MAX_MERGE_FILES, subject }) : [path.resolve(cwd, pattern)];
    for (const file of paths) {
      if (seen.has(file)) continue;
      seen.add(file);
      // Named as the pattern names it: absolute stays absolute, relative to the workspace otherwise.
      files.push({ path: file, subject: `report: ${path.isAbsolute(pattern) ? file : path.relative(cwd, file)}` });
    }
  }
  deps.io.info(`layerdiff: merging ${files.length} report ${files.length === 1 ? 'file' : 'files'}`);
  const multi = mergeInputs(await readMergeInputs(files));
  const reportPath = path.join(deps.context.tempDir ?? os.tmpdir(), `layerdiff-report-${settings.commentKey.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  await writeFileMaking(reportPath, deps.engine.renderJson(multi));
  return { multi, reportPath };
}

async function publish({ report, reportPath, baseRunUrl }: OneReportFile, settings: Settings, deps: RunDeps, clients: ClientCache): Promise<void> {
  const { io, engine } = deps;
  const links = runLinks(deps.context, baseRunUrl ?? null);
  // The marker names the key and this workflow, so the comment is found again by this workflow only.
  const marker = markerFor(settings.commentKey, workflowPath(deps.context));
  // The comment stays short (the job summary has every row); both stay under GitHub's limit.
  const commentBody = `${marker}\n\n${engine.renderMarkdown(report, { detail: 'comment', links, maxLength: COMMENT_MAX_LENGTH - marker.length - 2 })}`;
  setOutputs(io, reportOutputs(report, reportPath, commentBody));
  io.info(headline(report));
  try {
    await writeJobSummary(io, engine.renderMarkdown(report, { detail: 'full', links, maxLength: SUMMARY_MAX_LENGTH }));
  } catch (error) {
    io.warning(`layerdiff: could not write the job summary: ${describeError(error, actionInputNames)}`);
  }
  const url = await postComment(hasChanges(report), commentBody, settings, deps, clients);
  setOutputs(io, { 'comment-url': url ?? '' });
}

/** Where a reader of the comment clicks: this run (its job summary and artifacts), the base's run. */
export function runLinks(context: RunnerContext, baseRunUrl: string | null): MarkdownLinks {
  const links: MarkdownLinks = {};
  const run = runUrl(context, context.runId);
  if (run) links.run = run;
  if (baseRunUrl) links.base = baseRunUrl;
  return links;
}

/**
 * The comment's URL, or null when none was posted (for any reason, each one logged). The pull
 * request comes from the event (or a `pr-number` checked against it), never from a report; a
 * `pr-number` that fails the check throws, failing the step with nothing posted.
 */
async function postComment(changed: boolean, body: string, settings: Settings, deps: RunDeps, clients: ClientCache): Promise<string | null> {
  const { io, context } = deps;
  if (settings.comment === 'never') return null;
  const repo = context.repo;
  if (!repo) {
    io.warning('layerdiff: GITHUB_REPOSITORY is not set: no comment.');
    return null;
  }
  if (!clients.token) {
    io.warning('layerdiff: github-token is empty: no comment.');
    return null;
  }
  let resolution;
  try {
    resolution = await resolvePullRequest(() => clients.get(), context, repo, settings.prNumber);
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    io.warning(`layerdiff: could not find the pull request to comment on: ${apiMessage(error)}`);
    return null;
  }
  if (resolution.kind === 'none') {
    if (resolution.level === 'info') io.info(`${resolution.reason}: no comment; the job summary has the report.`);
    else io.warning(`layerdiff: ${resolution.reason}: no comment.`);
    return null;
  }
  const pull = resolution.pull;
  io.info(`Pull request #${pull.number}, from ${pull.how}.`);
  // on-change: do not start a conversation about an image that did not change, but keep an
  // existing comment truthful (it may still show an earlier push's changes).
  const updateOnly = settings.comment === 'on-change' && !changed;
  try {
    const client = clients.get();
    const outcome = await upsertStickyComment(
      client,
      { ...repo, issueNumber: pull.number },
      {
        commentKey: settings.commentKey,
        workflow: workflowPath(context),
        body,
        updateOnly,
        staleReason: () => staleReason(client, repo, pull),
        log: (message) => io.info(message),
        sleep: deps.sleep,
      },
    );
    if (outcome.action === 'skipped') {
      io.info(`PR comment not written: ${outcome.reason}.`);
      return null;
    }
    const removed =
      outcome.removedDuplicates.length > 0
        ? ` (deleted ${outcome.removedDuplicates.length} duplicate(s) of ours: ${outcome.removedDuplicates.join(', ')})`
        : '';
    io.info(`PR comment ${outcome.action}: ${outcome.url}${removed}`);
    return outcome.url;
  } catch (error) {
    if (isReadOnlyTokenError(error)) io.warning(`layerdiff: ${TWO_STAGE_HINT}`);
    else io.warning(`layerdiff: could not post the PR comment: ${apiMessage(error)}`);
    return null;
  }
}

/** Something worth a new comment: a layer that is not unchanged, or a failing budget. */
export function hasChanges(report: Report): boolean {
  return report.layers.some((row) => row.status !== 'unchanged') || report.budgets.some((b) => b.status === 'fail');
}

function gate(report: Report, settings: Settings, io: ActionIO): void {
  for (const budget of report.budgets) {
    const text = `budget ${budget.rule} ${budget.status === 'fail' ? 'failed' : 'warns'}: ${budget.message ?? `${budget.actual ?? 'n/a'} vs limit ${budget.limit}`}`;
    if (budget.status === 'fail') io.error(text, { title: 'layerdiff budget' });
    else if (budget.status === 'warn') io.warning(text, { title: 'layerdiff budget' });
  }
  const failing = settings.failOn === 'never' ? [] : report.budgets.filter((b) => b.status === 'fail' || (settings.failOn === 'warn' && b.status === 'warn'));
  if (failing.length > 0) {
    io.setFailed(`layerdiff: verdict ${report.verdict} (fail-on: ${settings.failOn}): ${failing.map((b) => b.rule).join(', ')}`);
  }
}

/** The same sinks for several images: one comment, one summary listing every image, outputs for the whole. */
async function publishMulti(multi: MultiReport, reportPath: string, settings: Settings, deps: RunDeps, clients: ClientCache): Promise<void> {
  const { io } = deps;
  const marker = markerFor(settings.commentKey, workflowPath(deps.context));
  const links = runLinks(deps.context, null);
  const commentBody = `${marker}\n\n${renderMultiMarkdown(multi, { detail: 'comment', links, maxLength: COMMENT_MAX_LENGTH - marker.length - 2 })}`;
  setOutputs(io, multiReportOutputs(multi, reportPath, commentBody));
  io.info(multiHeadline(multi));
  try {
    await writeJobSummary(io, renderMultiMarkdown(multi, { detail: 'full', links, maxLength: SUMMARY_MAX_LENGTH }));
  } catch (error) {
    io.warning(`layerdiff: could not write the job summary: ${describeError(error, actionInputNames)}`);
  }
  const changed = multi.images.some((image) => image.report === null || image.change !== undefined || hasChanges(image.report));
  const url = await postComment(changed, commentBody, settings, deps, clients);
  setOutputs(io, { 'comment-url': url ?? '' });
}

/** The merged gate: each image's budgets annotated under its name; an image without a report counts as failed. */
function gateMulti(multi: MultiReport, settings: Settings, io: ActionIO): void {
  const failing: string[] = [];
  for (const image of multi.images) {
    const name = `${oneLine(image.name, FIELD_MAX.identifier)}${image.platform ? ` (${oneLine(image.platform, FIELD_MAX.identifier)})` : ''}`;
    if (!image.report) {
      io.error(`${name}: no report: ${oneLine(image.error ?? 'the leg left no report')}`, { title: 'layerdiff' });
      if (settings.failOn !== 'never') failing.push(`${name}: no report`);
      continue;
    }
    for (const budget of image.report.budgets) {
      const text = `${name}: budget ${budget.rule} ${budget.status === 'fail' ? 'failed' : 'warns'}: ${budget.message ?? `${budget.actual ?? 'n/a'} vs limit ${budget.limit}`}`;
      if (budget.status === 'fail') io.error(text, { title: 'layerdiff budget' });
      else if (budget.status === 'warn') io.warning(text, { title: 'layerdiff budget' });
      if (settings.failOn !== 'never' && (budget.status === 'fail' || (settings.failOn === 'warn' && budget.status === 'warn')))
        failing.push(`${name}: ${budget.rule}`);
    }
  }
  if (failing.length > 0) {
    const shown = failing.slice(0, 20).join(', ');
    const more = failing.length > 20 ? ` and ${failing.length - 20} more` : '';
    io.setFailed(`layerdiff: verdict ${multi.verdict} (fail-on: ${settings.failOn}): ${shown}${more}`);
  }
}

function multiHeadline(multi: MultiReport): string {
  const parts = [
    `verdict ${multi.verdict}`,
    `${multi.images.length} ${multi.images.length === 1 ? 'image' : 'images'}`,
    `head ${multi.totals.head.size} bytes uncompressed`,
  ];
  if (multi.totals.base) parts.push(`delta ${multi.totals.delta.size >= 0 ? '+' : ''}${multi.totals.delta.size} bytes`);
  return `layerdiff: ${parts.join(', ')}`;
}

function headline(report: Report): string {
  const head = report.totals.head.size;
  const parts = [`verdict ${report.verdict}`, `head ${head} bytes uncompressed`];
  if (report.totals.base) parts.push(`delta ${report.totals.delta.size >= 0 ? '+' : ''}${report.totals.delta.size} bytes`);
  if (report.cacheHit)
    parts.push(`${report.cacheHit.layers.hit}/${report.cacheHit.layers.total} layers reused (${Math.round(report.cacheHit.bytes.ratio * 100)}% of bytes)`);
  return `layerdiff: ${parts.join(', ')}`;
}

/**
 * Measuring a big layer can take a while: say which one ("measuring layer 2/5 ..."); a partial deep
 * scan is worth a line too. Byte counters and scan steps go to the debug log.
 */
export function eventLogger(io: ActionIO): EventSink {
  return (event) => {
    const line = eventText(event);
    if (event.kind === 'measuring' || event.kind === 'warning') io.info(line);
    else io.debug(line);
  };
}

async function writeFileMaking(file: string, text: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}
