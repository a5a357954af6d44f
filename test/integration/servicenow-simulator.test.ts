// The ServiceNow simulator's Table API over real HTTP: envelopes, parameters, references, display values,
// writes, the Aggregate API, class tables and the error bodies of itsm-apis.md A.9.
import axios, { type AxiosInstance } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const SYS_ID = /^[0-9a-f]{32}$/;
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let sim: ServiceNowSimulator;
let url: string;
let http: AxiosInstance;

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 11,
    incidents: 400,
    slas: 10_050,
    changes: 80,
    problems: 30,
    requests: 60,
    cis: 120,
    now: () => NOW,
  });
  url = await sim.listen();
  http = axios.create({
    baseURL: url,
    auth: { username: 'admin', password: 'admin' },
    validateStatus: () => true,
  });
});
afterAll(async () => {
  await sim.close();
});

type Row = Record<string, unknown>;
const list = async (path: string) => {
  const r = await http.get<{ result: Row[] }>(path);
  expect(r.status).toBe(200);
  return r;
};

describe('envelope and value shapes', () => {
  it('answers {"result":[...]} where every value is a string or a reference object', async () => {
    const r = await list('/api/now/table/incident?sysparm_limit=50');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.data.result).toHaveLength(50);
    for (const row of r.data.result) {
      for (const [field, value] of Object.entries(row)) {
        if (typeof value === 'object' && value !== null) {
          expect(Object.keys(value).sort(), field).toEqual(['link', 'value']);
          const ref = value as { link: string; value: string };
          expect(ref.value).toMatch(SYS_ID);
          expect(ref.link).toMatch(new RegExp(`^${url}/api/now/table/[a-z_]+/${ref.value}$`));
        } else expect(typeof value, field).toBe('string');
      }
      expect(row.sys_id).toMatch(SYS_ID);
      expect(row.sys_updated_on).toMatch(STAMP);
      expect(row.sys_created_on).toMatch(STAMP);
      expect(['true', 'false']).toContain(row.active);
      expect(row.comments).toBe('');
      expect(row.work_notes).toBe('');
    }
  });

  it('renders an empty reference as "" and a filled one as {link,value}', async () => {
    const r = await list(
      '/api/now/table/incident?sysparm_query=cmdb_ciISEMPTY&sysparm_limit=1&sysparm_fields=cmdb_ci,caller_id',
    );
    expect(r.data.result[0]!.cmdb_ci).toBe('');
    expect(r.data.result[0]!.caller_id).toMatchObject({ value: expect.stringMatching(SYS_ID) });
  });

  it('serves /api/now/v1/ and /api/now/v2/, and links keep the version called', async () => {
    const v2 = await list('/api/now/v2/table/incident?sysparm_limit=1&sysparm_fields=caller_id');
    expect((v2.data.result[0]!.caller_id as { link: string }).link).toContain('/api/now/v2/table/sys_user/');
    const v1 = await list('/api/now/v1/table/incident?sysparm_limit=1&sysparm_fields=caller_id');
    expect((v1.data.result[0]!.caller_id as { link: string }).link).toContain('/api/now/v1/table/sys_user/');
    expect((await http.get('/api/now/v9/table/incident')).status).toBe(400);
  });

  it('links business_service to cmdb_ci_service and task_sla.task to the task record', async () => {
    const inc = await list(
      '/api/now/table/incident?sysparm_query=business_serviceISNOTEMPTY&sysparm_limit=1&sysparm_fields=business_service',
    );
    const link = (inc.data.result[0]!.business_service as { link: string }).link;
    expect(link).toContain('/table/cmdb_ci_service/');
    expect((await http.get(link.replace(url, ''))).status).toBe(200);
    const sla = await list('/api/now/table/task_sla?sysparm_limit=1&sysparm_fields=task,sla');
    const task = sla.data.result[0]!.task as { link: string };
    expect((await http.get(task.link.replace(url, ''))).status).toBe(200);
  });
});

