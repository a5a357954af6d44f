// One page of enhanced search: POST /rest/api/3/search/jql with an explicit field list (the default is id
// only). A search has no side effect, so the POST is retried like a read.
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { obj, str, type Json } from './issue-values.js';

export interface SearchBody {
  jql: string;
  maxResults: number;
  fields: string[];
  expand?: string;
  nextPageToken?: string;
}

export interface SearchResult {
  issues: Json[];
  nextPageToken: string | undefined;
}

export async function searchPage(
  http: HttpClient,
  body: SearchBody,
  signal: AbortSignal | undefined,
): Promise<SearchResult> {
  const response = await http.request<unknown>({
    method: 'POST',
    url: '/rest/api/3/search/jql',
    data: body,
    idempotent: true,
    ...(signal === undefined ? {} : { signal }),
  });
  const data = obj(response.data);
  const issues = data?.['issues'];
  if (data === undefined || !Array.isArray(issues)) {
    throw new AppError(
      'SOURCE_BAD_RESPONSE',
      'POST /rest/api/3/search/jql answered without an "issues" list',
      { retryable: true },
    );
  }
  // Only isLast / nextPageToken end the listing: a short page is not the end.
  const token = data['isLast'] === true ? undefined : (str(data['nextPageToken']) ?? undefined);
  return { issues: issues as Json[], nextPageToken: token };
}

/** Whether a failed page was refused for its token (expired after 7 days, or from another query). */
export function isTokenRefusal(error: unknown, sentToken: boolean): boolean {
  return sentToken && error instanceof AppError && error.code === 'SOURCE_BAD_REQUEST';
}

/**
 * Jira's estimate of how many issues a JQL matches (POST /rest/api/3/search/approximate-count), for the
 * progress line only: undefined when the site has no such endpoint or the request fails.
 */
export async function approximateCount(
  http: HttpClient,
  jql: string,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  try {
    const response = await http.request<unknown>({
      method: 'POST',
      url: '/rest/api/3/search/approximate-count',
      data: { jql },
      idempotent: true,
      ...(signal === undefined ? {} : { signal }),
    });
    const count = obj(response.data)?.['count'];
    return typeof count === 'number' && Number.isFinite(count) ? count : undefined;
  } catch {
    return undefined;
  }
}
