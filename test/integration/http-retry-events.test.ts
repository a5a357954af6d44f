// The onHttpRetry hook over real HTTP: the simulators answer with injected 429s, 503s and resets, and the
// sources (and the ServiceNow sink), built through the connector registry as the service builds them,
// report exactly one event per injected fault, named for their config id, while the polls still succeed.
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTOR_TYPES } from '../../connectors/index.js';
import { createJiraSimulator } from '../../connectors/jira/simulator/index.js';
import { ServiceNowSinkConfigSchema } from '../../connectors/servicenow/sink-config.js';
import { createServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import type { HttpRetryEvent, SourceConnector } from '../../src/contracts/index.js';
import { jiraSourceConfig } from '../helpers/jira-sync.js';
import { silentLog, simulatorSourceConfig } from '../helpers/servicenow-sync.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const SERVICENOW = CONNECTOR_TYPES['servicenow']!;
const JIRA = CONNECTOR_TYPES['jira']!;

/** A check and a full read of every stream, as a poll does; returns how many records were read. */
async function poll(source: SourceConnector): Promise<number> {
  const signal = new AbortController().signal;
  expect(await source.check(signal)).toMatchObject({ ok: true });
  let fetched = 0;
  for (const stream of source.streams()) {
    for await (const batch of stream.read({ signal, log: silentLog })) fetched += batch.records.length;
  }
  return fetched;
}

/** How many events carry each status ('none' for network errors). */
function byStatus(events: readonly HttpRetryEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    const key = e.status === undefined ? 'none' : String(e.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function startServiceNow(options: Parameters<typeof createServiceNowSimulator>[0]) {
  const sim = createServiceNowSimulator(options);
  const url = await sim.listen();
  cleanup.push(() => sim.close());
  return { sim, url };
}

describe('HTTP retry events', () => {
  it('reports every 429 and 503 the ServiceNow source retried past, and nothing more', async () => {
    const { sim, url } = await startServiceNow({ seed: 41, incidents: 600, problems: 150 });
    const events: HttpRetryEvent[] = [];
    const config = simulatorSourceConfig(url, ['incident', 'problem'], { id: 'snow-prod', pageSize: 50 });
    const source = SERVICENOW.createSource(config, { log: silentLog, onHttpRetry: (e) => events.push(e) });
    cleanup.push(async () => source.close?.());
    sim.faults.set({ tooManyRequests: 0.15, serviceUnavailable: 0.1, retryAfterSeconds: 0 });

    expect(await poll(source)).toBe(750);

    const injected = sim.faults.counts();
    expect(injected.tooManyRequests).toBeGreaterThan(0);
    expect(injected.serviceUnavailable).toBeGreaterThan(0);
    expect(events).toHaveLength(injected.tooManyRequests + injected.serviceUnavailable);
    expect(byStatus(events)).toEqual({
      '429': injected.tooManyRequests,
      '503': injected.serviceUnavailable,
    });
    expect(new Set(events.map((e) => e.connector))).toEqual(new Set(['snow-prod']));
    for (const e of events) expect(e.reason).toBe(`HTTP ${e.status}`);
  });

  it('reports a connection reset without a status', async () => {
    const { sim, url } = await startServiceNow({ seed: 42, incidents: 300 });
    const events: HttpRetryEvent[] = [];
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 25 });
    const source = SERVICENOW.createSource(config, { log: silentLog, onHttpRetry: (e) => events.push(e) });
    cleanup.push(async () => source.close?.());
    sim.faults.set({ connectionReset: 0.15 });

    expect(await poll(source)).toBe(300);

    const resets = sim.faults.counts().connectionReset;
    expect(resets).toBeGreaterThan(0);
    expect(events).toHaveLength(resets);
    expect(events.every((e) => e.status === undefined && e.connector === 'sim')).toBe(true);
    expect(events.some((e) => 'status' in e)).toBe(false);
  });

  it('reports the retries of the ServiceNow sink under the sink id', async () => {
    const { sim, url } = await startServiceNow({ seed: 43, incidents: 10 });
    const events: HttpRetryEvent[] = [];
    const config = ServiceNowSinkConfigSchema.parse({
      id: 'snow-tickets',
      type: 'servicenow',
      url,
      auth: { type: 'basic', username: 'admin', password: 'admin' },
      table: 'sn_grc_issue',
      http: { retries: 8, backoffMs: 1, maxBackoffMs: 10 },
    });
    const sink = SERVICENOW.sink!.createSink(config, { log: silentLog, onHttpRetry: (e) => events.push(e) });
    cleanup.push(async () => sink.close?.());
    sim.faults.set({ tooManyRequests: 0.3, serviceUnavailable: 0.2, retryAfterSeconds: 0 });

    // Lookups of tickets that do not exist: each a GET the sink retries until it is answered.
    for (let i = 0; i < 20; i++) expect(await sink.find(`0123456789abcdef-${i + 1}`)).toBeUndefined();

    const injected = sim.faults.counts();
    expect(injected.tooManyRequests + injected.serviceUnavailable).toBeGreaterThan(0);
    expect(byStatus(events)).toEqual({
      ...(injected.tooManyRequests > 0 ? { '429': injected.tooManyRequests } : {}),
      ...(injected.serviceUnavailable > 0 ? { '503': injected.serviceUnavailable } : {}),
    });
    expect(new Set(events.map((e) => e.connector))).toEqual(new Set(['snow-tickets']));
  });

  it('reports the Jira source retries, the Assets client included', async () => {
    const sim = createJiraSimulator({
      seed: 44,
      incidents: 400,
      requests: 0,
      problems: 0,
      changes: 0,
      releases: 0,
      reviews: 0,
      services: 3,
      cis: 60,
    });
    const url = await sim.listen();
    cleanup.push(() => sim.close());
    const events: HttpRetryEvent[] = [];
    const config = jiraSourceConfig(url, ['incident', 'assets'], { id: 'jira-cloud', pageSize: 50 });
    const source = JIRA.createSource(config, { log: silentLog, onHttpRetry: (e) => events.push(e) });
    cleanup.push(async () => source.close?.());
    sim.faults.set({ tooManyRequests: 0.15, serviceUnavailable: 0.1, retryAfterSeconds: 0 });

    expect(await poll(source)).toBeGreaterThan(400);

    const injected = sim.faults.counts();
    const limited = injected['tooManyRequests'] ?? 0;
    const unavailable = injected['serviceUnavailable'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    expect(unavailable).toBeGreaterThan(0);
    expect(byStatus(events)).toEqual({ '429': limited, '503': unavailable });
    expect(new Set(events.map((e) => e.connector))).toEqual(new Set(['jira-cloud']));
  });
});
