// Gap tickets end to end in Jira: findings from a ServiceNow simulator's records, tickets written over
// real HTTP through jira.js into the Jira simulator (project GAP). No writes while nothing changes, no
// duplicate without the ledger or after a lost answer while search lags behind writes, resolve and
// reopen through workflow transitions with comments, and exactly once with 10% of the calls failing.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JiraSinkConfigSchema } from '../../connectors/jira/sink-config.js';
import { createJiraSink } from '../../connectors/jira/sink.js';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import type { SinkConnector } from '../../src/contracts/index.js';
import type { TicketRun } from '../../src/pipeline/tickets.js';
import { ticketCycle, ticketSettings } from '../helpers/tickets.js';
import { openStateStore, STATE_FILE } from '../../src/state/state-store.js';
import { silentLog, simulatorSourceConfig, syncOnce, tempDir } from '../helpers/servicenow-sync.js';

const STREAMS = ['incident', 'problem', 'change'] as const;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface World {
  snow: ServiceNowSimulator;
  snowUrl: string;
  jira: JiraSimulator;
  jiraUrl: string;
  dir: string;
  sink: SinkConnector;
}

async function world(options: { searchLagMs?: number; searchLagSeconds?: number } = {}): Promise<World> {
  const snow = createServiceNowSimulator({
    seed: 51,
    incidents: 300,
    changes: 60,
    problems: 15,
    requests: 0,
  });
  const snowUrl = await snow.listen();
  const jira = createJiraSimulator({
    seed: 52,
    incidents: 0,
    requests: 0,
    problems: 0,
    changes: 0,
    releases: 0,
    reviews: 0,
    searchLagMs: options.searchLagMs ?? 0,
  });
  const jiraUrl = await jira.listen();
  const tmp = await tempDir();
  const sink = createJiraSink(
    JiraSinkConfigSchema.parse({
      id: 'jira',
      type: 'jira',
      url: jiraUrl,
      auth: { type: 'basic', email: 'bot@example.com', apiToken: 'token' },
      project: 'GAP',
      searchLagSeconds: options.searchLagSeconds ?? 0,
      http: { retries: 3, backoffMs: 1, maxBackoffMs: 10 },
    }),
    { log: silentLog },
  );
  cleanup.push(
    () => snow.close(),
    () => jira.close(),
    tmp.remove,
  );
  await syncOnce(simulatorSourceConfig(snowUrl, [...STREAMS]), tmp.dir);
  return { snow, snowUrl, jira, jiraUrl, dir: tmp.dir, sink };
}

function cycle(
  w: World,
  dryRun = false,
  grouping: 'control' | 'finding' = 'control',
  now = new Date(),
): Promise<TicketRun> {
  return ticketCycle({ dir: w.dir, sink: w.sink, config: ticketSettings({ grouping }), dryRun, now });
}

/** Our tickets in the simulated site, by ticket label, straight from its store. */
function remoteTickets(w: World): Map<string, { count: number; done: boolean; comments: number }> {
  const out = new Map<string, { count: number; done: boolean; comments: number }>();
  for (const issue of w.jira.store.all()) {
    const label = issue.labels.find((l) => /^iso20k-[0-9a-f]{16}(-\d+)?$/.test(l));
    if (label === undefined) continue;
    const seen = out.get(label);
    out.set(label, {
      count: (seen?.count ?? 0) + 1,
      done: issue.status.category === 'done',
      comments: issue.comments.length,
    });
  }
  return out;
}

const duplicates = (w: World) => [...remoteTickets(w)].filter(([, t]) => t.count > 1).map(([l]) => l);

