import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A temp folder removed after the file's tests, and `file(bytes)` writing each input into it under a fresh name. */
export function scratchFiles(prefix: string): { work: string; file: (bytes: Buffer, name?: string) => string } {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let counter = 0;
  const file = (bytes: Buffer, name = `input-${++counter}.tar`): string => {
    const p = path.join(work, name);
    writeFileSync(p, bytes);
    return p;
  };
  return { work, file };
}
