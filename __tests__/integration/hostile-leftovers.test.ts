/**
 * Issue 8 leftovers, through the CLI: multi-frame zstd layers (bombs and legitimate ones), huge
 * lists that used to be spread into one call, JSON read without guards, and `inspect` given
 * budget options.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-io.js';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { renderText } from '../../src/report/text.js';
import { layerTar, ociArchive, sha256, tarHeader } from '../helpers/image-tar-builder.js';
import { report, snapshot } from '../unit/report-fixtures.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerdiff-leftovers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const p = path.join(work, name);
  writeFileSync(p, bytes);
  return p;
}

const zstdCompressSync = (zlib as unknown as { zstdCompressSync: (b: Buffer) => Buffer }).zstdCompressSync;

describe('multi-frame zstd layers', () => {
  it('refuses a zstd layer bomb made of many frames (hostile: measured by its first frame, 512 B for 1 GiB, and accepted)', async () => {
    // The fuzzer's bomb/layer-zstd: a tar header frame, then 16 frames of 64 MiB zeros each.
    const zeros = zstdCompressSync(Buffer.alloc(64 * 1024 * 1024));
    const head = tarHeader({ path: 'zeros', claimedSize: 1024 * 1024 * 1024 });
    const layer = Buffer.concat([zstdCompressSync(head), ...Array.from({ length: 16 }, () => zeros), zstdCompressSync(Buffer.alloc(1024))]);
    expect(layer.length).toBeLessThan(100_000);
    const archive = file('zstd-bomb.tar', ociArchive({ layers: [layer], diffIds: [sha256('not checked')] }).tar);
    for (const argv of [
      ['inspect', archive],
      ['inspect', '--deep', archive],
    ]) {
      const result = await runCli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/decompression (ratio|bomb)/);
      expect(result.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('verifies a legitimate two-frame zstd layer (hostile: --verify said "content does not match its diff_id")', async () => {
    const tar = layerTar({ 'etc/one.txt': 'one\n'.repeat(1000), 'etc/two.txt': 'two\n'.repeat(3000) });
    // Split inside the tar, as `zstd -c a > f; zstd -c b >> f` or zstd:chunked would.
    const layer = Buffer.concat([zstdCompressSync(tar.subarray(0, 1536)), zstdCompressSync(tar.subarray(1536))]);
    const archive = file('zstd-two-frames.tar', ociArchive({ layers: [layer], diffIds: [sha256(tar)] }).tar);
    const verified = await runCli('inspect', '--verify', archive);
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    const deep = await runCli('inspect', '--deep', '--format', 'json', archive);
    expect(deep.code).toBe(0);
    const layers = (JSON.parse(deep.out) as { layers: Array<{ size: number; files: number; contentSize: number }> }).layers;
    expect(layers[0]).toMatchObject({ size: tar.length, files: 2, contentSize: 16000 });
  });
});

describe('multi-frame zstd image archives', () => {
  it('reads an image archive compressed whole as several zstd frames (hostile: read as its first frame, a truncated tar)', async () => {
    const tar = layerTar({ 'etc/one.txt': 'one\n'.repeat(1000) });
    const { tar: archive } = ociArchive({ layers: [tar] });
    const half = Math.floor(archive.length / 2);
    const path = file('two-frames.tar.zst', Buffer.concat([zstdCompressSync(archive.subarray(0, half)), zstdCompressSync(archive.subarray(half))]));
    const result = await runCli('inspect', '--verify', path);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('RUN step 1');
  });
});

describe('huge lists are appended with loops, not spread into one call', () => {
  it('renders a text report with 200,000 budget results (hostile: lines.push(...rows) overflowed the stack)', () => {
    const head = snapshot('registry.example/app:pr', [{ id: 'only', size: 1000, createdBy: 'RUN true' }]);
    const rules = parseBudgetLines('max-size: 1 GB\n'.repeat(200_000), 'budgets');
    const text = renderText(report(null, head, rules));
    expect(text.split('\n').filter((l) => l.startsWith('PASS')).length).toBe(200_000);
  });

  it('reads a budgets file of the largest size allowed (1 MiB, ~95,000 rules) in diff', async () => {
    const archive = file('one-layer.tar', ociArchive({ layers: [layerTar({ 'a.txt': 'a' })] }).tar);
    const budgets = file('many.budgets', 'max-size:1G\n'.repeat(Math.floor((1024 * 1024) / 12)));
    const result = await runCli('diff', archive, archive, '--budgets', budgets, '--format', 'json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { budgets: unknown[] }).budgets).toHaveLength(Math.floor((1024 * 1024) / 12));
  });
});

describe('inspect given budget options', () => {
  it.each([
    [['--budgets', '/nonexistent/budgets.txt'], '--budgets'],
    [['--max-size', '5MB'], '--max-size'],
    [['--warn-size', '1GB'], '--warn-size'],
  ])('refuses %j with one usage line (hostile: silently ignored, even a missing file, read as a pass)', async (flags, named) => {
    const archive = file('inspect-budgets.tar', ociArchive({ layers: [layerTar({ 'a.txt': 'a' })] }).tar);
    for (const command of ['inspect', 'snapshot']) {
      const result = await runCli(command, archive, ...flags);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toContain(`${command} does not check budgets (${named} given)`);
    }
  });
});
