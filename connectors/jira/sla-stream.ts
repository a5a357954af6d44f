// JSM SLAs as a SourceStream: the issues of the SLA scope changed since the cursor (the same windowed
// search as issue streams, asking only for `created` and `updated`), then each issue's SLA information,
// a few requests at a time. SLAs of unchanged issues are not asked again.
import type { ReadContext, SlaRecord, SourceBatch, SourceStream } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { DeliveredWindow } from './issue-cursor.js';
import { isoDate, obj, str, type Json } from './issue-values.js';
import { mapSla, type SlaIssueRef } from './sla-mapper.js';
import type { SearchApi } from './search-api.js';
import type { SiteInfo } from './site.js';

export interface SlaStreamSettings {
  http: HttpClient;
  search: SearchApi;
  source: string;
  siteUrl: string;
  pageSize: number;
  overlapMs: number;
  concurrency: number;
  prepare: (signal: AbortSignal) => Promise<{ site: SiteInfo; scope: string }>;
}

/** JSM pages SLA metrics with start/limit; an issue rarely has more than a handful. */
const SLA_LIMIT = 50;

async function slasOf(
  settings: SlaStreamSettings,
  issue: SlaIssueRef,
  signal: AbortSignal,
): Promise<SlaRecord[]> {
  const records: SlaRecord[] = [];
  for (let start = 0; ; start += SLA_LIMIT) {
    const response = await settings.http.request<unknown>({
      method: 'GET',
      url: `/rest/servicedeskapi/request/${issue.id}/sla`,
      params: { start, limit: SLA_LIMIT },
      // An issue deleted or moved out of the service project since the search: no SLAs to read.
      acceptStatus: [404],
      signal,
    });
    if (response.status === 404) return records;
    const page = obj(response.data);
    const values = page?.['values'];
    if (!Array.isArray(values)) return records;
    for (const value of values) {
      const record =
        obj(value) === undefined
          ? undefined
          : mapSla(value as Json, issue, settings.source, settings.siteUrl);
      if (record !== undefined) records.push(record);
    }
    if (page?.['isLastPage'] !== false || values.length === 0) return records;
  }
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order in the result. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createSlaStream(settings: SlaStreamSettings): SourceStream {
  return {
    kind: 'sla',
    name: 'sla',
    async *read(ctx: ReadContext): AsyncIterable<SourceBatch> {
      const { site, scope } = await settings.prepare(ctx.signal);
      const window = DeliveredWindow.fromCursor(ctx.cursor, settings.overlapMs);
      const pages = settings.search.pages(
        {
          scope,
          fields: ['created', 'updated'],
          expand: undefined,
          pageSize: settings.pageSize,
          timeZone: site.timeZone,
          extraOverlapMs: site.extraOverlapMs,
        },
        window,
        ctx.signal,
      );
      for await (const page of pages) {
        const refs: SlaIssueRef[] = [];
        for (const issue of page.issues) {
          const fields = obj(issue['fields']);
          const id = str(issue['id']);
          const key = str(issue['key']);
          const updatedAt = isoDate(fields?.['updated']);
          if (id !== null && key !== null && updatedAt !== null) {
            refs.push({ id, key, updatedAt, createdAt: isoDate(fields?.['created']) });
          }
        }
        const records = (
          await mapLimited(refs, settings.concurrency, (ref) => slasOf(settings, ref, ctx.signal))
        ).flat();
        if (records.length > 0 || page.last) yield { records, cursor: window.toCursor() };
      }
    },
  };
}
