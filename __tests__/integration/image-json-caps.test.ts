/**
 * Image JSON read from archives is held to the one cap table (src/schema/json-input.ts JsonCap):
 * a config may be up to 8 MiB in an archive, as from a registry (the archive store used to refuse
 * anything over 4 MiB), and a larger one is refused in one line naming it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonCap } from '../../src/schema/json-input.js';
import { openImage } from '../../src/sources/open.js';
import { errorOf } from '../helpers/error-of.js';
import { gzipSync } from 'node:zlib';
import { layerTar, ociArchive } from '../helpers/image-tar-builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'layerdiff-caps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An OCI archive whose config is about `bytes` long (one long history entry). */
function archiveWithConfigOf(bytes: number, name: string, gzip = false): string {
  const layer = layerTar({ 'a.txt': 'a' });
  const { tar } = ociArchive({ layers: [layer], history: [{ created_by: 'x'.repeat(bytes) }] });
  const file = path.join(dir, name);
  writeFileSync(file, gzip ? gzipSync(tar) : tar);
  return file;
}

describe('config size cap in archives', () => {
  it.each([false, true])('reads a 6 MiB config, as a registry would (gzip: %s)', async (gzip) => {
    const file = archiveWithConfigOf(6 * 1024 * 1024, `six-${gzip}.tar${gzip ? '.gz' : ''}`, gzip);
    const handle = await openImage(file);
    expect(handle.config.history?.[0]?.created_by).toHaveLength(6 * 1024 * 1024);
    await handle.close();
  });

  it('refuses a config over JsonCap.config in one line naming it (hostile: huge config)', async () => {
    const file = archiveWithConfigOf(JsonCap.config + 1, 'nine.tar');
    expect(await errorOf(openImage(file))).toMatch(new RegExp(`^${file}: config sha256:[0-9a-f]{64} is too large \\(\\d+ bytes, limit ${JsonCap.config}\\)$`));
  });
});
