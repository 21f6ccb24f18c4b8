/**
 * The registry source against a real registry: Debian's docker-registry (CNCF distribution v2) on
 * 127.0.0.1, images pushed with skopeo, in anonymous, basic-auth and token-auth modes, with a
 * counting proxy in front to count blob requests and inject failures.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../helpers/error-of.js';
import { runCli } from '../helpers/cli-io.js';
import { compareImages, inspectImage } from '../../src/engine.js';
import { parseReference } from '../../src/sources/reference.js';
import { openRegistryImageWith } from '../../src/sources/registry/index.js';
import { resetStats, stats } from '../../src/stats.js';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.js';
import { realImage, realImagesDir, skipRealImagesReason } from '../helpers/real-images.js';
import { freePort, registrySkipReason, run, skopeoCopy, startRegistry, type RunningRegistry } from '../helpers/registry-server.js';
import { startTokenServer, type TokenServer } from '../helpers/token-server.js';

const skipReason = registrySkipReason() ?? (realImagesDir === null ? skipRealImagesReason : null);
if (skipReason) console.warn(`registry.test.ts ${skipReason}`);

const NODES_BASE = 'snyk-skopeo-nodes-fake.tar'; // 1 layer
const NODES_HEAD = 'snyk-skopeo-nodes-fake-multi.tar'; // the same layer + 1
const BUSYBOX_AMD64 = 'snyk-skopeo-docker-archive-busybox.tar';
const BUSYBOX_ARMV7 = 'snyk-docker25-busybox.armv7.tar';

const fast = { retries: 3, backoffMs: 20, timeoutMs: 5000 };

/** Opens through the engine's reference parser, with test tuning (short backoff and timeout). */
async function inspectVia(
  refText: string,
  options: { insecure: string[]; creds?: string; platform?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; verify?: boolean },
) {
  const ref = parseReference(refText);
  if (ref.transport !== 'docker') throw new Error('not a docker:// reference');
  const handle = await openRegistryImageWith(
    ref.name,
    ref,
    { insecureRegistries: options.insecure, creds: options.creds, platform: options.platform },
    {
      ...fast,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      env: options.env ?? { HOME: '/nonexistent' },
    },
  );
  return handle;
}

/** Facts about a docker-archive established independently: each layer file's sha256 and size. */
async function archiveLayerFacts(archive: string): Promise<Map<string, number>> {
  const facts = new Map<string, number>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (entry.type !== 'File' || !/\.tar$|layer\.tar$|^blobs\/sha256\//.test(entry.path)) {
        entry.resume();
        return;
      }
      const hash = createHash('sha256');
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      entry.on('end', () => facts.set(`sha256:${hash.digest('hex')}`, size));
    },
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(archive).pipe(parser).on('finish', resolve).on('error', reject);
  });
  return facts;
}

async function skopeoRaw(ref: string, extra: string[] = []): Promise<string> {
  return run('skopeo', ['inspect', '--tls-verify=false', '--raw', ...extra, ref]);
}

function sha256(text: string | Buffer): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * skopeo always compresses layers it pushes to a registry, so an image with plain-tar layers is
 * pushed by hand: the archive's layer tars and config as blobs (monolithic upload), then an OCI
 * manifest declaring `application/vnd.oci.image.layer.v1.tar`.
 */
async function pushUncompressed(host: string, repo: string, tag: string, archive: string): Promise<void> {
  const files = new Map<string, Buffer>();
  const links = new Map<string, string>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (entry.type === 'SymbolicLink') links.set(entry.path, path.posix.join(path.posix.dirname(entry.path), entry.linkpath ?? ''));
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => files.set(entry.path, Buffer.concat(chunks)));
    },
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(archive).pipe(parser).on('finish', resolve).on('error', reject);
  });
  const read = (name: string): Buffer => {
    const bytes = files.get(links.get(name) ?? name);
    if (!bytes) throw new Error(`${archive}: no ${name}`);
    return bytes;
  };
  const entries = JSON.parse(read('manifest.json').toString()) as Array<{ Config: string; Layers: string[] }>;
  const entry = entries[0];
  if (!entry) throw new Error(`${archive}: no manifest.json entry`);
  const config = read(entry.Config);
  const layers = entry.Layers.map(read);
  const upload = async (bytes: Buffer): Promise<string> => {
    const digest = sha256(bytes);
    const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location') ?? '', `http://${host}`);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
    if (put.status !== 201) throw new Error(`blob upload answered ${put.status}`);
    return digest;
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await upload(config), size: config.length },
    layers: await Promise.all(
      layers.map(async (bytes) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: await upload(bytes), size: bytes.length })),
    ),
  };
  const put = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'Content-Type': manifest.mediaType },
    body: JSON.stringify(manifest),
  });
  if (put.status !== 201) throw new Error(`manifest PUT answered ${put.status}: ${await put.text()}`);
}

