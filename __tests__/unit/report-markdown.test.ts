import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { worstVerdict } from '../../src/budgets/evaluate.js';
import { evaluateBudgets } from '../../src/engine.js';
import { parseBudgetLines, parseBudgetRule, type BudgetRule } from '../../src/budgets/rules.js';
import { commentMarker, renderMarkdown, renderSnapshotMarkdown } from '../../src/report/markdown.js';
import { mdCode, mdText } from '../../src/report/escape.js';
import type { DeepReport, FileChanges, Report } from '../../src/core/report.js';
import { gfmHtml, hasCmarkGfm, htmlTableBodyRows, sourceTables, splitRow } from './report-gfm.js';
import { MB, report, snapshot, typicalBase, typicalHead, type LayerSpec } from './report-fixtures.js';

function tablesOf(markdown: string): Tokens.Table[] {
  const tables: Tokens.Table[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') tables.push(token as Tokens.Table);
      const nested = (token as { tokens?: Token[] }).tokens;
      if (nested) visit(nested);
    }
  };
  visit(marked.lexer(markdown));
  return tables;
}

/**
 * Every table renders as an HTML table (cmark-gfm, GitHub's renderer) whose every source row has
 * exactly the header's cell count, and no table line leaks into a paragraph. Returns the body row
 * counts, in order.
 */
function expectSoundTables(markdown: string): number[] {
  const tables = sourceTables(markdown);
  for (const lines of tables) {
    const width = splitRow(lines[0] ?? '').length;
    for (const line of lines) expect(splitRow(line), line).toHaveLength(width);
  }
  const expected = tables.map((lines) => lines.length - 2);
  if (!hasCmarkGfm) return expected;
  const html = gfmHtml(markdown);
  expect(html).not.toMatch(/<p>\s*\|/);
  expect(htmlTableBodyRows(html)).toEqual(expected);
  return expected;
}

const L = (id: string, size: number, createdBy: string | null = `RUN make ${id}`, compressed?: number | null): LayerSpec => ({
  id,
  size,
  createdBy,
  compressed,
});

describe('markdown syntax helpers', () => {
  it('mdCode and mdText survive pipes, backticks and backslashes inside a table (marked)', () => {
    // Backslash-pipe pairs are left to the cmark-gfm tests (escape.test.ts): marked and GitHub differ there.
    const samples = ['a | b', 'x `y` z', '`lead', '``double``', 'one two | three'];
    const md = `| c | d |\n|---|---|\n${samples.map((s) => `| ${mdCode(s, { cell: true })} | ${mdText(s, { cell: true })} |`).join('\n')}\n`;
    expect(expectSoundTables(md)).toEqual([samples.length]);
    const [table] = tablesOf(md);
    const codes = table?.rows.map((r) => r[0]?.tokens[0]) ?? [];
    expect(codes.map((t) => (t as Tokens.Codespan).text.replace(/^ (.*) $/, '$1'))).toEqual(samples);
  });

  it('the comment marker is an HTML comment that cannot be closed early', () => {
    expect(commentMarker('app')).toBe('<!-- layerdiff:v1 key=app -->');
    expect(commentMarker('team/app@v1+x.y:z')).toBe('<!-- layerdiff:v1 key=team/app@v1+x.y:z -->');
  });

  it('refuses a comment key that could close the marker (hostile: --!>, -->, >, newline)', () => {
    for (const key of ['x --> y', 'k--!><img src=x onerror=alert(1)>', 'k>', 'a b', 'k\n', '-k', '', 'k--x', 'x'.repeat(101)]) {
      expect(() => commentMarker(key), key).toThrow(/comment-key/);
    }
  });
});

