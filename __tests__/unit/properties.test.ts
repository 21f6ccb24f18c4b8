/**
 * Property tests of the pure parsers and the diff (fast-check): whatever the input, they either
 * return a well-formed value or throw the error a user sees (`LayerdiffError`, or the tar walker's
 * `TarFormatError` that the scanner turns into one), never a raw TypeError/RangeError. Where a
 * simple independent oracle exists (brute-force alignment, re-parsing formatted sizes, the same
 * tar pushed in other chunks) the result is checked against it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstVerdict } from '../../src/budgets/evaluate.js';
import { parseBytes, parsePercent, parseRatio } from '../../src/budgets/limits.js';
import { parseBudgetLines, parseBudgetRule, RULE_NAMES, RULE_SPECS, type BudgetRule } from '../../src/budgets/rules.js';
import { alignSequences } from '../../src/diff/align.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { buildReport, evaluateBudgets } from '../../src/engine.js';
import { LayerdiffError } from '../../src/errors.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from '../../src/core/snapshot.js';
import { EntryKind, LayerIndexBuilder } from '../../src/layers/layer-index.js';
import { BLOCK, checksumValid, readNumber } from '../../src/tar/header-block.js';
import { parsePax, TarFormatError, TarWalker } from '../../src/layers/tar-walker.js';
import { formatBytes, formatPercent, formatPercentDelta, formatPercentExact } from '../../src/report/format.js';
import { parseReference } from '../../src/sources/reference.js';
import { parseRegistryName } from '../../src/sources/registry/name.js';
import { fixChecksum, header, paxRecord, writeTar, type TarEntry } from '../../scripts/fuzz/tar.mjs';

// Deterministic in the suite; FC_SEED=<n> explores other inputs (a failure prints its seed and path).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });

const RUNS = { numRuns: 300 };

/** Runs `f`; a throw is fine only when it is one of `allowed`. Returns the value or undefined. */
function onlyThrows<T>(f: () => T, ...allowed: Array<abstract new (...args: never[]) => Error>): T | undefined {
  try {
    return f();
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return undefined;
    throw new Error(`threw a raw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`, { cause: error });
  }
}

/** Text that looks like user input: mostly printable, some structure, some anything. */
const userText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.stringMatching(/^[-+ .:%@/a-zA-Z0-9_]{0,40}$/));

// -------------------------------------------------------------------------------------------
// Budgets
// -------------------------------------------------------------------------------------------
const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  PiB: 1024 ** 5,
};
const limitText = fc.oneof(
  userText,
  fc.tuple(fc.double({ min: 0, max: 1e16, noNaN: true }), fc.constantFrom(...Object.keys(UNITS), '%', ' %', ' MB', 'EB', 'XB')).map(([n, u]) => `${n}${u}`),
  fc.constantFrom('1e3', '-5%', 'NaN', 'Infinity', '1.5.5MB', '0x10', '+.5', '.', '+', '9'.repeat(400), '5%%'),
);

