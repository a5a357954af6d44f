// How a request is named in errors: the instance, the method and the path in the message; the method and
// the URL without credentials in details.
import { redactUrl } from './redact.js';

/** What a request was, for the error message and details. */
export interface HttpErrorContext {
  /** Names the instance, e.g. 'servicenow source "snow-prod" (https://acme.service-now.com)'. */
  instance: string;
  method: string;
  /** The request URL, absolute or relative, query string included; credentials in it are redacted here. */
  url: string;
  /** The client's timeout, quoted in timeout messages. */
  timeoutMs?: number;
}

/** `GET /api/now/table/incident`: the path without query string, which stays in details.url. */
export function describeRequest(ctx: HttpErrorContext): string {
  const path = ctx.url.replace(/^([a-z][a-z\d+\-.]*:)?\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '');
  return `${ctx.method.toUpperCase()} ${path === '' ? '/' : path}`;
}

/** The secret-free facts every HTTP error carries: method and redacted URL. */
export function requestDetails(ctx: HttpErrorContext): Record<string, unknown> {
  return { method: ctx.method.toUpperCase(), url: redactUrl(ctx.url) };
}
