/**
 * `--platform all` (issue 13) on REAL multi-platform images built by buildah
 * (scripts/make-platform-fixtures.sh: FROM scratch + COPY, no emulation): a base index of
 * linux/amd64, linux/arm64, linux/arm/v7 and a head of linux/amd64 (unchanged), linux/arm64 (its app
 * layer grows) and linux/arm/v6 (new; arm/v7 is gone). Read as OCI archives and from a real
 * registry (docker-registry, pushed with `skopeo copy --all`). Every figure is checked against an
 * independent oracle: the archives unpacked by tar, read with jq, layers decompressed by gzip.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageEntry, MultiReport } from '../../src/core/multi-report.js';
import type { Report } from '../../src/core/report.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { fakeIO } from '../../__fixtures__/core.js';
import { run as runAction } from '../../src/main.js';
import { compareImages } from '../../src/engine.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { startFakeGitHub } from '../helpers/fake-github.js';
import { testClient } from '../unit/github-fixtures.js';
import { runCli } from '../helpers/cli-io.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { spawnSync } from 'node:child_process';
import { realImage, realImagesDir } from '../helpers/real-images.js';
import { registrySkipReason, run, skopeoCopy, startRegistry, type RunningRegistry } from '../helpers/registry-server.js';
import { repoRoot } from '../helpers/repo-root.js';
import { platformFixtures, platformFixturesSkip, sumOf, type OracleImage } from '../helpers/platform-fixtures.js';

const skipReason = platformFixturesSkip();
const registrySkip = skipReason ?? registrySkipReason();

const sum = sumOf;

let fixtures = '';
let base = '';
let head = '';
let baseOracle: OracleImage[] = [];
let headOracle: OracleImage[] = [];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCli(...argv, '-q');
}

/** Checks an entry's report against the oracle's images of both sides. */
function checkEntry(entry: ImageEntry, platform: string): void {
  const b = baseOracle.find((i) => i.platform === platform);
  const h = headOracle.find((i) => i.platform === platform);
  const report = entry.report as Report;
  expect(entry.platform).toBe(platform);
  if (h) {
    expect(report.head.manifestDigest).toBe(h.manifest);
    expect(report.head.layers.map((l) => [l.digest, l.size, l.compressedSize])).toEqual(h.layers.map((l) => [l.digest, l.uncompressed, l.size]));
    expect(report.totals.head).toMatchObject({ size: sum(h.layers, 'uncompressed'), compressedSize: sum(h.layers, 'size') });
  } else {
    expect(entry.change).toBe('removed');
    expect(report.head.layers).toEqual([]);
    expect(report.totals.head.size).toBe(0);
  }
  if (b) {
    expect(report.base?.manifestDigest).toBe(b.manifest);
    expect(report.totals.base).toMatchObject({ size: sum(b.layers, 'uncompressed'), compressedSize: sum(b.layers, 'size') });
  } else {
    expect(entry.change).toBe('added');
    expect(report.base).toBeNull();
  }
  const delta = (h ? sum(h.layers, 'uncompressed') : 0) - (b ? sum(b.layers, 'uncompressed') : 0);
  expect(report.totals.delta.size).toBe(delta);
}

