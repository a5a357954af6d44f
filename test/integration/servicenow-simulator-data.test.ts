// The simulator's generated data: deterministic per seed, realistic distributions with realistic gaps,
// references that resolve, timestamps relative to the clock, and the mutation admin routes.
import axios, { type AxiosInstance } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;
const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

let sim: ServiceNowSimulator;
let http: AxiosInstance;

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 21,
    incidents: 3000,
    changes: 600,
    problems: 200,
    requests: 400,
    cis: 500,
    knowledge: 300,
    reviews: 40,
    sameSecond: 150,
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

const count = async (table: string, query: string): Promise<number> => {
  const r = await http.get<{ result: { stats: { count: string } } }>(`/api/now/stats/${table}`, {
    params: { sysparm_count: 'true', sysparm_query: query },
  });
  expect(r.status).toBe(200);
  return Number(r.data.result.stats.count);
};

describe('determinism', () => {
  it('gives byte-identical data for the same seed and clock, and different data for another seed', async () => {
    const dump = async (seed: number): Promise<string[]> => {
      const s = createServiceNowSimulator({
        seed,
        incidents: 300,
        now: () => NOW,
        baseUrl: 'https://dev.example.com',
      });
      const base = await s.listen();
      try {
        const bodies: string[] = [];
        for (const table of s.store.tables()) {
          const r = await axios.get<string>(`${base}/api/now/table/${table}?sysparm_query=ORDERBYsys_id`, {
            auth: { username: 'admin', password: 'admin' },
            responseType: 'text',
            transformResponse: (d: unknown) => d,
          });
          bodies.push(r.data);
        }
        return bodies;
      } finally {
        await s.close();
      }
    };
    const a = await dump(77);
    expect(await dump(77)).toEqual(a);
    expect(await dump(78)).not.toEqual(a);
  });

  it('honours the size options', () => {
    expect(sim.store.count('incident')).toBe(3000);
    expect(sim.store.count('change_request')).toBe(600);
    expect(sim.store.count('problem')).toBe(200);
    expect(sim.store.count('sc_req_item')).toBe(400);
    expect(sim.store.count('cmdb_ci_service')).toBe(20);
    expect(sim.store.count('cmdb_ci')).toBe(520);
    expect(sim.store.count('kb_knowledge')).toBe(300);
    expect(sim.store.count('u_governance_review')).toBe(40);
    expect(sim.store.count('task_sla')).toBe(3400); // default: one per incident and request item
  });
});

