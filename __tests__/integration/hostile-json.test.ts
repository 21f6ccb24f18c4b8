/**
 * Issue 8, part 6: JSON from outside is checked for shape and types before any field is used, with
 * a size cap before parsing. Image JSON from every source (archive, OCI dir, registry) goes through
 * src/schema/image-json.ts; snapshots and reports through the published schemas in schemas/.
 * Every refusal is one line naming the input and the JSON pointer of the first bad field.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020, type AnySchemaObject } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIO } from '../../__fixtures__/core.js';
import { inspectImage } from '../../src/engine.js';
import { isLayerdiffError } from '../../src/errors.js';
import { run } from '../../src/main.js';
import { validateReport, validateSnapshotInput } from '../../src/schema/layerdiff-json.js';
import { openImage } from '../../src/sources/open.js';
import { runCli } from '../helpers/cli-io.js';
import { buildArchive, dockerArchive, layerTar, ociArchive, sha256, type TarMember } from '../helpers/image-tar-builder.js';
import { registrySkipReason, startRegistry, type RunningRegistry } from '../helpers/registry-server.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerdiff-hostile-json-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const T = { timeout: 30_000 };
const BASE = 'examples/base.tar';
const HEAD = 'examples/head.tar';
const HINTS_CLEAN = '__tests__/fixtures/hints/clean.oci.tar';
const HINTS_SLOPPY = '__tests__/fixtures/hints/sloppy.oci.tar';

let counter = 0;
function write(content: string | Buffer, name = `input-${++counter}.json`): string {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
}

/** The one-line refusal of opening `ref` (a LayerdiffError whose message starts with the ref). */
async function refusal(ref: string, options: { measure?: boolean } = {}): Promise<string> {
  try {
    if (options.measure) await inspectImage(ref);
    else await (await openImage(ref, {})).close();
  } catch (error) {
    expect(isLayerdiffError(error), `not a LayerdiffError: ${String((error as Error).stack)}`).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[\n\r]/);
    expect(message.startsWith(`${ref}:`), message).toBe(true);
    return message;
  }
  throw new Error(`${ref} was accepted`);
}

/** The schemas with every described object closed, to prove they describe every field written. */
async function closedValidators(): Promise<{ snapshot: (d: unknown) => boolean; report: (d: unknown) => boolean; errors: () => unknown }> {
  const close = (node: unknown, inAllOf = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => close(n, inAllOf));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === 'allOf' ? (value as unknown[]).map((v) => close(v, true)) : close(value);
    if ('properties' in out && !inAllOf) out.additionalProperties = false;
    return out;
  };
  const load = async (name: string) => close(JSON.parse(await readFile(`schemas/${name}`, 'utf8'))) as AnySchemaObject;
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  ajv.addSchema(await load('snapshot.schema.json'));
  ajv.addSchema(await load('report.schema.json'));
  const snapshot = ajv.getSchema('snapshot.schema.json');
  const report = ajv.getSchema('report.schema.json');
  if (!snapshot || !report) throw new Error('schemas not registered');
  let last: unknown = null;
  return {
    snapshot: (d) => snapshot(d) === true || ((last = snapshot.errors), false),
    report: (d) => report(d) === true || ((last = report.errors), false),
    errors: () => last,
  };
}

