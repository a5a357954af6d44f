// Gap tickets end to end against the ServiceNow simulator over real HTTP: records synced, judged, and
// tickets created in sn_grc_issue; then no writes when nothing changed, no duplicates without the ledger
// or after a lost answer, resolve and reopen as the data changes, the budget, and 10% failing calls.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceNowSinkConfigSchema } from '../../connectors/servicenow/sink-config.js';
import { createServiceNowSink } from '../../connectors/servicenow/sink.js';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import type { SinkConnector } from '../../src/contracts/index.js';
import type { TicketRun } from '../../src/pipeline/tickets.js';
import { ticketCycle, ticketSettings } from '../helpers/tickets.js';
import { STATE_FILE } from '../../src/state/state-store.js';
import { rm } from 'node:fs/promises';
import { silentLog, simulatorSourceConfig, syncOnce, tempDir } from '../helpers/servicenow-sync.js';

const STREAMS = ['incident', 'problem', 'change', 'ci', 'ci_relation'] as const;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface World {
  sim: ServiceNowSimulator;
  url: string;
  dir: string;
  sink: SinkConnector;
}

async function world(): Promise<World> {
  const sim = createServiceNowSimulator({ seed: 31, incidents: 400, changes: 80, problems: 20, requests: 0 });
  const url = await sim.listen();
  const tmp = await tempDir();
  const sinkConfig = ServiceNowSinkConfigSchema.parse({
    id: 'snow-tickets',
    type: 'servicenow',
    url,
    auth: { type: 'basic', username: 'admin', password: 'admin' },
    table: 'sn_grc_issue',
    http: { retries: 2, backoffMs: 1, maxBackoffMs: 10 },
  });
  const sink = createServiceNowSink(sinkConfig, { log: silentLog });
  cleanup.push(
    () => sim.close(),
    tmp.remove,
    async () => sink.close?.(),
  );
  await syncOnce(simulatorSourceConfig(url, [...STREAMS]), tmp.dir);
  return { sim, url, dir: tmp.dir, sink };
}

const tickets = ticketSettings;

/** About `rate` of the instance's answers fail: 429, 502, 503 and connection resets in equal parts. */
function injectFaults(sim: ServiceNowSimulator, rate: number): void {
  const p = rate / 4;
  sim.faults.set({ tooManyRequests: p, badGateway: p, serviceUnavailable: p, connectionReset: p });
}

function cycle(w: World, config = tickets(), now = new Date()): Promise<TicketRun> {
  return ticketCycle({ dir: w.dir, sink: w.sink, config, now });
}

const dryPlan = (w: World): Promise<TicketRun> => ticketCycle({ dir: w.dir, sink: w.sink, dryRun: true });

/** Our tickets at the instance, by correlation id, read over the Table API like any client would. */
async function remoteTickets(w: World): Promise<Map<string, number>> {
  const auth = Buffer.from('admin:admin').toString('base64');
  const response = await fetch(
    `${w.url}/api/now/table/sn_grc_issue?sysparm_fields=correlation_id,state,active&sysparm_limit=10000`,
    { headers: { authorization: `Basic ${auth}`, accept: 'application/json' } },
  );
  const body = (await response.json()) as { result: { correlation_id: string }[] };
  const counts = new Map<string, number>();
  for (const row of body.result) counts.set(row.correlation_id, (counts.get(row.correlation_id) ?? 0) + 1);
  return counts;
}

async function duplicates(w: World): Promise<string[]> {
  return [...(await remoteTickets(w))].filter(([, n]) => n > 1).map(([id]) => id);
}