describe('errors', () => {
  it('answers an unknown table with 400 Invalid table', async () => {
    const r = await http.get('/api/now/table/foo', { responseType: 'text' });
    expect(r.status).toBe(400);
    expect(r.data).toBe('{"error":{"message":"Invalid table foo","detail":null},"status":"failure"}');
  });

  it('answers a missing record with 404 and the A.9 body', async () => {
    const r = await http.get(`/api/now/table/incident/${'0'.repeat(32)}`);
    expect(r.status).toBe(404);
    expect(r.data).toEqual({
      error: {
        message: 'No Record found',
        detail: "Record doesn't exist or ACL restricts the record retrieval",
      },
      status: 'failure',
    });
  });

  it('answers a negative offset with 400', async () => {
    const r = await http.get('/api/now/table/incident?sysparm_offset=-1', { responseType: 'text' });
    expect(r.status).toBe(400);
    expect(r.data).toBe(
      '{"error":{"message":"offset is -1","detail":"Negative offset is not supported"},"status":"failure"}',
    );
  });

  it.each(['stateFOO', 'no_such_field=1', 'ORstate=1', 'sys_updated_on>yesterday', 'stateBETWEEN1'])(
    'answers the malformed query %s with 400 and the error envelope',
    async (q) => {
      const r = await http.get(`/api/now/table/incident?sysparm_query=${encodeURIComponent(q)}`);
      expect(r.status).toBe(400);
      expect(r.data).toMatchObject({ error: { message: expect.any(String) }, status: 'failure' });
    },
  );

  it('answers a list that matches nothing with 200 {"result":[]}', async () => {
    const r = await http.get('/api/now/table/incident?sysparm_query=number=NOPE', { responseType: 'text' });
    expect(r.status).toBe(200);
    expect(r.data).toBe('{"result":[]}');
    expect(r.headers['x-total-count']).toBe('0');
  });
});

describe('query parameters', () => {
  it('returns only the requested fields; unknown ones are simply absent; dot-walks work', async () => {
    const r = await list(
      '/api/now/table/incident?sysparm_limit=3&sysparm_fields=number,nope,caller_id.user_name',
    );
    for (const row of r.data.result) {
      expect(Object.keys(row)).toEqual(['number', 'caller_id.user_name']);
      expect(row['caller_id.user_name']).toMatch(/^[a-z]+\.[a-z]+\d+$|^admin$/);
    }
  });

  it('defaults sysparm_limit to 10000 and gives the whole-query total in X-Total-Count', async () => {
    const r = await list('/api/now/table/task_sla?sysparm_fields=sys_id');
    expect(r.data.result).toHaveLength(10_000);
    expect(r.headers['x-total-count']).toBe('10050');
    expect(r.headers.link).toContain('sysparm_offset=10000>;rel="next"');
  });

  it('builds the Link header like the platform: first, prev (-1 on page one), next, last; no spaces', async () => {
    const r = await list(
      '/api/now/table/incident?sysparm_query=active=false&sysparm_fields=number&sysparm_limit=25',
    );
    const total = Number(r.headers['x-total-count']);
    const link = String(r.headers.link);
    expect(link).not.toMatch(/,\s/);
    const rels = Object.fromEntries(
      link.split(',').map((part) => {
        const m = /^<([^>]+)>;rel="(\w+)"$/.exec(part)!;
        return [m[2], new URL(m[1]!)];
      }),
    );
    expect(Object.keys(rels)).toEqual(['first', 'prev', 'next', 'last']);
    expect(rels.first!.searchParams.get('sysparm_offset')).toBe('0');
    expect(rels.prev!.searchParams.get('sysparm_offset')).toBe('-1');
    expect(rels.next!.searchParams.get('sysparm_offset')).toBe('25');
    expect(rels.last!.searchParams.get('sysparm_offset')).toBe(String(Math.floor((total - 1) / 25) * 25));
    expect(rels.next!.searchParams.get('sysparm_query')).toBe('active=false');
    expect(rels.next!.searchParams.get('sysparm_fields')).toBe('number');
    const last = await list(`${rels.last!.pathname}${rels.last!.search}`);
    expect(String(last.headers.link)).not.toContain('rel="next"');
  });

  it('sysparm_no_count drops X-Total-Count (and last) but keeps next while rows remain', async () => {
    const r = await list('/api/now/table/incident?sysparm_no_count=true&sysparm_limit=100');
    expect(r.headers['x-total-count']).toBeUndefined();
    expect(r.headers.link).toContain('rel="next"');
    expect(r.headers.link).not.toContain('rel="last"');
    const end = await list(
      '/api/now/table/incident?sysparm_no_count=true&sysparm_limit=100&sysparm_offset=300',
    );
    expect(end.data.result).toHaveLength(100);
    expect(end.headers.link).not.toContain('rel="next"');
  });

  it('sysparm_suppress_pagination_header drops Link', async () => {
    const r = await list('/api/now/table/incident?sysparm_suppress_pagination_header=true&sysparm_limit=1');
    expect(r.headers.link).toBeUndefined();
    expect(r.headers['x-total-count']).toBe('400');
  });
});

