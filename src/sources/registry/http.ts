/**
 * One HTTP exchange with a registry or its storage, over node:http(s): no redirects, no retries, no
 * auth (client.ts adds those). Bodies stay streams; nothing here buffers a blob. Requests go through
 * the proxy HTTPS_PROXY / HTTP_PROXY name unless NO_PROXY exempts the host (proxy.ts).
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { pipeline, Transform, type Readable } from 'node:stream';
import { LayerdiffError } from '../../errors.js';
import { stats } from '../../stats.js';
import { ProxyError, proxyConnectError, proxyFor, TunnelingAgent, type ProxyChoice } from './proxy.js';

/**
 * node:http through require, not an ES import: the ES facade of node:http reads every export, which
 * loads Node's bundled undici (its lazy fetch/WebSocket getters): ~3 MB of heap in every run, registry
 * or not, and each of the many full GCs that streaming layers' buffers cause then costs more (the
 * bench row "parallel size measurement"). Same module object, so test interceptors still see it.
 */
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export interface HttpRequest {
  method?: 'GET' | 'HEAD';
  url: URL;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  url: URL;
  /** The body as it arrives; every byte read is counted into stats.networkBytes. */
  body: Readable;
}

/** A socket-level failure, before or during a response, with a code that says which. */
export class TransportError extends Error {
  readonly code: string;
  readonly host: string;
  constructor(code: string, host: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransportError';
    this.code = code;
    this.host = host;
  }
}

/** Failures worth trying again: the server may well answer next time. */
export function isRetryableTransportError(error: unknown): boolean {
  return error instanceof TransportError && (error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.code === 'ECONNABORTED');
}

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent: https.Agent;
  /** One tunnelling agent per proxy (HTTPS_PROXY may differ from what a redirect's host needs: none). */
  private readonly tunnelAgents = new Map<string, TunnelingAgent>();

  constructor(
    readonly timeoutMs: number,
    /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (per request: a redirect may leave the proxy's reach). */
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Extra TLS options (tests pass the `ca` of a loopback HTTPS server). */
    private readonly tlsOptions: Pick<https.AgentOptions, 'ca'> = {},
  ) {
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ...tlsOptions });
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const { url } = req;
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? https : http;
    const host = url.host;
    let proxy: ProxyChoice | null;
    try {
      proxy = proxyFor(url, this.env);
    } catch (error) {
      return Promise.reject(error);
    }
    const headers: Record<string, string> = { 'User-Agent': 'layerdiff', ...req.headers };
    let target: RequestOptions;
    if (proxy && !isHttps) {
      // Plain HTTP through a proxy: ask the proxy for the absolute URI (RFC 9112 §3.2.2).
      target = { host: proxy.url.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.url.port || 80), path: url.href, agent: this.httpAgent };
      headers.Host = url.host;
      if (proxy.authorization) headers['Proxy-Authorization'] = proxy.authorization;
    } else {
      const agent = proxy ? this.tunnelAgent(proxy) : isHttps ? this.httpsAgent : this.httpAgent;
      target = { protocol: url.protocol, host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: `${url.pathname}${url.search}`, agent };
    }
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let response: IncomingMessage | undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        // Not reaching an absolute-URI proxy is the proxy's failure, not the registry's.
        const e = error as NodeJS.ErrnoException;
        const viaProxy = proxy && !isHttps && (e.syscall === 'connect' || e.syscall === 'getaddrinfo') ? proxyConnectError(e, proxy) : error;
        reject(toTransportError(viaProxy, host, this.timeoutMs));
      };
      const outgoing = lib.request(
        {
          ...target,
          method: req.method ?? 'GET',
          headers,
        },
        (res) => {
          settled = true;
          response = res;
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, url, body: countingBody(res) });
        },
      );
      // Idle timeout on the socket: covers connecting, waiting for headers and a stalled body.
      outgoing.setTimeout(this.timeoutMs, () => {
        const error = new TransportError('ETIMEDOUT', host, `${host} did not answer within ${formatSeconds(this.timeoutMs)} (timeout)`);
        // A stalled body must fail with this reason, not with the "aborted" the socket teardown gives.
        response?.destroy(error);
        outgoing.destroy(error);
      });
      outgoing.on('error', fail);
      outgoing.end();
    });
  }

  /** Closes idle keep-alive sockets (and any still in use). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    for (const agent of this.tunnelAgents.values()) agent.destroy();
  }

  private tunnelAgent(proxy: ProxyChoice): TunnelingAgent {
    const key = `${proxy.url.href}\n${proxy.authorization ?? ''}`;
    let agent = this.tunnelAgents.get(key);
    if (!agent) {
      agent = new TunnelingAgent(proxy, this.timeoutMs, { keepAlive: true, maxSockets: 8, ...this.tlsOptions });
      this.tunnelAgents.set(key, agent);
    }
    return agent;
  }
}

/** The response body, counting bytes as they are read (a 'data' listener would start the flow early). */
function countingBody(res: IncomingMessage): Readable {
  const counter = new Transform({
    highWaterMark: 256 * 1024,
    transform(chunk: Buffer, _encoding, done) {
      stats.networkBytes += chunk.length;
      done(null, chunk);
    },
  });
  pipeline(res, counter, () => {
    // errors reach the consumer through `counter`
  });
  return counter;
}

