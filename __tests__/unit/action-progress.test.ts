/**
 * The action words the engine's typed events itself (issue 10 part 5): "measuring layer N/M" is
 * logged again, through run() with the real engine, and error messages name the action's inputs,
 * not the CLI's flags (part 6).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeIO } from '../../__fixtures__/core.js';
import { compareImages } from '../../src/engine.js';
import type { RunnerContext } from '../../src/github/context.js';
import { eventLogger, run } from '../../src/main.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { main as cli } from '../../src/cli.js';
import { dockerArchive, layerTar, ociArchive, sha256 } from '../helpers/image-tar-builder.js';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-progress-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

const context = (): RunnerContext => ({
  eventName: 'push',
  payload: {},
  repo: null,
  runId: null,
  workflowRef: null,
  ref: 'refs/heads/main',
  sha: null,
  apiUrl: 'http://127.0.0.1:9',
  serverUrl: 'https://github.com',
  tempDir: temp,
});

async function runAction(inputs: Record<string, string>) {
  const io = fakeIO({ comment: 'never', ...inputs });
  await run({
    io,
    context: context(),
    engine: { compareImages, renderMarkdown, renderJson },
    createClient: () => {
      throw new Error('no API client expected');
    },
    downloadArtifact: async () => {
      throw new Error('no download expected');
    },
    sleep: async () => {},
  });
  return io;
}

/** Two gzip layers: their uncompressed sizes are unknown until measured. */
async function gzipImage(): Promise<string> {
  const plain = [layerTar({ 'a.txt': 'alpha' }), layerTar({ 'b.txt': 'beta beta' })];
  const { tar } = ociArchive({ layers: plain.map((l) => gzipSync(l)), diffIds: plain.map((l) => sha256(l)) });
  const file = path.join(temp, 'image.oci.tar');
  await writeFile(file, tar);
  return file;
}

describe('action progress', () => {
  it('logs "measuring layer N/M" for every layer it decompresses (through run and the real engine)', async () => {
    const image = await gzipImage();
    const io = await runAction({ image });
    expect(io.failed).toEqual([]);
    const measuring = io.infos.filter((line) => /measuring layer \d+\/\d+/.test(line));
    expect(measuring).toEqual([
      expect.stringMatching(/^measuring layer 1\/2 \(.* blob\) of .*image\.oci\.tar$/),
      expect.stringMatching(/^measuring layer 2\/2 \(.* blob\) of .*image\.oci\.tar$/),
    ]);
  });

  it('words each kind of event; only measuring and warnings reach the info log', () => {
    const io = fakeIO();
    const log = eventLogger(io);
    log({ kind: 'measuring', image: 'app.tar', layer: 3, of: 7, storedBytes: 3 * 1024 * 1024 });
    log({ kind: 'decompressed', image: 'app.tar', layer: 3, of: 7, bytes: 64 * 1024 * 1024 });
    log({ kind: 'scanned', subject: 'app.tar: layer 3/7', done: 1, of: 7, entries: 12 });
    log({ kind: 'warning', code: 'base-not-scannable', image: 'snapshot:base.json' });
    expect(io.infos).toEqual([
      'measuring layer 3/7 (3.15 MB blob) of app.tar',
      'snapshot:base.json: a snapshot holds no layer contents, so only added layers list their files and there is no filesystem diff',
    ]);
    expect(io.debugs).toEqual(['67.1 MB decompressed: layer 3/7 of app.tar', 'scanned 1/7 layers (12 entries): app.tar: layer 3/7']);
  });
});

describe('errors name the input in the words of the shell that runs', () => {
  async function twoImageArchive(): Promise<string> {
    const layer = layerTar({ 'x.txt': 'x' });
    const configName = (n: number) => `${n}.json`;
    const manifestText = JSON.stringify([
      { Config: configName(1), RepoTags: ['app:1'], Layers: ['layer0/layer.tar'] },
      { Config: configName(2), RepoTags: ['app:2'], Layers: ['layer0/layer.tar'] },
    ]);
    const archive = dockerArchive({
      layers: [layer],
      manifestText,
      mutate: (members) => {
        const config = members[0]!;
        return [{ ...config, path: configName(1) }, { ...config, path: configName(2) }, ...members.slice(1)];
      },
    });
    const file = path.join(temp, 'two.tar');
    await writeFile(file, archive);
    return file;
  }

  it('the action names no CLI flag when an archive holds several images', async () => {
    const image = await twoImageArchive();
    const io = await runAction({ image });
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toMatch(
      /the archive holds 2 images; choose one with an archive of that image alone \(the action has no input to pick one\): app:1, app:2$/,
    );
    expect(io.failed[0]).not.toContain('--image');
  });

  it('the CLI names its flag for the same archive', async () => {
    const image = await twoImageArchive();
    const err: string[] = [];
    const code = await cli(['inspect', image], { stdout: () => {}, stderr: (t) => err.push(t), stderrIsTty: false, columns: undefined });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/the archive holds 2 images; choose one with --image: app:1, app:2\n$/);
  });
});
