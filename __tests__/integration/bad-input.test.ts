/**
 * Hostile and broken input, built byte by byte: each is refused with a one-line LayerdiffError that
 * names the input and the reason, and none hangs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/engine.js';
import { isLayerdiffError } from '../../src/errors.js';
import { openImage } from '../../src/sources/open.js';
import { base256, buildArchive, dockerArchive, layerTar, ociArchive, paxRecord, sha256, tarHeader, type TarMember } from '../helpers/image-tar-builder.js';
import { scratchFiles } from '../helpers/scratch-files.js';

const { work, file } = scratchFiles('layerdiff-bad-');

/** Opens (and, for `measure`, measures) the input; returns the one-line refusal. */
async function refusal(ref: string, options: { measure?: boolean; verify?: boolean; image?: string } = {}): Promise<string> {
  try {
    if (options.measure || options.verify) await inspectImage(ref, { verify: options.verify ?? false, image: options.image });
    else await (await openImage(ref, { image: options.image })).close();
  } catch (error) {
    expect(isLayerdiffError(error), `not a LayerdiffError: ${String((error as Error).stack)}`).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    expect(message.startsWith(`${ref}:`), message).toBe(true);
    return message;
  }
  throw new Error(`${ref} was accepted`);
}

const layerA = layerTar({ 'etc/hello.txt': 'hello\n', 'bin/tool': 'x'.repeat(3000) });
const layerB = layerTar({ 'app/data.bin': 'y'.repeat(700) });
const T = { timeout: 20_000 };

