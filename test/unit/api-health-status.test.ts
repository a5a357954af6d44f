// /healthz, /readyz, /api/v1/status and /metrics against a real StateData and a real prom-client registry.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import { openStateStore } from '../../src/state/state-store.js';
import { JIRA_TOKEN, makeDeps, makeServer, NOW } from './api-fixture.js';

type Server = Awaited<ReturnType<typeof makeServer>>;
let s: Server;

beforeAll(async () => {
  s = await makeServer();
});
afterAll(async () => {
  await s.server.close();
});

describe('status API: health and status', () => {
  it('GET /healthz answers 200 ok', async () => {
    const res = await s.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 when ready and 503 with the reason when not', async () => {
    s.readiness = { ready: true };
    expect((await s.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    s.readiness = { ready: false, reason: 'state store not open yet' };
    const res = await s.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', reason: 'state store not open yet' });
    s.readiness = { ready: true };
  });

  it('GET /api/v1/status lists each source with its streams, next run and cursor age', async () => {
    s.runs.running = { id: 'run-9', startedAt: '2026-11-20T11:59:00.000Z' };
    const res = await s.app.inject({ url: '/api/v1/status' });
    s.runs.running = null;
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.generatedAt).toBe('2026-11-20T12:00:00.000Z');
    expect(body.currentRun).toEqual({ id: 'run-9', startedAt: '2026-11-20T11:59:00.000Z' });
    expect(body.sources.map((x: { id: string }) => x.id)).toEqual(['snow-prod', 'jira-cloud', 'old-source']);
    const [snow, jira, old] = body.sources;
    expect(snow).toMatchObject({
      type: 'servicenow',
      configured: true,
      url: 'https://acme.service-now.com',
      nextRunAt: '2026-11-20T12:15:00.000Z',
    });
    expect(snow.streams.map((x: { stream: string }) => x.stream)).toEqual(['change', 'incident']);
    expect(snow.streams[1]).toMatchObject({
      records: 420,
      durationMs: 1234,
      cursorAgeSeconds: 180,
      lastError: null,
    });
    expect(jira.nextRunAt).toBeNull();
    // The failing stream's cursor was saved at its last success, an hour ago.
    expect(jira.streams[0].cursorAgeSeconds).toBe(3780);
    expect(jira.streams[0].lastError.code).toBe('SOURCE_AUTH');
    expect(jira.streams[0].lastError.message).not.toContain(JIRA_TOKEN);
    expect(old).toMatchObject({ type: null, configured: false, url: null });
    expect(body.lastAssessment).toEqual({
      at: '2026-11-20T11:58:00.000Z',
      pack: 'iso20000-1-2018',
      totals: { pass: 180, alarm: 20 },
    });
    // Whitelisted fields only: no auth block, no stream settings.
    expect(Object.keys(snow).sort()).toEqual(
      ['configured', 'enabled', 'id', 'nextRunAt', 'schedule', 'streams', 'type', 'url'].sort(),
    );
  });

  it('GET /metrics renders the registry with its own content type', async () => {
    const res = await s.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('iso20k_test_total 3');
  });

  it('listen() binds the configured loopback host and returns the base URL', async () => {
    const other = await makeServer();
    try {
      const url = await other.server.listen();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await other.server.close();
    }
  });

  it('reads a real state store: a run and a stream status written by the store show up', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'iso20k-api-state-'));
    const store = await openStateStore({ dataDir, now: () => NOW });
    try {
      const run = await store.startRun('api', 'run-store-1');
      await store.saveStreamStatus({
        source: 'snow-prod',
        stream: 'problem',
        kind: 'problem',
        lastRunAt: NOW.toISOString(),
        lastSuccessAt: NOW.toISOString(),
        durationMs: 10,
        fetched: 1,
        created: 1,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        records: 1,
        cursor: null,
        lastSweepAt: null,
        lastError: null,
      });
      await store.finishRun(run.id, { status: 'ok', streams: [] });
      const harness = makeDeps();
      harness.deps.state = () => store.data;
      const server = await createApiServer(harness.deps);
      const runs = (await server.app.inject({ url: '/api/v1/runs' })).json();
      expect(runs.items).toEqual([
        expect.objectContaining({ id: 'run-store-1', status: 'ok', trigger: 'api' }),
      ]);
      const status = (await server.app.inject({ url: '/api/v1/status' })).json();
      expect(status.sources[0].streams).toEqual([
        expect.objectContaining({ stream: 'problem', records: 1, cursorAgeSeconds: null }),
      ]);
      await server.close();
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