describe('what layerdiff writes validates against the published schemas', () => {
  it('every report and snapshot the CLI writes from the fixtures, with and without --deep', T, async () => {
    const closed = await closedValidators();
    const reports: Array<[string, string[]]> = [
      ['diff', ['diff', BASE, HEAD, '--format', 'json']],
      ['diff --deep --dive-compat', ['diff', BASE, HEAD, '--deep', '--dive-compat', '--format', 'json']],
      ['diff with budgets', ['diff', BASE, HEAD, '--max-growth', '1B', '--warn-size', '1GB', '--format', 'json']],
      ['diff of the hints fixtures --deep', ['diff', HINTS_CLEAN, HINTS_SLOPPY, '--deep', '--dive-compat', '--format', 'json']],
      ['diff without a base? (inspect-only head)', ['diff', HINTS_SLOPPY, HINTS_SLOPPY, '--deep', '--format', 'json']],
    ];
    let sawHints = false;
    let sawFiles = false;
    for (const [name, argv] of reports) {
      const { code, out, err } = await runCli(...argv);
      expect([0, 1], `${name}: ${err}`).toContain(code);
      const data = JSON.parse(out) as Record<string, unknown>;
      expect(() => validateReport(data, name)).not.toThrow();
      expect(closed.report(data), `${name}: ${JSON.stringify(closed.errors())}`).toBe(true);
      const deep = data.deep as { hints: unknown[] } | undefined;
      sawHints ||= (deep?.hints.length ?? 0) > 0;
      sawFiles ||= (data.layers as Array<{ files?: unknown }>).some((l) => l.files !== undefined);
    }
    expect(sawHints && sawFiles).toBe(true);

    const snapshots: Array<[string, string[]]> = [
      ['inspect', ['inspect', BASE, '--format', 'json']],
      ['inspect --deep', ['inspect', HINTS_SLOPPY, '--deep', '--dive-compat', '--format', 'json']],
      ['inspect oci layout', ['inspect', HINTS_CLEAN, '--format', 'json']],
    ];
    for (const [name, argv] of snapshots) {
      const { code, out, err } = await runCli(...argv);
      expect(code, `${name}: ${err}`).toBe(0);
      const data = JSON.parse(out) as unknown;
      expect(() => validateSnapshotInput(data, name)).not.toThrow();
      expect(closed.snapshot(data), `${name}: ${JSON.stringify(closed.errors())}`).toBe(true);
    }
    const file = path.join(work, 'saved-snapshot.json');
    expect((await runCli('snapshot', HEAD, '-o', file)).code).toBe(0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(closed.snapshot(saved), JSON.stringify(closed.errors())).toBe(true);
    // And it reads back as a base.
    expect((await runCli('diff', `snapshot:${file}`, HEAD)).code).toBe(0);
  });
});

describe('hostile snapshots are refused with one line naming the field', () => {
  const snapshot = () => ({
    schema: 'layerdiff/snapshot@1',
    source: { type: 'archive', reference: 'x.tar' },
    platform: 'linux/amd64',
    manifestDigest: null,
    configDigest: `sha256:${'c'.repeat(64)}`,
    layers: [
      {
        index: 0,
        diffId: `sha256:${'d'.repeat(64)}`,
        digest: null,
        mediaType: null,
        size: 10,
        compressedSize: null,
        contentSize: null,
        createdBy: 'RUN x',
        files: null,
      },
    ],
    totals: { size: 10, compressedSize: null, contentSize: null },
  });

  it('refuses a snapshot whose source.reference is not a string (hostile: was "text.replace is not a function")', T, async () => {
    const p = write(JSON.stringify({ ...snapshot(), source: { type: 'archive', reference: 42 } }));
    expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: layerdiff/snapshot@1 is invalid at /source/reference: must be a string, not a whole number`);
    const cli = await runCli('diff', `snapshot:${p}`, HEAD);
    expect(cli.code).toBe(2);
    expect(cli.err).toBe(`layerdiff: snapshot:${p}: layerdiff/snapshot@1 is invalid at /source/reference: must be a string, not a whole number\n`);
  });

  const cases: Array<[string, (s: ReturnType<typeof snapshot>) => unknown, string]> = [
    ['a size that is a string', (s) => ({ ...s, layers: [{ ...s.layers[0], size: '10' }] }), '/layers/0/size: must be a whole number, not a string'],
    ['a fractional size', (s) => ({ ...s, layers: [{ ...s.layers[0], size: 1.5 }] }), '/layers/0/size: must be a whole number, not a fraction'],
    ['a negative compressedSize', (s) => ({ ...s, layers: [{ ...s.layers[0], compressedSize: -3 }] }), '/layers/0/compressedSize: must be >= 0 (got -3)'],
    ['a size beyond 2^53', (s) => ({ ...s, layers: [{ ...s.layers[0], size: 2 ** 60 }] }), `/layers/0/size: must be <= 9007199254740991 (got ${2 ** 60})`],
    [
      'a diffId that is not a digest',
      (s) => ({ ...s, layers: [{ ...s.layers[0], diffId: 'sha256:../../etc' }] }),
      '/layers/0/diffId: is not a valid sha256 digest',
    ],
    ['layers that are not a list', (s) => ({ ...s, layers: { 0: s.layers[0] } }), '/layers: must be a list, not an object'],
    ['a layer that is not an object', (s) => ({ ...s, layers: ['sha256:x'] }), '/layers/0: must be an object, not a string'],
    ['a missing diffId', (s) => ({ ...s, layers: [{ size: 1 }] }), '/layers/0/diffId: is missing'],
    ['a platform that is not a string', (s) => ({ ...s, platform: ['linux', 'amd64'] }), '/platform: must be a string, not a list'],
    [
      'createdBy that is an object',
      (s) => ({ ...s, layers: [{ ...s.layers[0], createdBy: { toString: 'x' } }] }),
      '/layers/0/createdBy: must be a string or null, not an object',
    ],
    ['tags that are not strings', (s) => ({ ...s, source: { ...s.source, tags: [1] } }), '/source/tags/0: must be a string, not a whole number'],
  ];
  for (const [name, mutate, says] of cases) {
    it(`refuses ${name} (hostile: snapshot type confusion)`, T, async () => {
      const p = write(JSON.stringify(mutate(snapshot())));
      expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: layerdiff/snapshot@1 is invalid at ${says}`);
    });
  }

  it('refuses a key with control characters without printing them (hostile: terminal escapes in a pointer)', T, async () => {
    const p = write(JSON.stringify({ ...snapshot(), source: { type: 'archive', reference: 'x', tags: { '\u001b[31mred\n': 1 } } }));
    const message = await refusal(`snapshot:${p}`);
    expect(message).toBe(`snapshot:${p}: layerdiff/snapshot@1 is invalid at /source/tags: must be a list, not an object`);
    // eslint-disable-next-line no-control-regex -- the test asserts no control character reaches the output
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('refuses the head of a report used as a snapshot, naming /head', T, async () => {
    const p = write(JSON.stringify({ schema: 'layerdiff/report@1', head: { ...snapshot(), configDigest: 7 } }));
    expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: layerdiff/snapshot@1 is invalid at /head/configDigest: must be a string, not a whole number`);
  });

  it('refuses a snapshot larger than 32 MiB before reading it (hostile: was read whole)', T, async () => {
    const p = write('');
    truncateSync(p, 32 * 1024 * 1024 + 1); // sparse: instant, and nothing to parse if it were read
    expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: file is too large (33554433 bytes, limit 33554432; a snapshot is small JSON)`);
  });

  it('refuses JSON nested 10,000 deep before parsing it (hostile: stack depth)', T, async () => {
    const p = write(`{"schema":"layerdiff/snapshot@1","source":{"type":"a","reference":"b","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`);
    expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: snapshot nests arrays or objects more than 64 deep`);
  });

  it('refuses a snapshot of more than 10,000 layers (hostile: 200,000 layers took 1.4 GB to diff)', T, async () => {
    const layer = { diffId: `sha256:${'d'.repeat(64)}`, size: 1 };
    const p = write(JSON.stringify({ ...snapshot(), layers: Array.from({ length: 10_001 }, () => layer) }));
    expect(await refusal(`snapshot:${p}`)).toBe(`snapshot:${p}: layerdiff/snapshot@1 is invalid at /layers: must NOT have more than 10000 items`);
  });

  it('keeps reading a sparse hand-written snapshot (only diffId and size per layer)', T, async () => {
    const p = write(
      JSON.stringify({
        schema: 'layerdiff/snapshot@1',
        platform: 'linux/amd64',
        configDigest: `sha256:${'c'.repeat(64)}`,
        layers: [{ diffId: `sha256:${'d'.repeat(64)}`, size: 3 }],
      }),
    );
    const read = await inspectImage(`snapshot:${p}`);
    expect(read.layers[0]).toEqual({
      index: 0,
      diffId: `sha256:${'d'.repeat(64)}`,
      digest: null,
      mediaType: null,
      size: 3,
      compressedSize: null,
      contentSize: null,
      createdBy: null,
      files: null,
    });
    expect(read.source).toEqual({ type: 'unknown', reference: `snapshot:${p}` });
  });
});

describe("hostile reports are refused by the action's report mode", () => {
  /** The step's failure lines for the report file at `p`, in report mode (nothing computed, no API). */
  async function failureAt(p: string): Promise<string[]> {
    const io = fakeIO({ 'github-token': 'ghs_x', report: p, 'pr-number': '12' });
    await run({
      io,
      context: {
        eventName: 'workflow_run',
        payload: {},
        repo: { owner: 'a', repo: 'b' },
        sha: null,
        runId: 1,
        workflowRef: 'a/b/.github/workflows/c.yml@refs/heads/main',
        ref: 'refs/heads/main',
        apiUrl: 'http://127.0.0.1:9',
        serverUrl: 'https://github.com',
        tempDir: work,
      },
      engine: { compareImages: () => Promise.reject(new Error('report mode computes nothing')), renderMarkdown: () => '', renderJson: () => '' },
      createClient: () => {
        throw new Error('no client expected');
      },
      downloadArtifact: () => Promise.reject(new Error('no download expected')),
    });
    return io.failed;
  }

  async function failure(report: unknown): Promise<string[]> {
    const p = write(typeof report === 'string' ? report : JSON.stringify(report));
    return (await failureAt(p)).map((line) => line.replace(p, 'FILE'));
  }

  let report: Record<string, unknown>;
  beforeAll(async () => {
    const { out } = await runCli('diff', HINTS_CLEAN, HINTS_SLOPPY, '--deep', '--dive-compat', '--format', 'json');
    report = JSON.parse(out) as Record<string, unknown>;
  });
  const clone = () => structuredClone(report) as any;

  const cases: Array<[string, () => unknown, string]> = [
    [
      'a total that is a string (hostile: string treated as a number)',
      () => ({ ...clone(), totals: { ...clone().totals, delta: { size: '1e9', compressedSize: null, contentSize: null } } }),
      '/totals/delta/size: must be a whole number, not a string',
    ],
    ['an unknown verdict', () => ({ ...clone(), verdict: 'maybe' }), '/verdict: must be one of "pass", "warn", "fail"'],
    [
      'a budget whose actual is a string',
      () => ({ ...clone(), budgets: [{ rule: 'max-size', limit: '1GB', actual: '5', status: 'pass' }] }),
      '/budgets/0/actual: must be a number or null, not a string',
    ],
    [
      'a cache-hit ratio above 1',
      () => ({ ...clone(), cacheHit: { ...clone().cacheHit, bytes: { hit: 1, total: 1, ratio: 7 } } }),
      '/cacheHit/bytes/ratio: must be <= 1 (got 7)',
    ],
    ['a layer row without a status', () => ({ ...clone(), layers: [{ ...clone().layers[0], status: undefined }] }), '/layers/0/status: is missing'],
    [
      'a head layer missing createdBy',
      () => {
        const r = clone();
        delete r.layers[0].head.createdBy;
        return r;
      },
      '/layers/0/head/createdBy: is missing',
    ],
    [
      'a file change with a fractional delta',
      () => {
        const r = clone();
        r.deep.filesystem.changes[0].delta = 0.5;
        return r;
      },
      '/deep/filesystem/changes/0/delta: must be a whole number, not a fraction',
    ],
    [
      'a hint whose bytes are negative',
      () => {
        const r = clone();
        r.deep.hints[0].bytes = -1;
        return r;
      },
      '/deep/hints/0/bytes: must be >= 0 (got -1)',
    ],
    ['a head that is not a snapshot', () => ({ ...clone(), head: 'head.tar' }), '/head: must be an object, not a string'],
  ];
  for (const [name, make, says] of cases) {
    it(`refuses ${name}`, T, async () => {
      expect(await failure(make())).toEqual([`report: FILE: layerdiff/report@1 is invalid at ${says}`]);
    });
  }

  it('refuses every number of a deep report given as a string, naming its pointer (hostile: string as number)', () => {
    const pointers: string[] = [];
    const walk = (value: unknown, pointer: string): void => {
      if (typeof value === 'number') pointers.push(pointer);
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(report, '');
    const checked = pointers.filter((p) => !p.endsWith('/limit')); // a budget limit is "5%" or a number by design
    expect(
      checked.some((p) => p.startsWith('/deep/dive/')) &&
        checked.some((p) => p.startsWith('/deep/hints/')) &&
        checked.some((p) => /^\/layers\/\d+\/files\//.test(p)),
    ).toBe(true);
    for (const pointer of checked) {
      const copy = clone();
      const keys = pointer.split('/').slice(1);
      let node = copy;
      for (const key of keys.slice(0, -1)) node = node[key];
      node[keys[keys.length - 1]!] = String(node[keys[keys.length - 1]!]);
      expect(() => validateReport(copy, 'r')).toThrow(`r: layerdiff/report@1 is invalid at ${pointer}: must be a`);
    }
  });

  it('accepts the report as written', T, async () => {
    const p = write(JSON.stringify(report));
    expect(validateReport(JSON.parse(await readFile(p, 'utf8')), p).verdict).toBe(report.verdict);
  });

  it('refuses text that is not JSON and another schema in one line', T, async () => {
    expect(await failure('{"schema": "layerdiff/report@1", ')).toEqual([expect.stringMatching(/^report: FILE: report is not valid JSON \(/)]);
    expect(await failure({ schema: 'layerdiff/report@2' })).toEqual(['report: FILE: not a layerdiff/report@1 (schema "layerdiff/report@2")']);
  });

  it('refuses a report larger than 32 MiB before reading it', T, async () => {
    const p = write('');
    truncateSync(p, 32 * 1024 * 1024 + 1);
    expect(await failureAt(p)).toEqual([`report: ${p}: file is too large (33554433 bytes, limit 33554432)`]);
  });
});

describe('hostile image JSON in archives and OCI layouts', () => {
  const layer = layerTar({ 'etc/hello.txt': 'hello\n' });

  /** The members of an OCI layout whose config is `config` (as given, however hostile). */
  function ociMembers(config: unknown): TarMember[] {
    const configText = JSON.stringify(config);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(configText), size: Buffer.byteLength(configText) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length }],
    });
    const index = JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: Buffer.byteLength(manifest) }],
    });
    const blob = (body: Buffer | string): TarMember => ({ path: `blobs/sha256/${sha256(body).slice(7)}`, body });
    return [{ path: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' }, { path: 'index.json', body: index }, blob(manifest), blob(configText), blob(layer)];
  }

  function ociWithConfig(config: unknown): string {
    return write(buildArchive(ociMembers(config)), `oci-${++counter}.tar`);
  }

  const goodConfig = () => ({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
    history: [{ created_by: 'RUN one' }],
  });

  it('sanity: the rewritten archive reads', T, async () => {
    const p = ociWithConfig(goodConfig());
    expect((await inspectImage(p)).layers[0]?.createdBy).toBe('RUN one');
  });

  const configCases: Array<[string, (c: ReturnType<typeof goodConfig>) => unknown, string]> = [
    ['a history that is not a list', (c) => ({ ...c, history: { created_by: 'x' } }), '/history: must be a list, not an object'],
    ['a history entry that is a string', (c) => ({ ...c, history: ['RUN x'] }), '/history/0: must be an object, not a string'],
    ['a created_by that is a number', (c) => ({ ...c, history: [{ created_by: 5 }] }), '/history/0/created_by: must be a string, not a whole number'],
    [
      'an empty_layer that is a string',
      (c) => ({ ...c, history: [{ created_by: 'x', empty_layer: 'true' }] }),
      '/history/0/empty_layer: must be a boolean, not a string',
    ],
    ['diff_ids that are not a list', (c) => ({ ...c, rootfs: { type: 'layers', diff_ids: sha256(layer) } }), '/rootfs/diff_ids: must be a list, not a string'],
    ['an os that is an object', (c) => ({ ...c, os: { name: 'linux' } }), '/os: must be a string, not an object'],
    ['a config that is a list', () => [1, 2], '(top level): must be an object, not a list'],
    ['a megabyte architecture', (c) => ({ ...c, architecture: 'a'.repeat(1 << 20) }), '/architecture: must NOT have more than 128 characters'],
  ];
  for (const [name, mutate, says] of configCases) {
    it(`refuses a config with ${name} (hostile: config type confusion)`, T, async () => {
      const p = ociWithConfig(mutate(goodConfig()));
      expect(await refusal(p)).toMatch(new RegExp(`^${p}: config sha256:[0-9a-f]{64} is invalid at ${says.replace(/[()[\]]/g, '\\$&')}$`));
    });
  }

  it('refuses an index whose descriptor has a fractional size or a bad digest (hostile: descriptor type confusion)', T, async () => {
    const withIndex = (edit: (d: Record<string, unknown>) => void) =>
      write(
        ociArchive({
          layers: [layer],
          mutate: (members) =>
            members.map((m) => {
              if (m.path !== 'index.json') return m;
              const index = JSON.parse(String(m.body)) as { manifests: Array<Record<string, unknown>> };
              edit(index.manifests[0]!);
              return { ...m, body: JSON.stringify(index) };
            }),
        }).tar,
        `index-${++counter}.tar`,
      );
    const fraction = withIndex((d) => (d.size = 10.5));
    expect(await refusal(fraction)).toBe(`${fraction}: index.json is invalid at /manifests/0/size: must be a whole number, not a fraction`);
    const badDigest = withIndex((d) => (d.digest = 'md5:abc'));
    expect(await refusal(badDigest)).toBe(
      `${badDigest}: index.json is invalid at /manifests/0/digest: is not a valid digest (sha256:<64 hex> or sha512:<128 hex>)`,
    );
    const platform = withIndex((d) => (d.platform = { os: 'linux', architecture: 64 }));
    expect(await refusal(platform)).toBe(`${platform}: index.json is invalid at /manifests/0/platform/architecture: must be a string, not a whole number`);
  });

  it('refuses indexes that multiply into a million visits, quickly (hostile: index fan-out)', T, async () => {
    const members = ociMembers(goodConfig());
    const manifest = members[2] as TarMember;
    const manifestDescriptor = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256(String(manifest.body)),
      size: Buffer.byteLength(String(manifest.body)),
    };
    const nested = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: Array.from({ length: 1000 }, () => manifestDescriptor),
    });
    const nestedDescriptor = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(nested), size: Buffer.byteLength(nested) };
    const top = JSON.stringify({ schemaVersion: 2, manifests: Array.from({ length: 1000 }, () => nestedDescriptor) });
    const p = write(
      buildArchive([
        ...members.map((m) => (m.path === 'index.json' ? { ...m, body: top } : m)),
        { path: `blobs/sha256/${sha256(nested).slice(7)}`, body: nested },
      ]),
      `fanout-${++counter}.tar`,
    );
    const started = Date.now();
    expect(await refusal(p)).toBe(`${p}: image indexes list more than 10000 entries`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('checks a manifest listed 9,000 times once (hostile: repeated manifest with many layers)', T, async () => {
    const layers = Array.from({ length: 2000 }, (_, i) => layerTar({ [`f${i}`]: String(i) }));
    const configText = JSON.stringify({ ...goodConfig(), rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) }, history: [] });
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(configText), size: Buffer.byteLength(configText) },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(l), size: l.length })),
    });
    const entry = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: Buffer.byteLength(manifest) };
    const index = JSON.stringify({ schemaVersion: 2, manifests: Array.from({ length: 9000 }, () => entry) });
    const blob = (body: Buffer | string): TarMember => ({ path: `blobs/sha256/${sha256(body).slice(7)}`, body });
    const p = write(
      buildArchive([
        { path: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
        { path: 'index.json', body: index },
        blob(manifest),
        blob(configText),
        ...layers.map(blob),
      ]),
      `repeat-${++counter}.tar`,
    );
    const started = Date.now();
    const handle = await openImage(p, {});
    expect(handle.layers).toHaveLength(2000);
    await handle.close();
    expect(Date.now() - started).toBeLessThan(5_000); // 65 s before each manifest was checked once
  });

  it('reads an image its index lists twice under two names once per name', T, async () => {
    const members = ociMembers(goodConfig());
    const index = JSON.parse(String(members[1]?.body)) as { manifests: Array<Record<string, unknown>> };
    const entry = index.manifests[0]!;
    index.manifests = ['app:1', 'app:2'].map((name) => ({ ...entry, annotations: { 'org.opencontainers.image.ref.name': name } }));
    const p = write(buildArchive(members.map((m) => (m.path === 'index.json' ? { ...m, body: JSON.stringify(index) } : m))), `twice-${++counter}.tar`);
    expect(await refusal(p)).toMatch(/the archive holds 2 images; choose one with --image: app:1, app:2$/);
    const snapshot = await inspectImage(p, { image: 'app:2' });
    expect(snapshot.layers).toHaveLength(1);
  });

  it('names a few of 5,000 images and cuts long tags when asking to choose (hostile: a megabyte error line)', T, async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ Config: 'c.json', RepoTags: [`app:${i}${'x'.repeat(i === 0 ? 100_000 : 0)}`], Layers: [] }));
    const p = write(dockerArchive({ layers: [layer], manifestText: JSON.stringify(entries) }), `many-${++counter}.tar`);
    const message = await refusal(p);
    expect(message).toMatch(/: the archive holds 5000 images; choose one with --image: app:0x+…, app:1, app:2, .* and 4980 more$/);
    expect(message.length).toBeLessThan(1000);
  });

  it('refuses a docker manifest.json whose RepoTags are not strings (hostile: manifest.json type confusion)', T, async () => {
    const p = write(
      dockerArchive({ layers: [layer], manifestText: JSON.stringify([{ Config: 'x.json', RepoTags: [{}], Layers: [] }]) }),
      `docker-${++counter}.tar`,
    );
    expect(await refusal(p)).toBe(`${p}: manifest.json is invalid at /0/RepoTags/0: must be a string, not an object`);
  });

  it('refuses the same config from the Docker daemon (docker save output)', T, async () => {
    const archive = write(
      dockerArchive({
        layers: [layer],
        mutate: (members) =>
          members.map((m) => (String(m.body ?? '').includes('"rootfs"') ? { ...m, body: JSON.stringify({ ...goodConfig(), history: 7 }) } : m)),
      }),
      `daemon-${++counter}.tar`,
    );
    const fakeDocker = write(`#!/bin/sh\n[ "$1" = save ] && exec cat ${JSON.stringify(archive)}\nexit 1\n`, `docker-${counter}`);
    chmodSync(fakeDocker, 0o755);
    const saved = process.env.LAYERDIFF_DOCKER_CLI;
    process.env.LAYERDIFF_DOCKER_CLI = fakeDocker;
    try {
      expect(await refusal('docker-daemon:app:1')).toMatch(
        /^docker-daemon:app:1: config [0-9a-f]{64}\.json is invalid at \/history: must be a list, not a whole number$/,
      );
    } finally {
      if (saved === undefined) delete process.env.LAYERDIFF_DOCKER_CLI;
      else process.env.LAYERDIFF_DOCKER_CLI = saved;
    }
  });

  it('refuses the same config in an oci:DIR layout', T, async () => {
    const dir = path.join(work, `layout-${++counter}`);
    for (const member of ociMembers({ ...goodConfig(), history: 'nope' })) {
      mkdirSync(path.dirname(path.join(dir, member.path)), { recursive: true });
      writeFileSync(path.join(dir, member.path), member.body ?? '');
    }
    expect(await refusal(`oci:${dir}`)).toMatch(new RegExp(`^oci:${dir}: config sha256:[0-9a-f]{64} is invalid at /history: must be a list, not a string$`));
  });
});

