/** Test helpers for the deep scan: unpack a `docker save` archive with GNU tar and scan its layer files. */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LayerIndex } from '../../src/layers/layer-index.js';
import { scanInThread } from '../../src/layers/scan-pool.js';

export function scanFile(file: string, fingerprint = false): Promise<LayerIndex> {
  return scanInThread({ subject: file, fingerprint, open: async () => createReadStream(file, { highWaterMark: 1024 * 1024 }) });
}

/** Unpacks a legacy docker-save archive (optionally gzipped) into a temp dir; returns its layer files in order. */
export function unpackDockerSave(archive: string): { dir: string; layers: string[]; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-save-'));
  execFileSync('tar', ['-xf', archive, '-C', dir]);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Array<{ Layers: string[] }>;
  const layers = manifest[0]!.Layers.map((l) => path.join(dir, l));
  return { dir, layers, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
