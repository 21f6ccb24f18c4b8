/**
 * A loopback token service for the registry's `auth.token` mode (the distribution token protocol):
 * GET /token?service=..&scope=repository:NAME:ACTIONS with basic credentials -> a JWT the registry
 * verifies against the certificate generated here with openssl.
 *
 * docker-registry 2.8 (libtrust) finds the signing key from the JWT header's `x5c` (a certificate
 * chain verified against `rootcertbundle`), `jwk`, or `kid` (a libtrust fingerprint); `x5c` with the
 * self-signed certificate is the simplest that it accepts. Claims it checks: iss (= auth.token.issuer),
 * aud (= service), exp and nbf (60 s leeway); access[] grants the actions.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createSign, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TokenRequestRecord {
  service: string | null;
  scopes: string[];
  /** User name from the basic credentials sent, or null for an anonymous request. */
  user: string | null;
  granted: boolean;
}

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  requests: TokenRequestRecord[];
  stop(): Promise<void>;
}

export async function startTokenServer(users: Record<string, string>, options: { service?: string; issuer?: string } = {}): Promise<TokenServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'layerdiff-token-'));
  const keyPath = path.join(dir, 'token.key');
  const certPath = path.join(dir, 'token.crt');
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=layerdiff-test-token-issuer'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const key = createPrivateKey(readFileSync(keyPath));
  const certDer = new X509Certificate(readFileSync(certPath)).raw.toString('base64');
  const service = options.service ?? 'layerdiff-test-registry';
  const issuer = options.issuer ?? 'layerdiff-test-issuer';
  const requests: TokenRequestRecord[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    const basic = parseBasic(req.headers.authorization);
    const valid = basic !== null && users[basic.user] === basic.password;
    const record: TokenRequestRecord = { service: url.searchParams.get('service'), scopes, user: basic?.user ?? null, granted: valid };
    requests.push(record);
    if (!valid) {
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="layerdiff-test-token"' });
      res.end(JSON.stringify({ details: 'bad or missing credentials' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: basic.user,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scopes.map(parseScope).filter((a) => a !== null),
    };
    const token = signJwt({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }, claims, key);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function parseBasic(header: string | undefined): { user: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `repository:app:pull,push` -> { type, name, actions } */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(header: object, claims: object, key: ReturnType<typeof createPrivateKey>): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(signature)}`;
}
