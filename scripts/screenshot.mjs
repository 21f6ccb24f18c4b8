#!/usr/bin/env node
/**
 * See the PR comment as a reviewer does: render layerdiff's Markdown through GitHub's renderer
 * (cmark-gfm with GitHub's extensions), style it with github-markdown-css, and take screenshots
 * with headless Chromium at PR-conversation width, light and dark.
 *
 *   npm run build && node scripts/screenshot.mjs [--out DIR] [--css DIR] [--case NAME]... [--width 900]
 *
 * Cases: `example` (examples/base.tar → head.tar, --deep), `trivy` (trivy-alpine-310 → 311 from the
 * shared real images), `failing` (the example pair with budgets that fail and warn), `many-added`
 * (a base and a head with 13 more layers, made as snapshot files), `trend` (the example pair, its
 * base snapshot carrying a history of four base-branch builds made with `snapshot --history-from
 * --commit --date`), `merged` (three images × two platforms, six `diff --name` legs and one
 * `merge`, rendered as the action's merged PR comment). Each case writes NAME.md (the comment
 * body), NAME-light/dark.html and NAME-light/dark.png, and prints the headline's line count and
 * the Mermaid charts drawn, measured in the browser (the headline must stay on one line, every
 * ```mermaid block must become a chart).
 *
 * ```mermaid blocks are drawn as GitHub draws them: the page loads node_modules/mermaid's bundle
 * and runs it on each block (GitHub's theme for the scheme), and the screenshot waits for the SVG.
 * The links are the action's kind (run and base run), made up: the CLI has none to give.
 *
 * Needs: dist/cli.js (npm run build), cmark-gfm and chromium (Debian packages), the CSS of the npm
 * package github-markdown-css (node_modules/github-markdown-css, or --css DIR holding
 * github-markdown-light.css and github-markdown-dark.css) and the npm package mermaid.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { HEADLESS_CHROMIUM_FLAGS } from './headless-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(os.tmpdir(), 'layerdiff-screenshots') },
    css: { type: 'string' },
    case: { type: 'string', multiple: true },
    width: { type: 'string', default: '900' },
    /** Also shoot every case with each <details> open (NAME-open-light.png): the tables a click shows. */
    open: { type: 'boolean', default: false },
    'real-images': { type: 'string', default: process.env.LAYERDIFF_REAL_IMAGES ?? path.join(root, '..', 'shared', 'fixtures', 'real-images') },
  },
});
const width = Number(values.width);
const out = path.resolve(values.out);
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'layerdiff-shot-'));
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) fail('dist/cli.js is missing: run `npm run build` first');

const cssDir = values.css ?? path.join(root, 'node_modules', 'github-markdown-css');
const css = (scheme) => {
  const file = path.join(cssDir, `github-markdown-${scheme}.css`);
  if (!existsSync(file)) fail(`${file} is missing: npm install --no-save github-markdown-css, or pass --css DIR`);
  return readFileSync(file, 'utf8');
};

const mermaidJs = path.join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
if (!existsSync(mermaidJs)) fail(`${mermaidJs} is missing: the npm package mermaid draws the trend chart`);

// The renderers from the sources, so the screenshots show the working tree's layout.
const bundle = path.join(scratch, 'renderers.mjs');
const entry = path.join(scratch, 'renderers.ts');
writeFileSync(
  entry,
  `export { renderMarkdown } from ${JSON.stringify(path.join(root, 'src', 'report', 'markdown.ts'))};\n` +
    `export { renderMultiMarkdown } from ${JSON.stringify(path.join(root, 'src', 'report', 'multi-markdown.ts'))};\n`,
);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
});
const { renderMarkdown, renderMultiMarkdown } = await import(pathToFileURL(bundle).href);

// Links as the action builds them (src/github/context.ts): server, repository, numeric run ids.
const links = {
  run: 'https://github.com/acme/shop/actions/runs/9876543210',
  base: 'https://github.com/acme/shop/actions/runs/9876500000',
};

const real = (name) => path.join(values['real-images'], name);
const cases = {
  example: () => report(['examples/base.tar', 'examples/head.tar', '--deep']),
  trivy: () => report([real('trivy-alpine-310.tar.gz'), real('trivy-alpine-311.tar.gz'), '--deep']),
  failing: () => report(['examples/base.tar', 'examples/head.tar', '--deep', '--max-growth', '0.5%', '--warn-cache-hit', '99%', '--max-size', '1GB']),
  'many-added': () => {
    const [base, head] = manyAddedSnapshots();
    return report([`snapshot:${base}`, `snapshot:${head}`, '--warn-growth', '20%']);
  },
  trend: () => report([`snapshot:${historySnapshot()}`, 'examples/head.tar', '--warn-growth', '5%']),
  merged: () => ({ multi: mergedReport() }),
};

