/**
 * Issue 15: changed layers are paired by what they share (file paths, instruction words), then by
 * position, then by size; the instruction column shows the words that tell rows apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/diff/diff.js';
import { alignSequences } from '../../src/diff/align.js';
import { instructionTokens, sortedSimilarity } from '../../src/diff/instruction.js';
import { instructionTexts } from '../../src/report/instruction-text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import type { LayerRef } from '../../src/core/snapshot.js';
import type { LayerRow } from '../../src/core/report.js';
import { digestOf, report, snapshot, type LayerSpec } from './report-fixtures.js';
import { splitRow } from './report-gfm.js';

function shape(rows: readonly LayerRow[]): string[] {
  return rows.map((r) => `${r.status} ${r.base ? r.base.index + 1 : '-'}>${r.head ? r.head.index + 1 : '-'}${r.pairedBy ? ` ${r.pairedBy}` : ''}`);
}

const L = (id: string, size: number, createdBy: string | null): LayerSpec => ({ id, size, createdBy });
const APT = 'RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends';
const OS = L('os', 5_000_000, '/bin/sh -c #(nop) ADD file:4f2a8b9c0d1e2f3a4b5c6d7e in / ');

// The issue's pair: jq (1.7 MB) becomes jq curl (13 MB), then a new `less` layer (952 kB).
const issueBase = snapshot('base', [OS, L('jq', 1_700_000, `${APT} jq`)]);
const issueHead = snapshot('head', [OS, L('jq-curl', 13_000_000, `${APT} jq curl`), L('less', 952_000, `${APT} less`)]);

describe('pairing changed layers by what they share', () => {
  it("pairs the jq layer with `jq curl`, not with the layer of the nearest size (issue 15's case)", () => {
    const { layers } = diffSnapshots(issueBase, issueHead);
    expect(shape(layers)).toEqual(['unchanged 1>1', 'changed 2>2 similar-instruction', 'added ->3']);
    expect(layers[1]!.delta.size).toBe(11_300_000);
    expect(layers[2]!.delta.size).toBe(952_000);
  });

  it('prefers the alike instruction when size says otherwise', () => {
    const base = snapshot('b', [L('pip', 10_000_000, 'RUN pip install flask'), L('npm', 90_000_000, 'RUN npm install express')]);
    const head = snapshot('h', [L('npm2', 11_000_000, 'RUN npm install express lodash')]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['removed 1>-', 'changed 2>1 similar-instruction']);
  });

  it('keeps the changed layer with its own instruction when a RUN is inserted before it', () => {
    const base = snapshot('b', [OS, L('jq', 2_000_000, `${APT} jq`), L('app', 100, 'COPY app /app')]);
    const head = snapshot('h', [
      OS,
      L('motd', 2_000_000, 'RUN echo hello > /etc/motd'),
      L('jq2', 13_000_000, `${APT} jq curl`),
      L('app2', 120, 'COPY app /app'),
    ]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'added ->2', 'changed 2>3 similar-instruction', 'changed 3>4 instruction']);
  });

  it('the linear walk for thousands of layers makes the same choice (insertion before a changed layer)', () => {
    // 3000 × 3001 cells: past the exact table's bound, so the greedy walk aligns.
    const n = 3000;
    const baseSpecs = Array.from({ length: n }, (_, i) => L(`b${i}`, 1000 + i, `RUN make step-${i}`));
    const headSpecs = Array.from({ length: n }, (_, i) => L(`h${i}`, 1000 + i, `RUN make step-${i}`));
    baseSpecs[1500] = L('b-jq', 2_000_000, `${APT} jq`);
    headSpecs[1500] = L('h-jq', 13_000_000, `${APT} jq curl`);
    headSpecs.splice(1500, 0, L('motd', 2_000_000, 'RUN echo hello > /etc/motd'));
    const started = Date.now();
    const { layers } = diffSnapshots(snapshot('b', baseSpecs), snapshot('h', headSpecs));
    expect(Date.now() - started).toBeLessThan(5000);
    const rows = shape(layers);
    expect(rows.slice(1499, 1503)).toEqual([
      'changed 1500>1500 instruction',
      'added ->1501',
      'changed 1501>1502 similar-instruction',
      'changed 1502>1503 instruction',
    ]);
    expect(layers.filter((r) => r.status === 'changed')).toHaveLength(n);
  });

  it('only the files can tell two `COPY file:… in /app` layers apart (deep scan)', () => {
    const base = snapshot('b', [
      OS,
      L('server', 50_000, 'COPY file:abc0123456789abcdef01234 in /app '),
      L('config', 2_000, 'COPY file:def0123456789abcdef01234 in /app '),
    ]);
    const head = snapshot('h', [OS, L('config2', 45_000, 'COPY file:0123456789abcdef0123aaaa in /app ')]);
    // Without file lists the instructions are the same once normalised, and size picks server.js.
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['unchanged 1>1', 'changed 2>2 instruction', 'removed 3>-']);
    const files: Record<string, string[]> = { server: ['app/server.js'], config: ['app/config.json'], config2: ['app/config.json'], os: ['bin/sh'] };
    const byDiffId = new Map(Object.entries(files).map(([id, paths]) => [digestOf(id), new Set(paths)]));
    const layerFiles = (layer: LayerRef) => byDiffId.get(layer.diffId);
    expect(shape(diffSnapshots(base, head, { layerFiles }).layers)).toEqual(['unchanged 1>1', 'removed 2>-', 'changed 3>2 files']);
  });

  it('files decide in the linear walk too: 2100 `COPY file:…` layers, one dropped from the middle', () => {
    const n = 2100;
    const hash = (i: number) => (i.toString(16) + 'a'.repeat(20)).slice(0, 20);
    const baseSpecs = Array.from({ length: n }, (_, i) => L(`b${i}`, 1000 + ((i * 37) % 500), `COPY file:${hash(i)} in /app `));
    const headSpecs = Array.from({ length: n }, (_, i) => L(`h${i}`, 1000 + ((i * 53) % 500), `COPY file:${hash(i + 5000)} in /app `)).filter(
      (_, i) => i !== 1000,
    );
    const fileOf = new Map<string, Set<string>>();
    baseSpecs.forEach((_, i) => fileOf.set(digestOf(`b${i}`), new Set([`app/f${i}`])));
    headSpecs.forEach((spec) => fileOf.set(digestOf(spec.id), new Set([`app/f${spec.id.slice(1)}`])));
    const started = Date.now();
    const { layers } = diffSnapshots(snapshot('b', baseSpecs), snapshot('h', headSpecs), { layerFiles: (layer) => fileOf.get(layer.diffId) });
    expect(Date.now() - started).toBeLessThan(10_000);
    const changed = layers.filter((r) => r.status === 'changed');
    expect(changed).toHaveLength(n - 1);
    expect(changed.every((r) => r.pairedBy === 'files' && headSpecs[r.head!.index]!.id === `h${r.base!.index}`)).toBe(true);
    expect(layers.filter((r) => r.status === 'removed').map((r) => r.base!.index)).toEqual([1000]);
  });

  it('shared files pair layers whose instruction keyword changed (RUN curl → ADD)', () => {
    const base = snapshot('b', [L('run', 1000, 'RUN curl -o /opt/tool.tgz https://example.invalid/tool.tgz')]);
    const head = snapshot('h', [L('add', 1200, 'ADD https://example.invalid/tool.tgz /opt/tool.tgz')]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['removed 1>-', 'added ->1']);
    const layerFiles = () => new Set(['opt/tool.tgz']);
    expect(shape(diffSnapshots(base, head, { layerFiles }).layers)).toEqual(['changed 1>1 files']);
  });

  it('says `position` when only the keyword or nothing is known', () => {
    const base = snapshot('b', [L('a', 10, null), L('b', 20, 'RUN make a')]);
    const head = snapshot('h', [L('a2', 11, null), L('b2', 21, 'RUN ./configure')]);
    expect(shape(diffSnapshots(base, head).layers)).toEqual(['changed 1>1 position', 'changed 2>2 position']);
  });

  it('leaves pairedBy off every row but changed ones', () => {
    const { layers } = diffSnapshots(issueBase, issueHead);
    expect(layers.filter((r) => r.status !== 'changed').every((r) => !('pairedBy' in r))).toBe(true);
  });

  it('stays bounded when every layer writes the same many paths (hostile: quadratic overlap)', () => {
    const paths = new Set(Array.from({ length: 20_000 }, (_, i) => `usr/lib/f${i}`));
    const base = snapshot(
      'b',
      Array.from({ length: 400 }, (_, i) => L(`b${i}`, 10, `RUN step ${i}`)),
    );
    const head = snapshot(
      'h',
      Array.from({ length: 400 }, (_, i) => L(`h${i}`, 10, `RUN step ${i}`)),
    );
    const started = Date.now();
    const { layers } = diffSnapshots(base, head, { layerFiles: () => paths });
    expect(Date.now() - started).toBeLessThan(5000);
    // The shared-path count gave up past its bound: the instructions paired the layers.
    expect(layers.every((r) => r.status === 'changed' && r.pairedBy === 'instruction')).toBe(true);
  });
});

describe('instruction words', () => {
  it('drops the keyword, shell punctuation and trailing separators', () => {
    expect([...instructionTokens('RUN apt-get update && apt-get install -y jq; rm -rf /x')]).toEqual([
      'apt-get',
      'update',
      'install',
      '-y',
      'jq',
      'rm',
      '-rf',
      '/x',
    ]);
    expect(instructionTokens(null).size).toBe(0);
  });

  it('measures likeness as shared words over all words (Jaccard)', () => {
    const ids = new Map<string, number>();
    const sorted = (words: Set<string>) => Int32Array.from(words, (w) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1)).sort();
    const jq = sorted(instructionTokens(`${APT} jq`));
    expect(sortedSimilarity(jq, sorted(instructionTokens(`${APT} jq curl`)))).toBeCloseTo(8 / 9);
    expect(sortedSimilarity(jq, sorted(instructionTokens(`${APT} less`)))).toBeCloseTo(7 / 9);
    expect(sortedSimilarity(new Int32Array(0), new Int32Array(0))).toBe(0);
  });

  it('the merge agrees with set arithmetic (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 30 })), fc.uniqueArray(fc.integer({ min: 0, max: 30 })), (a, b) => {
        const shared = a.filter((x) => b.includes(x)).length;
        const union = new Set([...a, ...b]).size;
        expect(sortedSimilarity(Int32Array.from(a).sort(), Int32Array.from(b).sort())).toBeCloseTo(union === 0 ? 0 : shared / union);
      }),
    );
  });
});

describe('alignSequences greedy walk with a skip cost', () => {
  it('skips an insertion to reach a better pair, and takes the nearest pair without a cost', () => {
    const scores = [
      [10, 80],
      [0, 10],
    ];
    const score = (a: number, b: number) => scores[a]![b]!;
    expect(alignSequences([0, 1], [0, 1], score, { maxCells: 0, skipCost: 10, maxScore: 100 })).toEqual([[0, 1]]);
    expect(alignSequences([0, 1], [0, 1], score, { maxCells: 0 })).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('stays order-preserving and pairs only positive scores, whatever the cost (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(0, 0, 1, 5, 10, 80, 100), { minLength: 8, maxLength: 8 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(0, 1, 10),
        (rows, m, skipCost) => {
          const scores = rows.map((r) => r.slice(0, m));
          const right = Array.from({ length: scores.length === 0 ? 0 : m }, (_, j) => j);
          const pairs = alignSequences(
            scores.map((_, i) => i),
            right,
            (a, b) => scores[a]![b]!,
            { maxCells: 0, skipCost, maxScore: 100 },
          );
          pairs.forEach(([i, j], k) => {
            expect(scores[i]![j]!).toBeGreaterThan(0);
            if (k > 0) {
              expect(i).toBeGreaterThan(pairs[k - 1]![0]);
              expect(j).toBeGreaterThan(pairs[k - 1]![1]);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('instructionTexts: the words that tell rows apart', () => {
  const rows = () => report(issueBase, issueHead).layers;

  it("shows `jq → jq curl` and `less` in the issue's rows, at any width down to the terminal's", () => {
    for (const width of [80, 34, 20]) {
      const [, jq, less] = instructionTexts(rows(), width);
      expect(jq).toContain('jq');
      expect(jq).toContain('curl');
      expect(jq).toMatch(/→|\+curl/);
      expect(less).toMatch(/less$/);
      expect(jq!.length).toBeLessThanOrEqual(width);
      expect(less!.length).toBeLessThanOrEqual(width);
    }
    expect(instructionTexts(rows(), 80).slice(1)).toEqual([
      'RUN … apt-get install -y -q --no-install-recommends jq → jq curl',
      'RUN … -y -q --no-install-recommends less',
    ]);
    expect(instructionTexts(rows(), 12)[1]).toBe('RUN … +curl');
  });

  it('keeps a short instruction whole and cuts a lone long one at its end', () => {
    const head = snapshot('h', [L('a', 1, 'WORKDIR /app'), L('b', 1, `RUN ${'x'.repeat(100)}`), L('c', 1, null)]);
    const texts = instructionTexts(report(null, head).layers, 40);
    expect(texts[0]).toBe('WORKDIR /app');
    expect(texts[1]).toBe(`RUN ${'x'.repeat(35)}…`);
    expect(texts[2]).toBeNull();
  });

  it('shows a replaced word old → new with the words around it', () => {
    const base = snapshot('b', [L('p', 1, 'RUN pip install flask==2.0.1 requests')]);
    const head = snapshot('h', [L('p2', 2, 'RUN pip install flask==3.0.3 requests')]);
    expect(instructionTexts(report(base, head).layers, 80)).toEqual(['RUN pip install flask==2.0.1 → flask==3.0.3 requests']);
  });

  it('never exceeds the width (property)', () => {
    const word = fc.constantFrom('RUN', 'apt-get', 'install', '-y', 'jq', 'curl', 'less', '&&', 'a-very-long-package-name-indeed', 'x');
    const instruction = fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => `RUN ${w.join(' ')}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instruction, instruction, fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 120 }),
        (specs, width) => {
          const base = snapshot(
            'b',
            specs.map(([before], i) => L(`b${i}`, 1, before)),
          );
          const head = snapshot(
            'h',
            specs.map(([before, after, same], i) => L(`h${i}`, 2, same ? before : after)),
          );
          for (const text of instructionTexts(report(base, head).layers, width)) expect((text ?? '').length).toBeLessThanOrEqual(Math.max(1, width));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('renderers show the distinguishing words', () => {
  it('in the terminal table and the comment, escaped', () => {
    const r = report(issueBase, issueHead);
    const text = renderText(r);
    expect(text).toMatch(/changed\s+2\s+1\.7 MB\s+13 MB\s+\+11\.3 MB.*RUN … jq → jq curl/);
    expect(text).toMatch(/added\s+3\s+-\s+952 kB\s+\+952 kB.*--no-install-recommends less/);
    const md = renderMarkdown(r);
    expect(md).toContain('`RUN … apt-get install -y -q --no-install-recommends jq → jq curl`');
    expect(md).toContain('`RUN … -y -q --no-install-recommends less`');
  });

  it('escapes what a hostile instruction puts in the changed words (hostile: table-breaking pipe)', () => {
    const base = snapshot('b', [L('p', 1, 'RUN echo a')]);
    const head = snapshot('h', [L('p2', 2, 'RUN echo a | tee /x <!-- `x`')]);
    const md = renderMarkdown(report(base, head));
    const line = md.split('\n').find((l) => l.includes('changed'))!;
    expect(splitRow(line)).toHaveLength(7); // with the Pull Δ column (compressed sizes known)
    expect(md).not.toContain('<!--');
  });
});

describe('alignment cost', () => {
  it('aligns 2000 × 2000 rebuilt RUN layers of 30 words each in seconds, not minutes', () => {
    const specs = (p: string) =>
      Array.from({ length: 2000 }, (_, i) => L(`${p}${i}`, 1000 + i, `RUN ${Array.from({ length: 30 }, (_, k) => `w${(i * 7 + k) % 5000}`).join(' ')}`));
    const started = Date.now();
    const { layers } = diffSnapshots(snapshot('b', specs('b')), snapshot('h', specs('h')));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(layers.every((r) => r.status === 'changed' && r.base!.index === r.head!.index)).toBe(true);
  });
});