function blobGets(proxy: CountingProxy): string[] {
  return proxy.requests.filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path)).map((r) => r.path.replace(/^.*\/blobs\//, ''));
}

describe.skipIf(skipReason)('registry source: anonymous registry', () => {
  let registry: RunningRegistry;
  let proxy: CountingProxy;
  let via: string;
  let multiDigests: { amd64: string; armv7: string };
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-registry-test-'));
    registry = await startRegistry();
    proxy = await startCountingProxy(registry.host);
    via = proxy.host;
    const r = registry.host;
    await Promise.all([
      skopeoCopy(`docker-archive:${realImage(NODES_BASE)}`, `docker://${r}/app:base`),
      skopeoCopy(`docker-archive:${realImage(NODES_HEAD)}`, `docker://${r}/app:main`),
      pushUncompressed(r, 'plain', 'main', realImage(NODES_HEAD)),
      skopeoCopy(`docker-archive:${realImage(BUSYBOX_AMD64)}`, `docker://${r}/multi:amd64`),
      skopeoCopy(`docker-archive:${realImage(BUSYBOX_ARMV7)}`, `docker://${r}/multi:armv7`),
    ]);
    // A multi-platform index (with an attestation entry that must be skipped), assembled from the
    // two single-platform manifests skopeo pushed.
    const amd64 = await skopeoRaw(`docker://${r}/multi:amd64`);
    const armv7 = await skopeoRaw(`docker://${r}/multi:armv7`);
    multiDigests = { amd64: sha256(amd64), armv7: sha256(armv7) };
    const entry = (raw: string, platform: object, annotations?: Record<string, string>) => ({
      mediaType: (JSON.parse(raw) as { mediaType: string }).mediaType,
      digest: sha256(raw),
      size: Buffer.byteLength(raw),
      platform,
      ...(annotations ? { annotations } : {}),
    });
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        entry(amd64, { os: 'linux', architecture: 'amd64' }),
        entry(armv7, { os: 'linux', architecture: 'arm', variant: 'v7' }),
        entry(
          amd64,
          { os: 'unknown', architecture: 'unknown' },
          { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': sha256(amd64) },
        ),
      ],
    };
    const put = await fetch(`http://${r}/v2/multi/manifests/latest`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/vnd.oci.image.index.v1+json' },
      body: JSON.stringify(index),
    });
    if (put.status !== 201) throw new Error(`index PUT answered ${put.status}: ${await put.text()}`);
  });

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('inspects an image: digests, diffIds, sizes and history agree with skopeo and the archive', async () => {
    resetStats();
    proxy.clear();
    const snapshot = await inspectImage(`docker://${via}/app:main`, { insecureRegistries: [via] });
    const manifestRaw = await skopeoRaw(`docker://${registry.host}/app:main`);
    const manifest = JSON.parse(manifestRaw) as { config: { digest: string }; layers: Array<{ digest: string; size: number; mediaType: string }> };
    const config = JSON.parse(await skopeoRaw(`docker://${registry.host}/app:main`, ['--config'])) as { rootfs: { diff_ids: string[] } };
    const facts = await archiveLayerFacts(realImage(NODES_HEAD));

    expect(snapshot.source.type).toBe('registry');
    expect(snapshot.platform).toBe('linux/amd64');
    expect(snapshot.manifestDigest).toBe(sha256(manifestRaw));
    expect(snapshot.configDigest).toBe(manifest.config.digest);
    expect(snapshot.layers.map((l) => l.diffId)).toEqual(config.rootfs.diff_ids);
    expect(snapshot.layers.map((l) => l.digest)).toEqual(manifest.layers.map((l) => l.digest));
    expect(snapshot.layers.map((l) => l.compressedSize)).toEqual(manifest.layers.map((l) => l.size));
    expect(snapshot.layers.map((l) => l.size)).toEqual(config.rootfs.diff_ids.map((d) => facts.get(d)));
    expect(snapshot.layers[1]?.createdBy).toContain('ADD dir:17944137');
    // No size was known, so both blobs were streamed, once each; bytes counted.
    expect(blobGets(proxy).sort()).toEqual([manifest.config.digest, ...manifest.layers.map((l) => l.digest)].sort());
    expect(stats.requests.manifest).toBe(1);
    expect(stats.networkBytes).toBeGreaterThan(manifest.layers.reduce((n, l) => n + l.size, 0));
  });

  it('layerdiff diff docker://HOST/app:base ./head.tar works from the CLI, anonymously', async () => {
    const r = await runCli('diff', `docker://${registry.host}/app:base`, realImage(NODES_HEAD), '--insecure-registry', registry.host, '--max-growth', '1B');
    expect(r.code).toBe(1); // the head grew: the budget fails
    expect(r.out).toMatch(/^unchanged\s+1\s/m);
    expect(r.out).toMatch(/^added\s+2\s/m);
    expect(r.out).toMatch(/Verdict: FAIL/);
  });

  it('reads an image by digest and verifies layer content with --verify', async () => {
    const manifestRaw = await skopeoRaw(`docker://${registry.host}/app:main`);
    const snapshot = await inspectImage(`docker://${via}/app@${sha256(manifestRaw)}`, { insecureRegistries: [via], verify: true });
    expect(snapshot.manifestDigest).toBe(sha256(manifestRaw));
    expect(snapshot.layers).toHaveLength(2);
  });

  it('takes the size of an uncompressed-tar layer from its descriptor without fetching it', async () => {
    proxy.clear();
    const snapshot = await inspectImage(`docker://${via}/plain:main`, { insecureRegistries: [via] });
    const facts = await archiveLayerFacts(realImage(NODES_HEAD));
    expect(snapshot.layers.map((l) => l.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar', 'application/vnd.oci.image.layer.v1.tar']);
    expect(snapshot.layers.map((l) => l.compressedSize)).toEqual([null, null]);
    expect(snapshot.layers.map((l) => l.size)).toEqual(snapshot.layers.map((l) => facts.get(l.diffId)));
    expect(blobGets(proxy)).toEqual([snapshot.configDigest]);
  });

  it('diffs a registry base against a local head: shared layers cost no blob request', async () => {
    proxy.clear();
    resetStats();
    const fromRegistry = await compareImages(`docker://${via}/app:base`, realImage(NODES_HEAD), { insecureRegistries: [via] });
    const fromArchives = await compareImages(realImage(NODES_BASE), realImage(NODES_HEAD));
    // The base's only layer is shared with the head, whose archive knows its size: only manifest and config.
    expect(blobGets(proxy)).toEqual([fromRegistry.base?.configDigest]);
    expect(fromRegistry.layers.map((l) => l.status)).toEqual(fromArchives.layers.map((l) => l.status));
    expect(fromRegistry.layers.map((l) => l.delta.size)).toEqual(fromArchives.layers.map((l) => l.delta.size));
    expect(fromRegistry.cacheHit).toEqual(fromArchives.cacheHit);
    expect(fromRegistry.totals.delta.size).toBe(fromArchives.totals.delta.size);
  });

  it('diffs a local base against a registry head: only the added layer is downloaded', async () => {
    proxy.clear();
    const report = await compareImages(realImage(NODES_BASE), `docker://${via}/app:main`, { insecureRegistries: [via] });
    const added = report.layers.filter((l) => l.status === 'added');
    expect(added).toHaveLength(1);
    expect(blobGets(proxy).sort()).toEqual([report.head.configDigest, added[0]?.head?.digest].sort());
    expect(report.cacheHit?.layers).toEqual({ hit: 1, total: 2, ratio: 0.5 });
  });

  it('chooses a platform in a multi-platform index and skips attestation entries', async () => {
    const arm = await inspectImage(`docker://${via}/multi:latest`, { insecureRegistries: [via], platform: 'linux/arm/v7' });
    expect(arm.platform).toBe('linux/arm/v7');
    expect(arm.manifestDigest).toBe(multiDigests.armv7);
    const amd = await inspectImage(`docker://${via}/multi:latest`, { insecureRegistries: [via], platform: 'linux/amd64' });
    expect(amd.manifestDigest).toBe(multiDigests.amd64);
    const message = await errorOf(inspectImage(`docker://${via}/multi:latest`, { insecureRegistries: [via], platform: 'linux/s390x' }));
    expect(message).toBe(`docker://${via}/multi:latest: no image for platform linux/s390x; available: linux/amd64, linux/arm/v7`);
    // A single-platform image must be the platform asked for, too.
    expect(await errorOf(inspectImage(`docker://${via}/multi:armv7`, { insecureRegistries: [via], platform: 'linux/amd64' }))).toBe(
      `docker://${via}/multi:armv7: no image for platform linux/amd64; available: linux/arm/v7`,
    );
  });

  it('reports an unknown tag and an unknown repository in one line', async () => {
    expect(await errorOf(inspectImage(`docker://${via}/app:nope`, { insecureRegistries: [via] }))).toBe(
      `docker://${via}/app:nope: manifest unknown (404 Not Found)`,
    );
    // distribution 2.8 answers MANIFEST_UNKNOWN for a repository it never saw, too.
    expect(await errorOf(inspectImage(`docker://${via}/nothing/here:main`, { insecureRegistries: [via] }))).toBe(
      `docker://${via}/nothing/here:main: manifest unknown (404 Not Found)`,
    );
  });

  it('retries a 500 and succeeds; reports a 500 that persists after the retries', async () => {
    proxy.clear();
    proxy.inject('/v2/app/manifests/main', { status: 500 }, 1);
    const handle = await inspectVia(`docker://${via}/app:main`, { insecure: [via] });
    await handle.close();
    expect(proxy.requests.filter((r) => r.path === '/v2/app/manifests/main').map((r) => r.status)).toEqual([500, 200]);

    proxy.clear();
    proxy.inject('/v2/app/manifests/main', { status: 500 }, 100);
    const message = await errorOf(inspectVia(`docker://${via}/app:main`, { insecure: [via] }));
    expect(message).toBe(`docker://${via}/app:main: ${via} answered 500 Internal Server Error: injected failure after 4 attempts`);
    expect(proxy.count('/v2/app/manifests/main')).toBe(4);
    proxy.clear();
  });

  it('retries a connection reset, then reports it', async () => {
    proxy.clear();
    proxy.inject('/v2/app/manifests/main', { reset: true }, 1);
    const handle = await inspectVia(`docker://${via}/app:main`, { insecure: [via] });
    await handle.close();

    proxy.inject('/v2/app/manifests/main', { reset: true }, 100);
    const message = await errorOf(inspectVia(`docker://${via}/app:main`, { insecure: [via] }));
    expect(message).toBe(`docker://${via}/app:main: connection to ${via} was reset (ECONNRESET) after 4 attempts`);
    proxy.clear();
  });

  it('resumes a blob download reset mid-way with a Range request; reports one that keeps breaking', async () => {
    const handle = await inspectVia(`docker://${via}/app:main`, { insecure: [via] });
    try {
      const layer = handle.layers[0];
      if (!layer) throw new Error('no layer');
      proxy.clear();
      proxy.inject(`/blobs/${layer.digest}`, { cutAfter: 1000 }, 1);
      const chunks: Buffer[] = [];
      for await (const chunk of await layer.open()) chunks.push(chunk as Buffer);
      expect(sha256(Buffer.concat(chunks))).toBe(layer.digest);
      expect(proxy.requests.filter((r) => r.path.endsWith(layer.digest ?? '')).map((r) => [r.status, r.range])).toEqual([
        [200, undefined],
        [206, 'bytes=1000-'],
      ]);

      proxy.clear();
      proxy.inject(`/blobs/${layer.digest}`, { cutAfter: 100 }, 100);
      const stream = await layer.open();
      const message = await errorOf(
        (async () => {
          for await (const _chunk of stream) {
            // reading until it breaks
          }
        })(),
      );
      expect(message).toBe(`docker://${via}/app:main: layer 1/2 (${layer.digest}): connection to ${via} was reset (ECONNRESET)`);
      expect(proxy.count(`/blobs/${layer.digest}`)).toBe(4);
    } finally {
      await handle.close();
      proxy.clear();
    }
  });

  it('reports a registry that stops answering (timeout)', async () => {
    proxy.clear();
    const handle = await inspectVia(`docker://${via}/app:main`, { insecure: [via], timeoutMs: 800 });
    try {
      const layer = handle.layers[1];
      proxy.inject(`/blobs/${layer?.digest}`, { hang: true }, 1);
      const stream = await Promise.race([layer?.open(), new Promise((_r, reject) => setTimeout(() => reject(new Error('open did not time out')), 5000))]).catch(
        (e: Error) => e,
      );
      expect(String(stream instanceof Error ? stream.message : stream)).toBe(`docker://${via}/app:main: ${via} did not answer within 0.8 s (timeout)`);
    } finally {
      await handle.close();
      proxy.clear();
    }
  });

  it('cannot connect: names the reference, the address and ECONNREFUSED', async () => {
    const port = await freePort();
    const message = await errorOf(inspectImage(`docker://127.0.0.1:${port}/app:main`, { insecureRegistries: [`127.0.0.1:${port}`] }));
    expect(message).toBe(`docker://127.0.0.1:${port}/app:main: cannot connect to 127.0.0.1:${port}: ECONNREFUSED`);
  });

  it('speaks HTTPS unless the host is listed insecure, and says how to fix it', async () => {
    const message = await errorOf(inspectVia(`docker://${via}/app:main`, { insecure: [] }));
    expect(message).toMatch(
      new RegExp(`^docker://${via}/app:main: TLS with ${via} failed \\(.*\\); for a plain-HTTP registry pass --insecure-registry ${via}$`),
    );
  });

  // Last: it corrupts a blob in the registry's storage.
  it('refuses a blob whose bytes do not match its digest', async () => {
    await skopeoCopy(`docker-archive:${realImage(BUSYBOX_AMD64)}`, `docker://${registry.host}/corrupt:main`);
    const manifest = JSON.parse(await skopeoRaw(`docker://${registry.host}/corrupt:main`)) as { layers: Array<{ digest: string; size: number }> };
    const layer = manifest.layers[0];
    if (!layer) throw new Error('no layer');
    const file = await open(registry.blobDataPath(layer.digest), 'r+');
    try {
      // Flip bytes near the end, keeping the length: gzip may still decode, the digest cannot match.
      await file.write(Buffer.from('corrupt!'), 0, 8, layer.size - 16);
    } finally {
      await file.close();
    }
    const message = await errorOf(inspectImage(`docker://${via}/corrupt:main`, { insecureRegistries: [via], verify: true }));
    expect(message).toMatch(
      new RegExp(
        `^docker://${via}/corrupt:main: layer 1/1 \\(${layer.digest}\\) does not match its digest \\(expected ${layer.digest}, got sha256:[0-9a-f]{64}\\)$`,
      ),
    );
  });
});

