/**
 * Registry traffic through HTTP_PROXY / HTTPS_PROXY, and NO_PROXY around it. A loopback forward
 * proxy written here (absolute-URI GETs forwarded, CONNECT tunnelled, everything logged) stands in
 * front of Debian's docker-registry for plain HTTP, and of a loopback HTTPS server with a throwaway
 * certificate for CONNECT. The oracle for "went through the proxy" is the registry's own access log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageError } from '../../src/errors.js';
import { parseReference } from '../../src/sources/reference.js';
import { HttpTransport, readSmallBody } from '../../src/sources/registry/http.js';
import { openRegistryImageWith } from '../../src/sources/registry/index.js';
import { bypassesProxy, parseProxyUrl, proxyFor } from '../../src/sources/registry/proxy.js';
import { freePort, registrySkipReason, skopeoCopy, startRegistry, type RunningRegistry } from '../helpers/registry-server.js';
import { repoRoot } from '../helpers/repo-root.js';

interface ProxyLogEntry {
  method: string;
  /** The request target as sent: an absolute URI, or `host:port` for CONNECT. */
  target: string;
  proxyAuthorization: string | undefined;
}

interface ForwardProxy {
  host: string;
  log: ProxyLogEntry[];
  /** Answer CONNECT with this status instead of tunnelling. */
  refuseConnect: number | null;
  stop(): Promise<void>;
}

