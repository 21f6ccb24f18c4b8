/**
 * Registry traffic through an HTTP proxy, chosen from the environment as curl, undici and docker do:
 * `https_proxy`/`HTTPS_PROXY` for https:// URLs, `http_proxy`/`HTTP_PROXY` for http:// ones (the
 * lowercase spelling wins when both are set), and `no_proxy`/`NO_PROXY` for hosts reached directly.
 *
 * Plain HTTP goes to the proxy as an absolute-URI request (`GET http://host/path HTTP/1.1`); HTTPS
 * goes through a `CONNECT host:443` tunnel, inside which TLS is negotiated with the registry itself,
 * so the proxy never sees the bytes or the credentials. Proxy credentials in the proxy URL
 * (`http://user:pass@proxy:3128`) are sent as `Proxy-Authorization: Basic` and never shown.
 */
import https from 'node:https';
import net, { BlockList } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ClientRequestArgs } from 'node:http';
import { usageError } from '../../errors.js';

export interface ProxyChoice {
  /** `http://HOST:PORT` of the proxy. */
  url: URL;
  /** Which variable named it, for messages (`HTTPS_PROXY`). */
  variable: string;
  /** `Basic …` from the proxy URL's user info, if any. */
  authorization: string | undefined;
}

/** A failure on the way through the proxy; http.ts turns it into a TransportError with this message. */
export class ProxyError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProxyError';
    this.code = code;
  }
}

/** The proxy a request to `target` goes through, or null for a direct connection. Pure. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | null {
  const scheme = target.protocol === 'https:' ? 'https' : 'http';
  const found = firstSet(env, [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`]);
  if (!found) return null;
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']);
  if (noProxy && bypassesProxy(target, noProxy.value)) return null;
  return { ...parseProxyUrl(found.value, found.name), variable: found.name };
}

function firstSet(env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return null;
}

/** `proxy:3128` or `http://user:pass@proxy:3128`; other schemes are refused by name, the URL not echoed. */
export function parseProxyUrl(text: string, variable: string): Omit<ProxyChoice, 'variable'> {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw usageError(`${variable}: not a proxy URL (expected http://HOST:PORT)`);
  }
  if (url.protocol !== 'http:') throw usageError(`${variable}: ${url.protocol}// proxies are not supported (expected http://HOST:PORT)`);
  if (url.hostname === '') throw usageError(`${variable}: no proxy host (expected http://HOST:PORT)`);
  const authorization =
    url.username !== '' ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  // Only scheme, host and port are kept: messages print this URL, and it must not carry the password.
  return { url: new URL(`http://${url.host}`), authorization };
}

/**
 * Whether NO_PROXY exempts `target`. Entries, separated by commas or spaces, case-insensitive:
 * `*` (everything), `host` or `.host` or `*.host` (that host and every subdomain, as curl reads it),
 * `host:port` (that port only), an IP address, or a CIDR range (`10.0.0.0/8`).
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const hostname = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port !== '' ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  const ipFamily = net.isIP(hostname);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (ipFamily !== 0 && inCidr(hostname, ipFamily, entry)) return true;
      continue;
    }
    const { host, port: entryPort } = splitHostPort(entry);
    if (entryPort !== null && entryPort !== port) continue;
    const domain = host.replace(/^\*?\./, '');
    if (domain === '') continue;
    if (hostname === domain || (ipFamily === 0 && hostname.endsWith(`.${domain}`))) return true;
  }
  return false;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (which has colons but no port). */
function splitHostPort(entry: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ? Number(bracketed[2]) : null };
  if (net.isIPv6(entry)) return { host: entry, port: null };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1] ?? '', port: Number(withPort[2]) };
  return { host: entry, port: null };
}