const chosen = values.case ?? Object.keys(cases);
let wrapped = 0;
for (const name of chosen) {
  if (!cases[name]) fail(`unknown case ${name} (cases: ${Object.keys(cases).join(', ')})`);
  const made = cases[name]();
  const options = { detail: 'comment', commentKey: 'shop', links, maxLength: 65_536 - 40 };
  const markdown = made.multi ? renderMultiMarkdown(made.multi, options) : renderMarkdown(made, options);
  const blocks = markdown.split('\n').filter((l) => l === '```mermaid').length;
  writeFileSync(path.join(out, `${name}.md`), markdown);
  const views = [['light', false], ['dark', false], ...(values.open ? [['light', true]] : [])];
  for (const [scheme, open] of views) {
    const html = page(gfm(markdown), css(scheme), scheme, open);
    const htmlFile = path.join(out, `${name}${open ? '-open' : ''}-${scheme}.html`);
    writeFileSync(htmlFile, html);
    const { height, headlineLines, charts } = measure(htmlFile);
    const png = htmlFile.replace(/\.html$/, '.png');
    screenshot(htmlFile, png, height);
    if (headlineLines !== 1) wrapped++;
    if (charts !== blocks) fail(`${htmlFile}: ${blocks} mermaid block(s) but ${charts} chart(s) drawn`);
    console.log(`${png}: ${width}x${height}, headline on ${headlineLines} line(s), ${charts} chart(s)`);
  }
}
rmSync(scratch, { recursive: true, force: true });
if (wrapped > 0) fail(`${wrapped} screenshot(s) show a headline wrapped over more than one line`);

