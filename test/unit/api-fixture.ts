// Shared set-up for the status API tests: a real config (parsed by the real loader with the connectors'
// schemas, secrets from env), a real StateData filled by hand, a real prom-client registry, and a small
// RunControl whose answers each test sets (the scheduler behind it is another module's job).
import { pino } from 'pino';
import { Registry, Counter } from 'prom-client';
import { sinkConfigSchemas, sourceConfigSchemas } from '../../connectors/index.js';
import type { ApiDeps, Readiness, RunControl, StartRunResult } from '../../src/api/api-deps.js';
import { createApiServer, type ApiServerOptions } from '../../src/api/server.js';
import type { Finding } from '../../src/contracts/findings.js';
import type { TicketEntry } from '../../src/contracts/ticket-ledger.js';
import { parseConfigText } from '../../src/settings/index.js';
import { emptyState, streamStatusKey, type StateData } from '../../src/state/state-schema.js';

export const API_TOKEN = 'fake-api-token-for-tests-0001';
export const SN_PASSWORD = 'fake-sn-password-for-tests';
export const JIRA_TOKEN = 'fake-jira-token-for-tests';
export const SECRETS = [API_TOKEN, SN_PASSWORD, JIRA_TOKEN];
export const NOW = new Date('2026-11-20T12:00:00.000Z');

export function configText(withToken: boolean): string {
  return [
    'api:',
    '  host: 127.0.0.1',
    '  port: 0',
    ...(withToken ? ['  token: ${API_TOKEN}'] : []),
    'sources:',
    '  - id: snow-prod',
    '    type: servicenow',
    '    url: https://acme.service-now.com',
    '    auth:',
    '      type: basic',
    '      username: svc-iso',
    '      password: ${SN_PASSWORD}',
    '  - id: jira-cloud',
    '    type: jira',
    '    url: https://acme.atlassian.net',
    '    auth:',
    '      type: basic',
    '      email: iso@acme.example',
    '      apiToken: ${JIRA_TOKEN}',
    '    projects: [ITSM]',
    '',
  ].join('\n');
}

export function makeConfig(withToken = true) {
  return parseConfigText(configText(withToken), 'api-test.yaml', {
    env: { API_TOKEN, SN_PASSWORD, JIRA_TOKEN },
    sourceSchemas: sourceConfigSchemas(),
    sinkSchemas: sinkConfigSchemas(),
  });
}

const iso = (minutesBefore: number) => new Date(NOW.getTime() - minutesBefore * 60_000).toISOString();

function finding(i: number): Finding {
  const open = i % 3 !== 0;
  return {
    fingerprint: i.toString(16).padStart(16, '0'),
    pack: 'iso20000-1-2018',
    control: i % 2 === 0 ? 'CH2-plans-present' : 'CH1-approved-before-implementation',
    subject: `CHG${String(30000 + i).padStart(7, '0')}`,
    clauses: ['8.5.1', '8.5.1.3'],
    severity: i % 5 === 0 ? 'major' : 'minor',
    status: open ? 'open' : 'resolved',
    // One reason carries a secret, as an upstream error text might: the API must scrub it.
    reason: i === 7 ? `upstream said password=${SN_PASSWORD}` : `change ${i} has no plan`,
    // Some share a firstSeen, so the fingerprint must break the tie for a stable order.
    firstSeen: iso(1000 - Math.floor(i / 2)),
    lastSeen: iso(10),
    history: [{ at: iso(1000 - Math.floor(i / 2)), status: 'open' }],
  };
}

function ticket(i: number): TicketEntry {
  return {
    ticketId: (0xabc0 + i).toString(16).padStart(16, '0'),
    group: `control CH${i}-x`,
    route: { sink: 'snow-tickets', assignmentGroup: 'SMO' },
    ref:
      i === 2
        ? null
        : {
            sink: 'snow-tickets',
            id: `sys${i}`,
            key: `ISS00${i}`,
            url: `https://acme.service-now.com/x?sys_id=${i}`,
          },
    status: i === 1 ? 'resolved' : 'open',
    revision: 'r1',
    fingerprints: ['0000000000000001'],
    createStartedAt: i === 2 ? iso(5) : null,
    generation: 0,
    createdAt: iso(100 - i),
    updatedAt: iso(50),
  };
}