describe.skipIf(skipReason)('--platform all on real buildah multi-arch images', () => {
  beforeAll(async () => {
    ({ dir: fixtures, base, head, baseOracle, headOracle } = await platformFixtures());
  }, 120_000);

  it('the fixtures are what the tests assume (oracle: tar + jq + gzip)', () => {
    expect(baseOracle.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(headOracle.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v6']);
    // One shared first layer for every platform of both images.
    const first = new Set([...baseOracle, ...headOracle].map((i) => i.layers[0]!.diffId));
    expect(first.size).toBe(1);
    expect(headOracle[0]!.manifest).toBe(baseOracle[0]!.manifest);
  });

  it("compares every platform with the base's same platform: figures per platform as the oracle says", async () => {
    const { code, out, err } = await cli('diff', `oci-archive:${base}`, `oci-archive:${head}`, '--platform', 'all', '-f', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.schema).toBe('layerdiff/multi-report@1');
    expect(multi.verdict).toBe('pass');
    expect(multi.images.map((i) => [i.name, i.platform, i.change ?? null])).toEqual([
      [`oci-archive:${head}`, 'linux/amd64', null],
      [`oci-archive:${head}`, 'linux/arm64', null],
      [`oci-archive:${head}`, 'linux/arm/v6', 'added'],
      [`oci-archive:${head}`, 'linux/arm/v7', 'removed'],
    ]);
    for (const entry of multi.images) checkEntry(entry, entry.platform);
    const [amd64, arm64] = multi.images.map((i) => i.report as Report);
    expect(amd64!.layers.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(arm64!.layers.map((r) => r.status)).toEqual(['unchanged', 'changed']);
    // Totals: sums over the entries (the removed platform counts minus its base).
    const headTotal = headOracle.reduce((n, i) => n + sum(i.layers, 'uncompressed'), 0);
    const baseTotal = baseOracle.reduce((n, i) => n + sum(i.layers, 'uncompressed'), 0);
    expect(multi.totals.head.size).toBe(headTotal);
    expect(multi.totals.base?.size).toBe(baseTotal);
    expect(multi.totals.delta.size).toBe(headTotal - baseTotal);
  });

  it("each platform's report is exactly the single-platform run's report@1", async () => {
    const multi = JSON.parse((await cli('diff', base, head, '--platform', 'all', '-f', 'json')).out) as MultiReport;
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const single = await cli('diff', base, head, '--platform', platform, '-f', 'json');
      expect(single.code).toBe(0);
      const report = JSON.parse(single.out) as Report;
      expect(report.schema).toBe('layerdiff/report@1');
      expect(multi.images.find((i) => i.platform === platform)?.report).toEqual(report);
    }
  });

  it('applies budgets per platform: the arm64 growth fails, the verdict is the worst, exit 1', async () => {
    const { code, out } = await cli('diff', base, head, '--platform', 'all', '--max-growth', '100kB', '-f', 'json');
    expect(code).toBe(1);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.verdict).toBe('fail');
    expect(multi.images.map((i) => [i.platform, i.report?.verdict])).toEqual([
      ['linux/amd64', 'pass'],
      ['linux/arm64', 'fail'],
      ['linux/arm/v6', 'pass'],
      ['linux/arm/v7', 'pass'],
    ]);
  });

  it('measures a layer shared by several platforms once (stats: layersMeasured, layersScanned)', async () => {
    const distinct = new Set([...baseOracle, ...headOracle].flatMap((i) => i.layers.map((l) => l.diffId)));
    const plain = await cli('diff', base, head, '--platform', 'all', '--stats', '-f', 'json');
    const stats = JSON.parse(plain.err.trim().split('\n').at(-1)!).stats;
    // Every layer is gzip: measured by decompression, each diff_id once.
    expect(stats.layersMeasured).toBe(distinct.size);
    expect(stats.layersMeasured).toBe(6);
    // Deep: the head's layers and the paired bases' (a removed platform is not scanned), each once.
    const scanned = new Set([
      ...headOracle.flatMap((i) => i.layers.map((l) => l.diffId)),
      ...baseOracle.filter((i) => i.platform !== 'linux/arm/v7').flatMap((i) => i.layers.map((l) => l.diffId)),
    ]);
    const deep = await cli('diff', base, head, '--platform', 'all', '--deep', '--stats', '-f', 'json');
    expect(deep.code).toBe(0);
    const deepStats = JSON.parse(deep.err.trim().split('\n').at(-1)!).stats;
    expect(deepStats.layersScanned).toBe(scanned.size);
    // The removed platform's own layers are measured (not scanned): the ones no scan covered.
    const removedOnly = baseOracle.find((i) => i.platform === 'linux/arm/v7')!.layers.filter((l) => !scanned.has(l.diffId));
    expect(deepStats.layersMeasured).toBe(removedOnly.length);
    expect(removedOnly).toHaveLength(1);
    const multi = JSON.parse(deep.out) as MultiReport;
    const arm64 = multi.images.find((i) => i.platform === 'linux/arm64')!.report!;
    expect(arm64.deep).toBeDefined();
    // Same path, new bytes: a grown file (the base's scan is fingerprinted, reused or not).
    expect(arm64.layers[1]?.files?.changes.map((c) => [c.path, c.change])).toEqual([['/app/app.bin', 'grown']]);
  });

  it('refuses a deep run whose platforms together pass the entry budget (hostile: many platforms x deep scan)', () => {
    ensureBuilt();
    // Two entries per layer (a directory and its file); five distinct layers are scanned in all,
    // at most three in one comparison: a budget of 8 passes each comparison but not the run.
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const env = { ...process.env, LAYERDIFF_MAX_ENTRIES: '8' };
    const one = spawnSync(process.execPath, [cli, 'diff', base, head, '--platform', 'linux/arm64', '--deep', '-q', '-f', 'json'], { env, encoding: 'utf8' });
    expect(one.status, one.stderr).toBe(0);
    const all = spawnSync(process.execPath, [cli, 'diff', base, head, '--platform', 'all', '--deep', '-q'], { env, encoding: 'utf8' });
    expect(all.status).toBe(2);
    expect(all.stderr).toBe(
      `layerdiff: ${head}: the scanned layers of all platforms hold more than 8 entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it, or list fewer platforms)\n`,
    );
  });

  it("a comma list keeps the listed platforms, in the head's order", async () => {
    const multi = JSON.parse((await cli('diff', base, head, '--platform', 'linux/arm64,linux/amd64', '-f', 'json')).out) as MultiReport;
    expect(multi.images.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    // --comment-key (or --name) names the entries instead of the head reference.
    const keyed = JSON.parse((await cli('diff', base, head, '--platform', 'linux/arm64,linux/amd64', '--comment-key', 'api', '-f', 'json')).out) as MultiReport;
    expect(keyed.images.map((i) => i.name)).toEqual(['api', 'api']);
    const missing = await cli('diff', base, head, '--platform', 'linux/amd64,linux/s390x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no image for platform linux/s390x; available: linux/amd64, linux/arm64, linux/arm/v6, linux/arm/v7');
  });

  it('renders text and Markdown through the multi renderers, one section per platform', async () => {
    const text = await cli('diff', base, head, '--platform', 'all');
    const md = await cli('diff', base, head, '--platform', 'all', '-f', 'markdown');
    for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7']) {
      expect(text.out).toContain(`(${platform})`);
      expect(md.out).toContain(platform);
    }
    expect(text.out).toContain('(none)');
  });

  it('an index compared with itself: every platform paired, every layer unchanged', async () => {
    const { code, out } = await cli('diff', head, head, '--platform', 'all', '-f', 'json');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.images.map((i) => [i.platform, i.change ?? null])).toEqual(headOracle.map((i) => [i.platform, null]));
    expect(multi.images.flatMap((i) => i.report!.layers.map((r) => r.status)).every((s) => s === 'unchanged')).toBe(true);
    expect(multi.totals.delta.size).toBe(0);
  });

  it('inspect --platform all: one snapshot@1 per platform; snapshot refuses several platforms', async () => {
    const { code, out } = await cli('inspect', head, '--platform', 'all', '-f', 'json');
    expect(code).toBe(0);
    const snapshots = JSON.parse(out) as Snapshot[];
    expect(snapshots.map((s) => [s.schema, s.platform, s.manifestDigest, s.totals.size])).toEqual(
      headOracle.map((i) => ['layerdiff/snapshot@1', i.platform, i.manifest, sum(i.layers, 'uncompressed')]),
    );
    const refused = await cli('snapshot', head, '--platform', 'all', '-o', path.join(fixtures, 'never.json'));
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('layerdiff: snapshot: a snapshot holds one platform; give --platform os/arch (run it once per platform for several)\n');
    const basePlatform = await cli('diff', base, head, '--platform', 'all', '--base-platform', 'linux/amd64');
    expect(basePlatform.code).toBe(2);
    expect(basePlatform.err).toContain('--base-platform: not with --platform all');
  });

  it("a snapshot base (one platform) pairs with its platform; the head's others are added", async () => {
    const file = path.join(fixtures, 'arm64-snapshot.json');
    expect((await cli('snapshot', base, '--platform', 'linux/arm64', '-o', file)).code).toBe(0);
    const { code, out } = await cli('diff', `snapshot:${file}`, head, '--platform', 'all', '-f', 'json');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.images.map((i) => [i.platform, i.change ?? null])).toEqual([
      ['linux/amd64', 'added'],
      ['linux/arm64', null],
      ['linux/arm/v6', 'added'],
    ]);
    checkEntry(multi.images[1]!, 'linux/arm64');
  });

  it('a budget on layer contents gives a removed platform no verdict of its own (deep rules need a head)', async () => {
    const { code, out } = await cli('diff', base, head, '--platform', 'all', '--max-wasted', '1MB', '-f', 'json');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.verdict).toBe('pass');
    const removed = multi.images.find((i) => i.change === 'removed')!;
    expect(removed.report!.budgets).toEqual([]);
    expect(multi.images.filter((i) => i.change !== 'removed').every((i) => i.report!.budgets.map((b) => [b.rule, b.status]).join() === 'max-wasted,pass')).toBe(
      true,
    );
  });

  it.skipIf(realImagesDir === null)('reads a single-platform archive as a set of one (real docker save)', async () => {
    const file = realImage('ggcr-hello-world-v25.tar');
    const { code, out } = await cli('diff', file, file, '--platform', 'all', '-f', 'json');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.schema).toBe('layerdiff/multi-report@1');
    const single = JSON.parse((await cli('diff', file, file, '-f', 'json')).out) as Report;
    expect(multi.images.map((i) => i.platform)).toEqual([single.head.platform]);
    expect(multi.images[0]!.report).toEqual(single);
  });

  it.skipIf(realImagesDir === null)('skips attestation manifests (real containerd export with an attestation)', async () => {
    const file = realImage('snyk-containerd-busybox-attestation.tar');
    const raw = JSON.parse(await run('skopeo', ['inspect', '--raw', `oci-archive:${file}`])) as {
      manifests: Array<{ platform?: { os: string; architecture: string }; annotations?: Record<string, string> }>;
    };
    const expected = raw.manifests
      .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
      .map((m) => `${m.platform?.os}/${m.platform?.architecture}`);
    expect(expected).toEqual(['linux/arm64']);
    const { code, out } = await cli('inspect', file, '--platform', 'all', '-f', 'json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as Snapshot[]).map((s) => s.platform)).toEqual(expected);
  });

  it('the action with platform: all posts one comment for every platform; outputs are the worst verdict and the sums', async () => {
    const gh = await startFakeGitHub();
    const temp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-platforms-action-'));
    try {
      const sha = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
      gh.pulls.push({ number: 7, head: { sha, ref: 'feature', repo: gh.baseRepo } });
      const io = fakeIO({ 'github-token': 'ghs_platforms', image: head, 'base-image': base, platform: 'all', budgets: 'max-growth: 100kB' });
      await runAction({
        io,
        context: {
          eventName: 'pull_request',
          payload: { number: 7, pull_request: { number: 7, base: { ref: 'main' }, head: { sha } } },
          repo: { owner: 'acme', repo: 'app' },
          runId: 99,
          workflowRef: 'acme/app/.github/workflows/ci.yml@refs/pull/7/merge',
          ref: 'refs/pull/7/merge',
          sha,
          apiUrl: gh.url,
          serverUrl: 'https://github.com',
          tempDir: temp,
        },
        engine: { compareImages, renderMarkdown, renderJson },
        createClient: (token, baseUrl) => testClient(token, baseUrl),
        downloadArtifact: async () => {
          throw new Error('no download expected');
        },
        sleep: async () => {},
      });
      expect(io.failed).toEqual([`layerdiff: verdict fail (fail-on: fail): ${head} (linux/arm64): max-growth`]);
      expect(gh.comments).toHaveLength(1);
      for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7']) expect(gh.comments[0]?.body).toContain(platform);
      const headTotal = headOracle.reduce((n, i) => n + sum(i.layers, 'uncompressed'), 0);
      const baseTotal = baseOracle.reduce((n, i) => n + sum(i.layers, 'uncompressed'), 0);
      expect(io.outputs).toMatchObject({
        verdict: 'fail',
        size: String(headTotal),
        'size-delta': String(headTotal - baseTotal),
        'cache-hit-ratio': expect.stringMatching(/^0\.\d+$/),
      });
      const written = JSON.parse(await readFile(io.outputs['report-path'] as string, 'utf8')) as MultiReport;
      expect(written.schema).toBe('layerdiff/multi-report@1');
      expect(written.images.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7']);
      expect(io.summary[0]).toContain('linux/arm/v6');
      expect(io.errors.map((e) => e.message)).toEqual([expect.stringMatching(/ \(linux\/arm64\): budget max-growth failed: /)]);
    } finally {
      await gh.close();
      await rm(temp, { recursive: true, force: true });
    }
  });

  describe.skipIf(registrySkip)('from a registry (docker://, skopeo copy --all)', () => {
    let registry: RunningRegistry;
    let work = '';
    beforeAll(async () => {
      registry = await startRegistry();
      work = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-platforms-'));
      await skopeoCopy(`oci-archive:${base}`, `docker://${registry.host}/multi/app:base`, { flags: ['--all'] });
      await skopeoCopy(`oci-archive:${head}`, `docker://${registry.host}/multi/app:head`, { flags: ['--all'] });
    }, 60_000);
    afterAll(async () => {
      await registry?.stop();
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('gives the same figures as the archives, the index fetched once per image', async () => {
      const ref = (tag: string) => `docker://${registry.host}/multi/app:${tag}`;
      const before = registry.accessLog().length;
      const { code, out, err } = await cli('diff', ref('base'), ref('head'), '--platform', 'all', '--insecure-registry', registry.host, '-f', 'json');
      expect(err).toBe('');
      expect(code).toBe(0);
      const multi = JSON.parse(out) as MultiReport;
      expect(multi.images.map((i) => [i.platform, i.change ?? null])).toEqual([
        ['linux/amd64', null],
        ['linux/arm64', null],
        ['linux/arm/v6', 'added'],
        ['linux/arm/v7', 'removed'],
      ]);
      for (const entry of multi.images) checkEntry(entry, entry.platform);
      const archives = JSON.parse((await cli('diff', base, head, '--platform', 'all', '-f', 'json')).out) as MultiReport;
      expect(multi.totals).toEqual(archives.totals);
      const requests = registry.accessLog().slice(before);
      // The tag's index once per image (skopeo's own pushes are before `before`).
      expect(requests.filter((r) => r.method === 'GET' && /\/manifests\/(base|head)$/.test(r.path))).toHaveLength(2);
      // Every distinct layer blob fetched at most once.
      const blobs = requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/sha256:')).map((r) => r.path);
      const layerBlobs = new Set([...baseOracle, ...headOracle].flatMap((i) => i.layers.map((l) => l.digest)));
      const fetchedLayers = blobs.filter((p) => layerBlobs.has(p.slice(p.indexOf('/blobs/') + 7)));
      expect(new Set(fetchedLayers).size).toBe(fetchedLayers.length);
    });

    it('mixes sources: an archive base and a registry head', async () => {
      const { code, out } = await cli(
        'diff',
        base,
        `docker://${registry.host}/multi/app:head`,
        '--platform',
        'all',
        '--insecure-registry',
        registry.host,
        '-f',
        'json',
      );
      expect(code).toBe(0);
      const multi = JSON.parse(out) as MultiReport;
      for (const entry of multi.images) checkEntry(entry, entry.platform);
    });
  });
});
