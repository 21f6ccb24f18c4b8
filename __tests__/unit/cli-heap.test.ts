import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('CLI heap', () => {
  // The ES facade of node:http reads every export of the module, which loads Node's bundled undici:
  // about 1.6 MB of heap in every run, and every full GC while layers stream (one per ~64 MB of
  // buffers) then costs more. Measured on the bench row "parallel size measurement": 31 full GCs
  // and +23% CPU over bare gunzip with it, 23 and +10% without. Types only, or createRequire.
  it('no value import of node:http in src/ (the ES facade loads undici)', () => {
    const offenders = sources('src').filter((file) => /^\s*import\s+(?!type\b)[^;]*from\s+['"](node:)?http['"]/m.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
