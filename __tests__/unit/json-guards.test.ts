/**
 * JSON read from outside that used to be parsed without the size and nesting caps of
 * parseJsonBounded: a base artifact's files while looking for a snapshot, ~/.docker/config.json,
 * and a registry's token response.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateBaseIn } from '../../src/github/artifact.js';
import { MAX_JSON_DEPTH } from '../../src/schema/json-input.js';
import { MAX_DOCKER_CONFIG_BYTES, readDockerConfig } from '../../src/sources/docker-config.js';
import { Authenticator } from '../../src/sources/registry/auth.js';
import type { HttpTransport } from '../../src/sources/registry/http.js';
import { within } from '../helpers/within.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-json-guards-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const deep = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('~/.docker/config.json', () => {
  async function configDir(name: string, make: (file: string) => Promise<void>): Promise<string> {
    const d = path.join(dir, name);
    await rm(d, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(d, { recursive: true }));
    await make(path.join(d, 'config.json'));
    return d;
  }

  it('ignores, with a warning, a config that is a FIFO (hostile: readFile waited forever for a writer)', async () => {
    const d = await configDir('fifo', async (file) => {
      execFileSync('mkfifo', [file]);
    });
    const warnings: string[] = [];
    expect(await within(readDockerConfig({ DOCKER_CONFIG: d }, (m) => warnings.push(m)))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/FIFO.*; ignoring it$/);
  });

  it(`ignores, with a warning, a config larger than ${MAX_DOCKER_CONFIG_BYTES} bytes (hostile: read whole into memory)`, async () => {
    const d = await configDir('large', (file) => writeFile(file, `{"auths":{},"pad":"${'x'.repeat(MAX_DOCKER_CONFIG_BYTES)}"}`));
    const warnings: string[] = [];
    expect(await readDockerConfig({ DOCKER_CONFIG: d }, (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toMatch(/too large.*; ignoring it$/);
  });

  it(`ignores, with a warning, a config nested deeper than ${MAX_JSON_DEPTH} (hostile: no nesting cap)`, async () => {
    const d = await configDir('deep', (file) => writeFile(file, `{"auths":{},"x":${deep(100_000)}}`));
    const warnings: string[] = [];
    expect(await readDockerConfig({ DOCKER_CONFIG: d }, (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toMatch(/nests arrays or objects more than 64 deep; ignoring it$/);
  });

  it('never quotes the config in a warning (secrets)', async () => {
    const d = await configDir('secret', (file) => writeFile(file, '{"auths":{"h":{"auth":"c2VjcmV0OnB3"}} oops'));
    const warnings: string[] = [];
    expect(await readDockerConfig({ DOCKER_CONFIG: d }, (m) => warnings.push(m))).toBeNull();
    expect(warnings.join('\n')).not.toContain('c2VjcmV0');
  });
});

describe("a base artifact's files", () => {
  it(`does not take a JSON file nested deeper than ${MAX_JSON_DEPTH} for the snapshot (hostile: parsed without a nesting cap)`, async () => {
    const d = path.join(dir, 'artifact-deep');
    await import('node:fs/promises').then((fs) => fs.mkdir(d, { recursive: true }));
    await writeFile(path.join(d, 'base.json'), `{"schema":"layerdiff/snapshot@1","x":${deep(100_000)}}`);
    await expect(locateBaseIn(d, 'base')).rejects.toThrow(/holds no layerdiff snapshot JSON/);
  });

  it('still finds a snapshot among other JSON files', async () => {
    const d = path.join(dir, 'artifact-ok');
    await import('node:fs/promises').then((fs) => fs.mkdir(d, { recursive: true }));
    await writeFile(path.join(d, 'other.json'), '{"schema":"something/else@1"}');
    await writeFile(path.join(d, 'base.json'), '{"schema":"layerdiff/snapshot@1"}');
    expect(await locateBaseIn(d, 'base')).toBe(`snapshot:${path.join(d, 'base.json')}`);
  });
});

describe('registry token responses', () => {
  function authenticator(body: string): Authenticator {
    const transport = {
      async request() {
        return { status: 200, statusText: 'OK', headers: {}, url: new URL('http://127.0.0.1:1/token'), body: Readable.from([Buffer.from(body)]) };
      },
    } as unknown as HttpTransport;
    return new Authenticator(transport, {
      subject: 'docker://127.0.0.1:1/app:1',
      host: '127.0.0.1:1',
      credentials: null,
      credentialsOrigin: null,
      insecureRegistries: [],
      missingCredentialsHint: 'pass --creds',
    });
  }

  async function token(body: string): Promise<string | undefined> {
    const auth = authenticator(body);
    await auth.onUnauthorized([{ scheme: 'bearer', params: { realm: 'http://127.0.0.1:1/token', service: 'r' } }], 'repository:app:pull');
    return auth.header('repository:app:pull');
  }

  it('reads a token', async () => {
    expect(await token('{"token":"abc","expires_in":300}')).toBe('Bearer abc');
  });

  it(`refuses a token response nested deeper than ${MAX_JSON_DEPTH} (hostile: parsed without a nesting cap)`, async () => {
    await expect(token(`{"token":"abc","x":${deep(100_000)}}`)).rejects.toThrow(/did not answer with a JSON token/);
  });

  it('refuses a token response that is JSON but not an object', async () => {
    await expect(token('null')).rejects.toThrow(/did not answer with a JSON token/);
  });
});
