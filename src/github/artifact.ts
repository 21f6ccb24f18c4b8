/**
 * `base-artifact`: the base image (or its snapshot) that the base branch's latest successful run of
 * this same workflow uploaded as an artifact. Finds the run and the artifact with the REST API,
 * downloads it, and says which file inside is the base.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LayerdiffError } from '../errors.js';
import { SNAPSHOT_SCHEMA } from '../core/snapshot.js';
import { sniffCompression } from '../layers/compression.js';
import { REPORT_SCHEMA } from '../core/report.js';
import { JsonCap, parseJsonBounded } from '../schema/json-input.js';
import { readRegularFile } from '../sources/regular-file.js';
import { MAX_SNAPSHOT_BYTES, snapshotText } from '../sources/snapshot-file.js';
import { apiMessage, statusOf, type GitHubClient } from './client.js';
import type { RepoRef } from './context.js';

const SUBJECT = 'base-artifact';

export interface ArtifactDownload extends RepoRef {
  artifactId: number;
  runId: number;
  token: string;
  /** Directory to unpack the artifact's files into. */
  destination: string;
}

/** Downloads one artifact's files into `destination`; injectable so tests can replace it. */
export type ArtifactDownloader = (request: ArtifactDownload) => Promise<void>;

/**
 * @actions/artifact's public-API path: `GET .../actions/artifacts/{id}/zip` on GITHUB_API_URL (its
 * own Octokit), then a streaming unzip of the redirect target. Loaded only when an artifact is
 * wanted.
 */
export const downloadWithActionsArtifact: ArtifactDownloader = async (request) => {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  await new DefaultArtifactClient().downloadArtifact(request.artifactId, {
    path: request.destination,
    findBy: { token: request.token, workflowRunId: request.runId, repositoryOwner: request.owner, repositoryName: request.repo },
  });
};

export interface BaseArtifactQuery extends RepoRef {
  name: string;
  /** Workflow file name (`ci.yml`) or numeric id. */
  workflow: string | number;
  branch: string;
  /** This run, never its own base. */
  currentRunId: number | null;
}

export interface FoundArtifact {
  artifactId: number;
  runId: number;
  runNumber: number | null;
  runUrl: string | null;
  sizeInBytes: number | null;
}

interface WorkflowRun {
  id: number;
  run_number?: number;
  html_url?: string;
  event?: string;
  head_branch?: string | null;
  head_repository?: { full_name?: string } | null;
}

interface Artifact {
  id: number;
  name: string;
  expired: boolean;
  size_in_bytes?: number;
}

/** How many recent successful runs to look through for one that uploaded the artifact. */
const RUNS_TO_SEARCH = 10;

export async function findBaseArtifact(octokit: GitHubClient, query: BaseArtifactQuery): Promise<FoundArtifact> {
  const workflowName = String(query.workflow);
  const runs = await asPermissionError(
    octokit.rest.actions.listWorkflowRuns({
      owner: query.owner,
      repo: query.repo,
      workflow_id: query.workflow,
      branch: query.branch,
      status: 'success',
      per_page: RUNS_TO_SEARCH * 2,
    }),
  );
  const fullName = `${query.owner}/${query.repo}`.toLowerCase();
  // A fork's PR from a branch also named `main` lists under branch=main too: only runs of this
  // repository's own code, not pull request runs, can be a base.
  const candidates = (runs.data.workflow_runs as WorkflowRun[])
    .filter((run) => run.id !== query.currentRunId)
    .filter((run) => !String(run.event ?? '').startsWith('pull_request'))
    .filter((run) => !run.head_repository?.full_name || run.head_repository.full_name.toLowerCase() === fullName)
    .slice(0, RUNS_TO_SEARCH);
  if (candidates.length === 0) {
    throw new LayerdiffError(
      'not-found',
      `${SUBJECT}: no successful run of workflow ${workflowName} on branch ${query.branch}; the base branch must run this workflow once and upload "${query.name}"`,
      { subject: SUBJECT },
    );
  }
  let expired: { run: WorkflowRun; artifact: Artifact } | null = null;
  for (const run of candidates) {
    const { data } = await asPermissionError(
      octokit.rest.actions.listWorkflowRunArtifacts({ owner: query.owner, repo: query.repo, run_id: run.id, name: query.name, per_page: 100 }),
    );
    const named = (data.artifacts as Artifact[]).filter((a) => a.name === query.name);
    const live = named.find((a) => !a.expired);
    if (live) {
      return { artifactId: live.id, runId: run.id, runNumber: run.run_number ?? null, runUrl: run.html_url ?? null, sizeInBytes: live.size_in_bytes ?? null };
    }
    const firstExpired = named[0];
    if (firstExpired && !expired) expired = { run, artifact: firstExpired };
  }
  if (expired) {
    throw new LayerdiffError(
      'not-found',
      `${SUBJECT}: artifact "${query.name}" of ${describeRun(expired.run)} on ${query.branch} has expired; re-run the base branch's workflow or raise its retention-days`,
      { subject: SUBJECT },
    );
  }
  const latest = candidates[0] as WorkflowRun;
  throw new LayerdiffError(
    'not-found',
    `${SUBJECT}: no artifact named "${query.name}" in the latest successful runs of ${workflowName} on ${query.branch} (latest: ${describeRun(latest)})`,
    { subject: SUBJECT },
  );
}

/** A numeric workflow id for this run when GITHUB_WORKFLOW_REF does not name the file. */
export async function workflowIdOfRun(octokit: GitHubClient, repo: RepoRef, runId: number): Promise<number> {
  const { data } = await asPermissionError(octokit.rest.actions.getWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: runId }));
  return data.workflow_id;
}

