/**
 * The deep scan's entry cap (MAX_DEEP_ENTRIES, LAYERDIFF_MAX_ENTRIES) counts a deep snapshot's
 * decoded entries too: a snapshot that fits, plus head layers that push the run past the cap, is
 * refused instead of holding twice the memory budget. The cap is read when the modules load, so
 * this file sets it first and imports the engine afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorOf } from '../helpers/error-of.js';
import { repoRoot } from '../helpers/repo-root.js';

const BUILT = path.join(repoRoot, '__tests__', 'fixtures', 'built', 'docker');
const BASE = path.join(BUILT, 'app-base.tar');
const HEAD = path.join(BUILT, 'app-head.tar');

let tmp: string;
const saved = process.env.LAYERDIFF_MAX_ENTRIES;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-snapdeep-limits-'));
});
afterAll(async () => {
  if (saved === undefined) delete process.env.LAYERDIFF_MAX_ENTRIES;
  else process.env.LAYERDIFF_MAX_ENTRIES = saved;
  vi.resetModules();
  await rm(tmp, { recursive: true, force: true });
});

describe('entry cap with a deep snapshot base', () => {
  it('counts the snapshot entries toward the cap of the run (hostile: snapshot + head past the memory budget)', async () => {
    const { main: cli } = await import('../../src/cli.js');
    const file = path.join(tmp, 'base.json.gz');
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => err.push(t), stderrIsTty: false, columns: undefined };
    expect(await cli(['snapshot', BASE, '--deep', '-o', file], io)).toBe(0);
    const entries = Number(/deep snapshot \((\d+) entries/.exec(err.join(''))![1]);

    // Just enough for the snapshot alone: the changed head layers then cross the cap.
    process.env.LAYERDIFF_MAX_ENTRIES = String(entries + 1);
    vi.resetModules();
    const engine = await import('../../src/engine.js');
    expect(await errorOf(engine.compareImages(`snapshot:${file}`, HEAD, { deep: true }))).toMatch(new RegExp(`more than ${entries + 1} entries; refusing`));
    // A cap below the snapshot's own entries refuses it while decoding.
    process.env.LAYERDIFF_MAX_ENTRIES = String(entries - 1);
    vi.resetModules();
    const again = await import('../../src/engine.js');
    expect(await errorOf(again.compareImages(`snapshot:${file}`, HEAD, { deep: true }))).toMatch(/fileIndex\/count: more entries than a deep scan indexes/);
  });
});