/** The report as the CLI computes it (exit 1, a failed budget, is a report too). */
function report(args) {
  const file = path.join(scratch, `report-${Math.random().toString(36).slice(2)}.json`);
  const run = spawnSync(process.execPath, [cli, 'diff', ...args, '-f', 'json', '-o', file, '-q'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) fail(`layerdiff diff ${args.join(' ')}: ${run.stderr.trim()}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The example base as four base-branch builds, each snapshot carrying the last one's history on. */
function historySnapshot() {
  let previous = null;
  const commits = ['3f9a1c2', '8b07d4e', 'c41e9a0', 'e2d5b71'].map((c) => c.padEnd(40, '0'));
  commits.forEach((commit, k) => {
    const file = path.join(scratch, `history-${k}.json`);
    const date = `2026-11-2${k + 1}T09:00:00Z`;
    // The base branch's image moved a little between builds: the example base, then the head's layers once.
    const image = k === 1 ? 'examples/head.tar' : 'examples/base.tar';
    cli_(['snapshot', image, '-o', file, '--commit', commit, '--date', date, ...(previous ? ['--history-from', previous] : [])]);
    previous = file;
  });
  return previous;
}

/**
 * Three images × two platforms: each leg a `diff --name` of made-up snapshots (a service image and
 * its arm64 twin), one leg failing a budget, merged by `layerdiff merge` as the final job does.
 */
function mergedReport() {
  const legs = [];
  const images = [
    { name: 'api', base: [77.8e6, 41.2e6, 12.4e6, 3.1e6], head: [77.8e6, 41.2e6, 19.9e6, 3.3e6], budget: ['--max-growth', '5MB'] },
    { name: 'web', base: [8.1e6, 52.4e6, 4.2e6], head: [8.1e6, 52.4e6, 4.05e6], budget: ['--max-growth', '5MB'] },
    { name: 'worker', base: [77.8e6, 96.4e6, 1.2e6], head: [77.8e6, 101.9e6, 1.25e6], budget: ['--warn-growth', '2%'] },
  ];
  for (const image of images) {
    for (const [platform, scale] of [
      ['linux/amd64', 1],
      ['linux/arm64', 0.93],
    ]) {
      const snap = (tag, sizes, salt) =>
        syntheticSnapshot(
          `ghcr.io/acme/${image.name}:${tag}`,
          platform,
          sizes.map((size, k) => ({ size: Math.round(size * scale), id: `${image.name}-${platform}-${k}-${size === image.base[k] ? 'same' : salt}` })),
        );
      const base = snap('main', image.base, 'b');
      const head = snap('pr-318', image.head, 'h');
      const leg = path.join(scratch, `leg-${image.name}-${platform.replace('/', '-')}.json`);
      cli_(['diff', `snapshot:${base}`, `snapshot:${head}`, '--name', image.name, ...image.budget, '-f', 'json', '-o', leg, '-q'], [0, 1]);
      legs.push(leg);
    }
  }
  const merged = path.join(scratch, 'merged.json');
  cli_(['merge', ...legs, '-f', 'json', '-o', merged, '-q'], [0, 1]);
  return JSON.parse(readFileSync(merged, 'utf8'));
}

/** A snapshot file of made-up layers (`id` names the layer: equal ids, equal diff_ids). */
function syntheticSnapshot(reference, platform, layers) {
  const hash = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const file = path.join(scratch, `synthetic-${Math.random().toString(36).slice(2)}.json`);
  const verbs = [
    'ADD rootfs.tar.gz / # buildkit',
    'RUN /bin/sh -c apt-get install -y --no-install-recommends libpq5 # buildkit',
    'COPY dist/ /srv/app/ # buildkit',
    'COPY config/ /etc/app/ # buildkit',
  ];
  writeFileSync(
    file,
    JSON.stringify({
      schema: 'layerdiff/snapshot@1',
      source: { type: 'registry', reference },
      platform,
      manifestDigest: hash(`m ${reference} ${platform}`),
      configDigest: hash(`c ${reference} ${platform}`),
      layers: layers.map((l, index) => ({
        index,
        diffId: hash(`d ${l.id}`),
        digest: hash(`g ${l.id}`),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        size: l.size,
        compressedSize: Math.round(l.size / 2.7),
        contentSize: null,
        createdBy: verbs[index % verbs.length],
        files: null,
      })),
    }),
  );
  return file;
}

/** Runs the built CLI; exits on a status outside `ok`. */
function cli_(args, ok = [0]) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  if (!ok.includes(run.status)) fail(`layerdiff ${args.join(' ')}: exit ${run.status}: ${(run.stderr ?? '').trim()}`);
  return run.stdout;
}

/** A base of 4 layers and a head that adds 13 (gzip-compressed, so the pull column shows). */
function manyAddedSnapshots() {
  const digest = (n) => `sha256:${n.toString(16).padStart(64, '0')}`;
  const layer = (index, n, size, createdBy) => ({
    index,
    diffId: digest(n),
    digest: digest(n + 0x1000),
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    size,
    compressedSize: Math.round(size / 2.7),
    contentSize: null,
    createdBy,
    files: null,
  });
  const common = [
    layer(0, 1, 77_800_000, '/bin/sh -c #(nop) ADD file:0a1b2c3d4e5f in / '),
    layer(1, 2, 0, '/bin/sh -c #(nop)  CMD ["bash"]'),
    layer(2, 3, 41_200_000, 'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates curl # buildkit'),
    layer(3, 4, 1_024, 'WORKDIR /srv'),
  ];
  const added = [
    ['COPY requirements.txt . # buildkit', 2_300],
    ['RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit', 96_400_000],
    ['RUN /bin/sh -c python -m compileall -q /usr/local/lib/python3.12 # buildkit', 14_100_000],
    ['COPY models/ /srv/models/ # buildkit', 61_000_000],
    ['COPY locale/ /srv/locale/ # buildkit', 3_800_000],
    ['RUN /bin/sh -c useradd --system --uid 10001 app # buildkit', 21_000],
    ['COPY --chown=app:app static/ /srv/static/ # buildkit', 8_700_000],
    ['COPY --chown=app:app src/ /srv/src/ # buildkit', 1_200_000],
    ['RUN /bin/sh -c python -m app.build_index --out /srv/index # buildkit', 22_500_000],
    ['ENV PORT=8080', 0],
    ['COPY entrypoint.sh /usr/local/bin/ # buildkit', 1_900],
    ['RUN /bin/sh -c chmod +x /usr/local/bin/entrypoint.sh # buildkit', 1_900],
    ['USER app', 0],
  ].map(([createdBy, size], k) => layer(4 + k, 100 + k, size, createdBy));
  const snapshot = (reference, layers) => ({
    schema: 'layerdiff/snapshot@1',
    source: { type: 'registry', reference },
    platform: 'linux/amd64',
    manifestDigest: digest(reference.length * 7919),
    configDigest: digest(reference.length * 104729),
    layers,
  });
  const base = path.join(scratch, 'many-base.json');
  const head = path.join(scratch, 'many-head.json');
  writeFileSync(base, JSON.stringify(snapshot('ghcr.io/acme/shop:main', common)));
  writeFileSync(head, JSON.stringify(snapshot('ghcr.io/acme/shop:pr-318', [...common, ...added])));
  return [base, head];
}

/** GitHub's renderer: cmark-gfm with the extensions GitHub enables; raw HTML kept (GitHub keeps the allowed tags). */
function gfm(markdown) {
  return execFileSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-t', 'html'], {
    input: markdown,
    encoding: 'utf8',
  });
}

/** A PR comment box: the markdown-body at the page's width, GitHub's padding, the theme's canvas. */
function page(body, stylesheet, scheme, open) {
  const canvas = scheme === 'dark' ? '#0d1117' : '#ffffff';
  const border = scheme === 'dark' ? '#3d444d' : '#d1d9e0';
  return `<!doctype html><html><head><meta charset="utf-8"><style>${stylesheet}
html, body { margin: 0; background: ${canvas}; }
.comment { box-sizing: border-box; width: ${width}px; border: 1px solid ${border}; border-radius: 6px; }
.markdown-body { box-sizing: border-box; padding: 16px; }
</style></head><body><div class="comment"><article class="markdown-body">${body}</article></div>
<script src="${pathToFileURL(mermaidJs).href}"></script>
<script>
  if (${open}) for (const d of document.querySelectorAll('details')) d.open = true;
  // GitHub draws a \`\`\`mermaid block as a chart: cmark-gfm writes <pre lang="mermaid"> or a language-mermaid class.
  const blocks = Array.from(document.querySelectorAll('pre[lang="mermaid"], pre > code.language-mermaid')).map((el) => (el.tagName === 'CODE' ? el.parentElement : el));
  const targets = blocks.map((pre) => {
    const div = document.createElement('div');
    div.className = 'mermaid';
    div.textContent = pre.textContent;
    pre.replaceWith(div);
    return div;
  });
  mermaid.initialize({ startOnLoad: false, theme: ${JSON.stringify(scheme === 'dark' ? 'dark' : 'default')} });
  const drawn = targets.length === 0 ? Promise.resolve() : mermaid.run({ nodes: targets });
  drawn.catch((e) => document.body.setAttribute('data-error', String(e))).finally(() => {
    const h = document.querySelector('.markdown-body h3');
    let lines = 0;
    if (h) {
      const range = document.createRange();
      range.selectNodeContents(h);
      lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.bottom))).size;
    }
    const charts = targets.filter((t) => t.querySelector('svg')).length;
    document.body.setAttribute('data-measure', JSON.stringify({ height: Math.ceil(document.querySelector('.comment').getBoundingClientRect().bottom), headlineLines: lines, charts }));
  });
