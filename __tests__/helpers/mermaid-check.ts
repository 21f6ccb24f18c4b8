/**
 * Mermaid's own parser and renderer on layerdiff's diagrams: the `mermaid` package's browser bundle
 * (dist/mermaid.min.js, a devDependency) loaded from file:// into headless Chromium (Debian's
 * `chromium`). Under Node, `mermaid.parse()` needs a DOM (DOMPurify) for an xychart's texts, so a
 * real browser is the honest parser, and it can render the SVG and a screenshot to look at.
 */
import { execFile, execFileSync } from 'node:child_process';
import { HEADLESS_CHROMIUM_FLAGS } from '../../scripts/headless-chromium.mjs';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root.js';

const run = promisify(execFile);

/** The mermaid package's self-contained browser bundle, or null when the package is not installed. */
export function mermaidBundle(): string | null {
  try {
    const manifest = createRequire(path.join(repoRoot, 'package.json')).resolve('mermaid/package.json');
    const bundle = path.join(path.dirname(manifest), 'dist', 'mermaid.min.js');
    return existsSync(bundle) ? bundle : null;
  } catch {
    return null;
  }
}

export function chromiumPath(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      // next name
    }
  }
  return null;
}

/** Why the Mermaid check cannot run here, or null when it can. */
export function mermaidCheckMissing(): string | null {
  if (mermaidBundle() === null) return 'the mermaid devDependency is not installed (npm install --save-dev mermaid)';
  if (chromiumPath() === null) return 'chromium is not installed (scripts/install-test-deps.sh)';
  return null;
}

export interface MermaidOutcome {
  ok: boolean;
  /** Mermaid's error message when it refused the text. */
  error?: string;
  /** The diagram type Mermaid detected (`xychart`). */
  type?: string;
  /** The rendered SVG's text nodes (title, axis labels). */
  texts?: string[];
  /** Counts of drawn shapes in the SVG. */
  rects?: number;
  paths?: number;
}

const CHROMIUM_FLAGS = [...HEADLESS_CHROMIUM_FLAGS, '--virtual-time-budget=20000'];

function page(bundle: string, diagrams: readonly string[]): string {
  // JSON in a script element: `</` is written `<\/` so no text closes the element early.
  const data = JSON.stringify(diagrams).replace(/<\//g, '<\\/');
  return `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(bundle).href}"></script></head>
<body style="background:#fff;margin:8px;width:860px">
<script>
(async () => {
  const diagrams = ${data};
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (const [i, text] of diagrams.entries()) {
    try {
      const parsed = await mermaid.parse(text);
      const { svg } = await mermaid.render('diagram' + i, text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.body.append(holder);
      const texts = Array.from(holder.querySelectorAll('text'), (t) => t.textContent);
      results.push({ ok: true, type: parsed && parsed.diagramType, texts, rects: holder.querySelectorAll('rect').length, paths: holder.querySelectorAll('path').length });
    } catch (e) {
      results.push({ ok: false, error: String((e && e.message) || e) });
    }
  }
  const out = document.createElement('pre');
  out.style.fontSize = '1px';
  out.textContent = 'RESULT:' + btoa(unescape(encodeURIComponent(JSON.stringify(results)))) + ':END';
  document.body.append(out);
})();
</script></body></html>`;
}

/**
 * Parses and renders each diagram with Mermaid in headless Chromium; with `screenshot`, also writes
 * a PNG of the rendered page (900 px wide) there.
 */
export async function checkMermaid(diagrams: readonly string[], options: { screenshot?: string } = {}): Promise<MermaidOutcome[]> {
  const bundle = mermaidBundle();
  const chromium = chromiumPath();
  if (bundle === null || chromium === null) throw new Error(mermaidCheckMissing() ?? 'mermaid check unavailable');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-mermaid-'));
  try {
    const html = path.join(dir, 'page.html');
    await writeFile(html, page(bundle, diagrams));
    const url = pathToFileURL(html).href;
    const profile = (name: string) => `--user-data-dir=${path.join(dir, name)}`;
    const { stdout } = await run(chromium, [...CHROMIUM_FLAGS, profile('dump'), '--dump-dom', url], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    const match = /RESULT:([A-Za-z0-9+/=]+):END/.exec(stdout);
    if (!match) throw new Error(`chromium gave no result (page output ${stdout.length} bytes)`);
    if (options.screenshot) {
      await run(chromium, [...CHROMIUM_FLAGS, profile('shot'), '--window-size=900,1400', '--hide-scrollbars', `--screenshot=${options.screenshot}`, url], {
        timeout: 120_000,
      });
    }
    return JSON.parse(Buffer.from(match[1] as string, 'base64').toString('utf8')) as MermaidOutcome[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
