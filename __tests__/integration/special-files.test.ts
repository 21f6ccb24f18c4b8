/**
 * Issue 8, part 2: a FIFO, a unix socket, a character device or a directory given where a file is
 * expected is refused with one line (exit 2) before it is read, and never blocks: a FIFO with no
 * writer would block open() forever, /dev/zero and /dev/urandom never end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIO } from '../../__fixtures__/core.js';
import { run } from '../../src/main.js';
import { runCli } from '../helpers/cli-io.js';
import { ociArchive, layerTar } from '../helpers/image-tar-builder.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerdiff-special-'));
const fifo = path.join(work, 'image.fifo');
const socketPath = path.join(work, 'image.sock');
const dir = path.join(work, 'a-directory');
const BASE = 'examples/base.tar';
const HEAD = 'examples/head.tar';
/** Refusals must come at once; a blocked open() would hit the test timeout instead. */
const FAST_MS = 5_000;
const T = { timeout: 15_000 };
let server: net.Server;

beforeAll(async () => {
  execFileSync('mkfifo', [fifo]);
  mkdirSync(dir);
  server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI and returns its one stderr line; fails unless it exits 2, quickly, with one line. */
async function refusedLine(...argv: string[]): Promise<string> {
  const started = Date.now();
  const { code, out, err } = await runCli(...argv);
  expect(Date.now() - started).toBeLessThan(FAST_MS);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  const lines = err.split('\n').filter((l) => l !== '');
  expect(lines, err).toHaveLength(1);
  return lines[0] as string;
}

const KINDS = [
  { name: 'a FIFO', path: () => fifo, says: 'is a FIFO (named pipe), not a regular file' },
  { name: 'a unix socket', path: () => socketPath, says: 'is a socket, not a regular file' },
  { name: '/dev/zero', path: () => '/dev/zero', says: 'is a character device, not a regular file' },
  { name: '/dev/urandom', path: () => '/dev/urandom', says: 'is a character device, not a regular file' },
];

describe('special files are refused before they are read', () => {
  for (const kind of KINDS) {
    for (const transport of ['', 'docker-archive:', 'oci-archive:', 'snapshot:']) {
      it(`refuses ${kind.name} as ${transport || 'PATH'} (hostile: special file as an image)`, T, async () => {
        const ref = `${transport}${kind.path()}`;
        expect(await refusedLine('inspect', ref)).toBe(`layerdiff: ${ref}: ${kind.says}`);
      });
    }
    it(`refuses ${kind.name} as --budgets (hostile: special file as a budgets file)`, T, async () => {
      const line = await refusedLine('diff', BASE, HEAD, '--budgets', kind.path());
      expect(line).toBe(`layerdiff: --budgets ${kind.path()}: ${kind.says}`);
    });
  }

  it('refuses a symlink to a FIFO (hostile: a link hides the kind)', T, async () => {
    const link = path.join(work, 'looks-like.json');
    symlinkSync(fifo, link);
    expect(await refusedLine('inspect', `snapshot:${link}`)).toBe(`layerdiff: snapshot:${link}: is a FIFO (named pipe), not a regular file`);
    expect(await refusedLine('inspect', link)).toBe(`layerdiff: ${link}: is a FIFO (named pipe), not a regular file`);
  });

  it('refuses a directory where a file is expected, and still reads a plain directory as an OCI layout', T, async () => {
    expect(await refusedLine('inspect', `docker-archive:${dir}`)).toBe(
      `layerdiff: docker-archive:${dir}: is a directory (use oci:DIR for an OCI layout directory)`,
    );
    expect(await refusedLine('inspect', `oci-archive:${dir}`)).toBe(`layerdiff: oci-archive:${dir}: is a directory (use oci:DIR for an OCI layout directory)`);
    expect(await refusedLine('inspect', `snapshot:${dir}`)).toBe(`layerdiff: snapshot:${dir}: is a directory, not a snapshot file`);
    expect(await refusedLine('diff', BASE, HEAD, '--budgets', dir)).toBe(`layerdiff: --budgets ${dir}: is a directory, not a file`);
    // A plain PATH that is a directory is an OCI layout (here an empty one, refused as such).
    expect(await refusedLine('inspect', dir)).toMatch(new RegExp(`^layerdiff: ${dir}: not a supported image archive`));
  });

  it('refuses a layer blob of an oci:DIR layout that is a FIFO (hostile: special file inside a layout)', T, async () => {
    const layout = path.join(work, 'layout');
    const layer = layerTar({ 'etc/hello.txt': 'hello\n' });
    const { members } = ociArchive({ layers: [layer] });
    for (const member of members) {
      const target = path.join(layout, member.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, member.body ?? '');
    }
    const ok = await runCli('inspect', `oci:${layout}`, '--format', 'json');
    expect(ok.code, ok.err).toBe(0);
    const blob = path.join(layout, 'blobs', 'sha256', (JSON.parse(ok.out) as { layers: Array<{ digest: string }> }).layers[0]!.digest.slice(7));
    unlinkSync(blob);
    execFileSync('mkfifo', [blob]);
    const line = await refusedLine('inspect', `oci:${layout}`, '--verify');
    expect(line).toBe(`layerdiff: oci:${layout}: "blobs/sha256/${path.basename(blob)}" is a FIFO (named pipe), not a regular file`);
  });

  it('refuses an index.json of an oci:DIR layout that is /dev/zero (hostile: device inside a layout)', T, async () => {
    const layout = path.join(work, 'layout-zero');
    mkdirSync(layout);
    writeFileSync(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    execFileSync('ln', ['-s', '/dev/zero', path.join(layout, 'index.json')]);
    const line = await refusedLine('inspect', `oci:${layout}`);
    // /dev/zero is outside the layout: the link is refused before its kind even matters.
    expect(line).toMatch(new RegExp(`^layerdiff: oci:${layout}: "index.json" is a link that points outside the layout directory$`));
  });
});

describe("the action's report input", () => {
  async function failure(reportPath: string): Promise<string[]> {
    const io = fakeIO({ 'github-token': 'ghs_x', report: reportPath, 'pr-number': '12' });
    const started = Date.now();
    await run({
      io,
      context: {
        eventName: 'workflow_run',
        payload: {},
        repo: { owner: 'acme', repo: 'app' },
        sha: null,
        runId: 1,
        workflowRef: 'acme/app/.github/workflows/c.yml@refs/heads/main',
        ref: 'refs/heads/main',
        apiUrl: 'http://127.0.0.1:9',
        serverUrl: 'https://github.com',
        tempDir: work,
      },
      engine: {
        compareImages: () => Promise.reject(new Error('report mode computes nothing')),
        renderMarkdown: () => '',
        renderJson: () => '',
      },
      createClient: () => {
        throw new Error('no client expected');
      },
      downloadArtifact: () => Promise.reject(new Error('no download expected')),
    });
    expect(Date.now() - started).toBeLessThan(FAST_MS);
    return io.failed;
  }

  for (const kind of KINDS) {
    it(`refuses ${kind.name} as the report (hostile: special file as a report)`, T, async () => {
      expect(await failure(kind.path())).toEqual([`report: ${kind.path()}: ${kind.says}`]);
    });
  }

  it('refuses a directory as the report', T, async () => {
    expect(await failure(dir)).toEqual([`report: ${dir}: is a directory, not a file`]);
  });
});
