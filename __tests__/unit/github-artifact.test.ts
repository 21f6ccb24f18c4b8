import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadBaseArtifact, findBaseArtifact, locateBaseIn, type BaseArtifactQuery } from '../../src/github/artifact.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { testClient } from './github-fixtures.js';

let gh: FakeGitHub;
const query = (): BaseArtifactQuery => ({ owner: 'acme', repo: 'app', name: 'image-snapshot', workflow: 'ci.yml', branch: 'main', currentRunId: 99 });
const snapshotFile = { name: 'snapshot.json', data: Buffer.from('{"schema":"layerdiff/snapshot@1"}') };

beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(async () => {
  await gh.close();
});

describe('findBaseArtifact', () => {
  it('takes the newest successful run of the same workflow on the base branch that has the artifact', async () => {
    gh.runs.push(
      { id: 10, run_number: 1, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' },
      { id: 11, run_number: 2, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' },
      { id: 12, run_number: 3, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'failure' },
      { id: 13, run_number: 4, workflow: 'other.yml', head_branch: 'main', event: 'push', conclusion: 'success' },
      { id: 14, run_number: 5, workflow: 'ci.yml', head_branch: 'feature', event: 'push', conclusion: 'success' },
      // A fork PR from a branch that is also called main: never a base.
      {
        id: 15,
        run_number: 6,
        workflow: 'ci.yml',
        head_branch: 'main',
        event: 'pull_request',
        conclusion: 'success',
        head_repository: { full_name: 'mallory/app' },
      },
      { id: 99, run_number: 7, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' },
    );
    for (const runId of [10, 11, 12, 13, 14, 15, 99]) gh.artifacts.push({ id: 500 + runId, runId, name: 'image-snapshot', files: [snapshotFile] });
    const found = await findBaseArtifact(testClient('tok', gh.url), query());
    expect(found).toMatchObject({ artifactId: 511, runId: 11, runNumber: 2 });
    const runsRequest = gh.requests.find((r) => r.path.endsWith('/runs'));
    expect(runsRequest).toMatchObject({ path: '/repos/acme/app/actions/workflows/ci.yml/runs', query: { branch: 'main', status: 'success' } });
  });

  it('falls back to an older run when the newest lacks the artifact', async () => {
    gh.runs.push({ id: 20, run_number: 8, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.runs.push({ id: 21, run_number: 9, workflow: 'ci.yml', head_branch: 'main', event: 'schedule', conclusion: 'success' });
    gh.artifacts.push({ id: 600, runId: 20, name: 'image-snapshot', files: [snapshotFile] });
    expect(await findBaseArtifact(testClient('tok', gh.url), query())).toMatchObject({ artifactId: 600, runId: 20 });
  });

  it('says when the base branch has no successful run', async () => {
    gh.runs.push({ id: 30, run_number: 1, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'failure' });
    await expect(findBaseArtifact(testClient('tok', gh.url), query())).rejects.toThrow(
      /^base-artifact: no successful run of workflow ci\.yml on branch main; the base branch must run this workflow once and upload "image-snapshot"$/,
    );
  });

  it('says when the artifact is missing', async () => {
    gh.runs.push({ id: 40, run_number: 12, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 700, runId: 40, name: 'something-else', files: [snapshotFile] });
    await expect(findBaseArtifact(testClient('tok', gh.url), query())).rejects.toThrow(
      'base-artifact: no artifact named "image-snapshot" in the latest successful runs of ci.yml on main (latest: run #12)',
    );
  });

  it('says when the artifact expired', async () => {
    gh.runs.push({ id: 50, run_number: 13, workflow: 'ci.yml', head_branch: 'main', event: 'push', conclusion: 'success' });
    gh.artifacts.push({ id: 800, runId: 50, name: 'image-snapshot', expired: true, files: [snapshotFile] });
    await expect(findBaseArtifact(testClient('tok', gh.url), query())).rejects.toThrow(
      `base-artifact: artifact "image-snapshot" of run #13 on main has expired; re-run the base branch's workflow or raise its retention-days`,
    );
  });

  it('names the missing permission on 403', async () => {
    gh.options.actionsForbidden = true;
    await expect(findBaseArtifact(testClient('tok', gh.url), query())).rejects.toThrow(
      'base-artifact: the token may not read workflow runs or artifacts (403); give the job `permissions: actions: read`',
    );
  });
});

describe('downloadBaseArtifact', () => {
  const found = { artifactId: 5, runId: 6, runNumber: 1, runUrl: null, sizeInBytes: 10 };
  const request = { owner: 'acme', repo: 'app', token: 't', destination: '/nowhere' };
  it('passes the run and repository to the downloader', async () => {
    const seen: unknown[] = [];
    await downloadBaseArtifact(found, request, async (r) => {
      seen.push(r);
    });
    expect(seen).toEqual([{ ...request, artifactId: 5, runId: 6 }]);
  });
  it('maps download failures to one line', async () => {
    const fail = (error: unknown) => () => Promise.reject(error);
    await expect(downloadBaseArtifact(found, request, fail(Object.assign(new Error('Forbidden'), { status: 403 })))).rejects.toThrow(/actions: read/);
    await expect(downloadBaseArtifact(found, request, fail(Object.assign(new Error('Gone'), { status: 410 })))).rejects.toThrow(
      'base-artifact: artifact 5 has expired',
    );
    await expect(downloadBaseArtifact(found, request, fail(new Error('Unable to download and extract artifact: boom\nmore')))).rejects.toThrow(
      /^base-artifact: download of artifact 5 failed: Unable to download and extract artifact: boom$/,
    );
  });
});

describe('locateBaseIn', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-locate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const fresh = async (name: string): Promise<string> => {
    const d = path.join(dir, name);
    await mkdir(d, { recursive: true });
    return d;
  };
  const tarHeader = (): Buffer => {
    const b = Buffer.alloc(1024);
    b.write('file.txt', 0);
    b.write('ustar\u000000', 257, 'latin1');
    return b;
  };

  it('prefers a snapshot JSON (or a report JSON) over an archive', async () => {
    const d = await fresh('both');
    await writeFile(path.join(d, 'image.tar'), tarHeader());
    await mkdir(path.join(d, 'meta'));
    await writeFile(path.join(d, 'meta', 'base.json'), JSON.stringify({ schema: 'layerdiff/snapshot@1', layers: [] }));
    await writeFile(path.join(d, 'other.json'), JSON.stringify({ schema: 'something/else' }));
    expect(await locateBaseIn(d, 'x')).toBe(`snapshot:${path.join(d, 'meta', 'base.json')}`);
  });

  it('recognises archives by content, not by name', async () => {
    const d = await fresh('gz');
    await writeFile(path.join(d, 'image.bin'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    await writeFile(path.join(d, 'notes.txt'), 'hello');
    expect(await locateBaseIn(d, 'x')).toBe(path.join(d, 'image.bin'));
    const t = await fresh('tar');
    await writeFile(path.join(t, 'image'), tarHeader());
    expect(await locateBaseIn(t, 'x')).toBe(path.join(t, 'image'));
  });

  it('takes an OCI layout directory whole, not its gzip blobs', async () => {
    const d = await fresh('oci');
    await mkdir(path.join(d, 'layout', 'blobs', 'sha256'), { recursive: true });
    await writeFile(path.join(d, 'layout', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(path.join(d, 'layout', 'index.json'), '{}');
    await writeFile(path.join(d, 'layout', 'blobs', 'sha256', 'ab'), Buffer.from([0x1f, 0x8b, 8]));
    expect(await locateBaseIn(d, 'x')).toBe(`oci:${path.join(d, 'layout')}`);
  });

  it('refuses ambiguity and emptiness with one line', async () => {
    const d = await fresh('two');
    await writeFile(path.join(d, 'a.tar'), tarHeader());
    await writeFile(path.join(d, 'b.tar'), tarHeader());
    await expect(locateBaseIn(d, 'img')).rejects.toThrow('base-artifact: artifact "img" holds several image archives (a.tar, b.tar); upload one');
    const e = await fresh('empty');
    await writeFile(path.join(e, 'x'), '');
    await expect(locateBaseIn(e, 'img')).rejects.toThrow('base-artifact: artifact "img" holds no layerdiff snapshot JSON, image archive or OCI layout');
  });
});