describe('realistic distributions and gaps', () => {
  it('incidents: every state, some without category or CI, a few priorities off the matrix, closures without notes', async () => {
    for (const state of ['1', '2', '3', '6', '7', '8'])
      expect(await count('incident', `state=${state}`), `state ${state}`).toBeGreaterThan(0);
    expect(await count('incident', 'state=7')).toBeGreaterThan(1500);
    expect(await count('incident', 'categoryISEMPTY')).toBeGreaterThan(0);
    expect(await count('incident', 'cmdb_ciISEMPTY')).toBeGreaterThan(0);
    expect(await count('incident', 'stateIN6,7^close_notesISEMPTY')).toBeGreaterThan(0);
    expect(await count('incident', 'state=7^closed_atISEMPTY')).toBe(0);
    expect(await count('incident', 'state=7^active=true')).toBe(0);
    const r = await http.get<{ result: { impact: string; urgency: string; priority: string }[] }>(
      '/api/now/table/incident?sysparm_fields=impact,urgency,priority',
    );
    const matrix: Record<string, string> = {
      '11': '1',
      '12': '2',
      '13': '3',
      '21': '2',
      '22': '3',
      '23': '4',
      '31': '3',
      '32': '4',
      '33': '5',
    };
    const off = r.data.result.filter((i) => matrix[i.impact + i.urgency] !== i.priority).length;
    expect(off).toBeGreaterThan(0);
    expect(off).toBeLessThan(3000 * 0.06);
  });

  it('changes: emergencies, implemented without approval, no backout plan, failures', async () => {
    expect(await count('change_request', 'type=emergency')).toBeGreaterThan(0);
    expect(await count('change_request', 'type=standard')).toBeGreaterThan(0);
    expect(await count('change_request', 'stateIN-1,0,3^approval!=approved')).toBeGreaterThan(0);
    expect(await count('change_request', 'backout_planISEMPTY')).toBeGreaterThan(0);
    expect(await count('change_request', 'close_code=unsuccessful')).toBeGreaterThan(0);
    expect(await count('change_request', 'state=3^work_endISEMPTY')).toBe(0);
  });

  it('problems, SLAs, CMDB, knowledge: the gaps an auditor looks for', async () => {
    expect(await count('problem', 'known_error=true^workaroundISEMPTY')).toBeGreaterThan(0);
    expect(await count('problem', 'known_error=true')).toBeGreaterThan(0);
    expect(await count('task_sla', 'has_breached=true')).toBeGreaterThan(0);
    expect(await count('task_sla', 'has_breached=false')).toBeGreaterThan(0);
    expect(await count('task_sla', 'stage=in_progress')).toBeGreaterThan(0);
    expect(await count('cmdb_ci', 'owned_byISEMPTY')).toBeGreaterThan(0);
    expect(await count('cmdb_ci', 'last_discovered<javascript:gs.daysAgo(90)')).toBeGreaterThan(0);
    expect(
      await count('kb_knowledge', `workflow_state=published^valid_to<${stamp(NOW).slice(0, 10)}`),
    ).toBeGreaterThan(0);
  });

  it('governance reviews: every type, some recent, some older than a year', async () => {
    const r = await http.get<{ result: { u_review_type: string; state: string; u_completed_on: string }[] }>(
      '/api/now/table/u_governance_review?sysparm_fields=u_review_type,state,u_completed_on',
    );
    const types = new Set(r.data.result.map((x) => x.u_review_type));
    for (const t of [
      'management_review',
      'internal_audit',
      'continuity_test',
      'supplier_review',
      'capacity_review',
    ])
      expect(types).toContain(t);
    const latest = new Map<string, string>();
    for (const x of r.data.result)
      if (x.state === 'completed' && x.u_completed_on > (latest.get(x.u_review_type) ?? ''))
        latest.set(x.u_review_type, x.u_completed_on);
    const ages = [...latest.values()].map((d) => (NOW - Date.parse(`${d.replace(' ', 'T')}Z`)) / DAY);
    expect(ages.every((a) => a >= 0)).toBe(true);
    expect(Math.min(...ages)).toBeLessThan(90);
    expect(Math.max(...ages)).toBeGreaterThan(365);
  });
});

describe('references and timestamps', () => {
  it('every non-empty reference of every table points at an existing record', () => {
    const db = sim.store.db;
    let checked = 0;
    for (const name of sim.store.tables()) {
      const table = db.table(name)!;
      if (table.className !== undefined) continue;
      for (const field of table.fields.filter((f) => f.type === 'reference')) {
        const col = table.store.column(field.name)!;
        for (let r = 0; r < table.store.allocated; r++) {
          const id = col.get(r);
          if (id === '' || !table.store.isLive(r)) continue;
          checked++;
          expect(db.resolve(field.ref!, id), `${name}.${field.name}`).toBeDefined();
        }
      }
    }
    expect(checked).toBeGreaterThan(30_000);
  });

  it('spreads transactional records over the last two years and nothing is updated after the clock', async () => {
    expect(await count('incident', `sys_created_on<${stamp(NOW - 731 * DAY)}`)).toBe(0);
    expect(await count('incident', `sys_created_on<${stamp(NOW - 600 * DAY)}`)).toBeGreaterThan(0);
    expect(await count('incident', `sys_created_on>${stamp(NOW - 30 * DAY)}`)).toBeGreaterThan(0);
    for (const table of [
      'incident',
      'change_request',
      'problem',
      'task_sla',
      'sc_req_item',
      'cmdb_ci',
      'kb_knowledge',
      'u_governance_review',
    ]) {
      expect(await count(table, `sys_updated_on>${stamp(NOW)}`), table).toBe(0);
    }
  });

  it('puts sameSecond incidents on one sys_updated_on second', async () => {
    const r = await http.get<{ result: { stats: { count: string }; groupby_fields: { value: string }[] }[] }>(
      '/api/now/stats/incident?sysparm_count=true&sysparm_group_by=sys_updated_on',
    );
    const biggest = Math.max(...r.data.result.map((g) => Number(g.stats.count)));
    expect(biggest).toBeGreaterThanOrEqual(150);
  });
});