describe('sysparm_display_value and sysparm_exclude_reference_link', () => {
  const path = (extra: string) =>
    `/api/now/table/incident?sysparm_query=state=7^assigned_toISNOTEMPTY&sysparm_limit=1&sysparm_fields=number,state,priority,assigned_to,cmdb_ci${extra}`;

  it('false: database values, references as {link,value}', async () => {
    const row = (await list(path(''))).data.result[0]!;
    expect(row.state).toBe('7');
    expect(row.assigned_to).toEqual({
      link: expect.stringContaining('/table/sys_user/'),
      value: expect.stringMatching(SYS_ID),
    });
  });

  it('true: choice labels and reference display values', async () => {
    const row = (await list(path('&sysparm_display_value=true'))).data.result[0]!;
    expect(row.state).toBe('Closed');
    expect(row.priority).toMatch(/^\d - (Critical|High|Moderate|Low|Planning)$/);
    const ref = row.assigned_to as Record<string, string>;
    expect(Object.keys(ref).sort()).toEqual(['display_value', 'link']);
    expect(ref.display_value).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('all: {display_value,value} everywhere, references with link too', async () => {
    const row = (await list(path('&sysparm_display_value=all'))).data.result[0]!;
    expect(row.state).toEqual({ display_value: 'Closed', value: '7' });
    expect(row.number).toEqual({
      display_value: expect.stringMatching(/^INC/),
      value: expect.stringMatching(/^INC/),
    });
    expect(Object.keys(row.assigned_to as object).sort()).toEqual(['display_value', 'link', 'value']);
  });

  it('exclude_reference_link: plain sys_id, display value, or {display_value,value}', async () => {
    const plain = (await list(path('&sysparm_exclude_reference_link=true'))).data.result[0]!;
    expect(plain.assigned_to).toMatch(SYS_ID);
    const shown = (await list(path('&sysparm_exclude_reference_link=true&sysparm_display_value=true'))).data
      .result[0]!;
    expect(shown.assigned_to).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const both = (await list(path('&sysparm_exclude_reference_link=true&sysparm_display_value=all'))).data
      .result[0]!;
    expect(Object.keys(both.assigned_to as object).sort()).toEqual(['display_value', 'value']);
  });
});

describe('writes', () => {
  it('POST creates (201, full record), ignores unknown fields, derives priority, keeps journals write-only', async () => {
    const r = await http.post<{ result: Row }>('/api/now/table/incident', {
      short_description: 'Disk full on lnx-web-0001',
      impact: '1',
      urgency: '2',
      correlation_id: 'iso20k:0123456789abcdef',
      u_not_a_field: 'ignored',
      comments: 'Created by a test',
      work_notes: 'internal note',
    });
    expect(r.status).toBe(201);
    const rec = r.data.result;
    expect(rec.u_not_a_field).toBeUndefined();
    expect(rec).toMatchObject({
      short_description: 'Disk full on lnx-web-0001',
      priority: '2',
      state: '1',
      active: 'true',
      comments: '',
      work_notes: '',
    });
    expect(rec.number).toMatch(/^INC\d{7}$/);
    expect(rec.sys_id).toMatch(SYS_ID);
    expect(rec.sys_created_on).toBe('2026-01-15 12:00:00');
    expect(rec.sys_created_by).toBe('admin');
    const journal = await list(
      `/api/now/table/sys_journal_field?sysparm_query=element_id=${String(rec.sys_id)}^ORDERBYelement`,
    );
    expect(journal.data.result.map((j) => [j.element, j.value])).toEqual([
      ['comments', 'Created by a test'],
      ['work_notes', 'internal note'],
    ]);
    const found = await list(
      `/api/now/table/incident?sysparm_query=correlation_id=iso20k:0123456789abcdef&sysparm_fields=sys_id,number`,
    );
    expect(found.data.result).toEqual([{ sys_id: rec.sys_id, number: rec.number }]);
  });

  it('PATCH and PUT answer 200 with the record, bump sys_mod_count and resolve a display value reference', async () => {
    const created = (
      await http.post<{ result: Row }>('/api/now/v2/table/incident', { short_description: 'x' })
    ).data.result;
    const id = String(created.sys_id);
    const user = (
      await list(
        '/api/now/table/sys_user?sysparm_limit=1&sysparm_query=user_name=admin&sysparm_fields=sys_id,name',
      )
    ).data.result[0]!;
    const patched = await http.patch<{ result: Row }>(`/api/now/table/incident/${id}`, {
      state: '6',
      close_code: 'Solved (Permanently)',
      assigned_to: user.name,
    });
    expect(patched.status).toBe(200);
    expect(patched.data.result).toMatchObject({
      state: '6',
      sys_mod_count: '1',
      resolved_at: '2026-01-15 12:00:00',
    });
    expect((patched.data.result.assigned_to as { value: string }).value).toBe(user.sys_id);
    const put = await http.put<{ result: Row }>(`/api/now/table/incident/${id}`, {
      state: '7',
      close_notes: 'done',
    });
    expect(put.status).toBe(200);
    expect(put.data.result).toMatchObject({
      state: '7',
      active: 'false',
      sys_mod_count: '2',
      close_notes: 'done',
    });
    expect((await http.patch(`/api/now/table/incident/${'0'.repeat(32)}`, { state: '2' })).status).toBe(404);
  });

  it('DELETE answers 204 with no body; the record is gone', async () => {
    const created = (
      await http.post<{ result: Row }>('/api/now/table/problem', { short_description: 'temp' })
    ).data.result;
    const del = await http.delete(`/api/now/table/problem/${String(created.sys_id)}`, {
      responseType: 'text',
    });
    expect(del.status).toBe(204);
    expect(del.data).toBe('');
    expect((await http.get(`/api/now/table/problem/${String(created.sys_id)}`)).status).toBe(404);
  });

  it('GET by sys_id returns {"result":{...}}', async () => {
    const first = (await list('/api/now/table/change_request?sysparm_limit=1')).data.result[0]!;
    const r = await http.get<{ result: Row }>(
      `/api/now/table/change_request/${String(first.sys_id)}?sysparm_fields=number,type`,
    );
    expect(r.status).toBe(200);
    expect(r.data.result).toEqual({ number: first.number, type: first.type });
  });
});

describe('Aggregate API and class tables', () => {
  it('counts a query as a string', async () => {
    const r = await http.get('/api/now/stats/incident?sysparm_count=true&sysparm_query=active=true', {
      responseType: 'text',
    });
    expect(r.status).toBe(200);
    expect(r.data).toMatch(/^\{"result":\{"stats":\{"count":"\d+"\}\}\}$/);
    const listed = await list(
      '/api/now/table/incident?sysparm_query=active=true&sysparm_fields=sys_id&sysparm_limit=1',
    );
    expect(JSON.parse(r.data as string).result.stats.count).toBe(listed.headers['x-total-count']);
  });

  it('groups counts with sysparm_group_by', async () => {
    const r = await http.get<{
      result: { stats: { count: string }; groupby_fields: { field: string; value: string }[] }[];
    }>('/api/now/stats/incident?sysparm_count=true&sysparm_group_by=priority');
    const total = r.data.result.reduce((n, g) => n + Number(g.stats.count), 0);
    expect(total).toBe(sim.store.count('incident'));
    expect(r.data.result.every((g) => g.groupby_fields[0]!.field === 'priority')).toBe(true);
  });

  it('serves CMDB class tables as views of cmdb_ci', async () => {
    const servers = await list(
      '/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,busines_criticality',
    );
    expect(servers.data.result.length).toBeGreaterThan(0);
    expect(new Set(servers.data.result.map((r) => r.sys_class_name))).toEqual(new Set(['cmdb_ci_server']));
    expect(servers.data.result[0]!.busines_criticality).toBeUndefined();
    const services = await list('/api/now/table/cmdb_ci_service?sysparm_fields=name,busines_criticality');
    expect(services.data.result).toHaveLength(20);
    expect(services.data.result[0]!.busines_criticality).toMatch(/critical/);
    const all = await list('/api/now/table/cmdb_ci?sysparm_fields=sys_class_name');
    const classes = new Set(all.data.result.map((r) => r.sys_class_name));
    for (const c of ['cmdb_ci_server', 'cmdb_ci_database', 'cmdb_ci_app_server', 'cmdb_ci_service'])
      expect(classes).toContain(c);
    const db = await list('/api/now/table/cmdb_ci_database?sysparm_limit=1&sysparm_fields=sys_id');
    expect(
      (await http.get(`/api/now/table/cmdb_ci_server/${String(db.data.result[0]!.sys_id)}`)).status,
    ).toBe(404);
  });
});
