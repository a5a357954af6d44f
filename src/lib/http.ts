// The HTTP client every connector uses: one axios instance per client with keep-alive agents, retry with
// backoff and jitter, one 401 re-authorization, and every failure mapped to an AppError (http-errors.ts).
// The success path stays lean (benchmarks compare it with a bare axios loop): no per-request logging, the
// error context is only built when something failed.
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosRequestConfig } from 'axios';
import type { Logger } from 'pino';
import { AppError } from '../contracts/errors.js';
import { mapHttpError, type HttpErrorContext } from './http-errors.js';
import { plainHeaders } from './http-headers.js';
import { decodeResponse } from './http-response.js';
import { backoffDelay, LIMITED_RETRIES, retryClass } from './http-retry.js';
import { checkSameOrigin, describeUrl } from './http-url.js';
import { redactUrl } from './redact.js';
import { abortError, sleep } from './sleep.js';

export { mapHttpError, type HttpErrorContext } from './http-errors.js';

export interface HttpClientOptions {
  /** The instance's base URL, e.g. https://acme.service-now.com; relative request URLs resolve against it. */
  baseURL: string;
  /** Names the instance in every error message, e.g. 'servicenow source "snow-prod" (https://acme.service-now.com)'. */
  instance: string;
  /** An attempt fails when the response headers take longer (connect included) or the body stalls this long. */
  timeoutMs: number;
  /** How many times a failed request is sent again (so up to retries + 1 attempts). */
  retries: number;
  /** The ceiling of the first backoff wait; it doubles per retry. */
  backoffMs: number;
  /** No wait is longer, a server's Retry-After included. */
  maxBackoffMs: number;
  /** Sent with every request (after Accept: application/json, which they may override). */
  headers?: Record<string, string>;
  /** Returns the Authorization header value for a request; called with forceRefresh=true once after a 401 so an OAuth token can be renewed before failing. */
  authorize?: (forceRefresh: boolean) => Promise<string | undefined>;
  /** Receives one warn line per retry; nothing is logged for requests that succeed. */
  log?: Logger;
  /** Called before each retry wait (metrics, tests). `attempt` is the number of the attempt that failed (1 = first). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; status?: number }) => void;
  /** Injectable for tests; default waits with setTimeout and rejects with RUN_ABORTED when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable randomness for jitter (tests). */
  random?: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to baseURL, or absolute on the same origin (a Link rel="next" URL); another origin is refused. */
  url: string;
  /** Query parameters; undefined values are left out. */
  params?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  data?: unknown;
  /** application/x-www-form-urlencoded body instead (OAuth token requests). */
  form?: Record<string, string>;
  /** Aborts the request and any backoff wait with RUN_ABORTED. */
  signal?: AbortSignal;
  /** 'json' (default): the body must be JSON; 'none': no body expected (204). */
  expect?: 'json' | 'none';
  /** Statuses the caller handles itself (returned, not thrown), e.g. [404] for a lookup. */
  acceptStatus?: number[];
  /**
   * Whether sending the request twice is harmless. Default: true for every method but POST. A POST is
   * retried only when the failure proves it was not processed (429, 503, connection refused); set true
   * for a POST that only reads or is safe to repeat (an OAuth token request, a search).
   */
  idempotent?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON; undefined for expect 'none' and 204; for an accepted error status, JSON if it parses, else text. */
  data: T;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(
    url: string,
    params?: HttpRequest['params'],
    signal?: AbortSignal,
  ): Promise<HttpResponse<T>>;
  /** Destroys keep-alive sockets. */
  close(): void;
}

/** Enough parallel pages without tripping ServiceNow's per-user semaphores or Jira's burst limit. */
const MAX_SOCKETS = 8;
const identity = (data: unknown): unknown => data;

