// How long a source asks us to wait before the next request. ServiceNow and Jira disagree on the format
// of X-RateLimit-Reset (epoch seconds versus an ISO minute such as 2026-06-05T06:00Z), so both are read.

/** Below this a numeric reset is a delay in seconds, not an epoch (1e9 s is September 2001). */
const EPOCH_SECONDS_FLOOR = 1e9;
/** Above this a numeric reset is an epoch in milliseconds. */
const EPOCH_MILLIS_FLOOR = 1e12;

/**
 * `Retry-After`: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). Returns milliseconds from `now`
 * (0 when the date has passed), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * `X-RateLimit-Reset`: epoch seconds (ServiceNow), an ISO-8601 time (Jira: `yyyy-MM-ddTHH:mmZ`), or, from
 * other gateways, a delay in seconds or an epoch in milliseconds. Returns milliseconds from `now`, or
 * undefined when absent, unreadable or already past (a past reset says nothing about how long to wait).
 */
export function parseRateLimitReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let at: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n < EPOCH_SECONDS_FLOOR) return Math.ceil(n * 1000);
    at = n >= EPOCH_MILLIS_FLOOR ? n : n * 1000;
  } else {
    at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
  }
  const wait = Math.ceil(at - now);
  return wait > 0 ? wait : undefined;
}

/**
 * The wait the source asked for, from lower-cased response headers: Retry-After first (it is specific to
 * this response), else X-RateLimit-Reset.
 */
export function retryHintMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  return (
    parseRetryAfter(headers['retry-after'], now) ?? parseRateLimitReset(headers['x-ratelimit-reset'], now)
  );
}
