// One Table API table read as a SourceStream: keyset pages in (sys_updated_on, sys_id) order, a safety
// lag and an overlap window, the next page fetched while the caller commits the current one.
import type { ReadContext, SourceBatch, SourceStream } from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient, HttpResponse } from '../../src/lib/http.js';
import type { StreamOptions } from './config.js';
import type { KeysetPosition } from './keyset.js';
import {
  compare,
  cursorFromPosition,
  fromServiceNowTime,
  idQuery,
  positionFromCursor,
  queryAfter,
  queryFrom,
  toServiceNowTime,
} from './keyset.js';
import { nextLink } from './link-header.js';
import { continuation } from './page-continuation.js';
import type { Row, RowMapper } from './row-mapper.js';
import type { TableSpec } from './tables.js';

export interface TableStreamSettings {
  name: string;
  spec: TableSpec;
  table: string;
  options: StreamOptions;
  mapper: RowMapper;
  http: HttpClient;
  pageSize: number;
  safetyLagSeconds: number;
  overlapSeconds: number;
  now: () => number;
}

interface PageRequest {
  url: string;
  params?: Record<string, string | number | boolean>;
  /** The keyset query of this request, kept so an empty page can be asked again, counted. */
  query?: string;
  counted: boolean;
}
interface Page {
  rows: Row[];
  next: string | undefined;
  total: number | undefined;
  counted: boolean;
}

/** Rows mapped between two turns of the event loop. */
const YIELD_EVERY_ROWS = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The largest page the id sweep asks for: ids are small, so fewer round trips. */
const ID_PAGE_SIZE = 10_000;

export function createTableStream(settings: TableStreamSettings): SourceStream {
  const { spec, table, options, mapper, http, pageSize } = settings;
  const path = `/api/now/table/${table}`;
  const fieldList = mapper.columns.join(',');

  const listRequest = (query: string, fields: string, limit: number, counted: boolean): PageRequest => ({
    url: path,
    query,
    counted,
    params: {
      sysparm_query: query,
      sysparm_fields: fields,
      sysparm_limit: limit,
      sysparm_exclude_reference_link: true,
      sysparm_display_value: false,
      ...(counted ? {} : { sysparm_no_count: true }),
    },
  });

  async function fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    const response: HttpResponse<{ result?: unknown }> = await http.request({
      method: 'GET',
      url: request.url,
      ...(request.params === undefined ? {} : { params: request.params }),
      signal,
    });
    const rows = response.data.result;
    if (!Array.isArray(rows)) {
      throw new AppError('SOURCE_BAD_RESPONSE', `${table}: the Table API answer has no "result" list`, {
        retryable: true,
        details: { url: request.url },
      });
    }
    const link = response.headers['link'];
    const total = Number(response.headers['x-total-count']);
    return {
      rows: rows as Row[],
      next: nextLink(link),
      total: request.counted && Number.isFinite(total) ? total : undefined,
      counted: request.counted,
    };
  }

  return {
    kind: spec.kind,
    name: settings.name,

    async *read(ctx: ReadContext): AsyncIterable<SourceBatch> {
      const committed = positionFromCursor(ctx.cursor);
      const upTo = toServiceNowTime(settings.now() - settings.safetyLagSeconds * 1000);
      const firstQuery =
        committed === undefined
          ? queryFrom(undefined, upTo, options.query)
          : settings.overlapSeconds > 0
            ? queryFrom(
                toServiceNowTime(fromServiceNowTime(committed.updatedOn) - settings.overlapSeconds * 1000),
                upTo,
                options.query,
              )
            : queryAfter(committed, upTo, options.query);

      // The prefetch runs on its own controller so an abandoned read cancels its in-flight request.
      const inner = new AbortController();
      const onAbort = () => inner.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      let position = committed;
      // The first request is counted: its total drives the progress line.
      let inFlight: Promise<Page> | undefined = fetchPage(
        listRequest(firstQuery, fieldList, pageSize, true),
        inner.signal,
      );
      let query = firstQuery;
      try {
        let first = true;
        while (inFlight !== undefined) {
          const page = await inFlight;
          inFlight = undefined;
          const last = page.rows.at(-1);
          const lastPosition = last === undefined ? undefined : positionOf(last);
          if (lastPosition !== undefined && (position === undefined || compare(lastPosition, position) > 0)) {
            position = lastPosition;
          }
          const step = continuation({
            rows: page.rows.length,
            limit: pageSize,
            counted: page.counted,
            hasNext: page.next !== undefined,
          });
          let nextRequest: PageRequest | undefined;
          if (step.from === 'last' && lastPosition !== undefined) {
            // Re-anchor on the last row rather than following the offset link: offsets shift while the table changes.
            query = queryAfter(lastPosition, upTo, options.query);
            nextRequest = listRequest(query, fieldList, pageSize, step.counted);
          } else if (step.from === 'same') {
            nextRequest = listRequest(query, fieldList, pageSize, true);
          } else if (step.from === 'link' && page.next !== undefined) {
            nextRequest = { url: page.next, counted: page.counted };
          }
          if (nextRequest !== undefined) {
            inFlight = fetchPage(nextRequest, inner.signal);
            // Handled when awaited; this only keeps an abandoned prefetch from being reported as unhandled.
            inFlight.catch(() => undefined);
          }
          const records = [];
          for (let i = 0; i < page.rows.length; i++) {
            const record = mapper.map(page.rows[i]!);
            if (record !== undefined) records.push(record);
            // Let the event loop read the next page off the socket meanwhile: a page is larger than the
            // socket buffers, so the instance can only finish sending it while we are not busy.
            if (i % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop();
          }
          const batch: SourceBatch = {
            records,
            cursor: position === undefined ? {} : cursorFromPosition(position),
          };
          if (first && page.total !== undefined) batch.expectedTotal = page.total;
          first = false;
          if (records.length > 0 || nextRequest === undefined) yield batch;
        }
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        inner.abort();
      }
    },

    async *listIds(ctx): AsyncIterable<string[]> {
      let request: PageRequest | undefined = listRequest(
        idQuery(undefined, options.query),
        'sys_id',
        ID_PAGE_SIZE,
        false,
      );
      while (request !== undefined) {
        const page = await fetchPage(request, ctx.signal);
        const ids: string[] = [];
        for (const row of page.rows) {
          const id = row['sys_id'];
          if (typeof id === 'string' && id !== '') ids.push(id);
        }
        yield ids;
        const last = ids.at(-1);
        const step = continuation({
          rows: page.rows.length,
          limit: ID_PAGE_SIZE,
          counted: page.counted,
          hasNext: page.next !== undefined,
        });
        const query: string =
          step.from === 'last' && last !== undefined ? idQuery(last, options.query) : (request.query ?? '');
        request =
          step.from === 'last' || step.from === 'same'
            ? listRequest(query, 'sys_id', ID_PAGE_SIZE, step.from === 'same' || step.counted)
            : step.from === 'link' && page.next !== undefined
              ? { url: page.next, counted: page.counted }
              : undefined;
      }
    },
  };
}

function positionOf(row: Row): KeysetPosition | undefined {
  const updatedOn = row['sys_updated_on'];
  const sysId = row['sys_id'];
  if (typeof updatedOn !== 'string' || typeof sysId !== 'string' || updatedOn === '' || sysId === '')
    return undefined;
  return { updatedOn, sysId };
}