function parseBaseUrl(options: HttpClientOptions): URL {
  try {
    return new URL(options.baseURL);
  } catch {
    throw new AppError(
      'CONFIG_INVALID',
      `${options.instance}: "${redactUrl(options.baseURL)}" is not an absolute URL`,
    );
  }
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function gaveUp(failure: AppError, attempts: number): AppError {
  if (attempts <= 1) return failure;
  return new AppError(failure.code, `${failure.message} (gave up after ${attempts} attempts)`, {
    cause: failure.cause,
    retryable: failure.retryable,
    details: { ...failure.details, attempts },
  });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = parseBaseUrl(options);
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const client = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    headers: { Accept: 'application/json', ...options.headers },
    httpAgent,
    httpsAgent,
    // Text in, JSON parsed by decodeResponse: the only way to see a truncated body or an HTML page.
    responseType: 'text',
    transformRequest: [identity],
    transformResponse: [identity],
    // Every status resolves and is mapped here; axios would otherwise build an error holding the config.
    validateStatus: null,
    // Redirects are reported, not followed (see http-response.ts); this also keeps axios on Node's
    // native transport, the fast path.
    maxRedirects: 0,
  });
  const pause = options.sleep ?? sleep;
  const policy = {
    backoffMs: options.backoffMs,
    maxBackoffMs: options.maxBackoffMs,
    random: options.random ?? Math.random,
  };

  async function authorize(force: boolean, context: () => HttpErrorContext): Promise<string | undefined> {
    try {
      return await options.authorize?.(force);
    } catch (error) {
      throw mapHttpError(error, context());
    }
  }

  function send(req: HttpRequest, url: string, authorization: string | undefined) {
    const headers: Record<string, string> = {};
    if (authorization !== undefined) headers['Authorization'] = authorization;
    let data: string | undefined;
    if (req.form !== undefined) {
      data = new URLSearchParams(req.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (req.data !== undefined) {
      data = JSON.stringify(req.data);
      headers['Content-Type'] = 'application/json';
    }
    const config: AxiosRequestConfig<string> = { method: req.method, url, headers };
    if (req.params !== undefined) config.params = req.params;
    if (data !== undefined) config.data = data;
    if (req.signal !== undefined) config.signal = req.signal;
    return client.request<string>(config);
  }

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = checkSameOrigin(req.url, base, options.instance, req.method);
    const context = (): HttpErrorContext => ({
      instance: options.instance,
      method: req.method,
      url: describeUrl(options.baseURL, url, req.params),
      timeoutMs: options.timeoutMs,
    });
    const idempotent = req.idempotent ?? req.method !== 'POST';
    let refresh = false;
    let reauthorized = false;
    let retries = 0;
    let limited = 0;
    for (;;) {
      if (isAborted(req.signal)) throw abortError(req.signal);
      // A failed authorize() is not retried here: the token request had its own retries.
      const authorization = options.authorize === undefined ? undefined : await authorize(refresh, context);
      refresh = false;
      let failure: AppError;
      try {
        const res = await send(req, url, authorization);
        const headers = plainHeaders(res.headers);
        if (
          res.status === 401 &&
          options.authorize !== undefined &&
          !reauthorized &&
          !req.acceptStatus?.includes(401)
        ) {
          // Once per request: an expired OAuth token gets renewed; a wrong password still fails below.
          reauthorized = refresh = true;
          continue;
        }
        return decodeResponse<T>(
          res.status,
          headers,
          typeof res.data === 'string' ? res.data : '',
          req,
          context,
        );
      } catch (error) {
        failure = isAborted(req.signal) ? abortError(req.signal) : mapHttpError(error, context());
      }
      const kind = retryClass(failure, idempotent);
      if (kind === 'no' || retries >= options.retries || (kind === 'limited' && limited >= LIMITED_RETRIES)) {
        throw gaveUp(failure, retries + 1);
      }
      if (kind === 'limited') limited++;
      const hint = failure.details['retryAfterMs'];
      const delayMs = backoffDelay(retries, typeof hint === 'number' ? hint : undefined, policy);
      retries++;
      const reason = typeof failure.details['reason'] === 'string' ? failure.details['reason'] : failure.code;
      const status = failure.details['status'];
      options.onRetry?.(
        typeof status === 'number'
          ? { attempt: retries, delayMs, reason, status }
          : { attempt: retries, delayMs, reason },
      );
      options.log?.warn(
        { code: failure.code, attempt: retries, delayMs, reason },
        `${failure.message}; retry ${retries} of ${options.retries} in ${delayMs} ms`,
      );
      await pause(delayMs, req.signal);
    }
  }

  return {
    request,
    get<T>(url: string, params?: HttpRequest['params'], signal?: AbortSignal) {
      const req: HttpRequest = { method: 'GET', url };
      if (params !== undefined) req.params = params;
      if (signal !== undefined) req.signal = signal;
      return request<T>(req);
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
