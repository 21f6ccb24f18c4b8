/**
 * Terminal colour (src/report/colour.ts, the text renderer, the CLI's decision) and progress units.
 * The oracle for layout: the coloured text with its SGR codes removed is the plain text, byte for byte.
 */
/* eslint-disable no-control-regex -- ANSI escape codes and control characters are what these tests look for */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { ansi, colourChoice, deltaTone, parseColourMode } from '../../src/report/colour.js';
import { eventText } from '../../src/report/progress-text.js';
import { formatBytes } from '../../src/report/format.js';
import { renderText } from '../../src/report/text.js';
import { HOSTILE_STRINGS, poison, richReport } from './report-hostile.js';
import { report, typicalBase, typicalHead } from './report-fixtures.js';

// layerdiff's own SGR codes: red, green, yellow, default colour, dim, bold, normal intensity.
const OWN_SGR = /\x1b\[(?:31|32|33|39|2|1|22)m/g;
const stripOwn = (text: string) => text.replace(OWN_SGR, '');

describe('when to colour (colourChoice)', () => {
  const tty = { isTty: true, env: {} };
  const pipe = { isTty: false, env: {} };
  it.each([
    ['a terminal', 'auto', tty, true],
    ['a pipe', 'auto', pipe, false],
    ['NO_COLOR=1 on a terminal', 'auto', { isTty: true, env: { NO_COLOR: '1' } }, false],
    ['NO_COLOR=0 (any non-empty value) on a terminal', 'auto', { isTty: true, env: { NO_COLOR: '0' } }, false],
    ['an empty NO_COLOR on a terminal', 'auto', { isTty: true, env: { NO_COLOR: '' } }, true],
    ['FORCE_COLOR=1 on a pipe', 'auto', { isTty: false, env: { FORCE_COLOR: '1' } }, true],
    ['FORCE_COLOR=0 on a terminal', 'auto', { isTty: true, env: { FORCE_COLOR: '0' } }, false],
    ['NO_COLOR and FORCE_COLOR', 'auto', { isTty: false, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, false],
    ['TERM=dumb on a terminal', 'auto', { isTty: true, env: { TERM: 'dumb' } }, false],
    ['--color always on a pipe with NO_COLOR (the flag wins)', 'always', { isTty: false, env: { NO_COLOR: '1' } }, true],
    ['--color never on a terminal', 'never', tty, false],
  ] as const)('%s', (_, mode, where, expected) => {
    expect(colourChoice(mode, where)).toBe(expected);
  });

  it('--color takes auto, always, never', () => {
    expect(parseColourMode(undefined, '--color')).toBe('auto');
    expect(parseColourMode('Always', '--color')).toBe('always');
    expect(() => parseColourMode('yes', '--color')).toThrow(/--color: "yes" is not one of auto, always, never/);
    expect(() => parseColourMode('\x1b[31m', '--color')).toThrow(/\\u001B\[31m/);
  });
});

describe('the coloured text report', () => {
  const r = report(typicalBase, typicalHead);

  it('is the plain report plus colour codes, nothing moved', () => {
    const plain = renderText(r, { width: 120 });
    const coloured = renderText(r, { width: 120, colour: true });
    expect(plain).not.toContain('\x1b');
    expect(coloured).not.toBe(plain);
    expect(stripOwn(coloured)).toBe(plain);
  });

  it('growth red, unchanged rows dim, the verdict by status', () => {
    const coloured = renderText(r, { width: 120, colour: true });
    const rows = coloured.split('\n');
    expect(rows.find((l) => stripOwn(l).startsWith('changed'))).toMatch(/^\x1b\[31mchanged\x1b\[39m/);
    expect(rows.find((l) => stripOwn(l).startsWith('added'))).toMatch(/\x1b\[31m\+8 MB\x1b\[39m/);
    expect(rows.find((l) => stripOwn(l).startsWith('unchanged'))).toMatch(/^\x1b\[2munchanged\x1b\[22m/);
    expect(rows.find((l) => l.startsWith('Total:'))).toContain('\x1b[31m+46.3 MB, +17%\x1b[39m');
    expect(coloured).toContain('Verdict: \x1b[32mPASS\x1b[39m');
    const shrink = renderText(report(typicalHead, typicalBase), { colour: true });
    expect(shrink).toContain('\x1b[32m-46.3 MB');
  });

  it('budgets coloured by status', () => {
    const coloured = renderText(richReport(), { width: 140, colour: true });
    expect(coloured).toMatch(/\x1b\[31mFAIL\x1b\[39m/);
    expect(coloured).toContain('Verdict: \x1b[31mFAIL\x1b[39m');
    expect(stripOwn(coloured)).toBe(renderText(richReport(), { width: 140 }));
  });

  it.each(HOSTILE_STRINGS.filter((s) => s !== '').map((s) => [JSON.stringify(s.slice(0, 40)), s]))(
    'no foreign escape or control character reaches the terminal with colour on: %s (hostile)',
    (_, value) => {
      for (const variant of ['strings', 'enums'] as const) {
        const coloured = renderText(poison(richReport(), value, variant), { width: 120, colour: true });
        const rest = stripOwn(coloured);
        // After layerdiff's own codes are removed, no escape and no control character but line feeds.
        expect(rest).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
        expect(rest).not.toContain('##[');
      }
    },
  );

  it('the painter shows the invisible characters of what it is given', () => {
    expect(ansi('a\x1b[2Jb', 'bad')).toBe('\x1b[31ma\\u001B[2Jb\x1b[39m');
    expect(ansi('x', null)).toBe('x');
    expect(deltaTone(Number.NaN)).toBeNull();
  });
});

describe('the CLI decides', () => {
  function io(over: Partial<CliIo>): CliIo & { out: string } {
    const cli: CliIo & { out: string } = {
      out: '',
      stderrIsTty: false,
      columns: 120,
      env: {},
      stdout(text: string) {
        cli.out += text;
      },
      stderr() {},
      ...over,
    };
    return cli;
  }
  const args = (...more: string[]) => ['diff', 'snapshot:__tests__/fixtures/missing.json', 'x', ...more];

  it('refuses an unknown --color before opening anything', async () => {
    const err: string[] = [];
    const code = await main(args('--color', 'rainbow'), io({ stderr: (t) => void err.push(t) }));
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/--color: "rainbow" is not one of auto, always, never/);
  });
});

describe('progress lines use the tables units', () => {
  it('measuring and decompressed bytes read like the tables (formatBytes)', () => {
    expect(eventText({ kind: 'measuring', image: 'a.tar', layer: 1, of: 2, storedBytes: 38_200_000 })).toBe('measuring layer 1/2 (38.2 MB blob) of a.tar');
    expect(eventText({ kind: 'decompressed', image: 'a.tar', layer: 1, of: 2, bytes: 64 * 1024 * 1024 })).toBe(
      `${formatBytes(64 * 1024 * 1024)} decompressed: layer 1/2 of a.tar`,
    );
    expect(eventText({ kind: 'decompressed', image: 'a.tar', layer: 1, of: 2, bytes: 67_108_864 })).toContain('67.1 MB');
  });
});