const skipRegistry = registrySkipReason();
describe.skipIf(skipRegistry !== null)('hostile image JSON from a registry', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  /** Pushes one layer and `config` (raw) as `repo:tag`, with the blob API; no client checks anything. */
  async function push(repo: string, config: unknown): Promise<string> {
    const host = registry.host;
    const upload = async (bytes: Buffer): Promise<string> => {
      const digest = sha256(bytes);
      const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
      const location = new URL(start.headers.get('location') ?? '', `http://${host}`);
      location.searchParams.set('digest', digest);
      const put = await fetch(location, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
      if (put.status !== 201) throw new Error(`blob upload answered ${put.status}`);
      return digest;
    };
    const layer = layerTar({ 'etc/hello.txt': 'hello\n' });
    const configBytes = Buffer.from(JSON.stringify(config));
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await upload(configBytes), size: configBytes.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: await upload(layer), size: layer.length }],
    });
    const put = await fetch(`http://${host}/v2/${repo}/manifests/main`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    });
    if (put.status !== 201) throw new Error(`manifest upload answered ${put.status}: ${await put.text()}`);
    return `docker://${host}/${repo}:main`;
  }

  const layerDiffId = sha256(layerTar({ 'etc/hello.txt': 'hello\n' }));
  const config = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layerDiffId] } };

  it('reads a well-formed pushed image (sanity)', T, async () => {
    const ref = await push('fine', { ...config, history: [{ created_by: 'RUN ok' }] });
    const { code, out, err } = await runCli('inspect', ref, '--insecure-registry', registry.host, '--format', 'json');
    expect(code, err).toBe(0);
    expect((JSON.parse(out) as { layers: Array<{ createdBy: string }> }).layers[0]?.createdBy).toBe('RUN ok');
  });

  it('refuses a registry config whose history is not a list (hostile: was a raw TypeError)', T, async () => {
    const ref = await push('history', { ...config, history: { created_by: 'x' } });
    const { code, err } = await runCli('inspect', ref, '--insecure-registry', registry.host);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`^layerdiff: ${ref}: config sha256:[0-9a-f]{64} is invalid at /history: must be a list, not an object\\n$`));
  });

  it('refuses a registry config whose diff_ids hold numbers', T, async () => {
    const ref = await push('diffids', { ...config, rootfs: { type: 'layers', diff_ids: [7] } });
    const { code, err } = await runCli('inspect', ref, '--insecure-registry', registry.host);
    expect(code).toBe(2);
    expect(err).toMatch(
      new RegExp(`^layerdiff: ${ref}: config sha256:[0-9a-f]{64} is invalid at /rootfs/diff_ids/0: must be a string, not a whole number\\n$`),
    );
  });
});
