/**
 * The distribution API for one repository: manifests and blobs, with authentication, retries of
 * transient failures, redirects (registries hand blobs to object storage) and one-line errors.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { LayerdiffError } from '../../errors.js';
import { countRequest } from '../../stats.js';
import { Authenticator, type AuthContext } from './auth.js';
import { parseWwwAuthenticate } from './challenge.js';
import { discardBody, HttpTransport, isRetryableTransportError, networkError, readSmallBody, toTransportError, type HttpResponse } from './http.js';

export interface ClientOptions {
  /** `http:` or `https:` */
  protocol: 'http:' | 'https:';
  /** Where API requests go (`HOST[:PORT]`). */
  apiHost: string;
  repository: string;
  auth: AuthContext;
  /** Idle socket timeout per request. */
  timeoutMs: number;
  /** Extra attempts after a 429/5xx or a reset connection. */
  retries: number;
  /** First backoff delay; doubles each retry. */
  backoffMs: number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export const defaultClientTuning = { timeoutMs: 30_000, retries: 3, backoffMs: 250 } as const;

const MAX_REDIRECTS = 5;
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export interface SmallDocument {
  bytes: Buffer;
  contentType: string | undefined;
  /** Docker-Content-Digest header, when the registry sent one. */
  digest: string | undefined;
}

export class RegistryClient {
  private readonly transport: HttpTransport;
  private readonly auth: Authenticator;
  private readonly scope: string;
  private readonly subject: string;

  constructor(private readonly options: ClientOptions) {
    this.transport = new HttpTransport(options.timeoutMs, options.env);
    this.auth = new Authenticator(this.transport, options.auth);
    this.scope = `repository:${options.repository}:pull`;
    this.subject = options.auth.subject;
  }

  close(): void {
    this.transport.close();
  }

  /** GET a manifest (tag or digest) with the given Accept list; bytes kept whole (small). */
  async getManifest(reference: string, accept: string, limit: number): Promise<SmallDocument> {
    const res = await this.get('manifest', `manifests/${reference}`, { Accept: accept }, 'manifest');
    return this.readDocument(res, limit, 'manifest');
  }

  /** GET a small blob (an image config) whole. */
  async getSmallBlob(digest: string, limit: number, kind = 'config'): Promise<SmallDocument> {
    const res = await this.get(kind, `blobs/${digest}`, {}, 'blob');
    return this.readDocument(res, limit, kind);
  }