/** A state with 3 streams (one failing), 120 findings, 5 runs (one going), 3 tickets and an assessment. */
export function makeState(): StateData {
  const state = emptyState();
  const stream = (source: string, name: string, kind: 'incident' | 'change', error: boolean) => ({
    source,
    stream: name,
    kind,
    lastRunAt: iso(3),
    lastSuccessAt: error ? iso(63) : iso(3),
    durationMs: 1234,
    fetched: 10,
    created: 2,
    updated: 3,
    unchanged: 5,
    deleted: 0,
    records: 420,
    cursor: { updatedOn: '2026-11-20 11:57:00', sysId: 'abc' },
    lastSweepAt: iso(600),
    lastError: error ? { code: 'SOURCE_AUTH', message: `401 with token ${JIRA_TOKEN}`, at: iso(3) } : null,
  });
  state.streams[streamStatusKey('snow-prod', 'incident')] = stream(
    'snow-prod',
    'incident',
    'incident',
    false,
  );
  state.streams[streamStatusKey('snow-prod', 'change')] = stream('snow-prod', 'change', 'change', false);
  state.streams[streamStatusKey('jira-cloud', 'incident')] = stream(
    'jira-cloud',
    'incident',
    'incident',
    true,
  );
  state.streams[streamStatusKey('old-source', 'change')] = stream('old-source', 'change', 'change', false);
  for (let i = 1; i <= 120; i++) {
    const f = finding(i);
    state.findings[f.fingerprint] = f;
  }
  for (let i = 1; i <= 5; i++)
    state.runs.push({
      id: `run-${i}`,
      startedAt: iso(100 - i * 10),
      finishedAt: i === 5 ? null : iso(99 - i * 10),
      trigger: i === 3 ? 'api' : 'schedule',
      status: i === 5 ? 'running' : i === 2 ? 'failed' : 'ok',
      streams: [
        {
          source: 'snow-prod',
          stream: 'incident',
          status: i === 2 ? 'failed' : 'ok',
          fetched: i,
          ...(i === 2 ? { error: `basic auth with ${SN_PASSWORD} refused` } : {}),
        },
      ],
    });
  for (let i = 1; i <= 3; i++) {
    const t = ticket(i);
    state.tickets[t.group] = t;
  }
  state.lastAssessment = {
    at: iso(2),
    pack: 'iso20000-1-2018',
    clauses: [
      {
        clause: '8.5.1',
        title: 'Change management policy',
        automation: 'automated',
        controls: ['CH1-approved-before-implementation', 'CH2-plans-present'],
        checked: 200,
        passed: 180,
        failed: 20,
        waived: 0,
        errors: 0,
        status: 'alarm',
      },
    ],
    totals: { pass: 180, alarm: 20 },
  };
  return state;
}

export class TestRuns implements RunControl {
  running: { id: string; startedAt: string } | null = null;
  started: string[] = [];
  startNow(_trigger: 'api'): StartRunResult {
    if (this.running !== null) return { status: 'busy', runId: this.running.id };
    const id = `run-api-${this.started.length + 1}`;
    this.started.push(id);
    this.running = { id, startedAt: NOW.toISOString() };
    return { status: 'started', runId: id };
  }
  current() {
    return this.running;
  }
  nextRuns() {
    return { 'snow-prod': '2026-11-20T12:15:00.000Z', 'jira-cloud': null };
  }
}

export interface Harness {
  deps: ApiDeps;
  runs: TestRuns;
  readiness: Readiness;
  state: StateData;
}

export function makeDeps(options: { withToken?: boolean; state?: StateData } = {}): Harness {
  const registry = new Registry();
  new Counter({ name: 'iso20k_test_total', help: 'a test counter', registers: [registry] }).inc(3);
  const runs = new TestRuns();
  const harness: Harness = {
    runs,
    readiness: { ready: true },
    state: options.state ?? makeState(),
    deps: undefined as unknown as ApiDeps,
  };
  harness.deps = {
    config: makeConfig(options.withToken ?? true),
    state: () => harness.state,
    readiness: () => harness.readiness,
    runs,
    metrics: { contentType: registry.contentType, render: () => registry.metrics() },
    log: pino({ level: 'silent' }),
    now: () => NOW,
  };
  return harness;
}

export async function makeServer(
  options: { withToken?: boolean; state?: StateData } & ApiServerOptions = {},
) {
  const harness = makeDeps(options);
  const server = await createApiServer(harness.deps, options);
  // The harness itself (not a copy), so a test that sets `readiness` changes what the server sees.
  return Object.assign(harness, { server, app: server.app });
}
