// A ServiceNow table as a ticket sink. Tickets carry correlation_id = iso20k:<ticket id>, so a lost ledger
// is rebuilt by one query and a create first looks its ticket up. Writes that append a work note are
// never retried blindly: a retry re-reads the record and sees whether the revision already landed.
import type {
  PushResult,
  RemoteTicket,
  SinkConnector,
  TicketAction,
  TicketRef,
} from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { createInstanceClient, type ServiceNowDeps } from './instance-client.js';
import { STATE_DEFAULTS, type ServiceNowSinkConfig } from './sink-config.js';
import { descriptionOf, revisionOf } from './sink-text.js';

interface Row {
  sys_id: string;
  number: string;
  active: string;
  state: string;
  description: string;
  correlation_id: string;
}

const FIELDS = 'sys_id,number,active,state,description,correlation_id';
const PREFIX = 'iso20k:';
const PAGE = 200;

export type ServiceNowSinkDeps = ServiceNowDeps;

export function createServiceNowSink(config: ServiceNowSinkConfig, deps: ServiceNowSinkDeps): SinkConnector {
  const instance = `servicenow sink "${config.id}" (${config.url})`;
  const http: HttpClient = createInstanceClient(config, instance, deps);
  const tableUrl = `/api/now/table/${config.table}`;
  const defaults = STATE_DEFAULTS[config.table];
  const resolveValues = config.resolve ?? defaults?.resolve ?? {};
  const reopenValues = config.reopen ?? defaults?.reopen ?? {};

  const refOf = (row: Row): TicketRef => ({
    sink: config.id,
    id: row.sys_id,
    key: row.number,
    url: `${config.url}/nav_to.do?uri=${encodeURIComponent(`${config.table}.do?sys_id=${row.sys_id}`)}`,
  });
  // A resolved incident stays active until it is closed, so the resolve state counts as not open too.
  const isOpen = (row: Row): boolean => row.active !== 'false' && row.state !== resolveValues.state;
  const remoteOf = (row: Row): RemoteTicket => ({
    ticketId: row.correlation_id.slice(PREFIX.length),
    ref: refOf(row),
    open: isOpen(row),
    revision: revisionOf(row.description),
  });

  async function query(q: string, limit: number, signal?: AbortSignal): Promise<Row[]> {
    const response = await http.request<{ result: Row[] }>({
      method: 'GET',
      url: tableUrl,
      params: { sysparm_query: q, sysparm_fields: FIELDS, sysparm_limit: limit, sysparm_no_count: true },
      ...(signal === undefined ? {} : { signal }),
    });
    return response.data.result;
  }

  async function read(id: string, signal?: AbortSignal): Promise<Row | undefined> {
    const response = await http.request<{ result: Row }>({
      method: 'GET',
      url: `${tableUrl}/${id}`,
      params: { sysparm_fields: FIELDS },
      acceptStatus: [404],
      ...(signal === undefined ? {} : { signal }),
    });
    return response.status === 404 ? undefined : response.data.result;
  }

  async function write(id: string, body: Record<string, string>, signal?: AbortSignal): Promise<Row> {
    const response = await http.request<{ result: Row }>({
      method: 'PATCH',
      url: `${tableUrl}/${id}`,
      params: { sysparm_fields: FIELDS },
      data: body,
      // The body appends a work note: sending it twice would say it twice.
      idempotent: false,
      ...(signal === undefined ? {} : { signal }),
    });
    return response.data.result;
  }

  const find = async (ticketId: string, signal?: AbortSignal): Promise<RemoteTicket | undefined> => {
    const rows = await query(`correlation_id=${PREFIX}${ticketId}^ORDERBYsys_created_on`, 1, signal);
    return rows[0] === undefined ? undefined : remoteOf(rows[0]);
  };

  async function create(action: TicketAction, signal?: AbortSignal): Promise<PushResult> {
    const existing = await find(action.ticketId, signal);
    if (existing !== undefined) return { status: 'unchanged', ref: existing.ref };
    const group = action.route.assignmentGroup ?? config.assignmentGroup;
    const response = await http.request<{ result: Row }>({
      method: 'POST',
      url: tableUrl,
      params: { sysparm_fields: FIELDS },
      data: {
        ...config.fields,
        short_description: action.content.summary,
        description: descriptionOf(action.content, action.revision),
        correlation_id: `${PREFIX}${action.ticketId}`,
        correlation_display: 'iso20k',
        work_notes: action.comment.join('\n'),
        ...(group === undefined ? {} : { assignment_group: group }),
      },
      ...(signal === undefined ? {} : { signal }),
    });
    return { status: 'created', ref: refOf(response.data.result) };
  }

  async function change(action: TicketAction, signal?: AbortSignal): Promise<PushResult> {
    const id = action.ref?.id ?? '';
    const row = await read(id, signal);
    if (row === undefined) {
      // Deleted at the source: nothing is left to resolve; anything else needs a person.
      if (action.type === 'resolve' && action.ref !== undefined)
        return { status: 'resolved', ref: action.ref };
      const message = `${instance}: ticket ${action.ref?.key ?? id} no longer exists in ${config.table}`;
      return { status: 'failed', error: new AppError('SOURCE_NOT_FOUND', message) };
    }
    const open = isOpen(row);
    const note = action.comment.join('\n');
    if (action.type === 'resolve') {
      if (!open) return { status: 'unchanged', ref: refOf(row) };
      const closing = 'close_code' in resolveValues ? { close_notes: note } : {};
      await write(id, { ...resolveValues, ...closing, work_notes: note }, signal);
      return { status: 'resolved', ref: refOf(row) };
    }
    const current = open && revisionOf(row.description) === action.revision;
    if (current) return { status: 'unchanged', ref: refOf(row) };
    const body = {
      ...(action.type === 'reopen' && !open ? reopenValues : {}),
      short_description: action.content.summary,
      description: descriptionOf(action.content, action.revision),
      work_notes: note,
    };
    await write(id, body, signal);
    return { status: action.type === 'reopen' ? 'reopened' : 'updated', ref: refOf(row) };
  }

  return {
    id: config.id,
    type: 'servicenow',
    searchLagMs: 0,
    find,
    async *list(signal) {
      let after = '';
      for (;;) {
        const keyset = after === '' ? '' : `^sys_id>${after}`;
        const rows = await query(`correlation_idSTARTSWITH${PREFIX}${keyset}^ORDERBYsys_id`, PAGE, signal);
        for (const row of rows) yield remoteOf(row);
        const last = rows.at(-1);
        if (rows.length < PAGE || last === undefined) return;
        after = last.sys_id;
      }
    },
    async apply(action, signal) {
      try {
        return action.type === 'create' ? await create(action, signal) : await change(action, signal);
      } catch (error) {
        const appError =
          error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
        return appError.retryable
          ? { status: 'retryable', error: appError }
          : { status: 'failed', error: appError };
      }
    },
    close: () => Promise.resolve(http.close()),
  };
}
