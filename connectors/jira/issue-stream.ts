// One kind of Jira issue (incidents, changes, ...) as a SourceStream: search pages in (updated, id) order
// from the cursor's window (search-api.ts picks Cloud's or Data Center's search), mapped to canonical
// records; and the id listing for the sweep.
import type { CanonicalRecord, ReadContext, SourceBatch, SourceStream } from '../../src/contracts/index.js';
import type { IssueStreamName } from './config.js';
import { DeliveredWindow } from './issue-cursor.js';
import type { IssueMapper } from './issue-mapper.js';
import { str } from './issue-values.js';
import type { SearchApi } from './search-api.js';
import type { SiteInfo } from './site.js';

export interface IssueStreamSettings {
  name: IssueStreamName;
  search: SearchApi;
  pageSize: number;
  overlapMs: number;
  changelog: boolean;
  /** Site facts, the compiled mapper and the stream's JQL condition, known once the site has been asked. */
  prepare: (signal: AbortSignal) => Promise<{ site: SiteInfo; mapper: IssueMapper; scope: string }>;
}

/** Issues mapped between two turns of the event loop, so the next page can arrive meanwhile. */
const YIELD_EVERY = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createIssueStream(settings: IssueStreamSettings): SourceStream {
  return {
    kind: settings.name,
    name: settings.name,

    async *read(ctx: ReadContext): AsyncIterable<SourceBatch> {
      const { site, mapper, scope } = await settings.prepare(ctx.signal);
      const window = DeliveredWindow.fromCursor(ctx.cursor, settings.overlapMs);
      const pages = settings.search.pages(
        {
          scope,
          fields: mapper.fieldIds,
          expand: settings.changelog ? 'changelog' : undefined,
          pageSize: settings.pageSize,
          timeZone: site.timeZone,
          extraOverlapMs: site.extraOverlapMs,
        },
        window,
        ctx.signal,
      );
      // A full sync tells the progress line how much to expect; the estimate runs beside the first page.
      const estimate = ctx.cursor === undefined ? settings.search.estimate(scope, ctx.signal) : undefined;
      let first = true;
      for await (const page of pages) {
        const records: CanonicalRecord[] = [];
        for (let i = 0; i < page.issues.length; i++) {
          const record = mapper.map(page.issues[i]!);
          if (record !== undefined) records.push(record);
          else ctx.log.warn({ id: str(page.issues[i]!['id']) }, 'issue without id, key or updated: skipped');
          if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
        }
        // A page of issues delivered before moves nothing: no batch unless it is the last one.
        if (records.length === 0 && !page.last) continue;
        const batch: SourceBatch = { records, cursor: window.toCursor() };
        if (first) {
          const total = ctx.cursor === undefined ? (page.total ?? (await estimate)) : undefined;
          if (total !== undefined) batch.expectedTotal = total;
          first = false;
        }
        yield batch;
      }
    },

    async *listIds(ctx): AsyncIterable<string[]> {
      const { scope } = await settings.prepare(ctx.signal);
      yield* settings.search.ids(scope, ctx.signal);
    },
  };
}
