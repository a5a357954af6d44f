// /api/v1/clauses, /controls, /findings, /tickets and GET /runs: content, filters, pagination and bad input.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import { makeDeps, makeServer, SN_PASSWORD } from './api-fixture.js';

type Server = Awaited<ReturnType<typeof makeServer>>;
let s: Server;

beforeAll(async () => {
  s = await makeServer();
});
afterAll(async () => {
  await s.server.close();
});

async function get(url: string) {
  const res = await s.app.inject({ url });
  return { status: res.statusCode, body: res.json() };
}

describe('status API: clauses and controls', () => {
  it('GET /api/v1/clauses joins the pack with the last assessment', async () => {
    const { status, body } = await get('/api/v1/clauses');
    expect(status).toBe(200);
    expect(body.assessedAt).toBe('2026-11-20T11:58:00.000Z');
    expect(body.items.length).toBeGreaterThan(50);
    const c = body.items.find((x: { id: string }) => x.id === '8.5.1');
    expect(c).toMatchObject({
      status: 'alarm',
      parent: '8.5',
      findings: { open: 80, resolved: 40, waived: 0 },
    });
    expect(c.results).toEqual({ checked: 200, passed: 180, failed: 20, waived: 0, errors: 0 });
    expect(c.evidence.length).toBeGreaterThan(0);
    expect(c.crosswalk2011.length).toBeGreaterThan(0);
    const unassessed = body.items.find((x: { id: string }) => x.id === '4.1');
    expect(unassessed).toMatchObject({ status: 'not_assessed', results: null });
  });

  it('GET /api/v1/clauses/:id gives one clause with its controls; 404 unknown; 400 malformed', async () => {
    const one = await get('/api/v1/clauses/8.5.1');
    expect(one.status).toBe(200);
    expect(one.body.controlDetails.map((c: { id: string }) => c.id)).toContain('CH2-plans-present');
    const unknown = await get('/api/v1/clauses/99.9');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'clause 99.9 is not in the mapping pack' },
    });
    const bad = await get('/api/v1/clauses/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.message).toMatch(/^params\.id: /);
  });

  it('GET /api/v1/controls lists the pack controls with finding counts, filtered by clause', async () => {
    const all = await get('/api/v1/controls');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(10);
    const some = await get('/api/v1/controls?clause=8.5.1');
    expect(some.body.items.every((c: { clauses: string[] }) => c.clauses.includes('8.5.1'))).toBe(true);
    const ch2 = some.body.items.find((c: { id: string }) => c.id === 'CH2-plans-present');
    expect(ch2.findings).toEqual({ open: 40, resolved: 20, waived: 0 });
    expect((await get('/api/v1/controls?clause=x')).status).toBe(400);
  });

  it('serves clauses from the assessment and 503 for controls when the pack cannot be loaded', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'iso20k-api-pack-'));
    try {
      const harness = makeDeps();
      harness.deps.config.mappings.pack = dir;
      const server = await createApiServer(harness.deps);
      const clauses = await server.app.inject({ url: '/api/v1/clauses' });
      expect(clauses.json().items.map((c: { id: string }) => c.id)).toEqual(['8.5.1']);
      const controls = await server.app.inject({ url: '/api/v1/controls' });
      expect(controls.statusCode).toBe(503);
      expect(controls.json().error.code).toBe('PACK_UNAVAILABLE');
      expect(controls.body).not.toContain(dir);
      await server.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('status API: findings', () => {
  it('pages through every finding once, newest first, with a stable cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/findings${cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`}`;
      const { status, body } = await get(url);
      expect(status).toBe(200);
      expect(body.total).toBe(120);
      seen.push(...body.items.map((f: { fingerprint: string }) => f.fingerprint));
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3); // default limit 50
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe((120).toString(16).padStart(16, '0'));
  });

  it('filters by clause, control, status and severity', async () => {
    const open = await get('/api/v1/findings?status=open&limit=500');
    expect(open.body.total).toBe(80);
    expect(open.body.items.every((f: { status: string }) => f.status === 'open')).toBe(true);
    const major = await get('/api/v1/findings?severity=major&control=CH2-plans-present');
    expect(
      major.body.items.every(
        (f: { severity: string; control: string }) =>
          f.severity === 'major' && f.control === 'CH2-plans-present',
      ),
    ).toBe(true);
    expect(major.body.total).toBe(12);
    expect((await get('/api/v1/findings?clause=8.5.1')).body.total).toBe(120);
    expect((await get('/api/v1/findings?clause=9.1')).body.total).toBe(0);
  });

  it('scrubs known secrets from finding reasons', async () => {
    const all = await s.app.inject({ url: '/api/v1/findings?limit=500' });
    expect(all.body).not.toContain(SN_PASSWORD);
    expect(all.body).toContain('upstream said password=[REDACTED]');
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=501', 'querystring.limit'],
    ['limit=abc', 'querystring.limit'],
    ['status=broken', 'querystring.status'],
    ['severity=critical', 'querystring.severity'],
    ['cursor=not-a-cursor', 'querystring.cursor'],
    ['cursor=k1.%7B%7D', 'querystring.cursor'],
    ['source=snow-prod', 'Unrecognized key: "source"'],
  ])('rejects ?%s with a 400 naming %s', async (query, field) => {
    const { status, body } = await get(`/api/v1/findings?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain(field);
  });
});

describe('status API: tickets and run history', () => {
  it('GET /api/v1/tickets returns the ledger newest first, filtered by status', async () => {
    const { status, body } = await get('/api/v1/tickets');
    expect(status).toBe(200);
    expect(body.items.map((t: { group: string }) => t.group)).toEqual([
      'control CH3-x',
      'control CH2-x',
      'control CH1-x',
    ]);
    expect(body.items[1]).toMatchObject({ ref: null, createPending: true });
    expect((await get('/api/v1/tickets?status=resolved')).body.total).toBe(1);
    expect((await get('/api/v1/tickets?status=nope')).status).toBe(400);
  });

  it('GET /api/v1/runs returns history newest first, paginated, errors scrubbed', async () => {
    const first = await get('/api/v1/runs?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual(['run-5', 'run-4']);
    expect(first.body.total).toBe(5);
    const second = await get(`/api/v1/runs?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual(['run-3', 'run-2']);
    expect(JSON.stringify(second.body)).not.toContain(SN_PASSWORD);
    const third = await get(`/api/v1/runs?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((r: { id: string }) => r.id)).toEqual(['run-1']);
    expect(third.body.nextCursor).toBeNull();
    expect((await get('/api/v1/runs?status=failed')).body.items.map((r: { id: string }) => r.id)).toEqual([
      'run-2',
    ]);
    expect((await get('/api/v1/runs?cursor=garbage')).status).toBe(400);
  });
});