/** Maps a socket error (during the request or while reading its body) to a one-line reason. */
export function toTransportError(error: unknown, host: string, timeoutMs: number): TransportError {
  if (error instanceof TransportError) return error;
  if (error instanceof ProxyError) return new TransportError(error.code, host, error.message, { cause: error });
  const e = error as NodeJS.ErrnoException & { code?: string };
  const code = e.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new TransportError(code, host, `cannot connect to ${host}: ECONNREFUSED`, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportError(code, host, `cannot resolve ${hostnameOnly(host)} (${code})`, { cause: error });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new TransportError('ECONNRESET', host, `connection to ${host} was reset (${code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'ECONNRESET' : code})`, {
        cause: error,
      });
    case 'ETIMEDOUT':
      return new TransportError(code, host, `${host} did not answer within ${formatSeconds(timeoutMs)} (timeout)`, { cause: error });
    default:
      break;
  }
  const message = e.message ?? String(error);
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message) || isCertCode(code)) {
    return new TransportError('ETLS', host, `TLS with ${host} failed (${code || message}); for a plain-HTTP registry pass --insecure-registry ${host}`, {
      cause: error,
    });
  }
  if (message === 'socket hang up' || message === 'aborted') {
    return new TransportError('ECONNRESET', host, `connection to ${host} was reset (ECONNRESET)`, { cause: error });
  }
  return new TransportError(code || 'EIO', host, `request to ${host} failed: ${message}`, { cause: error });
}

function isCertCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(code);
}

function hostnameOnly(host: string): string {
  const colon = host.lastIndexOf(':');
  return colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A network failure as the user sees it: `<reference>: <reason>`. */
export function networkError(subject: string, error: unknown, timeoutMs: number, host: string): LayerdiffError {
  if (error instanceof LayerdiffError) return error;
  const t = toTransportError(error, host, timeoutMs);
  return new LayerdiffError('network', `${subject}: ${t.message}`, { subject, cause: error });
}

/** Reads a small body whole, refusing more than `limit` bytes (manifests, configs, error JSON). */
export async function readSmallBody(res: Pick<HttpResponse, 'body' | 'headers'>, limit: number, what: string): Promise<Buffer> {
  const body = res.body;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw new Error(`${what} is ${declared} bytes, more than the ${limit} allowed`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new Error(`${what} is more than the ${limit} bytes allowed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Drains and discards a body so its keep-alive socket can be reused (bounded). */
export async function discardBody(res: Pick<HttpResponse, 'body' | 'headers'>): Promise<void> {
  const body = res.body;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > 64 * 1024) {
    body.destroy();
    return;
  }
  try {
    for await (const _chunk of body) {
      // draining
    }
  } catch {
    // the body is not needed
  }
}