  /**
   * Streams a blob, verifying its length and digest at the end. A connection that breaks mid-way
   * resumes with a Range request from the byte reached, so a flaky link does not restart a big layer.
   * Resolves once the first response headers arrive, so "not found" is a rejection, not a stream error.
   */
  async openBlob(digest: string, expectedSize: number | null, what: string): Promise<Readable> {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const hash = digest.startsWith('sha256:') ? createHash('sha256') : null;
    let received = 0;
    let resumesLeft = this.options.retries;
    let current: HttpResponse = await this.get('blob', `blobs/${digest}`, {}, 'blob');
    let finished = false;

    const fail = (error: unknown) => {
      if (finished) return;
      finished = true;
      current.body.destroy();
      out.destroy(error instanceof LayerdiffError ? error : networkError(`${this.subject}: ${what}`, error, this.options.timeoutMs, current.url.host));
    };

    const pump = (res: HttpResponse) => {
      current = res;
      res.body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        hash?.update(chunk);
        if (expectedSize !== null && received > expectedSize) {
          fail(
            new LayerdiffError('input', `${this.subject}: ${what} is longer than the ${expectedSize} bytes its descriptor declares`, { subject: this.subject }),
          );
          return;
        }
        if (!out.write(chunk)) res.body.pause();
      });
      res.body.on('end', () => {
        if (finished) return;
        if (expectedSize !== null && received !== expectedSize) {
          void resume(new Error(`ended after ${received} of ${expectedSize} bytes`));
          return;
        }
        if (hash) {
          const actual = `sha256:${hash.digest('hex')}`;
          if (actual !== digest) {
            fail(
              new LayerdiffError('input', `${this.subject}: ${what} does not match its digest (expected ${digest}, got ${actual})`, { subject: this.subject }),
            );
            return;
          }
        }
        finished = true;
        out.end();
      });
      res.body.on('error', (error) => void resume(error));
    };

    const resume = async (error: unknown) => {
      if (finished) return;
      const reason = toTransportError(error, current.url.host, this.options.timeoutMs);
      if (resumesLeft <= 0) {
        fail(reason);
        return;
      }
      resumesLeft -= 1;
      await sleep(this.backoff(this.options.retries - resumesLeft));
      if (finished) return;
      current.body.removeAllListeners('data');
      current.body.removeAllListeners('end');
      current.body.destroy();
      try {
        const next = await this.get('blob', `blobs/${digest}`, received > 0 ? { Range: `bytes=${received}-` } : {}, 'blob');
        const range = String(next.headers['content-range'] ?? '');
        const continues = received === 0 ? next.status === 200 : next.status === 206 && range.startsWith(`bytes ${received}-`);
        if (!continues) {
          next.body.destroy();
          fail(reason);
          return;
        }
        pump(next);
      } catch (retryError) {
        fail(retryError);
      }
    };

    out.on('drain', () => current.body.resume());
    // The consumer gave up (an error downstream): stop downloading.
    out.on('close', () => {
      if (!finished) {
        finished = true;
        current.body.destroy();
      }
    });
    pump(current);
    return out;
  }

  private async readDocument(res: HttpResponse, limit: number, what: string): Promise<SmallDocument> {
    let bytes: Buffer;
    try {
      bytes = await readSmallBody(res, limit, what);
    } catch (error) {
      if (error instanceof Error && !('code' in error)) {
        throw new LayerdiffError('input', `${this.subject}: ${error.message}`, { subject: this.subject });
      }
      throw networkError(this.subject, error, this.options.timeoutMs, res.url.host);
    }
    const digest = res.headers['docker-content-digest'];
    return { bytes, contentType: res.headers['content-type'], digest: typeof digest === 'string' ? digest : undefined };
  }

  /**
   * One logical GET under /v2/<repo>/: retries 429/5xx and reset connections with backoff,
   * authenticates once on a 401, follows redirects, and turns any other status into an error.
   * Resolves with a 2xx response whose body is unread.
   */
  private async get(kind: string, path: string, headers: Record<string, string>, what: 'manifest' | 'blob'): Promise<HttpResponse> {
    const url = new URL(`${this.options.protocol}//${this.options.apiHost}/v2/${this.options.repository}/${path}`);
    let reauthenticated = false;
    let attempt = 0;
    for (;;) {
      let res: HttpResponse;
      try {
        const authorization = await this.auth.header(this.scope);
        res = await this.follow(kind, url, headers, authorization);
      } catch (error) {
        if (isRetryableTransportError(error) && attempt < this.options.retries) {
          attempt += 1;
          await sleep(this.backoff(attempt));
          continue;
        }
        const suffix = isRetryableTransportError(error) && attempt > 0 ? ` after ${attempt + 1} attempts` : '';
        const e = networkError(this.subject, error, this.options.timeoutMs, hostOf(error) ?? this.options.apiHost);
        throw suffix ? new LayerdiffError(e.code, `${e.message}${suffix}`, { subject: this.subject, cause: error }) : e;
      }
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401) {
        await discardBody(res);
        const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
        if (reauthenticated) {
          if (challenges.some((c) => c.params.error === 'insufficient_scope')) {
            throw new LayerdiffError(
              'auth',
              `${this.subject}: no pull access to ${this.options.repository} on ${this.options.apiHost} (401 insufficient_scope)`,
              { subject: this.subject },
            );
          }
          throw this.auth.refused();
        }
        // A cached token may have expired: learn the challenge again and get a fresh one, once.
        await this.auth.onUnauthorized(challenges, this.scope);
        reauthenticated = true;
        continue;
      }
      if (RETRYABLE_STATUS.has(res.status) && attempt < this.options.retries) {
        await discardBody(res);
        attempt += 1;
        await sleep(Math.max(this.backoff(attempt), retryAfterMs(res.headers['retry-after'])));
        continue;
      }
      throw await this.statusError(res, what, attempt);
    }
  }

  /** Sends one GET and follows redirects; Authorization goes only to the registry's own origin. */
  private async follow(kind: string, start: URL, headers: Record<string, string>, authorization: string | undefined): Promise<HttpResponse> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const sameOrigin = url.origin === start.origin;
      const sent: Record<string, string> = { ...headers };
      if (authorization && sameOrigin) sent.Authorization = authorization;
      countRequest(kind);
      const res = await this.transport.request({ url, headers: sent });
      if (![301, 302, 303, 307, 308].includes(res.status)) return res;
      const location = res.headers.location;
      await discardBody(res);
      if (!location) return res;
      if (hop >= MAX_REDIRECTS) {
        throw new LayerdiffError('network', `${this.subject}: more than ${MAX_REDIRECTS} redirects from ${start.host}`, { subject: this.subject });
      }
      url = new URL(location, url);
    }
  }

  private backoff(attempt: number): number {
    return this.options.backoffMs * 2 ** (attempt - 1);
  }

  private async statusError(res: HttpResponse, what: 'manifest' | 'blob', attempts: number): Promise<LayerdiffError> {
    const detail = await registryErrorDetail(res);
    const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    const subject = this.subject;
    const host = res.url.host;
    if (res.status === 404) {
      const code = detail.code ?? '';
      let reason: string;
      if (code === 'NAME_UNKNOWN') reason = `repository ${this.options.repository} not found on ${host}`;
      else if (what === 'manifest') reason = detail.message ? detail.message.toLowerCase() : 'manifest unknown';
      else reason = detail.message ? detail.message.toLowerCase() : 'blob unknown';
      if (what === 'manifest' && reason !== 'manifest unknown' && code === 'MANIFEST_UNKNOWN') reason = 'manifest unknown';
      return new LayerdiffError('not-found', `${subject}: ${reason} (${status})`, { subject });
    }
    if (res.status === 403) {
      return new LayerdiffError(
        'auth',
        `${subject}: access to ${this.options.repository} denied by ${host} (${status}${detail.message ? `: ${detail.message}` : ''})`,
        { subject },
      );
    }
    const retried = attempts > 0 ? ` after ${attempts + 1} attempts` : '';
    const message = detail.message ? `: ${detail.message}` : '';
    return new LayerdiffError('network', `${subject}: ${host} answered ${status}${message}${retried}`, { subject });
  }
}

function hostOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'host' in error && typeof error.host === 'string' ? (error as { host: string }).host : undefined;
}

/** `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}` as distribution writes errors. */
async function registryErrorDetail(res: HttpResponse): Promise<{ code?: string; message?: string }> {
  try {
    const text = (await readSmallBody(res, 64 * 1024, 'error body')).toString('utf8');
    const data = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }> };
    const first = data.errors?.[0];
    const out: { code?: string; message?: string } = {};
    if (typeof first?.code === 'string') out.code = first.code;
    if (typeof first?.message === 'string') out.message = first.message.replace(/\s+/g, ' ').trim();
    return out;
  } catch {
    return {};
  }
}

function retryAfterMs(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 0;
  const seconds = Number(value);
  // Honour short waits only: a long Retry-After is better reported than slept through.
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 5000);
  return 0;
}
