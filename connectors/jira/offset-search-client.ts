// One page of Jira Data Center's search: POST /rest/api/2/search with startAt/maxResults (Data Center has
// no enhanced search). The answer carries `total`, the size of the listing at the time of that query,
// which is what tells the last page (a short page is not the end: the site may cap maxResults).
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { obj, type Json } from './issue-values.js';

export interface OffsetSearchBody {
  jql: string;
  startAt: number;
  maxResults: number;
  fields: string[];
  /** Data Center takes a list here (Cloud's enhanced search a comma string). */
  expand?: string[];
}

export interface OffsetSearchResult {
  issues: Json[];
  startAt: number;
  total: number;
}

export const OFFSET_SEARCH_URL = '/rest/api/2/search';

export async function offsetSearchPage(
  http: HttpClient,
  body: OffsetSearchBody,
  signal: AbortSignal | undefined,
): Promise<OffsetSearchResult> {
  const response = await http.request<unknown>({
    method: 'POST',
    url: OFFSET_SEARCH_URL,
    data: body,
    // A search has no side effect: the POST is retried like a read.
    idempotent: true,
    ...(signal === undefined ? {} : { signal }),
  });
  const data = obj(response.data);
  const issues = data?.['issues'];
  const total = data?.['total'];
  if (data === undefined || !Array.isArray(issues) || typeof total !== 'number' || !Number.isFinite(total)) {
    throw new AppError(
      'SOURCE_BAD_RESPONSE',
      `POST ${OFFSET_SEARCH_URL} answered without an "issues" list and a "total"`,
      { retryable: true },
    );
  }
  const startAt = typeof data['startAt'] === 'number' ? data['startAt'] : body.startAt;
  return { issues: issues as Json[], startAt, total };
}
