/**
 * Registry authentication: anonymous, HTTP basic, and bearer tokens obtained from the realm a
 * `WWW-Authenticate: Bearer` challenge names (the distribution token protocol). Credentials never
 * appear in messages or logs.
 */
import { LayerdiffError } from '../../errors.js';
import { countRequest } from '../../stats.js';
import { parseJsonBounded } from '../../schema/json-input.js';
import type { Credentials } from '../docker-config.js';
import type { AuthChallenge } from './challenge.js';
import { discardBody, readSmallBody, type HttpTransport } from './http.js';
import { hostnameOf, isInsecureHost } from './name.js';

interface CachedToken {
  token: string;
  /** ms since epoch; refreshed a little early so a token never expires mid-request. */
  expiresAt: number;
}

export interface AuthContext {
  /** `<reference>` for messages. */
  subject: string;
  /** Registry host as addressed (`HOST[:PORT]`). */
  host: string;
  credentials: Credentials | null;
  /** Where the credentials came from, for messages (`--creds`, `~/.docker/config.json`, `GITHUB_TOKEN`). */
  credentialsOrigin: string | null;
  insecureRegistries: readonly string[];
  /** Says where credentials might be found when none were. */
  missingCredentialsHint: string;
}

/**
 * Largest token response read. A token is a JWT of a few kB (Docker Hub ~1 kB, GHCR/GCR up to ~4
 * kB, with `access_token` doubling it); 1 MiB is far above any real answer and bounds what a
 * hostile token service can make us hold. The JSON nesting cap (parseJsonBounded) applies too.
 */
const TOKEN_LIMIT = 1024 * 1024;
const DEFAULT_TOKEN_SECONDS = 60;

export class Authenticator {
  /** The scheme this registry asked for, learned from its first 401; later requests send it up front. */
  private challenge: AuthChallenge | null = null;
  private readonly tokens = new Map<string, CachedToken>();
  /** Token requests in flight, so concurrent requests for one scope share one token request. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly ctx: AuthContext,
    private readonly now: () => number = Date.now,
  ) {}

  /** The Authorization header to send for `scope`, if the registry is known to want one. */
  async header(scope: string): Promise<string | undefined> {
    const c = this.challenge;
    if (!c) return undefined;
    if (c.scheme === 'basic') return this.basicHeader();
    if (c.scheme === 'bearer') {
      const key = this.tokenKey(c, scope);
      const cached = this.tokens.get(key);
      if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
      let pending = this.pending.get(key);
      if (!pending) {
        pending = this.fetchToken(c, scope).finally(() => this.pending.delete(key));
        this.pending.set(key, pending);
      }
      return `Bearer ${await pending}`;
    }
    return undefined;
  }