describe('bad input is refused clearly', () => {
  it('sanity: the builders make archives that read', T, async () => {
    const oci = file(ociArchive({ layers: [layerA, gzipSync(layerB)], diffIds: [sha256(layerA), sha256(layerB)] }).tar);
    const snapshot = await inspectImage(oci, { verify: true });
    expect(snapshot.layers.map((l) => l.size)).toEqual([layerA.length, layerB.length]);
    const docker = file(dockerArchive({ layers: [layerA, layerB] }));
    expect((await inspectImage(docker, { verify: true })).layers).toHaveLength(2);
  });

  it('sanity: layers reached through a hardlink, a PAX long path and a GNU long name read', T, async () => {
    const longDir = 'd'.repeat(120);
    const p = file(
      dockerArchive({
        layers: [layerA, layerB],
        layerPaths: ['hard/layer.tar', `${longDir}/layer.tar`],
        mutate: (m) => [
          ...m.filter((x) => x.path !== 'layer1/layer.tar'),
          { path: 'hard/layer.tar', type: '1', linkpath: 'layer0/layer.tar' },
          { path: 'PaxHeaders/x', type: 'x', body: paxRecord({ path: `${longDir}/layer.tar` }) },
          { path: 'cut-name', body: layerB },
        ],
      }),
    );
    const snapshot = await inspectImage(p, { verify: true });
    expect(snapshot.layers.map((l) => l.size)).toEqual([layerA.length, layerB.length]);
    const gnu = file(
      dockerArchive({
        layers: [layerA],
        layerPaths: [`${longDir}/layer.tar`],
        mutate: (m) => [
          ...m.filter((x) => x.path !== 'layer0/layer.tar'),
          { path: '././@LongLink', type: 'L', body: `${longDir}/layer.tar\0` },
          { path: 'cut', body: layerA },
        ],
      }),
    );
    expect((await inspectImage(gnu, { verify: true })).layers[0]?.size).toBe(layerA.length);
  });

  it('an empty file', T, async () => {
    const p = file(Buffer.alloc(0));
    expect(await refusal(p)).toBe(`${p}: empty file`);
  });

  it('a random binary file', T, async () => {
    const bytes = randomBytes(10_000);
    bytes[0] = 0x42; // not a gzip or zstd magic by chance
    const p = file(bytes);
    expect(await refusal(p)).toBe(`${p}: not a tar archive (and not gzip or zstd compressed)`);
  });

  it('an archive cut inside a header', T, async () => {
    const whole = dockerArchive({ layers: [layerA, layerB] });
    // The config JSON fits one block, so the second header starts at byte 1024.
    const p = file(whole.subarray(0, 1024 + 100));
    expect(await refusal(p)).toMatch(/truncated archive \(tar header at byte \d+ cut short: 100 of 512 bytes\)/);
  });

  it('an archive cut inside a body', T, async () => {
    const whole = dockerArchive({ layers: [layerA, layerB] });
    const p = file(whole.subarray(0, 1536 + 1000));
    expect(await refusal(p)).toBe(
      `${p}: truncated archive: "layer0/layer.tar" at byte 1024 claims ${layerA.length} bytes, ${layerA.length - 1000} beyond the end of the file (2536 bytes)`,
    );
  });

  it('a gzip-compressed archive cut short', T, async () => {
    const gz = gzipSync(dockerArchive({ layers: [layerA, layerB] }));
    const p = file(gz.subarray(0, Math.floor(gz.length / 2)), 'cut.tar.gz');
    expect(await refusal(p)).toMatch(/(truncated|unexpected end)/);
  });

  it('corrupt gzip (whole-archive compression)', T, async () => {
    const gz = gzipSync(dockerArchive({ layers: [randomBytes(20_000), layerB] }), { level: 1 });
    for (let i = 200; i < 400; i++) gz[i] = (gz[i] as number) ^ 0x55;
    const p = file(gz, 'corrupt.tar.gz');
    expect(await refusal(p)).toMatch(/: (corrupt gzip archive|corrupt tar header|truncated)/);
  });

  it('a blob the manifest references is missing (OCI)', T, async () => {
    const { tar } = ociArchive({ layers: [layerA, layerB], mutate: (m) => m.filter((x) => x.path !== `blobs/sha256/${sha256(layerB).slice(7)}`) });
    const p = file(tar);
    expect(await refusal(p)).toBe(`${p}: missing blob blobs/sha256/${sha256(layerB).slice(7)} (layer 2 of manifest ${manifestDigestOf(tar)})`);
  });

  it('a layer manifest.json lists is missing (docker save)', T, async () => {
    const p = file(dockerArchive({ layers: [layerA], mutate: (m) => m.filter((x) => !x.path.endsWith('layer.tar')) }));
    expect(await refusal(p)).toBe(`${p}: missing layer blob layer0/layer.tar (layer 1 in manifest.json)`);
  });

  it('a blob path that climbs out of the archive (../)', T, async () => {
    const p = file(dockerArchive({ layers: [layerA], layerPaths: ['../../etc/passwd'] }));
    expect(await refusal(p)).toBe(`${p}: path "../../etc/passwd" points outside the archive`);
  });

  it('an absolute blob path', T, async () => {
    const p = file(dockerArchive({ layers: [layerA], layerPaths: ['/etc/passwd'] }));
    expect(await refusal(p)).toContain('points outside the archive');
  });

  it('a layer symlink that climbs out of the archive', T, async () => {
    const p = file(
      dockerArchive({
        layers: [layerA],
        layerPaths: ['evil/layer.tar'],
        mutate: (m) => [...m, { path: 'evil/layer.tar', type: '2', linkpath: '../../../etc/passwd' }],
      }),
    );
    expect(await refusal(p)).toMatch(/link chain evil\/layer.tar -> \.\.\/\.\.\/etc\/passwd points outside the archive/);
  });

  it('a symlink loop', T, async () => {
    const p = file(
      dockerArchive({
        layers: [layerA],
        layerPaths: ['a/layer.tar'],
        mutate: (m) => [...m, { path: 'a/layer.tar', type: '2', linkpath: '../b/layer.tar' }, { path: 'b/layer.tar', type: '2', linkpath: '../a/layer.tar' }],
      }),
    );
    expect(await refusal(p)).toMatch(/symlink loop or chain longer than 16 hops at "a\/layer.tar"/);
  });

  it('a header claiming 8 GiB in a 10 KiB file', T, async () => {
    const bytes = Buffer.concat([tarHeader({ path: 'manifest.json', claimedSize: 8 * 1024 ** 3 }), Buffer.alloc(10 * 1024 - 512, 0x41)]);
    const p = file(bytes);
    expect(await refusal(p)).toBe(
      `${p}: truncated archive: "manifest.json" at byte 0 claims 8589934592 bytes, 8589924864 beyond the end of the file (10240 bytes)`,
    );
  });

  it('a base-256 encoded size beyond the end of the file', T, async () => {
    const bytes = buildArchive([{ path: 'layer.tar', body: 'abc', sizeField: base256(2n ** 40n) }]);
    const p = file(bytes);
    expect(await refusal(p)).toMatch(/claims 1099511627776 bytes/);
  });

  it('a negative base-256 size', T, async () => {
    const p = file(buildArchive([{ path: 'layer.tar', body: 'abc', sizeField: base256(5, true) }]));
    expect(await refusal(p)).toBe(`${p}: corrupt tar header at byte 0 (invalid size)`);
  });

  it('a base-256 size too large for any file', T, async () => {
    const field = Buffer.alloc(12, 0xff);
    field[0] = 0x80;
    const p = file(buildArchive([{ path: 'layer.tar', body: 'abc', sizeField: field }]));
    expect(await refusal(p)).toMatch(/corrupt tar header at byte 0/);
  });

  it('a later header with a bad checksum', T, async () => {
    const p = file(
      buildArchive([
        { path: 'x', body: 'a' },
        { path: 'y', body: 'b', badChecksum: true },
      ]),
    );
    expect(await refusal(p)).toBe(`${p}: corrupt tar header at byte 1024 (bad checksum)`);
  });

  it('a manifest.json that is not JSON', T, async () => {
    const p = file(dockerArchive({ layers: [layerA], manifestText: '[{"Config": oops' }));
    expect(await refusal(p)).toMatch(/: manifest.json is not valid JSON \(/);
  });

  it('a manifest.json with the wrong shape', T, async () => {
    const p = file(dockerArchive({ layers: [layerA], manifestText: '{"Config":"x.json","Layers":[]}' }));
    expect(await refusal(p)).toBe(`${p}: manifest.json is invalid at (top level): must be a list, not an object`);
    const q = file(dockerArchive({ layers: [layerA], manifestText: '[{"Config":42,"Layers":"no"}]' }));
    expect(await refusal(q)).toBe(`${q}: manifest.json is invalid at /0/Config: must be a string, not a whole number`);
  });

  it('an index.json with the wrong shape', T, async () => {
    const { tar } = ociArchive({ layers: [layerA], mutate: (m) => m.map((x) => (x.path === 'index.json' ? { ...x, body: '{"manifests": "nope"}' } : x)) });
    const p = file(tar);
    expect(await refusal(p)).toBe(`${p}: index.json is invalid at /manifests: must be a list or null, not a string`);
  });

  it('a config whose bytes do not match the digest that names it', T, async () => {
    const { tar, configDigest } = ociArchive({
      layers: [layerA],
      mutate: (m) =>
        m.map((x) =>
          x.path === `blobs/sha256/${sha256(String(x.body ?? '')).slice(7)}` && String(x.body).includes('rootfs')
            ? { ...x, body: String(x.body).replace('amd64', 'arm64') }
            : x,
        ),
    });
    const p = file(tar);
    expect(await refusal(p)).toMatch(new RegExp(`config ${configDigest} does not match its digest \\(expected ${configDigest}, got sha256:`));
  });

  it('a layer count that differs from the config diff_ids', T, async () => {
    const { tar } = ociArchive({ layers: [layerA, layerB], diffIds: [sha256(layerA)] });
    expect(await refusal(file(tar))).toMatch(/lists 2 layers but its config has 1 diff_ids/);
  });

  it('a plain tar that is not an image', T, async () => {
    const p = file(
      buildArchive([
        { path: 'README', body: 'hi' },
        { path: 'src/', type: '5' },
      ]),
    );
    expect(await refusal(p)).toBe(`${p}: not a supported image archive: no manifest.json or index.json (it holds: README, src)`);
  });

  it('a gzip-compressed plain tar that is not an image', T, async () => {
    const p = file(gzipSync(buildArchive([{ path: 'notes.txt', body: 'hi' }])), 'plain.tar.gz');
    expect(await refusal(p)).toContain('not a supported image archive');
  });

  it('--verify catches a diffId that does not match the content', T, async () => {
    const wrong = sha256('something else');
    const { tar } = ociArchive({ layers: [layerA], diffIds: [wrong] });
    const p = file(tar);
    // Without --verify the uncompressed size is the blob size and nothing is read.
    await expect(inspectImage(p)).resolves.toMatchObject({ layers: [{ diffId: wrong }] });
    expect(await refusal(p, { verify: true })).toMatch(new RegExp(`content does not match its diff_id \\(expected ${wrong}, got ${sha256(layerA)}\\)`));
  });

  it('--verify catches a mismatch in a gzip layer of a gzip-compressed archive', T, async () => {
    const wrong = sha256('nope');
    const p = file(gzipSync(ociArchive({ layers: [gzipSync(layerA)], diffIds: [wrong] }).tar), 'verify.tar.gz');
    expect(await refusal(p, { verify: true })).toContain('content does not match its diff_id');
  });

  it('a gzip bomb layer (1 GiB of zeros in ~1 MB) is refused when measured', { timeout: 60_000 }, async () => {
    // Concatenated gzip members are one valid gzip stream: 128 x 8 MiB of zeros.
    const member = gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 128 }, () => member));
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const p = file(ociArchive({ layers: [bomb], diffIds: [sha256('unknown')] }).tar, 'bomb.tar');
    expect(await refusal(p, { measure: true })).toMatch(/layer 1\/1 .*decompression ratio above 1000:1 after \d+ bytes; refusing \(decompression bomb\?\)/);
  });

  it('oci:DIR with a blob symlinked outside the directory', T, async () => {
    const dir = path.join(work, 'ocidir');
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
    const { members } = ociArchive({ layers: [layerA] });
    for (const m of members) writeFileSync(path.join(dir, m.path), m.body ?? '');
    const layerHex = sha256(layerA).slice(7);
    const outside = path.join(work, 'outside.tar');
    writeFileSync(outside, layerA);
    rmSync(path.join(dir, 'blobs', 'sha256', layerHex));
    symlinkSync(outside, path.join(dir, 'blobs', 'sha256', layerHex));
    const ref = `oci:${dir}`;
    expect(await refusal(ref)).toBe(`${ref}: "blobs/sha256/${layerHex}" is a link that points outside the layout directory`);
  });

  it('oci:DIR that is not a layout', T, async () => {
    const dir = path.join(work, 'emptydir');
    mkdirSync(dir);
    expect(await refusal(`oci:${dir}`)).toContain('not a supported image archive');
  });
});

function manifestDigestOf(tar: Buffer): string {
  const text = tar.toString('latin1');
  const match = /"digest":"(sha256:[0-9a-f]{64})","size":\d+,"platform"/.exec(text);
  return match?.[1] ?? '';
}

export type { TarMember };
