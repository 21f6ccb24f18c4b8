/**
 * docker-daemon:NAME:TAG through a real, private dockerd (Debian's docker.io): the image loaded from
 * a real archive reads back with the same layers; failures are one clear line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/engine.js';
import { isLayerdiffError } from '../../src/errors.js';
import { dockerdUnavailable, startDockerd, type Dockerd } from '../helpers/dockerd.js';
import { realImage, realImagesDir, skipRealImagesReason } from '../helpers/real-images.js';

const unavailable = dockerdUnavailable() ?? (realImagesDir === null ? skipRealImagesReason : null);
if (unavailable) console.warn(`daemon tests: ${unavailable}`);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isLayerdiffError(error), String(error)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  return body().finally(() => apply(saved));
}

describe('docker-daemon: failures without a daemon', () => {
  it('the docker CLI is missing', async () => {
    const message = await withEnv({ LAYERDIFF_DOCKER_CLI: '/nonexistent/bin/docker' }, () => refusal(inspectImage('docker-daemon:busybox:latest')));
    expect(message).toBe('docker-daemon:busybox:latest: the docker CLI was not found on PATH (docker-daemon: runs "docker save")');
  });

  it.skipIf(dockerdUnavailable() === 'skipped: the docker CLI is not installed')('no daemon answers', async () => {
    const message = await withEnv({ DOCKER_HOST: 'unix:///tmp/layerdiff-no-such-daemon.sock' }, () => refusal(inspectImage('docker-daemon:busybox:latest')));
    expect(message).toMatch(/^docker-daemon:busybox:latest: no Docker daemon answers at unix:\/\/\/tmp\/layerdiff-no-such-daemon.sock \(.+\)$/);
  });
});

describe.skipIf(unavailable !== null)(`docker-daemon: a real dockerd ${unavailable ?? ''}`, () => {
  let daemon: Dockerd;
  const saved = process.env.DOCKER_HOST;

  beforeAll(async () => {
    daemon = await startDockerd();
    process.env.DOCKER_HOST = daemon.host;
    await daemon.docker(['load', '-i', realImage('snyk-skopeo-docker-archive-busybox.tar')]);
    // skopeo's archive carries no tag: name it by its image ID.
    await daemon.docker(['tag', 'sha256:6d5fcfe5ff170471fcc3c8b47631d6d71202a1fd44cf3c147e50c8de21cf0648', 'layerdiff-test/busybox:1']);
    await daemon.docker(['load', '-i', realImage('trivy-alpine-311.tar.gz')]);
  }, 90_000);

  afterAll(async () => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    await daemon?.stop();
  }, 30_000);

  it.each([
    ['layerdiff-test/busybox:1', 'snyk-skopeo-docker-archive-busybox.tar'],
    ['alpine:3.11', 'trivy-alpine-311.tar.gz'],
  ])('docker-daemon:%s reads the same layers as %s', async (name, archive) => {
    const fromDaemon = await inspectImage(`docker-daemon:${name}`, { verify: true });
    const fromArchive = await inspectImage(realImage(archive));
    expect(fromDaemon.source).toMatchObject({ type: 'daemon', reference: `docker-daemon:${name}` });
    expect(fromDaemon.source.tags).toContain(name);
    expect(fromDaemon.configDigest).toBe(fromArchive.configDigest);
    expect(fromDaemon.platform).toBe(fromArchive.platform);
    expect(fromDaemon.layers.map((l) => [l.diffId, l.size, l.createdBy])).toEqual(fromArchive.layers.map((l) => [l.diffId, l.size, l.createdBy]));
  });

  it('an image the daemon does not have', async () => {
    expect(await refusal(inspectImage('docker-daemon:layerdiff-test/absent:nope'))).toBe(
      'docker-daemon:layerdiff-test/absent:nope: the Docker daemon has no image layerdiff-test/absent:nope',
    );
  });
});
