// Paging through 12,000 incidents of the simulator: keyset (the ^NQ compound cursor and sys_id), offset
// following Link headers, a large block of rows sharing one second, and a table that changes while a
// client pages (offset paging then skips rows; keyset paging does not).
import axios, { type AxiosInstance } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const TOTAL = 12_000;
const SAME_SECOND = 2_500;

let sim: ServiceNowSimulator;
let http: AxiosInstance;

interface Row {
  sys_id: string;
  sys_updated_on: string;
  active?: string;
}

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 5,
    incidents: TOTAL,
    sameSecond: SAME_SECOND,
    slas: 100,
    requests: 20,
    now: () => NOW,
  });
  const url = await sim.listen();
  http = axios.create({
    baseURL: url,
    auth: { username: 'admin', password: 'admin' },
    validateStatus: () => true,
  });
});
afterAll(async () => {
  await sim.close();
});

const keysetQuery = (t: string, id: string, filter = ''): string =>
  `${filter}sys_updated_on>${t}^NQ${filter}sys_updated_on=${t}^sys_id>${id}^ORDERBYsys_updated_on^ORDERBYsys_id`;

/** Pages by the (sys_updated_on, sys_id) cursor until an empty page; returns every row in order. */
async function keysetAll(filter = '', pageSize = 1000): Promise<{ rows: Row[]; pages: Row[][] }> {
  const rows: Row[] = [];
  const pages: Row[][] = [];
  let t = '1970-01-01 00:00:00';
  let id = '';
  for (;;) {
    const r = await http.get<{ result: Row[] }>('/api/now/table/incident', {
      params: {
        sysparm_query: keysetQuery(t, id, filter),
        sysparm_fields: 'sys_id,sys_updated_on,active',
        sysparm_limit: pageSize,
        sysparm_no_count: 'true',
      },
    });
    expect(r.status).toBe(200);
    expect(r.headers['x-total-count']).toBeUndefined();
    const page = r.data.result;
    if (page.length === 0) break;
    pages.push(page);
    rows.push(...page);
    const last = page[page.length - 1]!;
    t = last.sys_updated_on;
    id = last.sys_id;
  }
  return { rows, pages };
}

const key = (r: Row): string => `${r.sys_updated_on} ${r.sys_id}`;

describe('keyset paging', () => {
  it('reads all 12,000 incidents exactly once, in (sys_updated_on, sys_id) order, through a 2,500-row second', async () => {
    const { rows, pages } = await keysetAll();
    expect(rows).toHaveLength(TOTAL);
    expect(new Set(rows.map((r) => r.sys_id)).size).toBe(TOTAL);
    for (let i = 1; i < rows.length; i++) expect(key(rows[i - 1]!) < key(rows[i]!)).toBe(true);
    expect(rows.map((r) => r.sys_id)).toEqual(sim.store.sysIds('incident'));
    // At least one whole page lies inside the bulk-updated second.
    expect(
      pages.some((p) => p.length === 1000 && p.every((r) => r.sys_updated_on === p[0]!.sys_updated_on)),
    ).toBe(true);
  });

  it('honours an extra filter in every ^NQ group', async () => {
    const { rows } = await keysetAll('active=true^', 700);
    const count = await http.get<{ result: { stats: { count: string } } }>(
      '/api/now/stats/incident?sysparm_count=true&sysparm_query=active=true',
    );
    expect(rows).toHaveLength(Number(count.data.result.stats.count));
    expect(rows.every((r) => r.active === 'true')).toBe(true);
  });

  it('pages by sys_id alone (sys_id>X^ORDERBYsys_id with sysparm_fields=sys_id)', async () => {
    const ids: string[] = [];
    let last = '';
    for (;;) {
      const r = await http.get<{ result: { sys_id: string }[] }>('/api/now/table/incident', {
        params: {
          sysparm_query: `sys_id>${last}^ORDERBYsys_id`,
          sysparm_fields: 'sys_id',
          sysparm_limit: 1000,
          sysparm_no_count: 'true',
        },
      });
      if (r.data.result.length === 0) break;
      expect(Object.keys(r.data.result[0]!)).toEqual(['sys_id']);
      ids.push(...r.data.result.map((x) => x.sys_id));
      last = ids[ids.length - 1]!;
    }
    expect(ids).toHaveLength(TOTAL);
    expect([...ids].sort()).toEqual(ids);
  });

  it('orders descending with ORDERBYDESC', async () => {
    const r = await http.get<{ result: Row[] }>('/api/now/table/incident', {
      params: {
        sysparm_query: 'ORDERBYDESCsys_updated_on^ORDERBYDESCsys_id',
        sysparm_fields: 'sys_id,sys_updated_on',
        sysparm_limit: 5,
      },
    });
    const ids = sim.store.sysIds('incident');
    expect(r.data.result.map((x) => x.sys_id)).toEqual(ids.slice(-5).reverse());
  });
});

