// Fault injection of the ServiceNow simulator: seeded rates of 429/502/503/504, connection resets and
// truncated bodies, latency, the hibernation page, and that /sim/ and /oauth_token.do are never hit.
import axios, { type AxiosInstance } from 'axios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

let sim: ServiceNowSimulator;
let url: string;
let http: AxiosInstance;

beforeAll(async () => {
  sim = createServiceNowSimulator({ seed: 9, incidents: 200, now: () => NOW });
  url = await sim.listen();
  http = axios.create({
    baseURL: url,
    auth: { username: 'admin', password: 'admin' },
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: (d: unknown) => d,
  });
});
afterEach(() => {
  sim.faults.clear();
});
afterAll(async () => {
  await sim.close();
});

type Outcome = number | 'reset' | 'truncated';

async function outcome(path = '/api/now/table/incident?sysparm_limit=5'): Promise<Outcome> {
  try {
    const r = await http.get<string>(path);
    if (r.status === 200) {
      try {
        JSON.parse(r.data);
      } catch {
        return 'truncated';
      }
    }
    return r.status;
  } catch (error) {
    if (axios.isAxiosError(error) && (error.code === 'ECONNRESET' || /socket hang up/.test(error.message)))
      return 'reset';
    throw error;
  }
}

async function tally(n: number): Promise<Map<Outcome, number>> {
  const counts = new Map<Outcome, number>();
  for (let i = 0; i < n; i++) {
    const o = await outcome();
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  return counts;
}

/** Expected n*p within 4 standard deviations (a seeded stream, so this never flakes). */
function near(actual: number | undefined, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(actual ?? 0).toBeGreaterThanOrEqual(n * p - 4 * sd);
  expect(actual ?? 0).toBeLessThanOrEqual(n * p + 4 * sd);
}

describe('fault rates', () => {
  it('injects 429, 502, 503 and 504 at the configured rates', async () => {
    sim.faults.set({ tooManyRequests: 0.2, badGateway: 0.1, serviceUnavailable: 0.1, gatewayTimeout: 0.1 });
    const n = 600;
    const counts = await tally(n);
    near(counts.get(429), n, 0.2);
    near(counts.get(502), n, 0.1);
    near(counts.get(503), n, 0.1);
    near(counts.get(504), n, 0.1);
    near(counts.get(200), n, 0.5);
  });

  it('resets connections and truncates bodies at the configured rates', async () => {
    sim.faults.set({ connectionReset: 0.15, truncatedBody: 0.15 });
    const before = sim.counters.snapshot().resets;
    const n = 400;
    const counts = await tally(n);
    near(counts.get('reset'), n, 0.15);
    near(counts.get('truncated'), n, 0.15);
    expect(sim.counters.snapshot().resets - before).toBe(counts.get('reset'));
    expect(sim.faults.counts().truncatedBody).toBeGreaterThanOrEqual(counts.get('truncated') ?? 0);
  });

  it('is deterministic: the same seed gives the same sequence of outcomes', async () => {
    const sequence = async (): Promise<Outcome[]> => {
      const other = createServiceNowSimulator({
        seed: 4,
        incidents: 20,
        now: () => NOW,
        faults: { tooManyRequests: 0.3, serviceUnavailable: 0.2 },
      });
      const base = await other.listen();
      try {
        const out: Outcome[] = [];
        for (let i = 0; i < 40; i++) {
          out.push(
            (
              await axios.get(`${base}/api/now/table/incident`, {
                auth: { username: 'admin', password: 'admin' },
                validateStatus: () => true,
              })
            ).status,
          );
        }
        return out;
      } finally {
        await other.close();
      }
    };
    const a = await sequence();
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(await sequence()).toEqual(a);
  });
});

describe('fault details', () => {
  it('answers 429 with Retry-After, X-RateLimit-Limit, an epoch X-RateLimit-Reset and the error JSON', async () => {
    sim.faults.set({ tooManyRequests: 1, retryAfterSeconds: 3, rateLimitPerHour: 1200 });
    const r = await http.get<string>('/api/now/table/incident');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('3');
    expect(r.headers['x-ratelimit-limit']).toBe('1200');
    expect(Number(r.headers['x-ratelimit-reset'])).toBe(NOW / 1000 + 3);
    expect(JSON.parse(r.data)).toMatchObject({ error: { message: expect.any(String) }, status: 'failure' });
  });

  it('adds latency', async () => {
    sim.faults.set({ latencyMs: 150 });
    const start = performance.now();
    expect(await outcome()).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('serves the hibernation page (200, text/html) until woken, toggled through /sim/hibernate', async () => {
    expect((await http.post('/sim/hibernate', { on: true })).status).toBe(200);
    const r = await http.get<string>('/api/now/table/incident');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.data).toContain('<h1>Your instance is hibernating</h1>');
    expect(r.data).toContain('class="instance-hibernating-page"');
    await http.post('/sim/hibernate', { on: false });
    expect(await outcome()).toBe(200);
  });

  it('never hits /sim/ admin routes or /oauth_token.do', async () => {
    sim.faults.set({ serviceUnavailable: 1 });
    expect(await outcome()).toBe(503);
    expect((await http.get('/sim/counters')).status).toBe(200);
    const tokenReply = await http.post(
      '/oauth_token.do',
      'grant_type=password&client_id=iso20k&client_secret=iso20k-secret&username=admin&password=admin',
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(tokenReply.status).toBe(200);
  });

  it('is configured at run time through PUT /sim/faults (bad settings answer 400)', async () => {
    expect((await http.put('/sim/faults', { gatewayTimeout: 1 })).status).toBe(200);
    expect(await outcome()).toBe(504);
    expect((await http.put('/sim/faults', { gatewayTimeout: 0.8, badGateway: 0.8 })).status).toBe(400);
    expect((await http.delete('/sim/faults')).status).toBe(200);
    expect(await outcome()).toBe(200);
  });

  it('counts requests per status, and resets the counters', async () => {
    await http.post('/sim/counters/reset');
    sim.faults.set({ badGateway: 1 });
    await outcome();
    await outcome();
    sim.faults.clear();
    await outcome();
    const counters = JSON.parse((await http.get<string>('/sim/counters')).data) as {
      byStatus: Record<string, number>;
      total: number;
      faults: Record<string, number>;
    };
    expect(counters.byStatus).toEqual({ '200': 1, '502': 2 });
    expect(counters.total).toBe(3);
    expect(counters.faults.badGateway).toBe(2);
  });
});