describe('gap tickets in ServiceNow', () => {
  it('creates one ticket per alarming control, then writes nothing while nothing changes', async () => {
    const w = await world();
    const first = await cycle(w);
    const created = first.outcome?.applied.created ?? 0;
    expect(created).toBeGreaterThan(10);
    expect(first.outcome?.failed).toEqual([]);
    expect((await remoteTickets(w)).size).toBe(created);
    expect(await duplicates(w)).toEqual([]);

    w.sim.counters.clear();
    for (let run = 0; run < 10; run++) {
      const again = await cycle(w);
      expect(again.plan.actions).toEqual([]);
    }
    expect(w.sim.counters.snapshot().writes).toBe(0);
  });

  it('creates no duplicate when the state file is lost, and takes the tickets back from the instance', async () => {
    const w = await world();
    const first = await cycle(w);
    await rm(path.join(w.dir, STATE_FILE));
    w.sim.counters.clear();
    const again = await cycle(w);
    expect(again.recovered).toBe(first.outcome?.applied.created);
    expect(again.plan.counts.create).toBe(0);
    expect(w.sim.counters.snapshot().writes).toBe(0);
    expect(await duplicates(w)).toEqual([]);
  });

  it('creates no duplicate when a create landed but its answer never reached the ledger', async () => {
    const w = await world();
    // Plan without pushing, send one create straight to the sink (as a run killed right after it would).
    const dry = await dryPlan(w);
    const action = dry.plan.actions.find((a) => a.type === 'create');
    expect(action).toBeDefined();
    expect((await w.sink.apply(action!)).status).toBe('created');
    const run = await cycle(w);
    expect(run.outcome?.failed).toEqual([]);
    expect(await duplicates(w)).toEqual([]);
    expect((await remoteTickets(w)).get(`iso20k:${action!.ticketId}`)).toBe(1);
  });

  it('resolves a ticket with a work note when its records are fixed, and reopens it when they break again', async () => {
    const w = await world();
    await cycle(w);
    const incidents = w.sim.store.sysIds('incident');
    const classify = (category: string) =>
      w.sim.store.update('incident', incidents.length, {
        sysIds: incidents,
        fields: {
          category,
          subcategory: category === '' ? '' : 'email',
          impact: '2',
          urgency: '2',
          priority: '3',
          business_service: w.sim.store.sysIds('cmdb_ci_service')[0]!,
        },
      });
    classify('software');
    await syncOnce(simulatorSourceConfig(w.url, [...STREAMS]), w.dir);
    const fixed = await cycle(w);
    expect(fixed.outcome?.applied.resolved).toBeGreaterThan(0);
    const resolvedGroups = fixed.plan.actions.filter((a) => a.type === 'resolve').map((a) => a.group);
    expect(resolvedGroups.some((g) => g.includes('IN1-'))).toBe(true);

    classify('');
    await syncOnce(simulatorSourceConfig(w.url, [...STREAMS]), w.dir);
    const broken = await cycle(w);
    expect(broken.outcome?.applied.reopened).toBeGreaterThan(0);
    expect(broken.plan.actions.filter((a) => a.type === 'reopen').some((a) => a.group.includes('IN1-'))).toBe(
      true,
    );
    expect(await duplicates(w)).toEqual([]);
  });

  it('keeps to the budget of new tickets and reports the rest as queued', async () => {
    const w = await world();
    const run = await cycle(w, tickets({ grouping: 'finding', maxNewPerRun: 20 }));
    expect(run.outcome?.applied.created).toBe(20);
    expect(run.plan.queued).toBeGreaterThan(100);
    expect((await remoteTickets(w)).size).toBe(20);
  });

  it('lists at most maxRecordsPerTicket records and says how many more', async () => {
    const w = await world();
    const run = await cycle(w, tickets({ maxRecordsPerTicket: 5 }));
    const big = run.plan.actions.find((a) => a.content.moreRecords > 0);
    expect(big?.content.records).toHaveLength(5);
    expect(big?.content.moreRecords).toBeGreaterThan(0);
  });

  it('applies every action exactly once in the end with 10% of the calls failing', async () => {
    const w = await world();
    const expected = (await dryPlan(w)).plan.counts.create;
    injectFaults(w.sim, 0.1);
    let runs = 0;
    for (; runs < 15; runs++) {
      const run = await cycle(w);
      if (run.plan.actions.length === 0) break;
    }
    expect(runs).toBeLessThan(15);
    const injected = Object.values(w.sim.faults.counts()).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(5);
    expect((await remoteTickets(w)).size).toBe(expected);
    expect(await duplicates(w)).toEqual([]);
  });
});
