/**
 * Starts Debian's `docker-registry` (CNCF distribution v2) on 127.0.0.1 for integration tests, in
 * one of three auth modes, with filesystem storage and its log (access lines included) in a temp dir.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { needTools } from './skip-policy.js';

export type RegistryAuthMode =
  | { mode: 'anonymous' }
  | { mode: 'basic'; username: string; password: string }
  | { mode: 'token'; realm: string; service: string; issuer: string; rootCertPath: string };

export interface RunningRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  dir: string;
  /** The registry's log so far (text formatter; access lines look like `"GET /v2/... HTTP/1.1" 200`). */
  log(): string;
  /** Request lines `METHOD PATH STATUS` parsed from the access log. */
  accessLog(): Array<{ method: string; path: string; status: number }>;
  /** Path of a blob's data file in the filesystem storage (to corrupt it in a test). */
  blobDataPath(digest: string): string;
  stop(): Promise<void>;
}

export function which(tool: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Why registry tests cannot run here, or null when they can (under CI a missing tool fails the run: skip-policy.ts). */
export function registrySkipReason(): string | null {
  return needTools(['docker-registry', 'skopeo', 'htpasswd', 'openssl'], 'registry-tools');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRegistry(auth: RegistryAuthMode = { mode: 'anonymous' }): Promise<RunningRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: text',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${host}`,
    '  secret: layerdiff-test-secret',
  ];
  if (auth.mode === 'basic') {
    const htpasswd = spawnSync('htpasswd', ['-Bbn', auth.username, auth.password], { encoding: 'utf8' });
    if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
    await writeFile(path.join(dir, 'htpasswd'), htpasswd.stdout);
    lines.push('auth:', '  htpasswd:', '    realm: layerdiff-test', `    path: ${path.join(dir, 'htpasswd')}`);
  } else if (auth.mode === 'token') {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${auth.realm}`,
      `    service: ${auth.service}`,
      `    issuer: ${auth.issuer}`,
      `    rootcertbundle: ${auth.rootCertPath}`,
    );
  }
  const configPath = path.join(dir, 'config.yml');
  await writeFile(configPath, lines.join('\n') + '\n');
  const logPath = path.join(dir, 'registry.log');
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const readLog = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const deadline = Date.now() + 15_000;
  while (!(await answers(port))) {
    if (exited !== undefined) throw new Error(`docker-registry exited with ${exited}:\n${readLog()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start on ${host}:\n${readLog()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    port,
    dir,
    log: readLog,
    accessLog: () => parseAccessLog(readLog()),
    blobDataPath: (digest: string) => {
      const hex = digest.replace(/^sha256:/, '');
      return path.join(dir, 'storage', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    stop: async () => {
      if (exited === undefined) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Any HTTP answer on /v2/ (200 or 401) means the registry is up. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export function parseAccessLog(text: string): Array<{ method: string; path: string; status: number }> {
  const out: Array<{ method: string; path: string; status: number }> = [];
  for (const m of text.matchAll(/"(GET|HEAD|PUT|POST|PATCH|DELETE) (\S+) HTTP\/[\d.]+" (\d{3})/g)) {
    out.push({ method: m[1] as string, path: m[2] as string, status: Number(m[3]) });
  }
  return out;
}

export interface PushOptions {
  creds?: string;
  /** Extra skopeo flags, e.g. ['--all'] or ['--format', 'oci']. */
  flags?: string[];
}

/** `skopeo copy SRC docker://DEST` over plain HTTP; throws with skopeo's stderr on failure. */
export async function skopeoCopy(source: string, dest: string, options: PushOptions = {}): Promise<void> {
  const args = ['copy', '--quiet', '--dest-tls-verify=false', ...(options.flags ?? [])];
  if (options.creds) args.push('--dest-creds', options.creds);
  args.push(source, dest);
  await run('skopeo', args);
}

export async function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}