describe('mutation admin routes', () => {
  it('inserts, updates and deletes records behind the client', async () => {
    const before = sim.store.count('incident');
    const inserted = await http.post<{ result: string[] }>('/sim/tables/incident/insert', { count: 3 });
    expect(inserted.data.result).toHaveLength(3);
    expect(sim.store.count('incident')).toBe(before + 3);
    const rec = await http.get<{ result: Record<string, string> }>(
      `/api/now/table/incident/${inserted.data.result[0]!}`,
    );
    expect(rec.data.result.sys_created_on).toBe(stamp(NOW));

    const updated = await http.post<{ result: string[] }>('/sim/tables/incident/update', {
      count: 5,
      fields: { state: '2' },
    });
    expect(updated.data.result).toHaveLength(5);
    for (const id of updated.data.result)
      expect(sim.store.get('incident', id)).toMatchObject({ state: '2', sys_updated_on: stamp(NOW) });

    const deleted = await http.post<{ result: string[] }>('/sim/tables/incident/delete', { count: 2 });
    expect(sim.store.count('incident')).toBe(before + 1);
    expect((await http.get(`/api/now/table/incident/${deleted.data.result[0]!}`)).status).toBe(404);

    expect((await http.post('/sim/tables/nope/insert', { count: 1 })).status).toBe(404);
    expect((await http.post('/sim/tables/incident/insert', { count: -1 })).status).toBe(400);
  });

  it('inserts into tables without a generator by cloning a row', async () => {
    const before = sim.store.count('task_sla');
    const r = await http.post<{ result: string[] }>('/sim/tables/task_sla/insert', { count: 2 });
    expect(r.data.result).toHaveLength(2);
    expect(sim.store.count('task_sla')).toBe(before + 2);
  });

  it('keeps mutations of a CMDB class table inside its class', async () => {
    const updated = sim.store.update('cmdb_ci_server', 5);
    expect(updated.map((id) => sim.store.get('cmdb_ci', id)!.sys_class_name)).toEqual(
      Array(5).fill('cmdb_ci_server'),
    );
    const [id] = sim.store.insert('cmdb_ci_database', 1);
    expect(sim.store.get('cmdb_ci_database', id!)).toMatchObject({ sys_class_name: 'cmdb_ci_database' });
  });

  it('sets and clears mutate-while-paging through the admin API', async () => {
    const id = sim.store.sysIds('problem')[0]!;
    expect((await http.put('/sim/tables/problem/mutate-while-paging', { every: 1, count: 500 })).status).toBe(
      200,
    );
    await http.get('/api/now/table/problem?sysparm_limit=1');
    expect(sim.store.get('problem', id)!.sys_updated_on).toBe(stamp(NOW));
    expect((await http.delete('/sim/tables/problem/mutate-while-paging')).status).toBe(200);
  });

  it('advances the clock through /sim/clock/advance', async () => {
    const r = await http.post<{ iso: string }>('/sim/clock/advance', { seconds: 60 });
    expect(r.data.iso).toBe(new Date(NOW + 60_000).toISOString());
    const created = await http.post<{ result: Record<string, string> }>('/api/now/table/incident', {
      short_description: 'after a minute',
    });
    expect(created.data.result.sys_created_on).toBe(stamp(NOW + 60_000));
  });
});