describe('renderMarkdown', () => {
  const budgets = parseBudgetLines('max-growth: 60MB\nwarn-growth: 10%\nmin-cache-hit: 20%', 'b');
  const typical = report(typicalBase, typicalHead, budgets);

  it('typical diff', () => {
    const md = renderMarkdown(typical, { commentKey: 'app' });
    expect(md.startsWith('<!-- layerdiff:v1 key=app -->\n')).toBe(true);
    expect(md).toContain('### 🟡 layerdiff: +46.3 MB (+17%) vs base, 3/8 layers reused (25% of bytes) · 1 warning');
    expect(md).toContain('Sizes are uncompressed layer tar bytes; compressed (pull) size in parentheses where known.');
    expect(md).toContain('<details><summary>3 unchanged layers (80 MB reused)</summary>');
    // changes (4 changed + 1 added), unchanged (3), budgets (3).
    expect(expectSoundTables(md)).toEqual([5, 5, 3, 3]); // the layer bars (trend-chart.ts) first
    expect(md).toMatchSnapshot();
  });

  it('has no marker without a comment key', () => {
    expect(renderMarkdown(typical).startsWith('### ')).toBe(true);
  });

  it('no base', () => {
    const md = renderMarkdown(report(null, typicalHead, parseBudgetLines('max-size: 1GB\nmax-growth: 1MB', 'b')), { commentKey: 'app' });
    expect(md).toContain('### 🆕 layerdiff: 319 MB in 8 layers (no base image: first snapshot)');
    expect(md).toContain('Base: no base image: first snapshot');
    expect(md).not.toContain('Cache hit');
    expect(expectSoundTables(md)).toEqual([8, 2]);
    expect(md).toMatchSnapshot();
  });

  it('no changes', () => {
    const md = renderMarkdown(report(typicalBase, typicalBase));
    expect(md).toContain('### 🟢 layerdiff: no change vs base, 7/7 layers reused (100% of bytes)');
    expect(md).toContain('No layer changed: all 7 layers reused.');
    expect(expectSoundTables(md)).toEqual([7]);
    expect(md).toMatchSnapshot();
  });

  it('failing budgets', () => {
    const failing = report(
      typicalBase,
      typicalHead,
      parseBudgetLines('max-size: 300MB\nmax-growth: 5%\nwarn-layer-growth: 10MB\nmin-cache-hit: 0.9\nmax-wasted: 1MB\nmax-compressed-size: 1GB', 'b'),
    );
    expect(failing.verdict).toBe('fail');
    const md = renderMarkdown(failing, { commentKey: 'app' });
    expect(md).toContain('### 🔴 layerdiff: +46.3 MB (+17%) vs base, 3/8 layers reused (25% of bytes) · 3 budgets failed, 2 warnings');
    expect(md).toContain('| `max-growth` | 5% | +17% \\> 5% | ❌ fail |');
    expect(md).toContain('| `max-compressed-size` | 1GB | 106 MB ≤ 1 GB | ✅ pass |');
    expect(md).toContain('⚠️ warn');
    expect(expectSoundTables(md)).toEqual([5, 5, 3, 6]); // the layer bars (trend-chart.ts) first
    expect(md).toMatchSnapshot();
  });

  it('huge diff truncated under the limit', () => {
    const verbs = ['apt-get install -y', 'pip install', 'npm ci --prefix', 'make -C', 'go build -o'];
    const many = (prefix: string, n: number, scale: number) =>
      Array.from({ length: n }, (_, i) =>
        L(
          `${prefix}${i}`,
          Math.round((i + 1) * 1000 * scale),
          `/bin/sh -c ${verbs[i % verbs.length]} pkg-${i} && echo "${'long argument '.repeat(8)}" | tee /log/${i}`,
        ),
      );
    const base = snapshot('base', [...many('keep', 600, 1), ...many('old', 1500, 1)]);
    const head = snapshot('head', [...many('keep', 600, 1), ...many('new', 1500, 1.1)]);
    const huge = report(base, head);
    const md = renderMarkdown(huge, { commentKey: 'big' });
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md).toMatch(/_… \d+ more rows \(see the JSON report\)_/);
    expectSoundTables(md);

    const small = renderMarkdown(huge, { commentKey: 'big', maxLength: 6000 });
    expect(small.length).toBeLessThanOrEqual(6000);
    expect(small.startsWith('<!-- layerdiff:v1 key=big -->')).toBe(true);
    expect(small).toContain('_… 1490 more rows with smaller changes (see the JSON report)_');
    // The rows kept are the largest changes, in layer order.
    expect(small).toContain('| ✏️ changed | 2091 |');
    expect(small).toContain('| ✏️ changed | 2100 |');
    expect(small).not.toContain('| ✏️ changed | 601 |');
    expect(small).toContain('_… 590 more rows (see the JSON report)_');
    expect(expectSoundTables(small)).toEqual([10, 10, 10]); // the layer bars (trend-chart.ts) first
    expect(small).toMatchSnapshot();
  });

  it('a tiny limit still yields a bounded body with the marker', () => {
    const md = renderMarkdown(typical, { commentKey: 'k', maxLength: 300 });
    expect(md.length).toBeLessThanOrEqual(300);
    expect(md.startsWith('<!-- layerdiff:v1 key=k -->')).toBe(true);
    expect(md).toContain('report truncated (see the JSON report)');
  });

  it('instructions with pipes, backticks and newlines never break a row', () => {
    const nasty = [
      '/bin/sh -c echo "a|b" | tee /x\n  && cat `which ls` || true',
      "RUN printf '%s\\|' x",
      '`weird` | <script>alert(1)</script>',
      'COPY --from=build /out/app /app',
    ];
    const base = snapshot(
      'b',
      nasty.map((c, i) => L(`b${i}`, 100 + i, c)),
    );
    const head = snapshot(
      'h',
      nasty.map((c, i) => L(`h${i}`, 200 + i, c)),
    );
    const md = renderMarkdown(report(base, head));
    expect(expectSoundTables(md)).toEqual([4, 4]); // the layer bars (trend-chart.ts) first
    const html = hasCmarkGfm ? gfmHtml(md) : marked.parse(md, { async: false });
    expect(html).toContain('<code>RUN echo &quot;a|b&quot; | tee /x &amp;&amp; cat `which ls` || true</code>');
    if (hasCmarkGfm) expect(html).toContain("<code>RUN printf '%s\\|' x</code>");
    expect(html).not.toContain('<script>');
  });

  it('shows the compressed clause only when a compressed size is known', () => {
    const plain = snapshot('p', [L('a', 10, 'RUN a', null)]);
    const md = renderMarkdown(report(plain, snapshot('q', [L('b', 20, 'RUN a', null)])));
    expect(md).toContain('<sub>Sizes are uncompressed layer tar bytes.</sub>');
    expect(md).toContain('| ✏️ changed | 1 | `RUN a` | 10 B | 20 B | **+10 B** |');
  });

  it('an empty head and a removed layer', () => {
    const md = renderMarkdown(report(snapshot('b', [L('a', 5 * MB)]), snapshot('h', [])));
    expect(md).toContain('layerdiff: -5 MB (-100%) vs base, 0/0 layers reused (100% of bytes)');
    expect(md).toContain('| 🗑️ removed | (was 1) | `RUN make a` | 5 MB (1.67 MB) |  | **-5 MB** (-1.67 MB) |');
    expectSoundTables(md);
  });

  it('deep scan: files under each layer, wasted space and hints', () => {
    const deepReport = withDeep(report(typicalBase, typicalHead, parseBudgetLines('max-wasted: 10MB\nmin-efficiency: 95%', 'b')));
    const md = renderMarkdown(deepReport, { commentKey: 'deep', topFiles: 3 });
    expect(md).toContain(
      '<details><summary>Layer 3 <code>RUN apt-get update &amp;&amp; apt-get install -y curl ca-certificates imagemagick &amp;&amp; rm…</code>: 12 added, 1 removed, 2 grown</summary>',
    );
    expect(md).toContain('_… 12 more file changes (see the JSON report)_');
    expect(md).toContain('#### Wasted space');
    expect(md).toContain('**12.5 MB** reclaimable');
    expect(md).toContain('efficiency 96%');
    expect(md).toContain(
      '- 💡 **9 MB** at stake: 9 MB of apt package lists left in this layer: add `&& rm -rf /var/lib/apt/lists/*` to the same RUN as `apt-get install`. Deleting them in a later layer does not shrink the image. (layer 3: `RUN apt-get update',
    );
    expect(md).toContain('- 💡 **3.5 MB** at stake: local files such as `/app/node_modules/.cache/x` (3.5 MB) were copied in: add a .dockerignore');
    // changes, files of layer 3, unchanged, budgets, wasted paths.
    expect(expectSoundTables(md)).toEqual([5, 5, 3, 3, 2, 2]); // the layer bars (trend-chart.ts) first
    expect(md).toMatchSnapshot();
  });
});