describe('gap tickets in Jira', () => {
  it('creates a labelled ADF ticket per alarming control, then writes nothing while nothing changes', async () => {
    const w = await world();
    const first = await cycle(w);
    expect(first.outcome?.failed).toEqual([]);
    const created = first.outcome?.applied.created ?? 0;
    expect(created).toBeGreaterThan(5);
    expect(remoteTickets(w).size).toBe(created);
    const issue = [...w.jira.store.all()].find((i) => i.labels.includes('iso20k-ticket'));
    expect(issue?.labels).toEqual(expect.arrayContaining(['iso20k', 'iso20k-ticket']));
    expect(JSON.stringify(issue?.description)).toContain('"type":"table"');

    w.jira.counters.clear();
    for (let run = 0; run < 10; run++) expect((await cycle(w)).plan.actions).toEqual([]);
    expect(w.jira.counters.writeCount()).toBe(0);
  });

  it('takes the tickets back from Jira when the state file is lost, writing nothing', async () => {
    const w = await world();
    const first = await cycle(w);
    await rm(path.join(w.dir, STATE_FILE));
    w.jira.counters.clear();
    const again = await cycle(w);
    expect(again.recovered).toBe(first.outcome?.applied.created);
    expect(again.plan.counts.create).toBe(0);
    expect(w.jira.counters.writeCount()).toBe(0);
    expect(duplicates(w)).toEqual([]);
  });

  it('does not create twice after a lost answer while search lags behind writes', async () => {
    const w = await world({ searchLagMs: 1500, searchLagSeconds: 2 });
    const dry = await cycle(w, true);
    const action = dry.plan.actions.find((a) => a.type === 'create')!;
    // What a run killed right after sending the create leaves behind: the mark in the ledger, a ticket in Jira.
    const state = await openStateStore({ dataDir: w.dir });
    await state.saveTickets({
      [action.group]: { ...action.next, createStartedAt: new Date().toISOString() },
    });
    await state.close();
    expect((await w.sink.apply(action)).status).toBe('created');

    const soon = await cycle(w);
    expect(soon.outcome?.pending).toBeGreaterThanOrEqual(1);
    expect(duplicates(w)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = await cycle(w);
    expect(later.outcome?.failed).toEqual([]);
    expect(duplicates(w)).toEqual([]);
    expect(remoteTickets(w).get(`iso20k-${action.ticketId}`)?.count).toBe(1);
  });

  it('resolves through a workflow transition with a comment when fixed, and reopens when broken again', async () => {
    const w = await world();
    await cycle(w);
    const incidents = w.snow.store.sysIds('incident');
    const classify = (category: string) =>
      w.snow.store.update('incident', incidents.length, {
        sysIds: incidents,
        fields: {
          category,
          subcategory: category === '' ? '' : 'email',
          impact: '2',
          urgency: '2',
          priority: '3',
          business_service: w.snow.store.sysIds('cmdb_ci_service')[0]!,
        },
      });
    classify('software');
    await syncOnce(simulatorSourceConfig(w.snowUrl, [...STREAMS]), w.dir);
    const fixed = await cycle(w);
    expect(fixed.outcome?.failed).toEqual([]);
    const resolved = fixed.plan.actions.filter((a) => a.type === 'resolve');
    expect(resolved.some((a) => a.group.includes('IN1-'))).toBe(true);
    const label = `iso20k-${resolved[0]!.ticketId}`;
    expect(remoteTickets(w).get(label)).toMatchObject({ done: true });
    expect(remoteTickets(w).get(label)?.comments).toBeGreaterThanOrEqual(1);

    classify('');
    await syncOnce(simulatorSourceConfig(w.snowUrl, [...STREAMS]), w.dir);
    const broken = await cycle(w);
    expect(broken.outcome?.failed).toEqual([]);
    expect(broken.outcome?.applied.reopened).toBeGreaterThan(0);
    const reopened = broken.plan.actions.find((a) => a.type === 'reopen' && a.group.includes('IN1-'));
    expect(remoteTickets(w).get(`iso20k-${reopened!.ticketId}`)).toMatchObject({ done: false, count: 1 });
  });

  it('applies every action exactly once in the end with 10% of the calls failing', async () => {
    const w = await world();
    // One ticket per finding: a few hundred creates, so that 10% of the calls is many failures.
    const expected = (await cycle(w, true, 'finding')).plan.counts.create;
    expect(expected).toBeGreaterThan(100);
    w.jira.faults.set({
      tooManyRequests: 0.03,
      badGateway: 0.03,
      serviceUnavailable: 0.02,
      connectionReset: 0.02,
    });
    let runs = 0;
    for (; runs < 15; runs++) {
      const run = await cycle(w, false, 'finding');
      if (run.plan.actions.length === 0) break;
    }
    expect(runs).toBeLessThan(15);
    expect(Object.values(w.jira.faults.counts()).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    expect(remoteTickets(w).size).toBe(expected);
    expect(duplicates(w)).toEqual([]);
  });
});
