// The write endpoints' guard. Tokens are compared as SHA-256 digests with timingSafeEqual: the digests
// always have the same length, so neither the comparison time nor a length check tells a caller how much
// of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Throws the ApiError for a request that may not write. Without a configured token the write endpoints
 * are off (403: the server understood and refuses; 404 would hide a route the OpenAPI document lists).
 */
export function checkBearer(configured: string | undefined, header: string | undefined): void {
  if (configured === undefined)
    throw new ApiError(
      403,
      'WRITE_DISABLED',
      'write endpoints are disabled: set api.token in the configuration to enable them',
    );
  const given = bearerTokenOf(header);
  if (given === undefined)
    throw new ApiError(401, 'UNAUTHORIZED', 'send the API token as "Authorization: Bearer <token>"', {
      'www-authenticate': 'Bearer realm="iso20k"',
    });
  if (!tokensMatch(given, configured))
    throw new ApiError(401, 'UNAUTHORIZED', 'the API token is not valid', {
      'www-authenticate': 'Bearer realm="iso20k", error="invalid_token"',
    });
}
