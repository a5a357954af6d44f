// Removes credentials from text before it reaches a log line, an error message or a report. Two layers:
// the secret values this process knows (from the config), and credential-shaped text it does not know
// (a `password=` pair, an Authorization header, a bearer token), because an upstream error body or a
// third-party message can echo a credential we never saw.

/** What a removed value is replaced with. */
export const REDACTED = '[REDACTED]';

/** In URLs the marker stays URL-safe so the result still parses. */
const URL_REDACTED = 'REDACTED';

/**
 * Shorter secrets are not scrubbed: replacing every "abc" in a log would destroy it, and a real password or
 * token is longer. Config validation is the place to refuse such a weak secret.
 */
const MIN_SECRET_LENGTH = 4;

/** Query or form parameter names that carry credentials, compared without case, '-' and '_'. */
const SENSITIVE_PARAMS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apitoken',
  'authtoken',
  'apikey',
  'auth',
  'authorization',
  'assertion',
  'sig',
  'signature',
  'session',
  'sessionid',
  'jsessionid',
  'credentials',
]);

/** Whether a parameter or field name (e.g. `client_secret`, `apiToken`) holds a credential. */
export function isSensitiveName(name: string): boolean {
  const normal = name.toLowerCase().replace(/[-_]/g, '');
  return SENSITIVE_PARAMS.has(normal) || normal.endsWith('password') || normal.endsWith('secret');
}

const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  // `password=x`, `"client_secret":"x"`, `token: x`. The value stops before a backslash so a JSON-escaped
  // quote is never eaten, which would break the JSON around it.
  [
    /\b(password|passwd|pwd|secret|client_secret|clientSecret|token|access_token|accessToken|refresh_token|refreshToken|id_token|api_token|apiToken|api_key|apiKey)("?\s*[:=]\s*"?)(?!\[REDACTED\])[^"\\&\s,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // An Authorization header value, whatever its scheme.
  [
    /\b(authorization"?\s*[:=]\s*"?)(?:(?:Bearer|Basic|Negotiate|Token)\s+)?(?!\[REDACTED\])[^"\\\s,;}]+/gi,
    `$1${REDACTED}`,
  ],
  // Free-standing bearer and basic credentials. The lookahead wants a digit or base64 punctuation so that
  // prose such as "Basic authentication" survives.
  [/\bBearer\s+(?=[^\s"]*[0-9.+/=])[A-Za-z0-9\-._~+/]{8,}=*/g, `Bearer ${REDACTED}`],
  [/\bBasic\s+(?=[^\s"]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/g, `Basic ${REDACTED}`],
];

/** Replaces credential-shaped text (key=value pairs, Authorization values, bearer tokens). */
export function redactCredentials(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles the known secrets once into a function that scrubs them, in the raw form, the JSON-escaped form
 * (how they appear inside a JSON log line) and the URL-encoded form, and then credential-shaped text.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return redactCredentials;
  // Longest first, so a secret that contains another is removed whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const known = new RegExp(alternatives.join('|'), 'g');
  return (text) => redactCredentials(text.replace(known, REDACTED));
}

/** Scrubs the known secret values and any credential-shaped text from `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(text);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Removes userinfo (`https://user:pass@host`) and replaces the values of credential-like query parameters
 * (password, token, client_secret, access_token, ...). Everything else is kept byte for byte, so a
 * ServiceNow encoded query stays readable in an error message. Works on absolute and relative URLs.
 */
export function redactUrl(url: string): string {
  const withoutUserinfo = url.replace(/^([a-z][a-z\d+\-.]*:)?\/\/[^/?#]*@/i, '$1//');
  const start = withoutUserinfo.indexOf('?');
  if (start < 0) return withoutUserinfo;
  const hash = withoutUserinfo.indexOf('#', start);
  const end = hash < 0 ? withoutUserinfo.length : hash;
  const query = withoutUserinfo
    .slice(start + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return isSensitiveName(safeDecode(name)) ? `${name}=${URL_REDACTED}` : pair;
    })
    .join('&');
  return `${withoutUserinfo.slice(0, start + 1)}${query}${withoutUserinfo.slice(end)}`;
}
