// Which URLs a client may request, and how a request's full URL is written in an error.
import { AppError } from '../contracts/errors.js';
import { redactUrl } from './redact.js';

/** `https://…`, `http://…`, or protocol-relative `//host/…` (axios treats all three as absolute). */
export const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/**
 * Returns `url` when it is relative or on `base`'s origin. An absolute URL elsewhere is refused: next-page
 * links come from response headers, and following one off the instance would send it our credentials.
 */
export function checkSameOrigin(url: string, base: URL, instance: string, method: string): string {
  if (!ABSOLUTE_URL.test(url)) return url;
  let origin = '';
  try {
    origin = new URL(url, base).origin;
  } catch {
    // unparsable: refused below like any foreign origin
  }
  if (origin === base.origin) return url;
  throw new AppError(
    'SOURCE_BAD_RESPONSE',
    `${instance}: refusing ${method} ${redactUrl(url)}: it is not on ${base.origin}, and the instance's ` +
      'credentials must not be sent elsewhere (a next-page link pointing off the instance?)',
    { details: { method, url: redactUrl(url), reason: 'cross-origin URL' } },
  );
}

/** The full URL with its query string, for error messages only (the client never sends this string). */
export function describeUrl(
  baseURL: string,
  url: string,
  params: Record<string, string | number | boolean | undefined> | undefined,
): string {
  let full = ABSOLUTE_URL.test(url) ? url : `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
  if (params !== undefined) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) query.append(name, String(value));
    }
    const text = query.toString();
    if (text !== '') full += `${full.includes('?') ? '&' : '?'}${text}`;
  }
  return full;
}
