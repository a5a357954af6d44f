// Turns a raw answer (status, headers, body text) into the caller's data or an AppError. The body is read
// as text and parsed here, because only then can a truncated or malformed JSON page be told apart from a
// good one, and an HTML page (a hibernating ServiceNow instance answers 200 text/html) from JSON.
import { AppError } from '../contracts/errors.js';
import type { HttpRequest, HttpResponse } from './http.js';
import {
  firstChar,
  isHibernationPage,
  isJsonContentType,
  looksLikeHtml,
  summariseBody,
} from './http-body.js';
import { describeRequest, requestDetails, type HttpErrorContext } from './http-context.js';
import { hibernatingError, statusError } from './http-errors.js';
import { safeHeaders } from './http-headers.js';
import { redactUrl } from './redact.js';

/** A redirect to the developer portal is the other way a sleeping instance shows itself. */
const HIBERNATION_REDIRECT = /developer\.servicenow\.com|hibernat/i;

function notJsonError(status: number, contentType: string, text: string, ctx: HttpErrorContext): AppError {
  const snippet = summariseBody(text, contentType);
  const what = contentType === '' ? 'a page that is not JSON' : contentType.split(';')[0]?.trim();
  const details: Record<string, unknown> = {
    ...requestDetails(ctx),
    status,
    contentType,
    reason: 'not JSON',
  };
  if (snippet !== undefined) details['body'] = snippet;
  return new AppError(
    'SOURCE_BAD_RESPONSE',
    `${ctx.instance}: ${describeRequest(ctx)} answered ${status} with ${what} instead of JSON ` +
      `(a login page or a proxy in front of the API?)${snippet === undefined ? '' : `: ${snippet}`}`,
    { retryable: false, details },
  );
}

function malformedJsonError(
  status: number,
  text: string,
  parseError: unknown,
  ctx: HttpErrorContext,
): AppError {
  const details: Record<string, unknown> = { ...requestDetails(ctx), status, reason: 'malformed JSON' };
  details['bodyLength'] = text.length;
  if (parseError instanceof Error) details['parseError'] = parseError.message.slice(0, 200);
  const what =
    text.length === 0 ? 'an empty body' : `malformed or truncated JSON (${text.length} characters)`;
  // Retryable: a body cut off by a proxy or a dropped connection is usually whole on the next try.
  return new AppError(
    'SOURCE_BAD_RESPONSE',
    `${ctx.instance}: ${describeRequest(ctx)} answered ${status} with ${what}`,
    {
      retryable: true,
      details,
    },
  );
}

function redirectError(status: number, headers: Record<string, string>, ctx: HttpErrorContext): AppError {
  const location = headers['location'] ?? '';
  if (HIBERNATION_REDIRECT.test(location)) return hibernatingError(status, ctx);
  const details: Record<string, unknown> = { ...requestDetails(ctx), status, reason: `HTTP ${status}` };
  const safe = safeHeaders(headers);
  if (safe !== undefined) details['headers'] = safe;
  // Redirects are never followed: an API that redirects is misconfigured (http instead of https, an SSO
  // page), and following one could carry the Authorization header to another host.
  const target = location === '' ? '(no location)' : redactUrl(location);
  return new AppError(
    'SOURCE_BAD_RESPONSE',
    `${ctx.instance}: ${describeRequest(ctx)} answered ${status} redirecting to ${target}; ` +
      'check the instance URL (https, no path, not an SSO page)',
    { retryable: false, details },
  );
}

/** For a status the caller accepts, the body as JSON when it parses, else as text (undefined when empty). */
function lenient(text: string): unknown {
  const first = firstChar(text);
  if (first === '') return undefined;
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Checks a raw answer against the request's expectations. `context` is a function so the error context
 * (a URL with its query string) is only built when something failed.
 */
export function decodeResponse<T>(
  status: number,
  headers: Record<string, string>,
  text: string,
  req: Pick<HttpRequest, 'expect' | 'acceptStatus'>,
  context: () => HttpErrorContext,
): HttpResponse<T> {
  const accepted = req.acceptStatus !== undefined && req.acceptStatus.includes(status);
  if (status >= 300 && !accepted) {
    throw status >= 400
      ? statusError(status, headers, text, context())
      : redirectError(status, headers, context());
  }
  if (status >= 300) return { status, headers, data: lenient(text) as T };
  const contentType = headers['content-type'] ?? '';
  const first = firstChar(text);
  if (req.expect === 'none' || status === 204) {
    if (first !== '' && looksLikeHtml(text, contentType) && isHibernationPage(text)) {
      throw hibernatingError(status, context());
    }
    return { status, headers, data: undefined as T };
  }
  if (first === '<' || (contentType !== '' && !isJsonContentType(contentType))) {
    throw isHibernationPage(text)
      ? hibernatingError(status, context())
      : notJsonError(status, contentType, text, context());
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw malformedJsonError(status, text, error, context());
  }
  return { status, headers, data: data as T };
}
