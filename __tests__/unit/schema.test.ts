/**
 * The JSON input guards (src/schema/): the published schemas are valid draft 2020-12, the size and
 * nesting caps hold before parsing, and validateReport never lets a string pass for a number.
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLayerdiffError } from '../../src/errors.js';
import { validateImageConfig, validateImageIndex, validateImageManifest } from '../../src/schema/image-json.js';
import { JsonCap, MAX_JSON_DEPTH, MAX_LAYERS, maxNesting, parseJsonBounded } from '../../src/schema/json-input.js';
import { parseReportJson, validateReport, validateSnapshotInput } from '../../src/schema/layerdiff-json.js';
import { passingBudget, sampleReport } from './github-fixtures.js';

/** Depth of a parsed JSON value, counted the way maxNesting counts brackets. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child)), 0);
}

/** JSON pointers of every number in a value (RFC 6901 escaping). */
function numberPointers(value: unknown, pointer = ''): string[] {
  if (typeof value === 'number') return [pointer];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => numberPointers(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

function setAt(root: unknown, pointer: string, replacement: unknown): void {
  const keys = pointer.split('/').slice(1);
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = replacement;
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isLayerdiffError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('published schemas', () => {
  it('are valid JSON Schema 2020-12 and compile in strict mode', async () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    for (const name of ['snapshot.schema.json', 'report.schema.json']) {
      const schema = JSON.parse(await readFile(`schemas/${name}`, 'utf8')) as { $schema: string; $id: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      ajv.addSchema(schema);
    }
    expect(ajv.getSchema('report.schema.json')).toBeTypeOf('function');
  });

  it('accept the fixture report and its snapshots', () => {
    const report = sampleReport({ budgets: [passingBudget] });
    expect(validateReport(structuredClone(report), 'r.json')).toEqual(report);
    expect(validateSnapshotInput(structuredClone(report.head), 's.json')).toEqual(report.head);
  });
});

describe('bounds', () => {
  it('the published schemas and the image JSON bound layers by the same MAX_LAYERS', async () => {
    const snapshot = JSON.parse(await readFile('schemas/snapshot.schema.json', 'utf8')) as { properties: { layers: { maxItems: number } } };
    const report = JSON.parse(await readFile('schemas/report.schema.json', 'utf8')) as { properties: { layers: { maxItems: number } } };
    expect(snapshot.properties.layers.maxItems).toBe(MAX_LAYERS);
    expect(report.properties.layers.maxItems).toBe(2 * MAX_LAYERS);
    const diffIds = Array.from({ length: MAX_LAYERS + 1 }, () => `sha256:${'a'.repeat(64)}`);
    expect(thrown(() => validateImageConfig({ rootfs: { diff_ids: diffIds } }, 's', 'config'))).toBe(
      `s: config is invalid at /rootfs/diff_ids: must NOT have more than ${MAX_LAYERS} items`,
    );
  });
});

describe('validateReport', () => {
  it('refuses every number of a report given as a string, naming its pointer (hostile: string as number)', () => {
    const report = sampleReport({ budgets: [passingBudget] });
    // `limit` is a number or a string by design ("5%", "500MB").
    const pointers = numberPointers(report).filter((p) => !p.endsWith('/limit'));
    expect(pointers.length).toBeGreaterThan(30);
    for (const pointer of pointers) {
      // A JSON copy, not structuredClone: the fixture shares layer objects between base and head.
      const copy = JSON.parse(JSON.stringify(report)) as unknown;
      setAt(copy, pointer, '12');
      expect(thrown(() => validateReport(copy, 'r.json'))).toMatch(
        new RegExp(`^r\\.json: layerdiff/report@1 is invalid at ${pointer}: must be a (whole )?number`),
      );
    }
  });

  it('names the bad field inside nullable parts (base, cacheHit, row layers)', () => {
    const report = sampleReport();
    const bad = (patch: Record<string, unknown>) => thrown(() => validateReport({ ...JSON.parse(JSON.stringify(report)), ...patch }, 'r'));
    expect(bad({ base: 'base.tar' })).toBe('r: layerdiff/report@1 is invalid at /base: must be an object, not a string');
    expect(bad({ base: { ...report.base, layers: [{ ...report.base?.layers[0], files: '3' }] } })).toBe(
      'r: layerdiff/report@1 is invalid at /base/layers/0/files: must be a whole number or null, not a string',
    );
    expect(bad({ cacheHit: [] })).toBe('r: layerdiff/report@1 is invalid at /cacheHit: must be an object or null, not a list');
    expect(bad({ layers: [{ ...report.layers[0], head: { diffId: 'x', size: 1 } }] })).toBe(
      'r: layerdiff/report@1 is invalid at /layers/0/head/diffId: is not a valid sha256 digest',
    );
    expect(
      validateReport({ ...JSON.parse(JSON.stringify(report)), base: null, cacheHit: null, totals: { ...report.totals, base: null } }, 'r').base,
    ).toBeNull();
  });

  it('refuses any fractional, negative or unsafe size in a snapshot (property)', () => {
    const report = sampleReport();
    const sizes = numberPointers(report.head).filter((p) => !p.includes('ratio'));
    fc.assert(
      fc.property(
        fc.constantFrom(...sizes),
        fc.oneof(fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }), fc.integer({ max: -1 }), fc.constant(2 ** 53)),
        (pointer, bad) => {
          const copy = JSON.parse(JSON.stringify(report.head)) as unknown;
          setAt(copy, pointer, bad);
          expect(() => validateSnapshotInput(copy, 's')).toThrow(/^s: layerdiff\/snapshot@1 is invalid at /);
        },
      ),
      { seed: 8, numRuns: 300 },
    );
  });
});

describe('parseJsonBounded', () => {
  it('checks the cap before parsing and accepts a document exactly at it', () => {
    const text = JSON.stringify({ a: 'x'.repeat(100) });
    expect(parseJsonBounded(text, Buffer.byteLength(text), 's', 'doc')).toEqual({ a: 'x'.repeat(100) });
    expect(thrown(() => parseJsonBounded(text, Buffer.byteLength(text) - 1, 's', 'doc'))).toBe(
      `s: doc is too large (${Buffer.byteLength(text)} bytes, limit ${Buffer.byteLength(text) - 1})`,
    );
    // Bytes, not characters: multi-byte text counts as its UTF-8 length.
    expect(() => parseJsonBounded('"ééé"', 7, 's', 'doc')).toThrow(/too large \(8 bytes/);
  });

  it('refuses JSON nested past the cap, and not a bracket inside a string (hostile: deep nesting)', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(thrown(() => parseJsonBounded(deep, JsonCap.manifest, 's', 'index.json'))).toBe(
      `s: index.json nests arrays or objects more than ${MAX_JSON_DEPTH} deep`,
    );
    const atCap = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(depthOf(parseJsonBounded(atCap, JsonCap.manifest, 's', 'x'))).toBe(MAX_JSON_DEPTH);
    expect(parseJsonBounded(JSON.stringify({ s: '['.repeat(500) + '\\"{{{' }), JsonCap.manifest, 's', 'x')).toEqual({ s: '['.repeat(500) + '\\"{{{' });
  });

  it('counts nesting exactly as deep as the parsed value (property, oracle: JSON.parse)', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), (text) => {
        expect(maxNesting(Buffer.from(text))).toBe(depthOf(JSON.parse(text)));
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it('names the document when the text is not JSON', () => {
    expect(thrown(() => parseJsonBounded('{"a":', 100, 'img.tar', 'config x'))).toMatch(/^img\.tar: config x is not valid JSON \(/);
    expect(thrown(() => parseReportJson('nope', 'report: r.json'))).toMatch(/^report: r\.json: report is not valid JSON \(/);
  });
});

describe('image JSON', () => {
  const digest = `sha256:${'a'.repeat(64)}`;

  it('accepts what real images carry, including fields layerdiff does not read', () => {
    const config = {
      architecture: 'arm',
      os: 'linux',
      variant: 'v7',
      rootfs: { type: 'layers', diff_ids: [digest] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: 'RUN x', comment: 'buildkit', author: 'me' }, { empty_layer: true }],
      config: { Env: ['A=1'] },
    };
    expect(validateImageConfig(config, 's', 'config')).toBe(config);
    const manifest = {
      schemaVersion: 2,
      config: { mediaType: 'x', digest, size: 3 },
      layers: [{ digest: `sha512:${'b'.repeat(128)}`, size: 0, urls: ['u'] }],
      annotations: { a: 'b' },
    };
    expect(validateImageManifest(manifest, 's', 'manifest')).toBe(manifest);
    expect(validateImageIndex({ manifests: null }, 's', 'index.json').manifests).toBeNull();
    expect(validateImageIndex({}, 's', 'index.json').manifests).toBeNull();
  });

  it('refuses the type confusions the sources used to trip on (hostile: image JSON)', () => {
    expect(thrown(() => validateImageConfig({ rootfs: { diff_ids: [] }, history: 'x' }, 's', 'config c'))).toBe(
      's: config c is invalid at /history: must be a list, not a string',
    );
    expect(thrown(() => validateImageConfig({ rootfs: { diff_ids: [] }, history: [null] }, 's', 'config c'))).toBe(
      's: config c is invalid at /history/0: must be an object, not null',
    );
    expect(thrown(() => validateImageConfig({}, 's', 'config c'))).toBe('s: config c is invalid at /rootfs: is missing');
    expect(thrown(() => validateImageManifest({ config: { digest }, layers: [{ digest, size: -1 }] }, 's', 'm'))).toBe(
      's: m is invalid at /layers/0/size: must be >= 0 (got -1)',
    );
    expect(thrown(() => validateImageManifest({ config: { digest: `SHA256:${'A'.repeat(64)}` }, layers: [] }, 's', 'm'))).toBe(
      's: m is invalid at /config/digest: is not a valid digest (sha256:<64 hex> or sha512:<128 hex>)',
    );
    expect(thrown(() => validateImageIndex({ manifests: [{ digest, annotations: { 'org.opencontainers.image.ref.name': 5 } }] }, 's', 'index.json'))).toBe(
      `s: index.json is invalid at /manifests/0/annotations/org.opencontainers.image.ref.name: must be a string, not a whole number`,
    );
    expect(thrown(() => validateImageIndex({ manifests: [{ digest: 'sha256:x', 'a/b~c': 1 }] }, 's', 'index.json'))).toBe(
      's: index.json is invalid at /manifests/0/digest: is not a valid digest (sha256:<64 hex> or sha512:<128 hex>)',
    );
  });

  it('escapes pointer tokens and hides control characters in keys', () => {
    const message = thrown(() => validateImageIndex({ manifests: [{ digest, annotations: { 'a/b~\u001b[2J\n': 1 } }] }, 's', 'index.json'));
    expect(message).toBe('s: index.json is invalid at /manifests/0/annotations/a~1b~0\\u001b[2J\\u000a: must be a string, not a whole number');
  });
});
