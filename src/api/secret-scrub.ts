// The secrets this process knows (every credential-named string in the config) and a function that removes
// them from response text. Only exact known values are replaced, not credential-shaped patterns: the
// patterns in lib/redact.ts are meant for log lines and would mangle JSON such as an OpenAPI document.
import type { AppConfig } from '../settings/schema.js';
import { isSensitiveName, REDACTED } from '../lib/redact.js';

/** Shorter values are not scrubbed: they would match ordinary text. Config asks for long secrets anyway. */
const MIN_SECRET_LENGTH = 6;

/** Credential-named string values anywhere in the config (api.token, auth.password, clientSecret, ...). */
export function configSecrets(config: AppConfig): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (isSensitiveName(key) && value.length >= MIN_SECRET_LENGTH) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(config, '');
  return [...found];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces each secret in its raw, JSON-escaped and URL-encoded forms. */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so a secret that contains another is removed whole.
  const pattern = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, REDACTED);
}
