/**
 * `--platform all` on an OCI layout whose index declares hostile platform words (os, architecture,
 * variant are any string of up to 128 characters): the platform names reach the Markdown comment
 * and the terminal only through src/report/escape.ts. The layout is written here, in a temp dir.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiReport } from '../../src/core/multi-report.js';
import { runCli } from '../helpers/cli-io.js';
import { buildTar } from '../helpers/tar-builder.js';
import { gfmHtml, hasCmarkGfm, htmlTags, linkableText } from './report-gfm.js';

const digest = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Platform words an index may carry (each at most 128 characters). */
const HOSTILE_WORDS = [
  '@someuser <img src=x onerror=alert(1)>',
  '<!-- layerdiff:default --> </details>',
  'fixes #1234 [x](javascript:alert(1))',
  'a | b`c\u202Eexe\u0007\r\nx',
];

let dir = '';

async function writeLayout(root: string, platforms: Array<{ os: string; architecture: string; variant?: string }>): Promise<void> {
  await mkdir(path.join(root, 'blobs', 'sha256'), { recursive: true });
  const put = async (bytes: Buffer | string) => {
    const d = digest(bytes);
    await writeFile(path.join(root, 'blobs', 'sha256', d.slice(7)), bytes);
    return { digest: d, size: Buffer.byteLength(bytes) };
  };
  const manifests = [];
  for (const [i, platform] of platforms.entries()) {
    const layer = buildTar([{ path: `file${i}.txt`, body: `platform ${i}\n` }]);
    const l = await put(layer);
    const config = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [l.digest] }, history: [{ created_by: `COPY ${platform.os}` }] });
    const c = await put(config);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...c },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l }],
    });
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...(await put(manifest)), platform });
  }
  await writeFile(path.join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(path.join(root, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-platforms-hostile-'));
  await writeLayout(
    path.join(dir, 'base'),
    HOSTILE_WORDS.map((word) => ({ os: word, architecture: 'amd64' })),
  );
  await writeLayout(
    path.join(dir, 'head'),
    HOSTILE_WORDS.map((word, i) => (i === 0 ? { os: 'linux', architecture: word, variant: word } : { os: word, architecture: 'amd64' })),
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('--platform all with hostile platform words', () => {
  it('keeps them as data in the JSON (hostile: platform names from an index)', async () => {
    const { code, out } = await runCli('diff', `oci:${dir}/base`, `oci:${dir}/head`, '--platform', 'all', '-f', 'json', '-q');
    expect(code).toBe(0);
    const multi = JSON.parse(out) as MultiReport;
    expect(multi.images.map((i) => i.platform)).toEqual([
      `linux/${HOSTILE_WORDS[0]}/${HOSTILE_WORDS[0]}`,
      ...HOSTILE_WORDS.slice(1).map((w) => `${w}/amd64`),
      `${HOSTILE_WORDS[0]}/amd64`,
    ]);
    expect(multi.images.map((i) => i.change ?? null)).toEqual(['added', null, null, null, 'removed']);
  });

  it.skipIf(!hasCmarkGfm)('renders them inert in Markdown: no tag, link, mention or marker (hostile: platform names in the comment)', async () => {
    const { code, out } = await runCli('diff', `oci:${dir}/base`, `oci:${dir}/head`, '--platform', 'all', '-f', 'markdown', '-q');
    expect(code).toBe(0);
    expect(out).not.toContain('<!--');
    const html = gfmHtml(out);
    for (const tag of htmlTags(html))
      expect(['h3', 'h4', 'p', 'sub', 'br', 'strong', 'em', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'ul', 'li']).toContain(
        tag.name,
      );
    expect(html).not.toMatch(/<a\s/i);
    for (const text of linkableText(html)) {
      expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/);
      expect(text).not.toMatch(/javascript:/i);
    }
  });

  it('lists them inert in the one-line error for a platform neither image has (hostile: platform names in an error)', async () => {
    const { code, err } = await runCli('diff', `oci:${dir}/base`, `oci:${dir}/head`, '--platform', 'linux/s390x,linux/ppc64le', '-q');
    expect(code).toBe(2);
    expect(err.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(err).toContain('no image for platform linux/s390x; available: ');
    // eslint-disable-next-line no-control-regex -- the test asserts no control character reaches the output
    expect(err.trimEnd()).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
  });

  it('renders them without control characters on the terminal (hostile: platform names in text output)', async () => {
    const { code, out } = await runCli('diff', `oci:${dir}/base`, `oci:${dir}/head`, '--platform', 'all', '-q');
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the test asserts no control character reaches the output
    expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
  });
});