export async function downloadBaseArtifact(
  found: FoundArtifact,
  request: Omit<ArtifactDownload, 'artifactId' | 'runId'>,
  download: ArtifactDownloader,
): Promise<void> {
  try {
    await download({ ...request, artifactId: found.artifactId, runId: found.runId });
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) throw permissionError();
    if (status === 410) throw new LayerdiffError('not-found', `${SUBJECT}: artifact ${found.artifactId} has expired`, { subject: SUBJECT });
    throw new LayerdiffError('network', `${SUBJECT}: download of artifact ${found.artifactId} failed: ${apiMessage(error).split('\n')[0]}`, {
      subject: SUBJECT,
      cause: error,
    });
  }
}

function describeRun(run: WorkflowRun): string {
  return run.run_number ? `run #${run.run_number}` : `run ${run.id}`;
}

function permissionError(): LayerdiffError {
  return new LayerdiffError('auth', `${SUBJECT}: the token may not read workflow runs or artifacts (403); give the job \`permissions: actions: read\``, {
    subject: SUBJECT,
  });
}

async function asPermissionError<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (statusOf(error) === 403 && !/rate limit/i.test(apiMessage(error))) throw permissionError();
    throw error;
  }
}

const MAX_DEPTH = 4;
const MAX_ENTRIES = 2000;

/**
 * Which file of a downloaded artifact is the base, as an image reference: a layerdiff snapshot (or
 * report) JSON is preferred — it is small and needs no reading of layers — then one image archive
 * (tar, tar.gz, tar.zst by content), then one OCI layout directory. Files inside an OCI layout are
 * its blobs, not archives.
 */
export async function locateBaseIn(dir: string, artifactName: string): Promise<string> {
  const snapshots: string[] = [];
  const archives: string[] = [];
  const layouts: string[] = [];
  let seen = 0;
  const walk = async (current: string, depth: number): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'oci-layout')) {
      layouts.push(current);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(full, depth + 1);
      } else if (entry.isFile()) {
        const kind = await sniff(full);
        if (kind === 'snapshot') snapshots.push(full);
        else if (kind === 'archive') archives.push(full);
      }
    }
  };
  await walk(dir, 0);
  const pick = (list: string[], what: string): string | null => {
    if (list.length === 0) return null;
    if (list.length > 1) {
      const names = list.map((p) => path.relative(dir, p) || '.').join(', ');
      throw new LayerdiffError('input', `${SUBJECT}: artifact "${artifactName}" holds several ${what} (${names}); upload one`, { subject: SUBJECT });
    }
    return list[0] as string;
  };
  const snapshot = pick(snapshots, 'layerdiff snapshots');
  if (snapshot) return `snapshot:${snapshot}`;
  const archive = pick(archives, 'image archives');
  if (archive) return archive;
  const layout = pick(layouts, 'OCI layouts');
  if (layout) return `oci:${layout}`;
  throw new LayerdiffError('input', `${SUBJECT}: artifact "${artifactName}" holds no layerdiff snapshot JSON, image archive or OCI layout`, {
    subject: SUBJECT,
  });
}

/** A gzip file that decompresses (within the snapshot cap) to a layerdiff snapshot or report. */
async function gzipSnapshot(file: string): Promise<boolean> {
  if ((await stat(file)).size > MAX_SNAPSHOT_BYTES) return false;
  try {
    const text = snapshotText(await readRegularFile(file, SUBJECT, { maxBytes: MAX_SNAPSHOT_BYTES }), SUBJECT);
    if (text[0] !== 0x7b) return false;
    const data = parseJsonBounded(text, JsonCap.snapshot, SUBJECT, path.basename(file));
    const schema = data !== null && typeof data === 'object' ? (data as { schema?: unknown }).schema : undefined;
    return schema === SNAPSHOT_SCHEMA || schema === REPORT_SCHEMA;
  } catch {
    return false;
  }
}

async function sniff(file: string): Promise<'snapshot' | 'archive' | null> {
  const head = Buffer.alloc(512);
  const handle = await open(file, 'r');
  let length: number;
  try {
    ({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  const bytes = head.subarray(0, length);
  // A gzip-compressed snapshot (`snapshot-path: base.json.gz`) before a gzip-compressed archive.
  if (sniffCompression(bytes) === 'gzip' && (await gzipSnapshot(file))) return 'snapshot';
  if (sniffCompression(bytes) !== 'none') return 'archive';
  if (length >= 262 && bytes.toString('latin1', 257, 262) === 'ustar') return 'archive';
  if (/^\s*\{/.test(bytes.toString('utf8'))) {
    if ((await stat(file)).size > MAX_SNAPSHOT_BYTES) return null;
    // Read as the snapshot will be (regular file, JsonCap.snapshot, nesting cap): a file that would
    // be refused then is not taken for the base now. Any failure means "not a snapshot".
    try {
      const bytes = await readRegularFile(file, SUBJECT, { maxBytes: MAX_SNAPSHOT_BYTES });
      const data = parseJsonBounded(bytes, JsonCap.snapshot, SUBJECT, path.basename(file));
      const schema = data !== null && typeof data === 'object' ? (data as { schema?: unknown }).schema : undefined;
      return schema === SNAPSHOT_SCHEMA || schema === REPORT_SCHEMA ? 'snapshot' : null;
    } catch {
      return null;
    }
  }
  return null;
}