function inCidr(address: string, family: number, cidr: string): boolean {
  const [network = '', bitsText = ''] = cidr.split('/');
  const networkFamily = net.isIP(network);
  const bits = Number(bitsText);
  if (networkFamily === 0 || networkFamily !== family || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(network, bits, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Most bytes a proxy's answer to CONNECT may have before its blank line. */
const CONNECT_RESPONSE_LIMIT = 16 * 1024;

/**
 * An https.Agent whose sockets are CONNECT tunnels through `proxy`: Node's agent keeps pooling,
 * keep-alive and TLS session reuse per registry host; only the way a socket is made differs.
 */
export class TunnelingAgent extends https.Agent {
  constructor(
    private readonly proxy: ProxyChoice,
    /** Covers connecting to the proxy and waiting for its answer (the request's own timeout starts once it has a socket). */
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(
    options: ClientRequestArgs & tls.ConnectionOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => {});
    const targetHost = (options.host ?? options.hostname ?? 'localhost').replace(/^\[|\]$/g, '');
    const targetPort = Number(options.port ?? 443);
    const authority = net.isIPv6(targetHost) ? `[${targetHost}]:${targetPort}` : `${targetHost}:${targetPort}`;
    openTunnel(this.proxy, authority, this.connectTimeoutMs).then(
      (socket) => {
        // TLS with the registry, over the tunnel; Node's agent already set servername for SNI.
        const secure = tls.connect({ ...options, socket, host: targetHost, port: targetPort } as tls.ConnectionOptions);
        done(null, secure);
      },
      (error: unknown) => done(error as Error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

/** A TCP socket to the proxy on which `CONNECT authority` was answered 2xx, ready for TLS. */
export function openTunnel(proxy: ProxyChoice, authority: string, timeoutMs: number): Promise<net.Socket> {
  const port = Number(proxy.url.port || 80);
  /** How messages name the proxy: host and variable, never the credentials the URL may hold. */
  const who = `proxy ${proxy.url.host} (from ${proxy.variable})`;
  const duration = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
  return new Promise<net.Socket>((resolve, reject) => {
    let settled = false;
    const socket = net.connect({ host: proxy.url.hostname.replace(/^\[|\]$/g, ''), port });
    const finish = (error: ProxyError | null) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      socket.removeListener('data', onData);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    socket.setTimeout(timeoutMs, () => finish(new ProxyError('ETIMEDOUT', `${who} did not answer within ${duration} (timeout)`)));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!settled) finish(proxyConnectError(error, proxy));
    });
    socket.on('close', () => finish(new ProxyError('ECONNRESET', `${who} closed the connection before answering CONNECT ${authority}`)));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > CONNECT_RESPONSE_LIMIT)
          finish(new ProxyError('EPROTO', `${who} sent more than ${CONNECT_RESPONSE_LIMIT / 1024} KiB of headers for CONNECT`));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (!status) return finish(new ProxyError('EPROTO', `${who} answered CONNECT with something that is not HTTP`));
      const code = Number(status[1]);
      if (code < 200 || code >= 300) {
        const reason = status[2] ? ` ${status[2].slice(0, 80)}` : '';
        return finish(new ProxyError('EPROXY', `${who} refused CONNECT ${authority} (${code}${reason})`));
      }
      // Bytes after the blank line belong to the tunnel (a server speaking first): give them back.
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      finish(null);
    };
    socket.on('data', onData);
    socket.once('connect', () => {
      const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'User-Agent: layerdiff'];
      if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });
}

/** A failure to reach the proxy itself, named as such (not as the registry being down). */
export function proxyConnectError(error: NodeJS.ErrnoException, proxy: ProxyChoice): ProxyError {
  const proxyHost = proxy.url.host;
  const code = error.code ?? 'EIO';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ProxyError(code, `cannot resolve proxy ${proxy.url.hostname} (from ${proxy.variable}; ${code})`, { cause: error });
  }
  return new ProxyError(code, `cannot connect to proxy ${proxyHost} (from ${proxy.variable}): ${code}`, { cause: error });
}