</script></body></html>`;
}

function chromium(args) {
  const profile = mkdtempSync(path.join(scratch, 'profile-'));
  const flags = [...HEADLESS_CHROMIUM_FLAGS, '--hide-scrollbars', `--user-data-dir=${profile}`];
  const run = spawnSync('chromium', [...flags, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) fail(`chromium ${args.at(-1)}: exit ${run.status}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return run.stdout;
}

/** The page's height and the headline's line count, from the DOM after its script ran. */
function measure(htmlFile) {
  const dom = chromium([
    `--window-size=${width},800`,
    '--virtual-time-budget=8000',
    '--allow-file-access-from-files',
    '--dump-dom',
    pathToFileURL(htmlFile).href,
  ]);
  const match = /data-measure="([^"]*)"/.exec(dom);
  if (!match) fail(`no measurement in ${htmlFile}`);
  return JSON.parse(match[1].replace(/&quot;/g, '"'));
}

function screenshot(htmlFile, png, height) {
  chromium([
    `--window-size=${width},${height}`,
    '--virtual-time-budget=8000',
    '--allow-file-access-from-files',
    `--screenshot=${png}`,
    pathToFileURL(htmlFile).href,
  ]);
}

function fail(message) {
  console.error(`screenshot: ${message}`);
  process.exit(1);
}
