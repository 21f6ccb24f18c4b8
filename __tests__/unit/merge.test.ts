/**
 * Issue 13, part 2: reading and merging report files (`layerdiff merge`, the action's `report`
 * input with several files), and the bounded glob that finds them.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetLines } from '../../src/budgets/rules.js';
import { MULTI_REPORT_SCHEMA, multiReportOf } from '../../src/core/multi-report.js';
import { imageName, MAX_MERGE_BYTES, mergeInputs, readMergeInputs } from '../../src/merge.js';
import { parseMergeInputJson } from '../../src/schema/layerdiff-json.js';
import { expandGlob, segmentMatcher } from '../../src/sources/file-glob.js';
import { report, typicalBase, typicalHead } from './report-fixtures.js';

/** The message a call throws with. */
function errorOf(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const growth = parseBudgetLines('max-growth: 5%', 'b');
const failing = { ...report(typicalBase, typicalHead, growth), name: 'api' };
const passing = report(typicalBase, typicalBase, growth);

describe('mergeInputs (pure)', () => {
  it('names each image by its report name, else its head reference; flattens multi-reports; adds missing legs', () => {
    const twoPlatforms = multiReportOf([
      { name: 'web', platform: 'linux/amd64', report: passing },
      { name: 'web', platform: 'linux/arm64', report: { ...passing, head: { ...passing.head, platform: 'linux/arm64' } } },
    ]);
    const multi = mergeInputs(
      [
        { kind: 'report', report: failing },
        { kind: 'report', report: passing },
        { kind: 'multi', multi: twoPlatforms },
        { kind: 'missing', missing: { schema: 'layerdiff/missing-report@1', name: 'worker', error: 'build failed' } },
      ],
      ['cron'],
    );
    expect(multi.images.map((i) => [i.name, i.platform, i.verdict, i.error ?? null])).toEqual([
      ['api', 'linux/amd64', 'fail', null],
      ['registry.example/app:main', 'linux/amd64', 'pass', null],
      ['web', 'linux/amd64', 'pass', null],
      ['web', 'linux/arm64', 'pass', null],
      ['worker', '', 'fail', 'build failed'],
      ['cron', '', 'fail', 'the leg left no report (it failed before reporting)'],
    ]);
    expect(multi.verdict).toBe('fail');
    expect(multi.totals.delta.size).toBe(failing.totals.delta.size);
    expect(multi.totals.head.size).toBe(failing.totals.head.size + 3 * passing.totals.head.size);
    // Each image keeps its own report, untouched.
    expect(multi.images[0]?.report).toBe(failing);
  });

  it('tells two images of the same name and platform apart, never clashing with a given name', () => {
    const multi = mergeInputs([
      { kind: 'report', report: { ...passing, name: 'app' } },
      { kind: 'report', report: { ...passing, name: 'app' } },
      { kind: 'report', report: { ...passing, name: 'app (2)' } },
      { kind: 'report', report: { ...passing, name: 'app' } },
    ]);
    expect(multi.images.map((i) => i.name)).toEqual(['app', 'app (3)', 'app (2)', 'app (4)']);
  });

  it('computes the verdict and totals again instead of trusting a multi-report file (hostile: forged verdict)', () => {
    const forged = { ...multiReportOf([{ name: 'api', platform: 'linux/amd64', report: failing }]), verdict: 'pass' as const };
    forged.totals.delta.size = 0;
    const multi = mergeInputs([{ kind: 'multi', multi: forged }]);
    expect(multi.verdict).toBe('fail');
    expect(multi.totals.delta.size).toBe(failing.totals.delta.size);
  });

  it('imageName: a blank name falls back to the head reference', () => {
    expect(imageName({ ...passing, name: '  ' })).toBe('registry.example/app:main');
    expect(imageName({ ...passing, name: ' api ' })).toBe('api');
  });
});

describe('schemas/multi-report.schema.json', () => {
  it('is valid JSON Schema 2020-12, compiles in strict mode, and accepts what multiReportOf writes', async () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    for (const name of ['snapshot.schema.json', 'report.schema.json', 'multi-report.schema.json']) {
      const schema = JSON.parse(await readFile(`schemas/${name}`, 'utf8')) as { $schema: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      ajv.addSchema(schema);
    }
    const validate = ajv.getSchema('multi-report.schema.json')!;
    const multi = multiReportOf([
      { name: 'api', platform: 'linux/amd64', report: failing },
      { name: 'worker', platform: '', report: null, error: 'x' },
    ]);
    expect(validate(JSON.parse(JSON.stringify(multi))), JSON.stringify(validate.errors)).toBe(true);
    expect(ajv.getSchema('multi-report.schema.json#/$defs/missingReport')!({ schema: 'layerdiff/missing-report@1', name: 'worker' })).toBe(true);
  });
});

describe('parseMergeInputJson', () => {
  it('reads the three kinds and refuses anything else in one line naming the file', () => {
    expect(parseMergeInputJson(JSON.stringify(failing), 'a.json').kind).toBe('report');
    expect(parseMergeInputJson(JSON.stringify(multiReportOf([])), 'b.json').kind).toBe('multi');
    expect(parseMergeInputJson('{"schema":"layerdiff/missing-report@1","name":"x"}', 'c.json').kind).toBe('missing');
    expect(errorOf(() => parseMergeInputJson(JSON.stringify(typicalHead), 'snap.json')).message).toBe(
      'snap.json: not a layerdiff/report@1, layerdiff/multi-report@1 or layerdiff/missing-report@1 (schema "layerdiff/snapshot@1")',
    );
    expect(errorOf(() => parseMergeInputJson('{"schema":"layerdiff/missing-report@1"}', 'c.json')).message).toBe(
      'c.json: layerdiff/missing-report@1 is invalid at /name: is missing',
    );
    expect(errorOf(() => parseMergeInputJson('[', 'd.json')).message).toMatch(/^d\.json: report is not valid JSON/);
  });

  it("checks every entry's report of a multi-report like a report file (hostile: string where a size belongs)", () => {
    const multi = JSON.parse(JSON.stringify(multiReportOf([{ name: 'api', platform: 'linux/amd64', report: failing }]))) as {
      images: Array<{ report: { totals: { head: { size: unknown } } } }>;
    };
    multi.images[0]!.report.totals.head.size = '1';
    expect(errorOf(() => parseMergeInputJson(JSON.stringify(multi), 'm.json')).message).toBe(
      `m.json: ${MULTI_REPORT_SCHEMA} is invalid at /images/0/report/totals/head/size: must be a whole number, not a string`,
    );
  });

  it('refuses an image name longer than 200 characters (hostile: 1 MB name)', () => {
    expect(errorOf(() => parseMergeInputJson(JSON.stringify({ ...failing, name: 'x'.repeat(1_000_000) }), 'a.json')).message).toMatch(
      /^a\.json: layerdiff\/report@1 is invalid at \/name: /,
    );
  });
});

describe('readMergeInputs and expandGlob (files)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-merge-'));
    for (const leg of ['api', 'web', 'worker']) {
      await mkdir(path.join(dir, 'reports', `layerdiff-report-${leg}`), { recursive: true });
      await writeFile(path.join(dir, 'reports', `layerdiff-report-${leg}`, 'report.json'), JSON.stringify({ ...passing, name: leg }));
    }
    await mkdir(path.join(dir, 'reports', '.hidden'), { recursive: true });
    await writeFile(path.join(dir, 'reports', '.hidden', 'report.json'), '{}');
    await writeFile(path.join(dir, 'outside.json'), JSON.stringify(passing));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds what download-artifact with merge-multiple leaves, sorted, skipping dot directories', async () => {
    const found = await expandGlob('reports/**/report.json', { cwd: dir, maxFiles: 256, subject: 'report: reports/**/report.json' });
    expect(found.map((f) => path.relative(dir, f))).toEqual(
      ['api', 'web', 'worker'].map((leg) => path.join('reports', `layerdiff-report-${leg}`, 'report.json')),
    );
    const star = await expandGlob(`${dir}/reports/*/report.json`, { cwd: '/', maxFiles: 256, subject: 's' });
    expect(star).toEqual(found);
    const inputs = await readMergeInputs(found.map((f) => ({ path: f, subject: f })));
    expect(mergeInputs(inputs).images.map((i) => i.name)).toEqual(['api', 'web', 'worker']);
  });

  it('says when nothing matches, or too much does', async () => {
    await expect(expandGlob('reports/**/nothing.json', { cwd: dir, maxFiles: 256, subject: 'report: x' })).rejects.toThrow('report: x: no file matches');
    await expect(expandGlob('absent/*.json', { cwd: dir, maxFiles: 256, subject: 'report: y' })).rejects.toThrow(
      'report: y: no file matches (absent does not exist)',
    );
    await expect(expandGlob('reports/**/report.json', { cwd: dir, maxFiles: 2, subject: 'report: z' })).rejects.toThrow('report: z: matches more than 2 files');
  });

  it('never follows a symbolic link out of the pattern directory (hostile: artifact linking to another file)', async () => {
    const evil = path.join(dir, 'evil');
    await mkdir(path.join(evil, 'leg'), { recursive: true });
    await symlink(path.join(dir, 'outside.json'), path.join(evil, 'leg', 'report.json'));
    await expect(expandGlob('evil/**/*.json', { cwd: dir, maxFiles: 256, subject: 'report: evil/**/*.json' })).rejects.toThrow(
      `report: evil/**/*.json: ${path.join(evil, 'leg', 'report.json')}: a symbolic link out of the pattern’s directory (refused)`,
    );
    // A linked directory is not walked at all.
    const walk = path.join(dir, 'walk');
    await mkdir(walk, { recursive: true });
    await symlink(path.join(dir, 'reports'), path.join(walk, 'linked'));
    await expect(expandGlob('walk/**/report.json', { cwd: dir, maxFiles: 256, subject: 'report: w' })).rejects.toThrow('report: w: no file matches');
    // A link to a file inside the directory is read as that file.
    const inner = path.join(dir, 'inner');
    await mkdir(inner, { recursive: true });
    await writeFile(path.join(inner, 'real.json'), '{}');
    await symlink(path.join(inner, 'real.json'), path.join(inner, 'alias.json'));
    expect(await expandGlob('inner/*.json', { cwd: dir, maxFiles: 256, subject: 'i' })).toEqual([path.join(inner, 'real.json')]);
  });

  it('refuses more files than a merge reads, and more bytes than one report may hold in all (hostile: size)', async () => {
    const many = Array.from({ length: 257 }, (_, i) => ({ path: path.join(dir, 'outside.json'), subject: `r${i}.json` }));
    await expect(readMergeInputs(many)).rejects.toThrow('r256.json: more than 256 report files to merge');
    const big = path.join(dir, 'big.json');
    await writeFile(big, JSON.stringify(passing) + ' '.repeat(Math.floor(MAX_MERGE_BYTES / 2) + 10));
    await expect(
      readMergeInputs([
        { path: big, subject: 'a.json' },
        { path: big, subject: 'b.json' },
      ]),
    ).rejects.toThrow(/^b\.json: file is too large \(\d+ bytes, limit \d+; the merged files may hold 33554432 bytes in all\)$/);
  });

  it('segmentMatcher: * and ? stay within a name and skip dot names', () => {
    expect(segmentMatcher('*.json')('report.json')).toBe(true);
    expect(segmentMatcher('*.json')('.report.json')).toBe(false);
    expect(segmentMatcher('.*.json')('.report.json')).toBe(true);
    expect(segmentMatcher('r?port.json')('report.json')).toBe(true);
    expect(segmentMatcher('[a].json')('a.json')).toBe(false);
    expect(segmentMatcher('[a].json')('[a].json')).toBe(true);
  });
});
