/**
 * A loopback reverse proxy in front of a registry: clients address the proxy as if it were the
 * registry. It records every request (method, path, status) and can inject faults: answer a status
 * (e.g. one 500), destroy the socket (connection reset) before or in the middle of a body, or never
 * answer (timeout).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number | 'reset' | 'hang';
  /** Request headers worth asserting on. */
  range?: string | undefined;
}

/**
 * `status`: answer it instead of forwarding; `reset`: destroy the socket before answering; `hang`:
 * never answer; `cutAfter`: forward, then destroy the socket after that many body bytes.
 */
export type Fault = { status: number } | { reset: true } | { hang: true } | { cutAfter: number };

interface FaultRule {
  match: (method: string, path: string) => boolean;
  fault: Fault;
  remaining: number;
}

export interface CountingProxy {
  /** `127.0.0.1:PORT` to put in docker:// references (list it as insecure). */
  host: string;
  requests: ProxiedRequest[];
  /** Requests whose path matches. */
  count(match: RegExp | string, method?: string): number;
  /** Answer the next `times` matching requests with `fault` instead of forwarding them. */
  inject(match: RegExp | string, fault: Fault, times?: number): void;
  clear(): void;
  stop(): Promise<void>;
}

export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const [upHost, upPort] = upstream.split(':') as [string, string];
  const requests: ProxiedRequest[] = [];
  let rules: FaultRule[] = [];
  const toMatcher = (m: RegExp | string) => (path: string) => (typeof m === 'string' ? path.includes(m) : m.test(path));

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const range = req.headers.range;
    const socket = req.socket;
    const rule = rules.find((r) => r.remaining > 0 && r.match(method, path));
    let cutAfter: number | null = null;
    if (rule) {
      rule.remaining -= 1;
      const f = rule.fault;
      if ('cutAfter' in f) {
        cutAfter = f.cutAfter;
      } else if ('status' in f) {
        requests.push({ method, path, status: f.status });
        req.resume();
        res.writeHead(f.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'injected failure' }] }));
      } else if ('reset' in f) {
        requests.push({ method, path, status: 'reset' });
        req.socket.resetAndDestroy();
      } else {
        requests.push({ method, path, status: 'hang' });
      }
      if (cutAfter === null) return;
    }
    const upstreamReq = http.request({ host: upHost, port: Number(upPort), method, path, headers: { ...req.headers, host: upstream } }, (upRes) => {
      requests.push({ method, path, status: upRes.statusCode ?? 0, range });
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, upRes.headers);
      if (cutAfter === null) {
        upRes.pipe(res);
        return;
      }
      let left = cutAfter;
      upRes.on('data', (chunk: Buffer) => {
        if (left <= 0) return;
        const part = chunk.subarray(0, left);
        left -= part.length;
        res.write(part);
        if (left <= 0) {
          upRes.destroy();
          // Let the written bytes leave before the reset.
          setTimeout(() => socket.resetAndDestroy(), 20);
        }
      });
      upRes.on('end', () => res.end());
    });
    upstreamReq.on('error', () => {
      requests.push({ method, path, status: 502 });
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    count: (match, method) => requests.filter((r) => (method === undefined || r.method === method) && toMatcher(match)(r.path)).length,
    inject: (match, fault, times = 1) => {
      const m = toMatcher(match);
      rules.push({ match: (_method, path) => m(path), fault, remaining: times });
    },
    clear: () => {
      requests.length = 0;
      rules = [];
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