/** A forward proxy as corporate networks run them (squid-like), minus the caching. */
async function startForwardProxy(): Promise<ForwardProxy> {
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  const proxy: ForwardProxy = { host: '', log, refuseConnect: null, stop: async () => {} };
  const server = http.createServer((req, res) => {
    log.push({ method: req.method ?? '', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      // An origin-form request (`GET /v2/`) means the client took the proxy for the registry.
      res.writeHead(400).end('absolute URI required');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, upRes.headers);
      upRes.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    log.push({ method: 'CONNECT', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    if (proxy.refuseConnect !== null) {
      client.end(`HTTP/1.1 ${proxy.refuseConnect} Refused By Test\r\n\r\n`);
      return;
    }
    const [host = '', port = ''] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

describe('which proxy a URL takes (pure)', () => {
  const url = (text: string) => new URL(text);
  it.each([
    ['*', 'https://ghcr.io/v2/', true],
    ['ghcr.io', 'https://ghcr.io/v2/', true],
    ['ghcr.io', 'https://pkg-containers.ghcr.io/x', true],
    ['ghcr.io', 'https://notghcr.io/x', false],
    ['.example.com', 'https://example.com/', true],
    ['.example.com', 'https://registry.example.com/', true],
    ['*.example.com', 'https://registry.example.com/', true],
    ['registry.local:5000', 'http://registry.local:5000/v2/', true],
    ['registry.local:5000', 'http://registry.local:5001/v2/', false],
    ['registry.local:443', 'https://registry.local/v2/', true],
    ['127.0.0.1', 'http://127.0.0.1:5000/v2/', true],
    ['127.0.0.1:5000', 'http://127.0.0.1:5001/v2/', false],
    ['10.0.0.0/8', 'http://10.1.2.3:5000/', true],
    ['10.0.0.0/8', 'http://11.1.2.3:5000/', false],
    ['::1', 'http://[::1]:5000/', true],
    ['[::1]:5000', 'http://[::1]:5000/', true],
    ['1.2.3.4', 'http://21.2.3.4/', false],
    ['foo.com, ghcr.io  quay.io', 'https://quay.io/', true],
    ['GHCR.IO', 'https://ghcr.io/', true],
    ['', 'https://ghcr.io/', false],
  ])('NO_PROXY=%j for %s: bypass %s', (noProxy, target, bypass) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(bypass);
  });

  it('https:// takes HTTPS_PROXY, http:// takes HTTP_PROXY; lowercase wins; NO_PROXY exempts', () => {
    const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'lower:3128', HTTP_PROXY: 'http://plain:8080', NO_PROXY: 'quay.io' };
    expect(proxyFor(url('https://ghcr.io/v2/'), env)).toMatchObject({ variable: 'https_proxy', url: new URL('http://lower:3128') });
    expect(proxyFor(url('http://ghcr.io/v2/'), env)).toMatchObject({ variable: 'HTTP_PROXY', url: new URL('http://plain:8080') });
    expect(proxyFor(url('https://quay.io/v2/'), env)).toBeNull();
    expect(proxyFor(url('https://ghcr.io/v2/'), { HTTP_PROXY: 'http://plain:8080' })).toBeNull();
    expect(proxyFor(url('https://ghcr.io/v2/'), { HTTPS_PROXY: '' })).toBeNull();
  });

  it('takes proxy credentials from the URL and never keeps them in it', () => {
    const parsed = parseProxyUrl('http://us%40er:p%3Ass@proxy:3128', 'HTTPS_PROXY');
    expect(parsed.url.href).toBe('http://proxy:3128/');
    expect(parsed.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  it.each([
    ['https://u:hunter2@proxy:3128', /^HTTPS_PROXY: https:\/\/ proxies are not supported \(expected http:\/\/HOST:PORT\)$/],
    ['socks5://u:hunter2@proxy:1080', /^HTTPS_PROXY: socks5:\/\/ proxies are not supported/],
    ['http://u:hunter2@[bad', /^HTTPS_PROXY: not a proxy URL \(expected http:\/\/HOST:PORT\)$/],
  ])('refuses %j without echoing it', (value, message) => {
    let text = '';
    try {
      parseProxyUrl(value, 'HTTPS_PROXY');
    } catch (error) {
      expect(error).toEqual(usageError((error as Error).message));
      text = (error as Error).message;
    }
    expect(text).toMatch(message);
    expect(text).not.toContain('hunter2');
  });
});

const skipReason = registrySkipReason();
if (skipReason) console.warn(`registry-proxy.test.ts ${skipReason}`);

const fast = { retries: 1, backoffMs: 20, timeoutMs: 5000 };

/** Polls `condition` every 50 ms for up to 3 s (log files are written a moment after the response). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 60 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
const APP_BASE = path.join(repoRoot, '__tests__/fixtures/built/docker/app-base.tar');

describe.skipIf(skipReason)('plain-HTTP registry behind HTTP_PROXY', () => {
  let registry: RunningRegistry;
  let proxy: ForwardProxy;
  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startForwardProxy();
    await skopeoCopy(`docker-archive:${APP_BASE}`, `docker://${registry.host}/app:base`);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  /** Opens the image and reads every layer, with `env` as the whole environment. */
  async function pull(env: NodeJS.ProcessEnv): Promise<number> {
    const ref = parseReference(`docker://${registry.host}/app:base`);
    if (ref.transport !== 'docker') throw new Error('not a docker:// reference');
    const handle = await openRegistryImageWith(ref.name, ref, { insecureRegistries: [registry.host] }, { ...fast, env: { HOME: '/nonexistent', ...env } });
    try {
      let bytes = 0;
      for (const layer of handle.layers) for await (const chunk of await layer.open()) bytes += (chunk as Buffer).length;
      return bytes;
    } finally {
      await handle.close();
    }
  }

  it('sends every request to the proxy as an absolute URI (the registry sees them all through it)', async () => {
    proxy.log.length = 0;
    const before = registry.accessLog().length;
    const bytes = await pull({ HTTP_PROXY: `http://${proxy.host}` });
    expect(bytes).toBeGreaterThan(0);
    // The registry writes its access line after answering: wait (bounded) for the last one.
    await until(() => registry.accessLog().length - before >= proxy.log.length);
    const served = registry.accessLog().slice(before);
    expect(proxy.log.length).toBeGreaterThanOrEqual(3); // /v2/ probe or manifest, config, layers
    expect(proxy.log.every((e) => e.method === 'GET' && e.target.startsWith(`http://${registry.host}/v2/`))).toBe(true);
    expect(proxy.log.map((e) => new URL(e.target).pathname).sort()).toEqual(served.map((s) => s.path.split('?')[0]).sort());
    expect(proxy.log.some((e) => e.target.endsWith('/v2/app/manifests/base'))).toBe(true);
  });

  it('lowercase http_proxy works the same', async () => {
    proxy.log.length = 0;
    await pull({ http_proxy: `http://${proxy.host}` });
    expect(proxy.log.length).toBeGreaterThanOrEqual(3);
  });

  it.each([['127.0.0.1'], ['localhost,127.0.0.1'], ['*'], ['127.0.0.0/8']])('NO_PROXY=%j goes around the proxy', async (noProxy) => {
    proxy.log.length = 0;
    const before = registry.accessLog().length;
    await pull({ HTTP_PROXY: `http://${proxy.host}`, NO_PROXY: noProxy });
    await until(() => registry.accessLog().length > before);
    expect(proxy.log).toEqual([]);
    expect(registry.accessLog().length).toBeGreaterThan(before);
  });

  it('NO_PROXY for another port of the same host does not go around it', async () => {
    proxy.log.length = 0;
    await pull({ HTTP_PROXY: `http://${proxy.host}`, no_proxy: '127.0.0.1:1' });
    expect(proxy.log.length).toBeGreaterThanOrEqual(3);
  });

  it('sends proxy credentials to the proxy only, and never shows them', async () => {
    proxy.log.length = 0;
    await pull({ HTTP_PROXY: `http://pu:p-s3cret@${proxy.host}` });
    expect(new Set(proxy.log.map((e) => e.proxyAuthorization))).toEqual(new Set([`Basic ${Buffer.from('pu:p-s3cret').toString('base64')}`]));
  });

  it('names the proxy, not the registry, when the proxy is down', async () => {
    const port = await freePort();
    const message = await pull({ HTTP_PROXY: `http://pu:p-s3cret@127.0.0.1:${port}` }).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    expect(message).toBe(`docker://${registry.host}/app:base: cannot connect to proxy 127.0.0.1:${port} (from HTTP_PROXY): ECONNREFUSED`);
  });
});

describe.skipIf(skipReason)('HTTPS through a CONNECT tunnel (HTTPS_PROXY)', () => {
  let dir: string;
  let ca: Buffer;
  let server: https.Server;
  let origin: string;
  let proxy: ForwardProxy;
  const served: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-proxy-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    ca = await readFile(cert);
    server = https.createServer({ key: await readFile(key), cert: ca }, (req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = await startForwardProxy();
  });
  afterAll(async () => {
    await proxy?.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  async function get(transport: HttpTransport, pathname: string): Promise<string> {
    const res = await transport.request({ url: new URL(`https://${origin}${pathname}`) });
    expect(res.status).toBe(200);
    return (await readSmallBody(res, 1024, 'body')).toString('utf8');
  }

  it('tunnels with CONNECT, speaks TLS with the server itself, and reuses the tunnel', async () => {
    proxy.log.length = 0;
    served.length = 0;
    proxy.refuseConnect = null;
    const transport = new HttpTransport(5000, { HTTPS_PROXY: `http://${proxy.host}` }, { ca });
    try {
      expect(await get(transport, '/v2/')).toBe('{"ok":true}');
      expect(await get(transport, '/v2/app/manifests/1')).toBe('{"ok":true}');
    } finally {
      transport.close();
    }
    // One tunnel for both requests (keep-alive), and the proxy saw no path: only the host it tunnelled to.
    expect(proxy.log).toEqual([{ method: 'CONNECT', target: origin, proxyAuthorization: undefined }]);
    expect(served).toEqual(['/v2/', '/v2/app/manifests/1']);
  });

  it('NO_PROXY=127.0.0.1 connects directly', async () => {
    proxy.log.length = 0;
    const transport = new HttpTransport(5000, { HTTPS_PROXY: `http://${proxy.host}`, NO_PROXY: '127.0.0.1' }, { ca });
    try {
      expect(await get(transport, '/v2/')).toBe('{"ok":true}');
    } finally {
      transport.close();
    }
    expect(proxy.log).toEqual([]);
  });

  it('says which proxy refused the tunnel, without its credentials', async () => {
    proxy.log.length = 0;
    proxy.refuseConnect = 407;
    const transport = new HttpTransport(5000, { https_proxy: `http://pu:p-s3cret@${proxy.host}` }, { ca });
    try {
      const message = await transport.request({ url: new URL(`https://${origin}/v2/`) }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      expect(message).toBe(`proxy ${proxy.host} (from https_proxy) refused CONNECT ${origin} (407 Refused By Test)`);
      expect(proxy.log[0]?.proxyAuthorization).toBe(`Basic ${Buffer.from('pu:p-s3cret').toString('base64')}`);
    } finally {
      transport.close();
      proxy.refuseConnect = null;
    }
  });

  it('times out a proxy that never answers CONNECT (hostile: silent proxy)', async () => {
    const held = new Set<Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentHost = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const transport = new HttpTransport(300, { HTTPS_PROXY: silentHost });
    try {
      const message = await transport.request({ url: new URL(`https://${origin}/v2/`) }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      expect(message).toBe(`proxy ${silentHost} (from HTTPS_PROXY) did not answer within 300 ms (timeout)`);
    } finally {
      transport.close();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
