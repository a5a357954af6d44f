// Reading what a source sent back when it was not the JSON we wanted: a one-line summary for error
// messages (ServiceNow and Jira error envelopes made readable) and the checks for HTML pages.
import { redactCredentials } from './redact.js';

/** The longest body excerpt an error carries. */
export const SNIPPET_MAX = 300;
/** How much of a non-JSON body is scanned for a summary: an error page's title and text come early. */
const SCAN_MAX = 20_000;

/** Whether a Content-Type announces JSON (application/json, application/problem+json, ...). */
export function isJsonContentType(contentType: string): boolean {
  return contentType.includes('json');
}

/** The first character that is not white space, or '' for a blank body. */
export function firstChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // space, tab, LF, CR, and a UTF-8 byte order mark
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return text[i] ?? '';
  }
  return '';
}

/** Whether a body is an HTML (or XML) page: by its content type, or because it starts with '<'. */
export function looksLikeHtml(text: string, contentType: string): boolean {
  return contentType.includes('html') || contentType.includes('xml') || firstChar(text) === '<';
}

/** A ServiceNow developer instance answers every call with this page while it sleeps. */
export function isHibernationPage(text: string): boolean {
  return /hibernat/i.test(text);
}

function truncate(text: string): string {
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX - 1)}…` : text;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The page title, else its visible text: a proxy's 502 page is summed up by its <title>. */
function summariseHtml(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  if (title !== undefined && collapse(title) !== '') return collapse(title);
  const visible = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ');
  return collapse(visible);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The readable part of a JSON error body: ServiceNow `{"error":{"message","detail"}}`, OAuth
 * `{"error":"access_denied","error_description"}`, Jira `{"errorMessages":[...],"errors":{field: msg}}`,
 * or a plain `{"message"}`. Falls back to the compact JSON.
 */
function summariseJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const body = value as Record<string, unknown>;
    const error = body['error'];
    if (error !== null && typeof error === 'object') {
      const { message, detail } = error as Record<string, unknown>;
      const parts = [str(message), str(detail)].filter((p) => p !== undefined);
      if (parts.length > 0) return parts.join(': ');
    }
    if (str(error) !== undefined) {
      const description = str(body['error_description']);
      return description === undefined ? String(str(error)) : `${str(error)}: ${description}`;
    }
    const jira: string[] = [];
    if (Array.isArray(body['errorMessages'])) {
      for (const m of body['errorMessages']) if (str(m) !== undefined) jira.push(String(str(m)));
    }
    const fields = body['errors'];
    if (fields !== null && typeof fields === 'object' && !Array.isArray(fields)) {
      for (const [field, m] of Object.entries(fields))
        if (str(m) !== undefined) jira.push(`${field}: ${str(m)}`);
    }
    if (jira.length > 0) return jira.join('; ');
    const message = str(body['message']) ?? str(body['errorMessage']);
    if (message !== undefined) return message;
  }
  return JSON.stringify(value) ?? '';
}

/**
 * One line, at most SNIPPET_MAX characters, with credential-shaped text removed; undefined for an empty
 * body. Accepts the raw text or an already parsed body (as a wrapped library error carries it).
 */
export function summariseBody(body: unknown, contentType = ''): string | undefined {
  let summary: string;
  if (typeof body === 'string') {
    const first = firstChar(body);
    if (first === '') return undefined;
    if (first === '{' || first === '[') {
      try {
        summary = summariseJson(JSON.parse(body));
      } catch {
        summary = collapse(body.slice(0, SCAN_MAX));
      }
    } else if (looksLikeHtml(body, contentType)) {
      summary = summariseHtml(body.slice(0, SCAN_MAX));
    } else {
      summary = collapse(body.slice(0, SCAN_MAX));
    }
  } else if (body === undefined || body === null || body === '') {
    return undefined;
  } else if (Buffer.isBuffer(body)) {
    return summariseBody(body.toString('utf8'), contentType);
  } else {
    summary = summariseJson(body);
  }
  summary = collapse(summary);
  return summary === '' ? undefined : truncate(redactCredentials(summary));
}
