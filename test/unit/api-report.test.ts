// GET /api/v1/report over a real record cache: a small ServiceNow simulator is synced into a temp data
// directory through the real source, pipeline, state and cache, and the route is served by the same
// createServiceReport that `iso20k run` wires, so the body must equal what loadReport builds itself.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import type { RunControl } from '../../src/api/api-deps.js';
import { createApiServer, type ApiServer } from '../../src/api/server.js';
import { packDirOf } from '../../src/cli/pack-location.js';
import { createServiceReport } from '../../src/cli/run-report.js';
import { loadReport } from '../../src/report/load-report.js';
import { EvidenceReportSchema, parsePeriod } from '../../src/report/index.js';
import { createRecordCache, type RecordCache } from '../../src/state/record-cache.js';
import { openStateStore, type StateStore } from '../../src/state/state-store.js';
import { simulatorSourceConfig, syncOnce, tempDir } from '../helpers/servicenow-sync.js';
import { makeDeps, makeServer, NOW, SECRETS, type Harness } from './api-fixture.js';

const PERIOD = '2020-01-01..2030-12-31';

let sim: ServiceNowSimulator;
let tmp: { dir: string; remove: () => Promise<void> };
let store: StateStore;
let cache: RecordCache;
let harness: Harness;
let server: ApiServer;

beforeAll(async () => {
  sim = createServiceNowSimulator({ seed: 31, incidents: 150, changes: 40, problems: 20 });
  const url = await sim.listen();
  tmp = await tempDir('iso20k-api-report-');
  await syncOnce(simulatorSourceConfig(url, ['incident', 'change', 'problem']), tmp.dir);
  store = await openStateStore({ dataDir: tmp.dir });
  cache = createRecordCache({ dir: tmp.dir });
  harness = makeDeps();
  harness.deps.report = createServiceReport({
    config: harness.deps.config,
    cache: () => cache,
    state: () => store.data,
    runs: harness.runs,
    now: () => NOW,
  });
  server = await createApiServer(harness.deps);
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await sim?.close();
  await tmp?.remove();
});

const get = (query: string) => server.app.inject({ method: 'GET', url: `/api/v1/report?${query}` });

function expectNoSecrets(body: string): void {
  for (const secret of SECRETS) expect(body).not.toContain(secret);
}

describe('GET /api/v1/report', () => {
  it('serves json that validates and equals what loadReport builds for the same inputs', async () => {
    const res = await get(`format=json&period=${PERIOD}&seed=42`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-report-seed']).toBe('42');
    const body = EvidenceReportSchema.parse(res.json());
    expect(body.generation.recordsTotal).toBeGreaterThan(150);
    const expected = await loadReport({
      cache: createRecordCache({ dir: tmp.dir }),
      state: store.data,
      packDir: packDirOf(harness.deps.config),
      mappings: harness.deps.config.mappings,
      period: parsePeriod(PERIOD),
      seed: '42',
      now: NOW,
      tool: { name: 'iso20k', version: body.generation.tool.version },
      sourceTypes: { 'snow-prod': 'servicenow', 'jira-cloud': 'jira' },
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(EvidenceReportSchema.parse(expected))));
    expectNoSecrets(res.body);
  });

  it('serves html with a policy that admits only the report stylesheet, by hash', async () => {
    const res = await get('format=html&seed=7');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(res.body).not.toContain('<script');
    expectNoSecrets(res.body);
  });

  it.each([
    ['md', 'text/markdown; charset=utf-8'],
    ['csv', 'text/csv; charset=utf-8; header=present'],
  ])('serves %s as a download with its media type', async (format, type) => {
    const res = await get(`format=${format}&seed=7`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="iso20k-evidence-2026-11-20.${format}"`,
    );
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body.length).toBeGreaterThan(100);
    expectNoSecrets(res.body);
  });

  it('draws a seed when none is given and says which', async () => {
    const res = await get('format=json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-report-seed']).toMatch(/^\d+$/);
  });

  it.each([
    ['period=2026-02-30..2026-03-31', 'querystring.period'],
    ['period=yesterday', 'querystring.period'],
    ['format=pdf', 'querystring.format'],
    ['seed=abc', 'querystring.seed'],
    ['colour=red', 'querystring'],
  ])('answers 400 for %s', async (query, field) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.json().error.message).toContain(field);
  });

  it('answers 409 while a run is going', async () => {
    harness.runs.running = { id: 'run-x', startedAt: NOW.toISOString() };
    try {
      const res = await get('format=json&seed=1');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('RUN_IN_PROGRESS');
    } finally {
      harness.runs.running = null;
    }
  });

  it('throws away a report that a run overlapped (409)', async () => {
    // No run at the route's check or before reading; one has started by the time the cache is read.
    let calls = 0;
    const runs: RunControl = {
      startNow: () => ({ status: 'busy', runId: null }),
      current: () => (++calls > 2 ? { id: 'run-y', startedAt: NOW.toISOString() } : null),
      nextRuns: () => ({}),
    };
    const deps = makeDeps().deps;
    const racing = await createApiServer({
      ...deps,
      runs,
      report: createServiceReport({ config: deps.config, cache: () => cache, state: () => store.data, runs }),
    });
    try {
      const res = await racing.app.inject({ method: 'GET', url: '/api/v1/report?format=json&seed=1' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('RUN_IN_PROGRESS');
    } finally {
      await racing.close();
    }
  });

  it('answers 503 when the service does not serve reports', async () => {
    const bare = await makeServer();
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/api/v1/report' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('REPORT_UNAVAILABLE');
    } finally {
      await bare.server.close();
    }
  });

  it('answers 503 before the data directory is open', async () => {
    const deps = makeDeps().deps;
    const early = await createApiServer({
      ...deps,
      report: createServiceReport({
        config: deps.config,
        cache: () => undefined,
        state: () => undefined,
        runs: deps.runs,
      }),
    });
    try {
      const res = await early.app.inject({ method: 'GET', url: '/api/v1/report?format=md' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('REPORT_UNAVAILABLE');
    } finally {
      await early.close();
    }
  });
});