describe('offset paging', () => {
  it('follows rel="next" to the end; rows add up to X-Total-Count', async () => {
    let path: string | undefined =
      '/api/now/table/incident?sysparm_query=ORDERBYsys_updated_on^ORDERBYsys_id&sysparm_fields=sys_id&sysparm_limit=1000';
    const seen = new Set<string>();
    let pages = 0;
    while (path !== undefined) {
      const r = await http.get<{ result: Row[] }>(path);
      expect(r.status).toBe(200);
      expect(r.headers['x-total-count']).toBe(String(TOTAL));
      for (const row of r.data.result) seen.add(row.sys_id);
      pages++;
      const next = /<([^>]+)>;rel="next"/.exec(String(r.headers.link ?? ''));
      path = next ? new URL(next[1]!).pathname + new URL(next[1]!).search : undefined;
    }
    expect(pages).toBe(12);
    expect(seen.size).toBe(TOTAL);
  });
});

describe('a table that changes while the client pages', () => {
  it('offset paging skips rows; keyset paging still sees every record', async () => {
    // Every 2nd list request first updates 40 incidents (they move to the end of the sort order).
    sim.store.mutateWhilePaging('incident', 2, 40);
    try {
      const before = new Set(sim.store.sysIds('incident'));
      const offsetSeen = new Set<string>();
      for (let offset = 0; offset < TOTAL; offset += 1000) {
        const r = await http.get<{ result: Row[] }>('/api/now/table/incident', {
          params: {
            sysparm_query: 'ORDERBYsys_updated_on^ORDERBYsys_id',
            sysparm_fields: 'sys_id',
            sysparm_limit: 1000,
            sysparm_offset: offset,
            sysparm_no_count: 'true',
          },
        });
        for (const row of r.data.result) offsetSeen.add(row.sys_id);
      }
      const missedByOffset = [...before].filter((id) => !offsetSeen.has(id));
      expect(missedByOffset.length).toBeGreaterThan(0);

      const { rows } = await keysetAll();
      const keysetSeen = new Set(rows.map((r) => r.sys_id));
      expect([...before].filter((id) => !keysetSeen.has(id))).toEqual([]);
      expect(rows.length).toBeGreaterThan(TOTAL); // updated rows come round again, so dedupe by sys_id
    } finally {
      sim.store.mutateWhilePaging('incident', 0, 0);
    }
  });

  it('updates move a record to the end with a new sys_updated_on and sys_mod_count + 1', async () => {
    sim.clock.advance(5_000); // alone on its second, after the rows the previous test touched
    const target = sim.store.sysIds('incident')[0]!;
    const before = Number(sim.store.get('incident', target)!.sys_mod_count);
    const [id] = sim.store.update('incident', 1, { sysIds: [target] });
    expect(id).toBe(target);
    const rec = sim.store.get('incident', target)!;
    expect(rec.sys_updated_on).toBe('2026-01-15 12:00:05');
    expect(Number(rec.sys_mod_count)).toBe(before + 1);
    expect(rec.short_description).toMatch(/ \[rev \d+\]$/);
    expect(sim.store.sysIds('incident').at(-1)).toBe(target);
    const r = await http.get<{ result: Row[] }>('/api/now/table/incident', {
      params: {
        sysparm_query: keysetQuery('2026-01-15 12:00:04', ''),
        sysparm_fields: 'sys_id,sys_updated_on',
      },
    });
    expect(r.data.result.map((x) => x.sys_id)).toEqual([target]);
  });
});
