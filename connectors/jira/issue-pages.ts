// Reads the issues of a scope changed since a window's position, page by page in (updated, id) order,
// each version once. The next page is requested before the caller maps and commits this one. A page
// token the site refuses (they expire) restarts the search from the window, which drops what it has
// delivered already; a failed page throws, and the caller's cursor stays at the last page it committed.
import type { HttpClient } from '../../src/lib/http.js';
import type { DeliveredWindow } from './issue-cursor.js';
import { incrementalJql } from './jql.js';
import { isoDate, obj, str, type Json } from './issue-values.js';
import { isTokenRefusal, searchPage, type SearchBody, type SearchResult } from './search-client.js';
import { parseJiraTime } from './time-zone.js';

export interface IssuePagesSettings {
  http: HttpClient;
  scope: string;
  fields: string[];
  expand: string | undefined;
  pageSize: number;
  timeZone: string;
  /** Extra overlap when the user's zone is unknown here. */
  extraOverlapMs: number;
}

/** Restarts in a row without progress before a refusal is taken for what it says. */
const MAX_RESTARTS = 2;

export interface IssuePage {
  /** Issues not delivered before, in page order. */
  issues: Json[];
  /** Issues on the page, delivered before or not. */
  read: number;
  last: boolean;
  /** How many issues the query matched, when the API says (Data Center's offset search does). */
  total?: number;
}

export async function* issuePages(
  settings: IssuePagesSettings,
  window: DeliveredWindow,
  signal: AbortSignal,
): AsyncGenerator<IssuePage> {
  const body = (token: string | undefined): SearchBody => {
    const from = window.readFrom();
    const b: SearchBody = {
      jql: incrementalJql(
        settings.scope,
        from === undefined ? undefined : from - settings.extraOverlapMs,
        settings.timeZone,
      ),
      maxResults: settings.pageSize,
      fields: settings.fields,
    };
    if (settings.expand !== undefined) b.expand = settings.expand;
    if (token !== undefined) b.nextPageToken = token;
    return b;
  };
  // The prefetch runs on its own controller so an abandoned read cancels its request.
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let request = body(undefined);
  let inFlight: Promise<SearchResult> | undefined = searchPage(settings.http, request, inner.signal);
  let restarts = 0;
  try {
    while (inFlight !== undefined) {
      let page: SearchResult;
      try {
        page = await inFlight;
      } catch (error) {
        if (!isTokenRefusal(error, request.nextPageToken !== undefined) || restarts >= MAX_RESTARTS)
          throw error;
        restarts++;
        // The JQL now starts at the window: what this read delivered is skipped by the window.
        request = body(undefined);
        inFlight = searchPage(settings.http, request, inner.signal);
        continue;
      }
      inFlight = undefined;
      if (page.nextPageToken !== undefined) {
        request = { ...request, nextPageToken: page.nextPageToken };
        inFlight = searchPage(settings.http, request, inner.signal);
        // Handled when awaited; this only keeps an abandoned prefetch from being reported as unhandled.
        inFlight.catch(() => undefined);
      }
      const fresh: Json[] = [];
      for (const issue of page.issues) {
        const id = Number(str(issue['id']));
        const updatedText = obj(issue['fields'])?.['updated'];
        const updated = typeof updatedText === 'string' ? parseJiraTime(updatedText) : NaN;
        // An issue without a readable id or date cannot be placed: deliver it, never let it move the cursor.
        if (!Number.isFinite(id) || !Number.isFinite(updated) || isoDate(updatedText) === null) {
          fresh.push(issue);
          continue;
        }
        if (window.deliver(id, updated)) fresh.push(issue);
      }
      if (fresh.length > 0) restarts = 0;
      yield { issues: fresh, read: page.issues.length, last: inFlight === undefined };
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    inner.abort();
  }
}
