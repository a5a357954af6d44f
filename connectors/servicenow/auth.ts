// Authorization headers for a ServiceNow instance: basic, or OAuth through /oauth_token.do with the
// password grant (refreshable) or client_credentials (Washington DC and later; no refresh token).
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import type { ServiceNowAuth } from './config.js';

export type Authorize = (forceRefresh: boolean) => Promise<string>;

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
}

/** Renew this long before the token's stated expiry (at most a quarter of its lifetime, so a short-lived
 * token is still used), so a page never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

export function createAuthorizer(
  auth: ServiceNowAuth,
  tokenClient: HttpClient,
  now: () => number = Date.now,
): Authorize {
  if (auth.type === 'basic') {
    const header = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return () => Promise.resolve(header);
  }
  let token: { access: string; refresh: string | undefined; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const request = async (form: Record<string, string>): Promise<string> => {
    let response;
    try {
      // A token grant has no side effect, so it may be retried like a read.
      response = await tokenClient.request<TokenResponse>({
        method: 'POST',
        url: '/oauth_token.do',
        form,
        idempotent: true,
      });
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.code === 'SOURCE_AUTH_FAILED' || error.code === 'SOURCE_BAD_REQUEST')
      ) {
        throw new AppError(
          'SOURCE_AUTH_FAILED',
          `${error.message} (OAuth ${form['grant_type']} grant on /oauth_token.do)`,
          {
            details: error.details,
          },
        );
      }
      throw error;
    }
    const body = response.data;
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new AppError('SOURCE_AUTH_FAILED', 'the OAuth token response held no access_token');
    }
    const lifetimeS = Number(body.expires_in);
    const lifetimeMs = Number.isFinite(lifetimeS) && lifetimeS > 0 ? lifetimeS * 1000 : 1_800_000;
    token = {
      access: body.access_token,
      refresh: typeof body.refresh_token === 'string' ? body.refresh_token : token?.refresh,
      renewAt: now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 4),
    };
    return `Bearer ${token.access}`;
  };

  const grant = (): Promise<string> => {
    const client = { client_id: auth.clientId, client_secret: auth.clientSecret };
    if (auth.grant === 'client_credentials') return request({ grant_type: 'client_credentials', ...client });
    return request({
      grant_type: 'password',
      ...client,
      username: auth.username ?? '',
      password: auth.password ?? '',
    });
  };

  const renew = async (): Promise<string> => {
    if (token?.refresh !== undefined) {
      try {
        return await request({
          grant_type: 'refresh_token',
          client_id: auth.clientId,
          client_secret: auth.clientSecret,
          refresh_token: token.refresh,
        });
      } catch (error) {
        // An expired or revoked refresh token is normal after long idle periods: fall back to a new grant.
        if (!(error instanceof AppError && error.code === 'SOURCE_AUTH_FAILED')) throw error;
        token = undefined;
      }
    }
    return grant();
  };

  return (forceRefresh) => {
    if (!forceRefresh && token !== undefined && token.renewAt > now()) {
      return Promise.resolve(`Bearer ${token.access}`);
    }
    // One token request at a time, however many streams ask at once.
    pending ??= (token === undefined ? grant() : renew()).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