describe.skipIf(skipReason)('registry source: basic auth', () => {
  let registry: RunningRegistry;
  let configDir: string;
  const creds = 'alice:s3cret-pass';

  beforeAll(async () => {
    registry = await startRegistry({ mode: 'basic', username: 'alice', password: 's3cret-pass' });
    await skopeoCopy(`docker-archive:${realImage(NODES_BASE)}`, `docker://${registry.host}/app:main`, { creds });
    configDir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-docker-config-'));
    const auth = Buffer.from(creds).toString('base64');
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
  });
  afterAll(async () => {
    await registry?.stop();
    if (configDir) await rm(configDir, { recursive: true, force: true });
  });

  it('pulls with --creds', async () => {
    const snapshot = await inspectImage(`docker://${registry.host}/app:main`, { insecureRegistries: [registry.host], creds });
    expect(snapshot.layers).toHaveLength(1);
  });

  it('layerdiff diff docker://HOST/app:main ./head.tar works from the CLI with --creds, and exits 2 without', async () => {
    const ref = `docker://${registry.host}/app:main`;
    const ok = await runCli('diff', ref, realImage(NODES_HEAD), '--insecure-registry', registry.host, '--creds', creds);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^unchanged\s+1\s/m);
    expect(ok.out).toMatch(/^added\s+2\s/m);
    const refused = await runCli('diff', ref, realImage(NODES_HEAD), '--insecure-registry', registry.host, '--creds', 'alice:wrong');
    expect(refused.code).toBe(2);
    expect(refused.err.trim().split('\n')).toEqual([`layerdiff: ${ref}: credentials from --creds were refused by ${registry.host} (401 Unauthorized)`]);
  });

  it('pulls with credentials from $DOCKER_CONFIG/config.json auths', async () => {
    const handle = await inspectVia(`docker://${registry.host}/app:main`, { insecure: [registry.host], env: { DOCKER_CONFIG: configDir } });
    expect(handle.layers).toHaveLength(1);
    await handle.close();
  });

  it('401 with bad credentials, and without any: one line, no secret in it', async () => {
    const bad = await errorOf(inspectImage(`docker://${registry.host}/app:main`, { insecureRegistries: [registry.host], creds: 'alice:wrong-password' }));
    expect(bad).toBe(`docker://${registry.host}/app:main: credentials from --creds were refused by ${registry.host} (401 Unauthorized)`);
    expect(bad).not.toContain('wrong-password');
    const none = await errorOf(inspectVia(`docker://${registry.host}/app:main`, { insecure: [registry.host] }));
    expect(none).toBe(
      `docker://${registry.host}/app:main: ${registry.host} requires authentication (401 Unauthorized), or the repository does not exist; pass --creds USER:PASSWORD or run docker login ${registry.host}`,
    );
  });
});

