/**
 * Issue 15 on a real pair built with buildah (scripts/make-pairing-fixtures.sh): the base installs
 * jq; the head installs `jq curl` in that layer (5× larger) and adds a small `less` layer. By size
 * the jq layer looks like the `less` one; by instruction and by files it is the `jq curl` one. The
 * CLI runs in process, in each format, and the test reads the rows a reviewer sees. The archives
 * are committed (20 kB), so nothing is skipped.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { runCli } from '../helpers/cli-io.js';
import { repoRoot } from '../helpers/repo-root.js';
import { splitRow } from '../unit/report-gfm.js';

const fixtures = path.join(repoRoot, '__tests__', 'fixtures', 'pairing');
const base = path.join(fixtures, 'base.oci-archive.tar');
const head = path.join(fixtures, 'head.oci-archive.tar');

// What the builds wrote (tar bytes of each layer), checked against the JSON below.
const JQ_BYTES = 29_696;
const JQ_CURL_BYTES = 146_432;
const LESS_BYTES = 22_528;

async function diff(...args: string[]): Promise<string> {
  const { code, out, err } = await runCli('diff', base, head, ...args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

describe('pairing a changed apt-get layer (issue 15, buildah pair)', () => {
  it('json: the jq layer changed (+117 kB), the less layer added, paired by instruction', async () => {
    const report = JSON.parse(await diff('--format', 'json')) as Report;
    const rows = report.layers.map((r) => ({
      status: r.status,
      base: r.base?.index ?? null,
      head: r.head?.index ?? null,
      delta: r.delta.size,
      pairedBy: r.pairedBy ?? null,
    }));
    expect(rows).toEqual([
      { status: 'unchanged', base: 0, head: 0, delta: 0, pairedBy: null },
      { status: 'changed', base: 1, head: 1, delta: JQ_CURL_BYTES - JQ_BYTES, pairedBy: 'similar-instruction' },
      { status: 'added', base: null, head: 2, delta: LESS_BYTES, pairedBy: null },
    ]);
    // Sizes alone would pick `less` for the jq layer: the fixture still tells the two readings apart.
    expect(Math.abs(LESS_BYTES - JQ_BYTES)).toBeLessThan(Math.abs(JQ_CURL_BYTES - JQ_BYTES));
    // The whole instruction stays in the JSON.
    expect(report.layers[1]!.head!.createdBy).toBe(
      '/bin/sh -c apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends jq curl',
    );
  });

  it('json --deep: the files the two layers share decide, and say so', async () => {
    const report = JSON.parse(await diff('--deep', '--format', 'json')) as Report;
    expect(report.layers.map((r) => `${r.status} ${r.pairedBy ?? ''}`.trim())).toEqual(['unchanged', 'changed files', 'added']);
    expect(report.layers[1]!.files!.changes.map((c) => c.path)).toContain('/usr/bin/curl');
  });

  it('text: the terminal shows `jq → jq curl` on the changed row and `less` on the added one', async () => {
    for (const width of ['160', '100']) {
      const lines = (await diff('--width', width)).split('\n');
      const changed = lines.find((l) => l.startsWith('changed'))!;
      const added = lines.find((l) => l.startsWith('added'))!;
      expect(changed).toMatch(/^changed\s+2\s+29\.7 kB\s+146 kB\s+\+117 kB\s/);
      expect(changed).toMatch(/jq → jq curl$/);
      expect(added).toMatch(/^added\s+3\s+-\s+22\.5 kB\s+\+22\.5 kB\s/);
      expect(added).toMatch(/--no-install-recommends less$/);
      expect(changed.length).toBeLessThanOrEqual(Number(width));
    }
  });

  it('markdown: the comment shows the distinguishing words in the changed-layers table', async () => {
    const md = await diff('--format', 'markdown');
    const table = md.split('\n').filter((l) => l.startsWith('| ✏️') || l.startsWith('| 🆕'));
    expect(table).toHaveLength(2);
    const [changed, added] = table.map(splitRow) as [string[], string[]];
    expect(changed[0]).toContain('changed');
    expect(changed[2]).toMatch(/^ `RUN … .*jq → jq curl` $/);
    expect(changed[5]).toContain('+117\u00a0kB');
    expect(added[0]).toContain('added');
    expect(added[2]).toMatch(/^ `RUN … .*--no-install-recommends less` $/);
  });
});
