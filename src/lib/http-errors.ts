// The one place where an HTTP failure becomes an AppError: status codes, network errors, and errors thrown
// by axios-based libraries (jira.js). Every error names the instance, the method and the path; details
// keep only secret-free facts, and `cause` is a clean copy, never the axios error with its config (which
// holds the Authorization header).
import { STATUS_CODES } from 'node:http';
import { isAxiosError, isCancel } from 'axios';
import { AppError, type ErrorCode } from '../contracts/errors.js';
import { isHibernationPage, looksLikeHtml, summariseBody } from './http-body.js';
import { describeRequest, requestDetails, type HttpErrorContext } from './http-context.js';
import { plainHeaders, safeHeaders } from './http-headers.js';
import { isNetworkCode, networkError, TLS_CODE } from './http-network-errors.js';
import { retryHintMs } from './rate-limit-headers.js';
import { redactCredentials } from './redact.js';
import { abortError } from './sleep.js';

export type { HttpErrorContext } from './http-context.js';

function statusRule(status: number): { code: ErrorCode; retryable: boolean } {
  switch (status) {
    case 401:
      return { code: 'SOURCE_AUTH_FAILED', retryable: false };
    case 403:
      return { code: 'SOURCE_FORBIDDEN', retryable: false };
    case 404:
    case 410:
      return { code: 'SOURCE_NOT_FOUND', retryable: false };
    case 408:
      return { code: 'SOURCE_TIMEOUT', retryable: true };
    case 429:
      return { code: 'SOURCE_RATE_LIMITED', retryable: true };
    case 502:
    case 503:
    case 504:
      return { code: 'SOURCE_SERVER_ERROR', retryable: true };
    default:
      // Other 5xx (500 above all) are usually the same failure on every try: a script error on the
      // instance for this query. Retrying would only delay the message.
      return status >= 500
        ? { code: 'SOURCE_SERVER_ERROR', retryable: false }
        : { code: 'SOURCE_BAD_REQUEST', retryable: false };
  }
}

/** A ServiceNow developer instance asleep: retrying is pointless, a person must wake it. */
export function hibernatingError(status: number, ctx: HttpErrorContext): AppError {
  return new AppError(
    'SOURCE_HIBERNATING',
    `${ctx.instance} is hibernating: ${describeRequest(ctx)} answered ${status} with the hibernation page ` +
      'instead of JSON. Wake the instance by signing in at https://developer.servicenow.com, then run again.',
    { retryable: false, details: { ...requestDetails(ctx), status, reason: 'hibernating' } },
  );
}

/** An HTTP status the caller did not accept, mapped to its code and retry rule. */
export function statusError(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  ctx: HttpErrorContext,
  now: number = Date.now(),
): AppError {
  const contentType = headers['content-type'] ?? '';
  if (typeof body === 'string' && looksLikeHtml(body, contentType) && isHibernationPage(body)) {
    return hibernatingError(status, ctx);
  }
  const { code, retryable } = statusRule(status);
  const snippet = summariseBody(body, contentType);
  const hintMs = status === 429 || status === 503 ? retryHintMs(headers, now) : undefined;
  const wait = hintMs === undefined ? '' : ` (the source asked to wait ${Math.ceil(hintMs / 1000)} s)`;
  const details: Record<string, unknown> = { ...requestDetails(ctx), status, reason: `HTTP ${status}` };
  if (snippet !== undefined) details['body'] = snippet;
  const safe = safeHeaders(headers);
  if (safe !== undefined) details['headers'] = safe;
  if (hintMs !== undefined) details['retryAfterMs'] = hintMs;
  const text = snippet ?? STATUS_CODES[status] ?? 'error';
  return new AppError(code, `${ctx.instance}: ${describeRequest(ctx)} answered ${status} ${text}${wait}`, {
    retryable,
    details,
  });
}

/** A copy of an error that keeps what helps debugging (name, code, message, stack) and nothing else. */
function safeCause(error: unknown): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const clean = new Error(redactCredentials(error.message));
  clean.name = error.name;
  clean.stack = redactCredentials(error.stack ?? '');
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
}

function withCause(mapped: AppError, error: unknown): AppError {
  const cause = safeCause(error);
  if (cause === undefined) return mapped;
  return new AppError(mapped.code, mapped.message, {
    cause,
    retryable: mapped.retryable,
    details: mapped.details,
  });
}

function errorCode(error: object): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof causeCode === 'string' ? causeCode : '';
}

/**
 * Maps anything thrown while talking to a source to an AppError: an AppError passes through; an axios
 * error (or a library error wrapping one as `cause`, like jira.js's HttpException) maps by status or
 * network code; an abort becomes RUN_ABORTED; anything else is INTERNAL.
 */
export function mapHttpError(error: unknown, context: HttpErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (isCancel(error) || (error instanceof Error && error.name === 'AbortError')) {
    return abortError(
      undefined,
      `${context.instance}: ${describeRequest(context)} was cancelled: the run was stopped`,
    );
  }
  const wrapped = (error as { cause?: unknown } | null)?.cause;
  const source = !isAxiosError(error) && isAxiosError(wrapped) ? wrapped : error;
  if (isAxiosError(source)) {
    const code = source.code ?? '';
    const response = source.response;
    if (response !== undefined && isNetworkCode(code)) {
      return withCause(networkError(code, source.message, context, true), source);
    }
    if (response !== undefined) {
      return withCause(
        statusError(response.status, plainHeaders(response.headers), response.data, context),
        source,
      );
    }
    return withCause(networkError(code, source.message, context), source);
  }
  if (error !== null && typeof error === 'object') {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400) {
      const response = (error as { response?: { data?: unknown } }).response;
      return withCause(statusError(status, {}, response?.data ?? response, context), error);
    }
    const code = errorCode(error);
    if (code !== '' && (isNetworkCode(code) || TLS_CODE.test(code))) {
      return withCause(networkError(code, error instanceof Error ? error.message : '', context), error);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return withCause(
    new AppError(
      'INTERNAL',
      `${context.instance}: ${describeRequest(context)} failed: ${redactCredentials(message)}`,
      {
        details: requestDetails(context),
      },
    ),
    error,
  );
}