describe.skipIf(skipReason)('registry source: bearer token auth', () => {
  let registry: RunningRegistry;
  let tokens: TokenServer;
  const creds = 'bob:t0ken-pass';

  beforeAll(async () => {
    tokens = await startTokenServer({ bob: 't0ken-pass' });
    registry = await startRegistry({ mode: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertPath: tokens.certPath });
    await skopeoCopy(`docker-archive:${realImage(NODES_HEAD)}`, `docker://${registry.host}/team/app:main`, { creds });
  });
  afterAll(async () => {
    await registry?.stop();
    await tokens?.stop();
  });

  it('gets one token for the repository scope with the credentials and uses it for every request', async () => {
    tokens.requests.length = 0;
    resetStats();
    const snapshot = await inspectImage(`docker://${registry.host}/team/app:main`, { insecureRegistries: [registry.host], creds });
    expect(snapshot.layers).toHaveLength(2);
    expect(tokens.requests).toEqual([{ service: tokens.service, scopes: ['repository:team/app:pull'], user: 'bob', granted: true }]);
    // manifest (401, then with the token), config, two layers
    expect(stats.requests).toMatchObject({ token: 1, manifest: 2, config: 1, blob: 2 });
  });

  it('layerdiff diff docker://HOST/team/app:main ./head.tar works from the CLI with a bearer token', async () => {
    const ok = await runCli(
      'diff',
      `docker://${registry.host}/team/app:main`,
      realImage(NODES_BASE),
      '--insecure-registry',
      registry.host,
      '--creds',
      creds,
      '--format',
      'json',
    );
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out) as { layers: Array<{ status: string }>; base: { source: { type: string } } };
    expect(report.base.source.type).toBe('registry');
    expect(report.layers.map((l) => l.status)).toEqual(['unchanged', 'removed']);
  });

  it('reports credentials the token service refuses, and a missing login', async () => {
    const bad = await errorOf(inspectImage(`docker://${registry.host}/team/app:main`, { insecureRegistries: [registry.host], creds: 'bob:nope' }));
    expect(bad).toBe(
      `docker://${registry.host}/team/app:main: credentials from --creds were refused by the token service at ${new URL(tokens.realm).host} (401 Unauthorized)`,
    );
    const none = await errorOf(inspectVia(`docker://${registry.host}/team/app:main`, { insecure: [registry.host] }));
    expect(none).toMatch(
      /requires authentication \(401 Unauthorized\) \(the token service at 127\.0\.0\.1:\d+ refused anonymous access\), or the repository does not exist; pass --creds/,
    );
  });
});

