// Response headers: as a plain object for callers, and filtered to the few that may appear in an error.
import { redactUrl } from './redact.js';

/** Response headers as a plain object with lower-case names; repeated headers are joined with ', '. */
export function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number' || typeof value === 'boolean') out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** Response headers worth keeping in details: none of them can carry a credential. */
const SAFE_RESPONSE_HEADERS = new Set([
  'content-type',
  'content-length',
  'retry-after',
  'ratelimit-reason',
  'location',
  'x-request-id',
  'x-arequestid',
]);

/** Response headers from the allow-list (and any x-ratelimit-*), or undefined when none. */
export function safeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (SAFE_RESPONSE_HEADERS.has(key) || key.startsWith('x-ratelimit-')) {
      out ??= {};
      out[key] = key === 'location' ? redactUrl(value) : value;
    }
  }
  return out;
}
