/**
 * The mutation fuzzer (scripts/fuzz/) in the suite: a fixed seed and a bounded count of mutated
 * inputs, each run through the built CLI, must keep the exit contract (exit 0/1, or exit 2 with one
 * line naming the input; no stack trace, no hang, peak RSS under 300 MB). Longer campaigns:
 * `npm run fuzz -- --seed N --count M`. Also checks the fuzzer's own parts against independent
 * oracles (the `tar` package reads what its tar writer writes).
 */
import { Parser, type ReadEntry } from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, failuresOf, formatFailure, formatTable, KIND_NAMES, reproCommand, runCampaign } from '../../scripts/fuzz/campaign.mjs';
import { header, paxRecord, parseTar, writeTar } from '../../scripts/fuzz/tar.mjs';
import { ensureBuilt } from '../helpers/ensure-built.js';

const SEED = 20261201;
const COUNT = 108; // 12 cases of each of the 9 kinds: about 30 s on 2 busy cores once the contract holds

function listTar(buf: Buffer): Array<{ path: string; type: string; size: number }> {
  const out: Array<{ path: string; type: string; size: number }> = [];
  const parser = new Parser({
    onReadEntry: (e: ReadEntry) => {
      out.push({ path: e.path, type: e.type, size: e.size });
      e.resume();
    },
  });
  parser.end(buf);
  return out;
}

describe('fuzzer parts', () => {
  it('writes tars that the tar package reads back: long names via PAX and GNU, links, sizes', () => {
    const long = 'd/'.repeat(80) + 'file';
    const tar = writeTar([
      { name: 'a.txt', type: '0', data: Buffer.from('hello') },
      { name: long, type: '0', data: Buffer.alloc(700, 1) },
      { name: `${long}.gnu`, type: '0', data: Buffer.alloc(3), gnuLong: true },
      { name: 'link', type: '2', linkname: 'x'.repeat(150) },
      { name: 'dir/', type: '5' },
    ]);
    expect(listTar(tar)).toEqual([
      { path: 'a.txt', type: 'File', size: 5 },
      { path: long, type: 'File', size: 700 },
      { path: `${long}.gnu`, type: 'File', size: 3 },
      { path: 'link', type: 'SymbolicLink', size: 0 },
      { path: 'dir/', type: 'Directory', size: 0 },
    ]);
    expect(parseTar(tar).map((e) => [e.name, e.data.length])).toEqual([
      ['a.txt', 5],
      [long, 700],
      [`${long}.gnu`, 3],
      ['link', 0],
      ['dir/', 0],
    ]);
  });

  it('writes PAX records whose length counts itself (9/10 and 99/100 digit boundaries)', () => {
    for (const n of [1, 2, 85, 86, 87, 88, 989, 990, 991]) {
      const record = paxRecord('k', 'v'.repeat(n));
      expect(Number(record.toString().split(' ')[0])).toBe(record.length);
    }
  });

  it('writes base-256 size fields for sizes beyond 11 octal digits', () => {
    const h = header({ name: 'big', size: 2 ** 40 });
    expect(h[124]).toBe(0x80);
    expect(h.readUIntBE(130, 6)).toBe(2 ** 40);
  });

  const ok = { code: 0, signal: null, stderr: '', timedOut: false, rssMb: 80 };
  it.each([
    [{ ...ok }, {}, 'ok'],
    [{ ...ok, code: 1 }, {}, 'ok'],
    [{ ...ok, code: 2, stderr: 'layerdiff: /tmp/x.tar: truncated\n' }, {}, 'refused'],
    [{ ...ok, code: 2, stderr: 'layerdiff: something failed\n' }, {}, 'unnamed'],
    [{ ...ok, code: 2, stderr: 'layerdiff: /tmp/x.tar: a\nlayerdiff: b\n' }, {}, 'crash'],
    [{ ...ok, code: 2, stderr: 'TypeError: x\n    at foo (file.js:1:1)\n' }, {}, 'crash'],
    [{ ...ok, code: 13, stderr: 'Warning: Detected unsettled top-level await\n' }, {}, 'crash'],
    [{ ...ok, code: null, signal: 'signal 6' }, {}, 'crash'],
    [{ ...ok, code: null, timedOut: true }, {}, 'hang'],
    [{ ...ok, rssMb: 301 }, {}, 'oom'],
    [{ ...ok }, { mustRefuse: true }, 'accepted'],
  ] as const)('classifies %j %j as %s', (run, extra, expected) => {
    expect(classify(run, { subject: '/tmp/x.tar', rssLimitMb: 300, ...extra }).outcome).toBe(expected);
  });

  it('prints a one-line repro command per case', () => {
    expect(reproCommand(7, 42)).toBe('npm run fuzz -- --seed 7 --case 42 --keep');
    expect(reproCommand(7, 42, ['bomb'])).toBe('npm run fuzz -- --seed 7 --case 42 --kinds bomb --keep');
  });
});

describe(`fuzz campaign: seed ${SEED}, ${COUNT} cases`, () => {
  beforeAll(() => {
    // dist/ is what the fuzzer runs.
    ensureBuilt();
  });

  it('keeps the exit contract on every case: no crash, hang, memory overrun, accepted bomb or unnamed refusal', async () => {
    // runCampaign throws when dist or a corpus fixture is missing: a failure, never a skip.
    const { results } = await runCampaign({ seed: SEED, count: COUNT, timeoutMs: 20_000, rssLimitMb: 300, concurrency: 2 });
    expect(results).toHaveLength(COUNT);
    const kinds = new Set(results.map((r) => r.kind));
    expect([...kinds].sort()).toEqual([...KIND_NAMES].sort());
    const failures = failuresOf(results);
    expect(failures.length, `\n${formatTable(results)}\n\n${failures.map(formatFailure).join('\n\n')}\n`).toBe(0);
  }, 900_000);
});
