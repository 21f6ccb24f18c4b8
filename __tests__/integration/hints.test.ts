/**
 * Hints on images built with buildah by scripts/make-hint-fixtures.sh: a deliberately sloppy image
 * (apt lists and caches left behind, a compiler in the final image, .git, an env file and tests
 * copied in, dev dependencies, a chmod in its own layer) and its cleaned-up twin.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareImages } from '../../src/engine.js';
import { repoRoot } from '../helpers/repo-root.js';
import { zstdSkipReason, zstdSupported } from '../helpers/runtime.js';
import { prerequisite } from '../helpers/skip-policy.js';

const fixtures = path.join(repoRoot, '__tests__', 'fixtures', 'hints');
const sloppy = path.join(fixtures, 'sloppy.oci.tar');
const clean = path.join(fixtures, 'clean.oci.tar');
// The layers are zstd: Node reads zstd from 22.15 on (runtime.ts; under CI a missing one fails).
const skipReason = zstdSupported
  ? prerequisite('hint-fixtures', existsSync(sloppy) ? null : 'skipped: __tests__/fixtures/hints is empty (bash scripts/make-hint-fixtures.sh)')
  : zstdSkipReason;

describe.skipIf(skipReason !== null)('hints on built images', () => {
  it('fire on the sloppy image, each tied to the layer and instruction that caused it', async () => {
    const report = await compareImages(null, sloppy, { deep: true });
    const hints = report.deep!.hints;
    const byId = new Map(hints.map((h) => [h.id, h]));
    expect([...byId.keys()].sort()).toEqual([
      'apt-cache',
      'apt-lists',
      'dev-dependencies',
      'dockerignore',
      'duplicate-file',
      'git-dir',
      'multi-stage',
      'pip-cache',
    ]);
    const layerOf = (id: string) => byId.get(id)!.layerIndex;
    const createdBy = (id: string) => byId.get(id)!.createdBy;
    expect(layerOf('apt-lists')).toBe(1);
    expect(createdBy('apt-lists')).toMatch(/apt-get update && apt-get install -y build-essential/);
    expect(byId.get('apt-lists')!.bytes).toBe(3 * 1024 * 1024);
    expect(byId.get('apt-cache')!.bytes).toBe(2 * 1024 * 1024);
    expect(layerOf('multi-stage')).toBe(1);
    expect(byId.get('multi-stage')!.bytes).toBe((6 + 12 + 1) * 1024 * 1024);
    expect(layerOf('git-dir')).toBe(2);
    expect(layerOf('dockerignore')).toBe(2);
    expect(byId.get('dockerignore')!.message).toMatch(/\/app\/\.env/);
    expect(layerOf('dev-dependencies')).toBe(2);
    expect(byId.get('dev-dependencies')!.message).toMatch(/typescript/);
    expect(layerOf('pip-cache')).toBe(3);
    expect(createdBy('pip-cache')).toMatch(/pip install/);
    expect(layerOf('duplicate-file')).toBe(4);
    expect(byId.get('duplicate-file')!.bytes).toBe(2 * 1024 * 1024);
    for (const h of hints) expect(h.bytes).toBeGreaterThan(0);
    // The lists deleted in the last layer and the chmod'ed copy are waste; the lists still ship.
    const waste = report.deep!.waste;
    expect(waste.wastedBytes).toBe(3 * 1024 * 1024 + 2 * 1024 * 1024);
    expect(waste.paths.map((p) => p.path).sort()).toEqual([
      '/app/data/model.bin',
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages',
    ]);
  });

  it('stay silent on the clean twin, which wastes nothing', async () => {
    const report = await compareImages(null, clean, { deep: true });
    expect(report.deep!.hints).toEqual([]);
    expect(report.deep!.waste).toEqual({ wastedBytes: 0, efficiency: 1, paths: [] });
  });

  it('show what the clean-up changed, file by file', async () => {
    const report = await compareImages(sloppy, clean, { deep: true });
    const fs = report.deep!.filesystem!;
    const removed = new Set(fs.changes.filter((c) => c.change === 'removed').map((c) => c.path));
    for (const p of ['/app/.git', '/app/.env', '/usr/bin/gcc-12', '/root/.cache/pip', '/app/node_modules/typescript/lib/typescript.js'])
      expect(removed).toContain(p);
    expect(fs.changes.find((c) => c.path === '/app/data/model.bin')).toBeUndefined(); // same bytes, same mode in the end
    expect(report.deep!.hints).toEqual([]);
  });
});
