/**
 * The wording of package attribution (`LayerRow.packages`, a deep scan of an image with a package
 * database): per changed or added layer, the packages it added, removed, upgraded or downgraded with
 * their byte delta, largest first, and the bytes no package owns. Markdown (the comment, the job
 * summary) and plain text (the terminal). Every name and version is foreign: through escape.ts.
 */
import type { LayerRow, PackageChange, PackageChanges } from '../core/report.js';
import { FIELD_MAX, htmlCode, htmlEscape, mdCode, numberText, terminalText } from './escape.js';
import { formatBytesDelta, layerNumber, truncate } from './format.js';
import { normaliseCreatedBy } from '../diff/instruction.js';

const CHANGE_WORD: Record<PackageChange['change'], string> = {
  added: 'added',
  removed: 'removed',
  upgraded: 'upgraded',
  downgraded: 'downgraded',
  changed: 'changed',
};
const MANAGERS = new Set(['dpkg', 'apk', 'npm', 'python']);
const INSTRUCTION_WIDTH = 60;

/** A field read from a report file may be anything: a known word, else the escaped value. */
function word(table: Record<string, string>, value: unknown): string | null {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value) ? table[value]! : null;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function sumDelta(p: PackageChanges): number {
  return p.changes.reduce((s, c) => s + (Number.isFinite(c.delta) ? c.delta : 0), 0);
}

/** Rows worth a package list: changed or added with a package change or "other" bytes. */
function withPackages(rows: readonly LayerRow[]): LayerRow[] {
  return rows.filter((r) => r.packages && Array.isArray(r.packages.changes) && (r.packages.changes.length > 0 || r.packages.otherDelta !== 0));
}

/** `+8.3 MB` `gcc-12` `12.2.0-14` (dpkg, added): one Markdown list item. */
export function packageChangeMarkdown(c: PackageChange): string {
  const name = mdCode(c.name, { max: FIELD_MAX.identifier });
  const base = c.baseVersion === null ? '' : mdCode(c.baseVersion, { max: FIELD_MAX.identifier });
  const head = c.headVersion === null ? '' : mdCode(c.headVersion, { max: FIELD_MAX.identifier });
  const version = c.change === 'added' ? head : c.change === 'removed' ? base : [base, head].filter((v) => v !== '').join(' → ');
  const manager = MANAGERS.has(c.manager) ? c.manager : mdCode(c.manager, { max: FIELD_MAX.identifier });
  const change = word(CHANGE_WORD, c.change) ?? mdCode(c.change, { max: FIELD_MAX.identifier });
  return `- **${formatBytesDelta(c.delta)}** ${name} ${version} (${manager}, ${change})`;
}

export interface PackageSectionOptions {
  /** Packages listed per layer (largest first). */
  top: number;
  /** Layers with package changes listed at most (the rest counted in one line). */
  maxLayers?: number;
  /** The first this many layer blocks are open; the rest folded (the PR comment stays short). */
  openLayers?: number;
  /** The line for what is left out, with where to find it (the renderer's links). */
  more?: (hidden: number, what: string) => string;
}

const seeJson = (hidden: number, what: string) => `_… ${numberText(hidden)} more ${what} (see the JSON report)_`;

/**
 * A "Packages" section: one block per changed or added layer that carries package changes, its top
 * `top` packages listed, the first `openLayers` open; [] when no row has any.
 */
export function packageSectionsMarkdown(rows: readonly LayerRow[], options: PackageSectionOptions): string[] {
  const { top, maxLayers = Number.POSITIVE_INFINITY, openLayers = Number.POSITIVE_INFINITY, more = seeJson } = options;
  const all = withPackages(rows);
  const shown = all.slice(0, maxLayers);
  if (shown.length === 0 || top <= 0) return [];
  const blocks = shown.map((row, k) => {
    const p = row.packages!;
    const listed = p.changes.slice(0, top);
    const hidden = p.changes.length - listed.length + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
    const createdBy = row.head?.createdBy ?? null;
    const instruction = normaliseCreatedBy(typeof createdBy === 'string' ? createdBy : null);
    const count = p.changes.length + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
    const summary = `Layer ${htmlEscape(layerNumber(row))}${instruction ? ` ${htmlCode(instruction, { max: INSTRUCTION_WIDTH })}` : ''}: ${formatBytesDelta(sumDelta(p))} in ${numberText(count)} ${plural(count, 'package')}, ${formatBytesDelta(p.otherDelta)} in files no package owns`;
    const items = listed.map(packageChangeMarkdown);
    if (hidden > 0) items.push(`- ${more(hidden, plural(hidden, 'package'))}`);
    items.push(`- **${formatBytesDelta(p.otherDelta)}** in files no package owns`);
    return `<details${k < openLayers ? ' open' : ''}><summary>${summary}</summary>\n\n${items.join('\n')}\n\n</details>`;
  });
  const left = all.length - shown.length;
  return ['#### Packages', ...blocks, ...(left > 0 ? [more(left, `${plural(left, 'layer')} with package changes`)] : [])];
}

/** Lines under a layer row in the terminal table: its top packages and "other". */
export function packageTextLines(row: LayerRow, top: number, width: number): string[] {
  const p = row.packages;
  if (!p || !Array.isArray(p.changes) || top <= 0 || (p.changes.length === 0 && p.otherDelta === 0)) return [];
  const lines = p.changes.slice(0, top).map((c) => {
    const base = c.baseVersion === null ? '' : terminalText(c.baseVersion, FIELD_MAX.identifier);
    const head = c.headVersion === null ? '' : terminalText(c.headVersion, FIELD_MAX.identifier);
    const version = c.change === 'added' ? head : c.change === 'removed' ? base : [base, head].filter((v) => v !== '').join(' -> ');
    const change = word(CHANGE_WORD, c.change) ?? terminalText(c.change, FIELD_MAX.identifier);
    return truncate(
      `    ${formatBytesDelta(c.delta).padStart(10)}  ${change.padEnd(10)} ${terminalText(c.name, FIELD_MAX.identifier)} ${version} (${terminalText(c.manager, FIELD_MAX.identifier)})`,
      width,
    );
  });
  const hidden = p.changes.length - Math.min(top, p.changes.length) + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
  if (hidden > 0) lines.push(`    … ${hidden} more package changes (see --format json)`);
  lines.push(truncate(`    ${formatBytesDelta(p.otherDelta).padStart(10)}  other      files no package owns`, width));
  return lines;
}