/** The report as the engine leaves it after a deep scan: files on rows, deep figures, budgets evaluated again. */
function withDeep(r: Report): Report {
  const files: FileChanges = {
    added: 12,
    removed: 1,
    grown: 2,
    shrunk: 0,
    modified: 0,
    changes: [
      { path: '/usr/lib/x86_64-linux-gnu/libMagickCore-6.Q16.so.6.0.0', change: 'added', baseSize: null, headSize: 4_200_000, delta: 4_200_000 },
      {
        path: '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
        change: 'grown',
        baseSize: 8_000_000,
        headSize: 9_000_000,
        delta: 1_000_000,
      },
      { path: '/usr/share/doc/a|b `odd` name', change: 'removed', baseSize: 1200, headSize: null, delta: -1200 },
      ...Array.from({ length: 12 }, (_, i) => ({
        path: `/usr/share/imagemagick/file${i}.xml`,
        change: 'added' as const,
        baseSize: null,
        headSize: 1000 + i,
        delta: 1000 + i,
      })),
    ],
  };
  const layers = r.layers.map((row) => (row.head?.index === 2 ? { ...row, files } : row));
  const deep: DeepReport = {
    waste: {
      wastedBytes: 12_500_000,
      efficiency: 0.96,
      paths: [
        { path: '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4', wastedBytes: 9_000_000, layers: [2] },
        { path: '/app/node_modules/.cache', wastedBytes: 3_500_000, layers: [5, 7] },
      ],
    },
    hints: [
      {
        id: 'apt-lists',
        layerIndex: 2,
        createdBy: typicalHead.layers[2]?.createdBy ?? null,
        bytes: 9_000_000,
        message: 'apt lists left in the layer: clean them in the same RUN',
      },
      {
        id: 'dockerignore',
        layerIndex: 7,
        createdBy: 'COPY . . # buildkit',
        bytes: 3_500_000,
        paths: ['/app/node_modules/.cache/x'],
        message: 'node_modules/.cache copied into the image: add a .dockerignore',
      },
    ],
  };
  const withFiles = { ...r, layers, deep };
  const budgets = evaluateBudgets(rulesOf(r), withFiles);
  return { ...withFiles, budgets, verdict: worstVerdict(budgets) };
}

function rulesOf(r: Report): BudgetRule[] {
  return r.budgets.map((b) => parseBudgetRule(b.rule, String(b.limit), 'test'));
}

describe('renderSnapshotMarkdown', () => {
  it('lists the layers with both measures', () => {
    const md = renderSnapshotMarkdown(typicalHead);
    expect(md).toContain('### layerdiff: `registry.example/app:pr-42`: 319 MB (106 MB compressed) in 8 layers');
    expect(expectSoundTables(md)).toEqual([8]);
  });
  it('an empty image', () => {
    expect(renderSnapshotMarkdown(snapshot('e', []))).toContain('The image has no layers.');
  });
});