  /**
   * Called on a 401. Learns the challenge and prepares credentials for one more attempt; throws
   * when another attempt cannot help (no credentials for basic auth, an unsupported scheme).
   */
  async onUnauthorized(challenges: AuthChallenge[], scope: string): Promise<void> {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      this.challenge = bearer;
      this.tokens.delete(this.tokenKey(bearer, scope));
      return;
    }
    if (basic) {
      if (!this.ctx.credentials) throw this.required();
      this.challenge = basic;
      return;
    }
    if (challenges.length === 0) throw this.required('the registry sent no WWW-Authenticate challenge');
    throw new LayerdiffError(
      'auth',
      `${this.ctx.subject}: ${this.ctx.host} asks for ${challenges.map((c) => c.scheme).join('/')} authentication, which layerdiff does not speak (basic and bearer only)`,
      { subject: this.ctx.subject },
    );
  }

  /** The refusal message for a 401 that survived authentication. */
  refused(): LayerdiffError {
    if (!this.ctx.credentials) return this.required();
    return new LayerdiffError(
      'auth',
      `${this.ctx.subject}: credentials from ${this.ctx.credentialsOrigin ?? 'the configuration'} were refused by ${this.ctx.host} (401 Unauthorized)`,
      { subject: this.ctx.subject },
    );
  }

  private required(detail?: string): LayerdiffError {
    const why = detail ? ` (${detail})` : '';
    return new LayerdiffError(
      'auth',
      `${this.ctx.subject}: ${this.ctx.host} requires authentication (401 Unauthorized)${why}, or the repository does not exist; ${this.ctx.missingCredentialsHint}`,
      { subject: this.ctx.subject },
    );
  }

  private basicHeader(): string | undefined {
    const c = this.ctx.credentials;
    if (!c) return undefined;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  private tokenKey(c: AuthChallenge, scope: string): string {
    return `${c.params.realm ?? ''}\n${c.params.service ?? ''}\n${scope}`;
  }

  /** GET realm?service=..&scope=.. (with basic credentials when there are some and it is safe to send them). */
  private async fetchToken(c: AuthChallenge, scope: string): Promise<string> {
    const subject = this.ctx.subject;
    let realm: URL;
    try {
      realm = new URL(c.params.realm ?? '');
    } catch {
      throw new LayerdiffError('network', `${subject}: ${this.ctx.host} names an invalid token realm`, { subject });
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
      throw new LayerdiffError('network', `${subject}: ${this.ctx.host} names a token realm that is not http(s)`, { subject });
    }
    if (c.params.service) realm.searchParams.set('service', c.params.service);
    realm.searchParams.append('scope', scope);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const basic = this.basicHeader();
    const sendCredentials = basic !== undefined && this.mayReceiveCredentials(realm);
    if (sendCredentials && basic) {
      headers.Authorization = basic;
      realm.searchParams.set('account', this.ctx.credentials?.username ?? '');
    }
    countRequest('token');
    let res;
    try {
      res = await this.transport.request({ url: realm, headers });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LayerdiffError('network', `${subject}: token service: ${reason}`, { subject, cause: error });
    }
    if (res.status === 401 || res.status === 403) {
      await discardBody(res);
      if (sendCredentials) {
        throw new LayerdiffError(
          'auth',
          `${subject}: credentials from ${this.ctx.credentialsOrigin ?? 'the configuration'} were refused by the token service at ${realm.host} (${res.status} ${res.statusText || 'Unauthorized'})`,
          { subject },
        );
      }
      throw this.required(`the token service at ${realm.host} refused anonymous access`);
    }
    if (res.status < 200 || res.status >= 300) {
      await discardBody(res);
      throw new LayerdiffError('network', `${subject}: token service at ${realm.host} answered ${res.status} ${res.statusText}`, { subject });
    }
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      const body = await readSmallBody(res, TOKEN_LIMIT, 'token response');
      const data = parseJsonBounded(body, TOKEN_LIMIT, subject, 'token response');
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
      parsed = data;
    } catch {
      throw new LayerdiffError('network', `${subject}: token service at ${realm.host} did not answer with a JSON token`, { subject });
    }
    const token = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : typeof parsed.access_token === 'string' ? parsed.access_token : '';
    if (token === '') throw new LayerdiffError('network', `${subject}: token service at ${realm.host} answered without a token`, { subject });
    const seconds = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    this.tokens.set(this.tokenKey(c, scope), { token, expiresAt: this.now() + Math.max(1, seconds - 10) * 1000 });
    return token;
  }

  /**
   * Credentials go to a token realm over HTTPS, or over plain HTTP only to loopback or to a host the
   * user listed as insecure: a realm on some plain-HTTP host never sees the password.
   */
  private mayReceiveCredentials(realm: URL): boolean {
    if (realm.protocol === 'https:') return true;
    const hostname = realm.hostname.replace(/^\[|\]$/g, '');
    if (hostname === '127.0.0.1' || hostname === '::1' || hostname === 'localhost') return true;
    return isInsecureHost(realm.host, this.ctx.insecureRegistries) || hostnameOf(this.ctx.host) === realm.hostname;
  }
}
