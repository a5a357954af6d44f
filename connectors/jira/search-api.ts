// The search a site offers, chosen by `deployment`: Jira Cloud's enhanced search (keyset page tokens,
// /rest/api/3/search/jql) or Data Center's offset search (/rest/api/2/search). Issue streams, the SLA
// stream, the sweep and check() read through this, so neither knows which site it talks to.
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import type { JiraSourceConfig } from './config.js';
import type { DeliveredWindow } from './issue-cursor.js';
import { issuePages, type IssuePage, type IssuePagesSettings } from './issue-pages.js';
import { str, type Json } from './issue-values.js';
import { offsetIssuePages } from './offset-pages.js';
import { offsetSearchPage } from './offset-search-client.js';
import { approximateCount, searchPage } from './search-client.js';

export interface SearchApi {
  /** The site's API root: the time zone and the field list are read under it. */
  readonly apiBase: '/rest/api/3' | '/rest/api/2';
  /** Changed issues since the window, each version once (issue-pages.ts, offset-pages.ts). */
  pages(
    settings: Omit<IssuePagesSettings, 'http'>,
    window: DeliveredWindow,
    signal: AbortSignal,
  ): AsyncGenerator<IssuePage>;
  /** Every id of a scope, in ascending order, a page at a time (the deletion sweep). */
  ids(scope: string, signal: AbortSignal): AsyncGenerator<string[]>;
  /** Runs the scope's JQL for one issue: the site's 400 names what it refuses. */
  probe(scope: string, signal: AbortSignal): Promise<void>;
  /** An estimate of the scope's size for the progress line, when the API has one. */
  estimate(scope: string, signal: AbortSignal): Promise<number | undefined> | undefined;
}

/** Cloud hands out up to 5,000 ids a page; Data Center caps any page at 1,000 by default. */
const CLOUD_ID_PAGE = 5000;
const DATACENTER_ID_PAGE = 1000;

const idsOf = (issues: Json[]): string[] =>
  issues.map((issue) => str(issue['id'])).filter((id): id is string => id !== null);

function cloudSearch(http: HttpClient): SearchApi {
  return {
    apiBase: '/rest/api/3',
    pages: (settings, window, signal) => issuePages({ ...settings, http }, window, signal),
    async *ids(scope, signal) {
      let token: string | undefined;
      do {
        const page = await searchPage(
          http,
          {
            jql: `(${scope}) ORDER BY id ASC`,
            maxResults: CLOUD_ID_PAGE,
            fields: ['id'],
            ...(token === undefined ? {} : { nextPageToken: token }),
          },
          signal,
        );
        yield idsOf(page.issues);
        token = page.nextPageToken;
      } while (token !== undefined);
    },
    async probe(scope, signal) {
      await searchPage(http, { jql: `(${scope}) ORDER BY id ASC`, maxResults: 1, fields: ['id'] }, signal);
    },
    estimate: (scope, signal) => approximateCount(http, scope, signal),
  };
}

function datacenterSearch(http: HttpClient): SearchApi {
  return {
    apiBase: '/rest/api/2',
    pages: (settings, window, signal) => offsetIssuePages({ ...settings, http }, window, signal),
    async *ids(scope, signal) {
      // Keyset by id, each page from offset 0: an issue deleted during the sweep cannot shift another
      // out of the listing (a missed id would read as a deletion).
      let after: number | undefined;
      for (;;) {
        const bound = after === undefined ? '' : ` AND id > ${after}`;
        const page = await offsetSearchPage(
          http,
          {
            jql: `(${scope})${bound} ORDER BY id ASC`,
            startAt: 0,
            maxResults: DATACENTER_ID_PAGE,
            fields: ['id'],
          },
          signal,
        );
        const ids = idsOf(page.issues);
        yield ids;
        if (page.issues.length >= page.total) return;
        const last = Number(ids.at(-1));
        if (!Number.isFinite(last) || (after !== undefined && last <= after)) {
          // Stopping here would read the unlisted issues as deleted.
          throw new AppError(
            'SOURCE_BAD_RESPONSE',
            `POST /rest/api/2/search did not page "${scope} AND id > ${after ?? '-'}" forward: the sweep stops`,
            { retryable: true },
          );
        }
        after = last;
      }
    },
    async probe(scope, signal) {
      await offsetSearchPage(
        http,
        { jql: `(${scope}) ORDER BY id ASC`, startAt: 0, maxResults: 1, fields: ['id'] },
        signal,
      );
    },
    // The first page's `total` is exact: no separate estimate.
    estimate: () => undefined,
  };
}

export function searchApiFor(deployment: JiraSourceConfig['deployment'], http: HttpClient): SearchApi {
  return deployment === 'datacenter' ? datacenterSearch(http) : cloudSearch(http);
}