describe('registry source: redirects and schema 1 (loopback fake registry)', () => {
  let registryServer: http.Server;
  let storageServer: http.Server;
  let registryHost: string;
  const storageSeen: Array<{ path: string; authorization: string | undefined }> = [];
  const layer = Buffer.from('not really a tar, but the digest is what counts here');
  const layerDigest = sha256(layer);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [layerDigest] },
    history: [{ created_by: 'RUN true', empty_layer: true }, { created_by: 'COPY x /' }],
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
  });

  beforeAll(async () => {
    storageServer = http.createServer((req, res) => {
      storageSeen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      res.writeHead(200, { 'Content-Length': String(layer.length) }).end(layer);
    });
    await new Promise<void>((resolve) => storageServer.listen(0, '127.0.0.1', resolve));
    const storagePort = (storageServer.address() as AddressInfo).port;
    registryServer = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (req.headers.authorization !== 'Basic ' + Buffer.from('u:p').toString('base64')) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fake"' }).end();
      } else if (url === '/v2/app/manifests/main') {
        res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
      } else if (url === '/v2/app/manifests/old') {
        res
          .writeHead(200, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' })
          .end(JSON.stringify({ schemaVersion: 1, fsLayers: [] }));
      } else if (url === '/v2/secret/manifests/main') {
        res
          .writeHead(403, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }));
      } else if (url === '/v2/gone/manifests/main') {
        res
          .writeHead(404, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }));
      } else if (url === `/v2/app/blobs/${sha256(config)}`) {
        res.writeHead(200).end(config);
      } else if (url === `/v2/app/blobs/${layerDigest}`) {
        res.writeHead(307, { Location: `http://127.0.0.1:${storagePort}/storage/layer?sig=abc` }).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => registryServer.listen(0, '127.0.0.1', resolve));
    registryHost = `127.0.0.1:${(registryServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    registryServer?.closeAllConnections();
    storageServer?.closeAllConnections();
    await Promise.all([new Promise((r) => registryServer?.close(r)), new Promise((r) => storageServer?.close(r))]);
  });

  it('follows a blob redirect to storage without sending it the registry credentials', async () => {
    const handle = await inspectVia(`docker://${registryHost}/app:main`, { insecure: [registryHost], creds: 'u:p' });
    try {
      expect(handle.layers[0]?.createdBy).toBe('COPY x /');
      expect(handle.layers[0]?.uncompressedSize).toBe(layer.length);
      const stream = await handle.layers[0]?.open();
      const chunks: Buffer[] = [];
      for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(layer)).toBe(true);
      expect(storageSeen).toEqual([{ path: '/storage/layer?sig=abc', authorization: undefined }]);
    } finally {
      await handle.close();
    }
  });

  it('reports 403 and an unknown repository in one line', async () => {
    expect(await errorOf(inspectVia(`docker://${registryHost}/secret:main`, { insecure: [registryHost], creds: 'u:p' }))).toBe(
      `docker://${registryHost}/secret:main: access to secret denied by ${registryHost} (403 Forbidden: requested access to the resource is denied)`,
    );
    expect(await errorOf(inspectVia(`docker://${registryHost}/gone:main`, { insecure: [registryHost], creds: 'u:p' }))).toBe(
      `docker://${registryHost}/gone:main: repository gone not found on ${registryHost} (404 Not Found)`,
    );
  });

  it('refuses a schema 1 manifest with a clear message', async () => {
    const message = await errorOf(inspectVia(`docker://${registryHost}/app:old`, { insecure: [registryHost], creds: 'u:p' }));
    expect(message).toMatch(new RegExp(`^docker://${registryHost}/app:old: the registry serves a Docker schema 1 manifest, which layerdiff does not read`));
  });
});
