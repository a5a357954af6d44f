// Users, OAuth clients and tokens of one simulator. Basic auth checks configured users; /oauth_token.do
// grants password, refresh_token and client_credentials tokens whose lifetime follows the simulator clock.
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock.js';
import type { AuthSettings } from './options.js';

export interface SimUser {
  readonly username: string;
  readonly deniedTables: ReadonlySet<string>;
}

export type AuthResult =
  | { readonly ok: true; readonly user: SimUser }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' };

export interface TokenAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, string | number>>;
}

interface Token {
  readonly username: string;
  readonly expiresAtMs: number;
}

const denied = (error: string, description: string): TokenAnswer => ({
  status: 401,
  body: { error, error_description: description },
});

export class AuthRegistry {
  private readonly accessTokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, Token>();
  private readonly users = new Map<string, { password: string; user: SimUser }>();

  constructor(
    private settings: AuthSettings,
    private readonly clock: SimClock,
  ) {
    for (const u of settings.users) {
      this.users.set(u.username, {
        password: u.password,
        user: { username: u.username, deniedTables: new Set(u.deniedTables) },
      });
    }
  }

  get required(): boolean {
    return this.settings.required;
  }

  /** Changes the lifetime of tokens issued from now on. */
  setAccessTokenTtl(seconds: number): void {
    this.settings = { ...this.settings, accessTokenTtlSeconds: seconds };
  }

  /** The user of an Authorization header (Basic or Bearer). */
  authenticate(header: string | undefined): AuthResult {
    if (header === undefined || header === '') return { ok: false, reason: 'missing' };
    const [scheme = '', credentials = ''] = header.split(' ', 2);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      const entry = sep < 0 ? undefined : this.users.get(decoded.slice(0, sep));
      if (!entry || entry.password !== decoded.slice(sep + 1)) return { ok: false, reason: 'invalid' };
      return { ok: true, user: entry.user };
    }
    if (scheme.toLowerCase() === 'bearer') {
      const token = this.accessTokens.get(credentials);
      if (!token) return { ok: false, reason: 'invalid' };
      if (token.expiresAtMs <= this.clock.nowMs()) {
        this.accessTokens.delete(credentials);
        return { ok: false, reason: 'expired' };
      }
      const entry = this.users.get(token.username);
      return { ok: true, user: entry?.user ?? { username: token.username, deniedTables: new Set() } };
    }
    return { ok: false, reason: 'invalid' };
  }

  /** Answers a /oauth_token.do request from its (form-decoded) fields. */
  grant(form: Readonly<Record<string, string | undefined>>): TokenAnswer {
    const client = this.settings.clients.find((c) => c.clientId === form.client_id);
    if (!client || client.clientSecret !== form.client_secret)
      return denied('access_denied', 'access_denied');
    switch (form.grant_type) {
      case 'password': {
        const entry = this.users.get(form.username ?? '');
        if (!entry || entry.password !== form.password) return denied('access_denied', 'access_denied');
        return this.issue(entry.user.username, true);
      }
      case 'refresh_token': {
        const refresh = this.refreshTokens.get(form.refresh_token ?? '');
        if (!refresh || refresh.expiresAtMs <= this.clock.nowMs())
          return denied('invalid_grant', 'invalid refresh token');
        return this.issue(refresh.username, false, form.refresh_token);
      }
      case 'client_credentials':
        // Needs an OAuth Application User on the client entity, as on a real instance.
        if (client.user === undefined)
          return denied('access_denied', 'client_credentials needs an OAuth application user');
        return this.issue(client.user, false);
      default:
        return {
          status: 400,
          body: {
            error: 'unsupported_grant_type',
            error_description: `unsupported grant_type ${form.grant_type ?? ''}`,
          },
        };
    }
  }

  private issue(username: string, withRefresh: boolean, keepRefresh?: string): TokenAnswer {
    const now = this.clock.nowMs();
    const ttl = this.settings.accessTokenTtlSeconds;
    const access = randomBytes(48).toString('base64url');
    this.accessTokens.set(access, { username, expiresAtMs: now + ttl * 1000 });
    const body: Record<string, string | number> = { access_token: access };
    let refresh = keepRefresh;
    if (withRefresh) {
      refresh = randomBytes(48).toString('base64url');
      this.refreshTokens.set(refresh, {
        username,
        expiresAtMs: now + this.settings.refreshTokenTtlSeconds * 1000,
      });
    }
    if (refresh !== undefined) body.refresh_token = refresh;
    return {
      status: 200,
      body: { ...body, scope: 'useraccount', token_type: 'Bearer', expires_in: Math.round(ttl) },
    };
  }
}
