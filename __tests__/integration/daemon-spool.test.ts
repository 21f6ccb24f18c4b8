/**
 * `docker-daemon:` runs `docker save` once per image, whatever number of layers is then opened
 * (it used to run it again for each layer measured). A fake docker CLI counts its runs.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/engine.js';
import { dockerArchive, layerTar } from '../helpers/image-tar-builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'layerdiff-daemon-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docker-daemon: spools docker save once', () => {
  it('runs docker save once for an image whose gzip layers must all be opened', async () => {
    const layers = [gzipSync(layerTar({ 'a.txt': 'a'.repeat(1000) })), gzipSync(layerTar({ 'b.txt': 'b'.repeat(2000) })), gzipSync(layerTar({ 'c.txt': 'c' }))];
    const archive = path.join(dir, 'saved.tar');
    writeFileSync(archive, dockerArchive({ layers }));
    const runs = path.join(dir, 'runs');
    writeFileSync(runs, '');
    const fake = path.join(dir, 'docker');
    writeFileSync(fake, `#!/bin/sh\necho "$@" >> ${JSON.stringify(runs)}\n[ "$1" = save ] && exec cat ${JSON.stringify(archive)}\nexit 1\n`);
    chmodSync(fake, 0o755);
    const saved = process.env.LAYERDIFF_DOCKER_CLI;
    process.env.LAYERDIFF_DOCKER_CLI = fake;
    try {
      const snapshot = await inspectImage('docker-daemon:test/image:latest', { verify: false });
      expect(snapshot.layers.map((l) => l.compressedSize)).toEqual(layers.map((l) => l.length));
      expect(snapshot.layers.every((l) => l.size > 0)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.LAYERDIFF_DOCKER_CLI;
      else process.env.LAYERDIFF_DOCKER_CLI = saved;
    }
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual(['save test/image:latest']);
  });
});