describe('budget rules and limits (src/budgets)', () => {
  it('parseBudgetLines throws nothing but LayerdiffError, whatever the text', () => {
    const line = fc.oneof(
      userText,
      fc.tuple(fc.constantFrom(...RULE_NAMES, 'max-bogus', '--max-size', ''), limitText).map(([r, v]) => `${r}: ${v}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const rules = onlyThrows(() => parseBudgetLines(lines.join(eol), 'budgets'), LayerdiffError);
        for (const rule of rules ?? []) expect(RULE_SPECS.has(rule.rule)).toBe(true);
      }),
      RUNS,
    );
  });

  it("parseBudgetRule gives safe non-negative byte limits and ratios within the rule's range, or a usage error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...RULE_NAMES), limitText, (name, value) => {
        const rule = onlyThrows(() => parseBudgetRule(name, value, `--${name}`), LayerdiffError);
        if (!rule) return;
        if (rule.limit.kind === 'bytes') {
          expect(Number.isSafeInteger(rule.limit.bytes)).toBe(true);
          expect(rule.limit.bytes).toBeGreaterThanOrEqual(0);
        } else {
          expect(Number.isFinite(rule.limit.ratio)).toBe(true);
          expect(rule.limit.ratio).toBeGreaterThanOrEqual(0);
          if (RULE_SPECS.get(name)!.accepts === 'ratio') expect(rule.limit.ratio).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parseBytes, parsePercent and parseRatio never throw', () => {
    fc.assert(
      fc.property(limitText, (text) => {
        const bytes = parseBytes(text);
        if (bytes !== null) expect(Number.isSafeInteger(bytes) && bytes >= 0).toBe(true);
        const percent = parsePercent(text);
        if (percent !== null) expect(Number.isFinite(percent) && percent >= 0).toBe(true);
        const ratio = parseRatio(text);
        if (ratio !== null) expect(ratio >= 0 && ratio <= 1).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips sizes: N, N B and N<unit> read back as N x unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...Object.keys(UNITS)), fc.constantFrom('', ' '), (n, unit, space) => {
        // Beyond 2^53 bytes a size cannot be exact: refused, not rounded.
        const expected = Number.isSafeInteger(n * UNITS[unit]!) ? n * UNITS[unit]! : null;
        expect(parseBytes(`${n}${unit ? space : ''}${unit}`)).toBe(expected);
        expect(parseBytes(`${n}${unit.toLowerCase()}`)).toBe(expected);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseBytes(String(n))).toBe(n);
      }),
      RUNS,
    );
  });

  it('reads back what formatBytes prints, to its three significant digits', () => {
    fc.assert(
      // Up to 8.99 PB: what it prints (at most "9 PB") is still a safe integer when read back.
      fc.property(fc.integer({ min: 0, max: 8.99e15 }), (n) => {
        const printed = formatBytes(n);
        const back = parseBytes(printed);
        expect(back, printed).not.toBeNull();
        // three significant digits: within half a unit of the third digit (0.5%), exact below 1 kB
        expect(Math.abs(back! - n)).toBeLessThanOrEqual(n < 1000 ? 0 : n * 0.005 + 1);
      }),
      { numRuns: 1000 },
    );
  });
});

// -------------------------------------------------------------------------------------------
// Figures
// -------------------------------------------------------------------------------------------
const UNIT_VALUE: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
function readFormatted(text: string): number {
  const match = /^(-?)(\d+(?:\.\d+)?) (B|kB|MB|GB|TB|PB)$/.exec(text);
  if (!match) throw new Error(`not a formatted size: ${text}`);
  return (match[1] ? -1 : 1) * Number(match[2]) * UNIT_VALUE[match[3]!]!;
}

describe('figures (src/report/format.ts)', () => {
  it('formatBytes is total on finite numbers, symmetric and monotonic', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e17, noNaN: true }), fc.double({ min: 0, max: 1e17, noNaN: true }), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        expect(readFormatted(formatBytes(a))).toBeLessThanOrEqual(readFormatted(formatBytes(b)));
        if (a > 0.5) expect(formatBytes(-a)).toBe(`-${formatBytes(a)}`);
      }),
      { numRuns: 1000 },
    );
    for (const edge of [0, 999, 999.5, 999_499, 999_500, 999_999, 1e15 - 1, 1e15, Number.MAX_SAFE_INTEGER, 1e18]) {
      expect(() => readFormatted(formatBytes(edge)), `${edge}`).not.toThrow();
    }
  });

  it('percent formatters are total: a string for every number, never throwing', () => {
    fc.assert(
      fc.property(fc.double(), (ratio) => {
        for (const text of [formatPercent(ratio), formatPercentDelta(ratio), formatPercentExact(ratio)]) {
          expect(typeof text).toBe('string');
          expect(text.endsWith('%')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('formatPercent never shows 0% or 100% for a partial figure', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (ratio) => {
        const text = formatPercent(ratio);
        if (ratio > 0 && ratio < 1) expect(['0%', '100%']).not.toContain(text);
      }),
      { numRuns: 1000 },
    );
  });
});

// -------------------------------------------------------------------------------------------
// References
// -------------------------------------------------------------------------------------------
const refText = fc.oneof(
  userText,
  fc
    .tuple(fc.constantFrom('docker-archive:', 'oci-archive:', 'oci:', 'docker-daemon:', 'snapshot:', 'docker:', 'docker://', 'Docker://', ''), userText)
    .map(([p, r]) => p + r),
);
// No '.' in components: Docker reads a first component with a '.' as a registry host.
const component = fc.stringMatching(/^[a-z0-9]+(?:[_-][a-z0-9]+)?$/, { maxLength: 12 });
const validName = fc.record({
  host: fc.constantFrom('', 'ghcr.io/', 'localhost:5000/', '127.0.0.1:5000/', 'docker.io/', 'index.docker.io/'),
  path: fc.array(component, { minLength: 1, maxLength: 3 }),
  tag: fc.option(fc.stringMatching(/^\w[\w.-]{0,20}$/), { nil: null }),
  digest: fc.option(fc.stringMatching(/^[a-f0-9]{64}$/), { nil: null }),
});

describe('references (src/sources/reference.ts, registry/name.ts)', () => {
  it('parseReference throws nothing but LayerdiffError and keeps the raw text', () => {
    fc.assert(
      fc.property(refText, (raw) => {
        const ref = onlyThrows(() => parseReference(raw), LayerdiffError);
        if (!ref) return;
        expect(ref.raw).toBe(raw);
        const target = 'path' in ref ? ref.path : ref.name;
        expect(target.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseRegistryName throws nothing but LayerdiffError; what it returns is well-formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          userText,
          validName.map((n) => `${n.host}${n.path.join('/')}${n.tag ? `:${n.tag}` : ''}`),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
        ),
        (text) => {
          const name = onlyThrows(() => parseRegistryName(text), LayerdiffError);
          if (!name) return;
          expect(name.repository.split('/').every((c) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(c))).toBe(true);
          expect(name.reference).toBe(name.digest ?? name.tag);
          expect(name.registry.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseRegistryName reads back the parts of a valid name', () => {
    fc.assert(
      fc.property(validName, ({ host, path, tag, digest }) => {
        const text = `${host}${path.join('/')}${tag ? `:${tag}` : ''}${digest ? `@sha256:${digest}` : ''}`;
        const name = parseRegistryName(text);
        expect(name.tag).toBe(tag ?? (digest ? null : 'latest'));
        expect(name.digest).toBe(digest ? `sha256:${digest}` : null);
        const hub = host === '' || host === 'docker.io/' || host === 'index.docker.io/';
        expect(name.registry).toBe(hub ? 'docker.io' : host.slice(0, -1));
        expect(name.repository).toBe(hub && path.length === 1 ? `library/${path[0]}` : path.join('/'));
      }),
      RUNS,
    );
  });
});

// -------------------------------------------------------------------------------------------
// Tar decoding
// -------------------------------------------------------------------------------------------
const block = fc.uint8Array({ minLength: BLOCK, maxLength: BLOCK }).map((a) => Buffer.from(a));

/** A header block with random bytes in its fields but a valid checksum, so decoding goes past it. */
const checkedBlock = fc
  .tuple(block, fc.constantFrom(0x30, 0x00, 0x31, 0x32, 0x35, 0x78, 0x67, 0x4c, 0x4b, 0x53, 0x56, 0x44, 0x37), fc.boolean())
  .map(([buf, type, ustar]) => {
    buf[156] = type;
    if (ustar) buf.write('ustar\x0000', 257, 'latin1');
    fixChecksum(buf, 0);
    return buf;
  });

function walk(chunks: readonly Buffer[]): { sizes: number[]; paths: string[]; kinds: number[] } | undefined {
  const builder = new LayerIndexBuilder(true);
  const walker = new TarWalker(builder);
  const ok = onlyThrows(
    () => {
      for (const chunk of chunks) walker.push(chunk);
      walker.end();
      return true;
    },
    TarFormatError,
    LayerdiffError,
  );
  if (!ok) return undefined;
  const index = builder.finish({ tarBytes: 0, storedBytes: 0, compression: 'none' });
  return { sizes: [...index.sizes], paths: index.paths, kinds: [...index.kinds] };
}

describe('tar decoding (src/layers/tar-block.ts, tar-walker.ts)', () => {
  it('readNumber returns -1 or a non-negative integer for any field of any block', () => {
    fc.assert(
      fc.property(block, fc.constantFrom([100, 8], [108, 8], [116, 8], [124, 12], [136, 12], [148, 8], [483, 12]), (buf, [off, len]) => {
        const n = readNumber(buf, off, len);
        expect(n === -1 || (Number.isInteger(n) && n >= 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('checksumValid never throws and accepts a header after fixChecksum', () => {
    fc.assert(
      fc.property(block, (buf) => {
        checksumValid(buf, 0);
        fixChecksum(buf, 0);
        expect(checksumValid(buf, 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the walker refuses or indexes arbitrary checksummed blocks; sizes are non-negative integers, safe for regular files', () => {
    // Found by this property: an old GNU sparse ('S') header whose realsize field is not octal.
    const sparse = header({ name: 'sparse', type: 'S', size: 0 });
    sparse.write('zzzz', 483, 'latin1');
    fixChecksum(sparse, 0);
    fc.assert(
      fc.property(fc.array(fc.oneof(checkedBlock, block), { minLength: 1, maxLength: 4 }), (blocks) => {
        const index = walk([...blocks, Buffer.alloc(2 * BLOCK)]);
        if (!index) return;
        index.sizes.forEach((size, i) => {
          expect(Number.isInteger(size) && size >= 0, `size ${size}`).toBe(true);
          // Header-only entries (directories, links, devices) keep their header's size field as
          // is, base-256 up to 2^95 (reported; see the fuzz report): only file sizes must be exact.
          if (index.kinds[i] === EntryKind.file) expect(Number.isSafeInteger(size), `file size ${size}`).toBe(true);
        });
      }),
      { numRuns: 2000, examples: [[[sparse]]] },
    );
  });

  it('PAX numbers are non-negative integers or refused (size=1.5, size=-1, size=1e300, uid=1e30)', () => {
    const numberValue = fc.oneof(
      fc.double().map(String),
      fc.constantFrom('1.5', '-1', '1e300', '0x10', '1e3', ' 7', '', 'NaN', '99999999999999999999'),
      fc.nat().map(String),
    );
    fc.assert(
      fc.property(fc.constantFrom('size', 'uid', 'gid', 'GNU.sparse.realsize', 'GNU.sparse.size'), numberValue, (key, value) => {
        const parsed = onlyThrows(() => parsePax(paxRecord(key, value), {}), TarFormatError, LayerdiffError);
        if (!parsed) return;
        for (const n of [parsed.size, parsed.uid, parsed.gid, parsed.sparseRealSize]) {
          if (n !== undefined) expect(Number.isSafeInteger(n) && n >= 0, `${key}=${value} -> ${n}`).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parsePax throws nothing but TarFormatError on arbitrary bodies', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
          fc.string({ maxLength: 80 }).map((s) => Buffer.from(s)),
        ),
        (body) => {
          onlyThrows(() => parsePax(body, {}), TarFormatError, LayerdiffError);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('indexes a tar the same whatever the chunking', () => {
    const entry = fc.record({
      name: fc.oneof(fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8}){0,3}$/), fc.constant('d/'.repeat(60) + 'long')),
      type: fc.constantFrom('0', '5', '2'),
      size: fc.nat({ max: 2000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 20 }), (entries, cuts) => {
        const tar = writeTar(
          entries.map((e): TarEntry =>
            e.type === '0'
              ? { name: e.name, type: '0', data: Buffer.alloc(e.size, 0x61) }
              : { name: e.name, type: e.type, linkname: e.type === '2' ? 'target' : '' },
          ),
        );
        const chunks: Buffer[] = [];
        let at = 0;
        for (let i = 0; at < tar.length; i++) {
          const n = cuts[i % cuts.length]!;
          chunks.push(tar.subarray(at, at + n));
          at += n;
        }
        const whole = walk([tar]);
        expect(whole).toBeDefined();
        expect(walk(chunks)).toEqual(whole);
        expect(whole!.paths).toHaveLength(entries.length);
      }),
      RUNS,
    );
  });
});

// -------------------------------------------------------------------------------------------
// Diff and budgets over snapshots
// -------------------------------------------------------------------------------------------
const layerSpec = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  size: fc.nat({ max: 1e9 }),
  createdBy: fc.constantFrom('RUN make', 'RUN make all', 'COPY . .', 'COPY src/ /app', 'WORKDIR /app', 'ADD x /', null),
});

function snapshotOf(name: string, specs: ReadonlyArray<{ id: string; size: number; createdBy: string | null }>): Snapshot {
  const layers: LayerRef[] = specs.map((s, index) => ({
    index,
    diffId: `sha256:${s.id.repeat(64).slice(0, 64)}`,
    digest: null,
    mediaType: null,
    size: s.size,
    compressedSize: null,
    contentSize: null,
    createdBy: s.createdBy,
    files: null,
  }));
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { type: 'archive', reference: name },
    platform: 'linux/amd64',
    manifestDigest: null,
    configDigest: `sha256:${'0'.repeat(64)}`,
    layers,
    totals: sumSizes(layers),
  };
}

/** Best total score of an order-preserving pairing, by brute force (tiny inputs only). */
function bestAlignment(scores: number[][], i = 0, j = 0, memo = new Map<string, number>()): number {
  if (i >= scores.length || j >= (scores[0]?.length ?? 0)) return 0;
  const key = `${i},${j}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const s = scores[i]![j]!;
  const best = Math.max(
    s > 0 ? s + bestAlignment(scores, i + 1, j + 1, memo) : -Infinity,
    bestAlignment(scores, i + 1, j, memo),
    bestAlignment(scores, i, j + 1, memo),
  );
  memo.set(key, best);
  return best;
}

describe('diff alignment and budgets (src/diff, src/budgets/evaluate.ts)', () => {
  it('alignSequences pairs in order, only positive scores, with the best total (brute-force oracle)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(0, 0, 0, 1, 2, 5, 10), { minLength: 6, maxLength: 6 }), { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (rows, m, greedy) => {
          const scores = rows.map((r) => r.slice(0, m));
          const left = scores.map((_, i) => i);
          const right = Array.from({ length: scores.length === 0 ? 0 : m }, (_, j) => j);
          const pairs = alignSequences(left, right, (a, b) => scores[a]![b]!, greedy ? { maxCells: 0 } : {});
          for (let k = 0; k < pairs.length; k++) {
            const [i, j] = pairs[k]!;
            expect(scores[i]![j]!).toBeGreaterThan(0);
            if (k > 0) {
              expect(i).toBeGreaterThan(pairs[k - 1]![0]);
              expect(j).toBeGreaterThan(pairs[k - 1]![1]);
            }
          }
          if (!greedy) expect(pairs.reduce((t, [i, j]) => t + scores[i]![j]!, 0)).toBe(bestAlignment(scores));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('diffSnapshots: every head layer once and in order, every base layer once, unchanged rows share a diff_id, changed pairs in order', () => {
    fc.assert(
      fc.property(fc.option(fc.array(layerSpec, { maxLength: 10 }), { nil: null }), fc.array(layerSpec, { maxLength: 10 }), (baseSpecs, headSpecs) => {
        const base = baseSpecs === null ? null : snapshotOf('base', baseSpecs);
        const head = snapshotOf('head', headSpecs);
        const { layers, totals } = diffSnapshots(base, head);
        expect(layers.filter((r) => r.head).map((r) => r.head!.index)).toEqual(head.layers.map((_, j) => j));
        expect(
          layers
            .filter((r) => r.base)
            .map((r) => r.base!.index)
            .sort((a, b) => a - b),
        ).toEqual((base?.layers ?? []).map((_, i) => i));
        for (const row of layers) {
          if (row.status === 'unchanged') expect(row.base!.diffId).toBe(row.head!.diffId);
          if (row.status === 'added') expect(row.base).toBeNull();
          if (row.status === 'removed') expect(row.head).toBeNull();
        }
        const changed = layers.filter((r) => r.status === 'changed');
        for (let k = 1; k < changed.length; k++) expect(changed[k]!.base!.index).toBeGreaterThan(changed[k - 1]!.base!.index);
        expect(totals.delta.size).toBe(head.totals.size - (base?.totals.size ?? 0));
      }),
      { numRuns: 1000 },
    );
  });

  it('lists 200,000 removed layers without overflowing the stack (hostile: a huge snapshot as base)', () => {
    const specs = Array.from({ length: 200_000 }, (_, i) => ({ id: String.fromCharCode(97 + (i % 8)), size: i, createdBy: 'RUN x' }));
    // The head reuses the first base layer, so every removed row is placed after it.
    const { layers } = diffSnapshots(snapshotOf('base', specs), snapshotOf('head', [specs[0]!, { id: 'z', size: 1, createdBy: null }]));
    expect(layers.filter((r) => r.status === 'removed')).toHaveLength(199_999);
    expect(layers.map((r) => r.status).slice(0, 2)).toEqual(['unchanged', 'removed']);
  });

  it('the verdict is the worst budget status, one result per rule', () => {
    const rule = fc
      .tuple(
        fc.constantFrom(...RULE_NAMES),
        fc.oneof(
          fc.nat({ max: 2e9 }).map(String),
          fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
        ),
      )
      .map(([name, value]) => {
        try {
          return parseBudgetRule(name, value, 'test');
        } catch {
          return null;
        }
      });
    fc.assert(
      fc.property(
        fc.option(fc.array(layerSpec, { maxLength: 6 }), { nil: null }),
        fc.array(layerSpec, { maxLength: 6 }),
        fc.array(rule, { maxLength: 6 }),
        (baseSpecs, headSpecs, maybeRules) => {
          const rules = maybeRules.filter((r): r is BudgetRule => r !== null);
          const report = buildReport(baseSpecs === null ? null : snapshotOf('base', baseSpecs), snapshotOf('head', headSpecs), rules);
          expect(report.budgets).toHaveLength(rules.length);
          const rank = { pass: 0, warn: 1, fail: 2 } as const;
          const worst = report.budgets.reduce<'pass' | 'warn' | 'fail'>((w, b) => (rank[b.status] > rank[w] ? b.status : w), 'pass');
          expect(report.verdict).toBe(worst);
          expect(worstVerdict(evaluateBudgets(rules, report))).toBe(report.verdict);
          for (const b of report.budgets) if (b.status === 'fail') expect(rules.find((r) => r.rule === b.rule)?.level).toBe('fail');
        },
      ),
      { numRuns: 500 },
    );
  });
});
