// Jira Data Center's reader: the issues of a scope changed since a window's position, in (updated, id)
// order, each version once, through /rest/api/2/search, which pages by offset. An offset alone is not
// complete: an issue updated while we page leaves its place for the end of the listing and shifts every
// later issue one place left, so the next offset would step over one. So:
//
//  - every page is re-anchored on the minute of the last issue read (`updated >= "<that minute>"`), which
//    keeps the offset small: it only steps over the issues of that minute this read has seen already;
//  - the page is asked one place early, and its first issue must be one this read has seen, in the same
//    version. Issues only ever move later in the listing, so then nothing before it can be unread. When
//    it is not (issues left the prefix under us), the page is dropped and asked again further back, down
//    to offset 0, which needs no proof;
//  - the last page is the one reaching the `total` of its own answer, never a short page.
// What this poll has read at the anchor is kept by id and version; what earlier polls delivered is
// dropped by the window, as for Cloud. The next page is asked before the caller maps this one.
import { AppError } from '../../src/contracts/index.js';
import type { DeliveredWindow } from './issue-cursor.js';
import { floorMinute } from './issue-cursor.js';
import type { IssuePage, IssuePagesSettings } from './issue-pages.js';
import { isoDate, obj, str, type Json } from './issue-values.js';
import { incrementalJql } from './jql.js';
import { offsetSearchPage, type OffsetSearchResult } from './offset-search-client.js';
import { parseJiraTime } from './time-zone.js';

interface Placed {
  id: number;
  updated: number;
}

/** The id and `updated` of an issue, or undefined when either is unreadable (it cannot be placed). */
function placeOf(issue: Json): Placed | undefined {
  const id = Number(str(issue['id']));
  const updatedText = obj(issue['fields'])?.['updated'];
  const updated = typeof updatedText === 'string' ? parseJiraTime(updatedText) : NaN;
  if (!Number.isFinite(id) || !Number.isFinite(updated) || isoDate(updatedText) === null) return undefined;
  return { id, updated };
}

export async function* offsetIssuePages(
  settings: IssuePagesSettings,
  window: DeliveredWindow,
  signal: AbortSignal,
): AsyncGenerator<IssuePage> {
  const extra = settings.extraOverlapMs;
  const readFrom = window.readFrom();
  /** The lower bound of the query (ms; undefined: none, a full read). */
  let anchor = readFrom === undefined ? undefined : readFrom - extra;
  /**
   * id -> updated of what this read has seen that the site may still list at or after the anchor (the
   * listing's prefix). With the user's zone unknown, the site reads the bound up to `extra` either way.
   */
  const seen = new Map<number, number>();
  /** Issues without a readable id or date, delivered once per read. */
  const unplaced = new Set<string>();
  /** A wrong zone makes each move of the anchor re-read up to 2 x extra: move it seldom then. */
  const anchorStep = extra === 0 ? 1 : 4 * extra;
  let backoffs = 0;
  const unplacedKey = (issue: Json) => JSON.stringify([issue['id'], issue['key']]);
  const wasRead = (issue: Json): boolean => {
    const placed = placeOf(issue);
    return placed === undefined ? unplaced.has(unplacedKey(issue)) : seen.get(placed.id) === placed.updated;
  };

  /** `proof`: the first issue asked is the last one known read, one more than a page. */
  const ask = (startAt: number, proof: boolean) =>
    offsetSearchPage(
      settings.http,
      {
        jql: incrementalJql(settings.scope, anchor, settings.timeZone),
        startAt,
        // One more than a page when the first issue is the proof of the offset.
        maxResults: settings.pageSize + (proof ? 1 : 0),
        fields: settings.fields,
        ...(settings.expand === undefined ? {} : { expand: settings.expand.split(',') }),
      },
      inner.signal,
    );

  // The prefetch runs on its own controller so an abandoned read cancels its request.
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let startAt = 0;
  let proof = false;
  let inFlight: Promise<OffsetSearchResult> | undefined = ask(startAt, proof);
  try {
    while (inFlight !== undefined) {
      const page = await inFlight;
      inFlight = undefined;
      const head = page.issues[0];
      const proven = startAt === 0 || (head !== undefined && wasRead(head));
      if (!proven) {
        // Issues before the offset were updated or left the scope: unread ones may now sit before it.
        backoffs++;
        startAt = Math.max(0, startAt - settings.pageSize * 2 ** (backoffs - 1));
        proof = startAt > 0;
        inFlight = ask(startAt, proof);
        inFlight.catch(() => undefined);
        continue;
      }
      backoffs = 0;
      const fresh: Json[] = [];
      let lastPlaced: Placed | undefined;
      for (const issue of page.issues) {
        const placed = placeOf(issue);
        if (placed === undefined) {
          // Delivered, but it never moves the cursor (as for Cloud).
          const raw = unplacedKey(issue);
          if (!unplaced.has(raw)) {
            unplaced.add(raw);
            fresh.push(issue);
          }
          continue;
        }
        lastPlaced = placed;
        if (seen.get(placed.id) === placed.updated) continue;
        seen.set(placed.id, placed.updated);
        if (window.deliver(placed.id, placed.updated)) fresh.push(issue);
      }
      const reached = startAt + page.issues.length;
      const last = reached >= page.total || page.issues.length === 0;
      if (!last) {
        if (page.issues.length < (proof ? 2 : 1) || lastPlaced === undefined) {
          // Only the proof came back, yet the listing is longer: paging would not move.
          throw new AppError(
            'SOURCE_BAD_RESPONSE',
            `POST /rest/api/2/search returned ${page.issues.length} issue(s) at startAt ${startAt} of ${page.total}: the listing cannot be paged`,
            { retryable: true },
          );
        }
        const candidate = floorMinute(lastPlaced.updated) - extra;
        let known: number;
        if (anchor === undefined || candidate >= anchor + anchorStep) {
          anchor = candidate;
          for (const [id, updated] of seen) if (updated < anchor - extra) seen.delete(id);
          // What the site surely lists before the new position: read issues at or after the latest
          // instant the bound may mean. Too low only re-reads a little; the proof guards the rest.
          known = 0;
          for (const updated of seen.values()) if (updated >= anchor + extra) known++;
        } else {
          known = reached;
        }
        proof = known > 0;
        startAt = proof ? known - 1 : 0;
        inFlight = ask(startAt, proof);
        // Handled when awaited; this only keeps an abandoned prefetch from being reported as unhandled.
        inFlight.catch(() => undefined);
      }
      yield { issues: fresh, read: page.issues.length, last, total: page.total };
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    inner.abort();
  }
}
