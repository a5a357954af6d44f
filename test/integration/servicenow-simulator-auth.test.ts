// Authentication and API-level ACLs of the ServiceNow simulator: basic auth, OAuth grants at
// /oauth_token.do (form-encoded only), bearer tokens that expire on the simulator clock, and 403s.
import axios, { type AxiosInstance } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';

const NOT_AUTHENTICATED =
  '{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}';
const NOT_AUTHORIZED =
  '{"error":{"message":"User Not Authorized","detail":"Failed API level ACL Validation"},"status":"failure"}';

let clockMs = Date.UTC(2026, 0, 15, 12, 0, 0);
let sim: ServiceNowSimulator;
let http: AxiosInstance;

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 2,
    incidents: 50,
    now: () => clockMs,
    auth: {
      users: [
        { username: 'admin', password: 'admin' },
        { username: 'auditor', password: 's3cret', deniedTables: ['incident', 'sys_user'] },
      ],
      clients: [
        { clientId: 'iso20k', clientSecret: 'client-secret', user: 'admin' },
        { clientId: 'no-app-user', clientSecret: 'x' },
      ],
      accessTokenTtlSeconds: 2,
    },
  });
  const url = await sim.listen();
  http = axios.create({
    baseURL: url,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: (d: unknown) => d,
  });
});
afterAll(async () => {
  await sim.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const token = async (fields: Record<string, string>) => {
  const r = await http.post<string>(
    '/oauth_token.do',
    form({ client_id: 'iso20k', client_secret: 'client-secret', ...fields }),
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  return { status: r.status, body: JSON.parse(r.data) as Record<string, string | number> };
};
const bearer = (t: unknown) => ({ headers: { authorization: `Bearer ${String(t)}` } });

describe('basic auth', () => {
  it('accepts configured users', async () => {
    const r = await http.get('/api/now/table/incident?sysparm_limit=1', {
      auth: { username: 'admin', password: 'admin' },
    });
    expect(r.status).toBe(200);
  });

  it.each([
    ['a wrong password', { auth: { username: 'admin', password: 'nope' } }],
    ['an unknown user', { auth: { username: 'ghost', password: 'admin' } }],
    ['no credentials', {}],
    ['an unknown scheme', { headers: { authorization: 'Digest abc' } }],
  ])('answers %s with 401 and the platform body', async (_name, config) => {
    const r = await http.get('/api/now/table/incident', config);
    expect(r.status).toBe(401);
    expect(r.data).toBe(NOT_AUTHENTICATED);
  });

  it('leaves the /sim/ admin routes open', async () => {
    expect((await http.get('/sim/counters')).status).toBe(200);
  });
});

describe('OAuth', () => {
  it('password grant returns access and refresh tokens; the bearer token works', async () => {
    const { status, body } = await token({ grant_type: 'password', username: 'admin', password: 'admin' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'useraccount', expires_in: 2 });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    expect(
      (await http.get('/api/now/table/incident?sysparm_limit=1', bearer(body.access_token))).status,
    ).toBe(200);
  });

  it('refuses a JSON body (form-encoded only)', async () => {
    const r = await http.post('/oauth_token.do', {
      grant_type: 'password',
      client_id: 'iso20k',
      client_secret: 'client-secret',
      username: 'admin',
      password: 'admin',
    });
    expect([400, 401]).toContain(r.status);
    expect(r.data).not.toContain('access_token');
  });

  it('refuses a bad client secret or bad user credentials with 401 access_denied', async () => {
    expect(
      await token({ grant_type: 'password', username: 'admin', password: 'admin', client_secret: 'wrong' }),
    ).toMatchObject({ status: 401, body: { error: 'access_denied' } });
    expect(await token({ grant_type: 'password', username: 'admin', password: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: 'access_denied' },
    });
  });

  it('refresh_token grant issues a new access token', async () => {
    const first = await token({ grant_type: 'password', username: 'admin', password: 'admin' });
    const next = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(next.status).toBe(200);
    expect(next.body.access_token).not.toBe(first.body.access_token);
    expect(
      (await http.get('/api/now/table/problem?sysparm_limit=1', bearer(next.body.access_token))).status,
    ).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'bogus' })).status).toBe(401);
  });

  it('client_credentials returns no refresh token and needs an OAuth application user', async () => {
    const { status, body } = await token({ grant_type: 'client_credentials' });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(
      (await http.get('/api/now/table/incident?sysparm_limit=1', bearer(body.access_token))).status,
    ).toBe(200);
    const r = await http.post(
      '/oauth_token.do',
      form({ grant_type: 'client_credentials', client_id: 'no-app-user', client_secret: 'x' }),
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(r.status).toBe(401);
  });

  it('expires access tokens on the simulator clock (401), while the refresh token still works', async () => {
    const { body } = await token({ grant_type: 'password', username: 'admin', password: 'admin' });
    expect(
      (await http.get('/api/now/table/incident?sysparm_limit=1', bearer(body.access_token))).status,
    ).toBe(200);
    clockMs += 2_500;
    const expired = await http.get('/api/now/table/incident?sysparm_limit=1', bearer(body.access_token));
    expect(expired.status).toBe(401);
    expect(expired.data).toBe(NOT_AUTHENTICATED);
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: String(body.refresh_token) });
    expect(
      (await http.get('/api/now/table/incident?sysparm_limit=1', bearer(renewed.body.access_token))).status,
    ).toBe(200);
  });

  it('expires tokens in real time too (a 1-second token)', async () => {
    const live = createServiceNowSimulator({ incidents: 5, auth: { accessTokenTtlSeconds: 1 } });
    const url = await live.listen();
    try {
      const r = await axios.post<{ access_token: string; expires_in: number }>(
        `${url}/oauth_token.do`,
        form({
          grant_type: 'password',
          client_id: 'iso20k',
          client_secret: 'iso20k-secret',
          username: 'admin',
          password: 'admin',
        }),
      );
      expect(r.data.expires_in).toBe(1);
      const get = () =>
        axios.get(`${url}/api/now/table/incident`, {
          ...bearer(r.data.access_token),
          validateStatus: () => true,
        });
      expect((await get()).status).toBe(200);
      await sleep(1_100);
      expect((await get()).status).toBe(401);
    } finally {
      await live.close();
    }
  });
});

describe('API-level ACL', () => {
  const auditor = { auth: { username: 'auditor', password: 's3cret' } };

  it('answers 403 on a denied table, for lists, single records and the stats API', async () => {
    const listed = await http.get('/api/now/table/incident', auditor);
    expect(listed.status).toBe(403);
    expect(listed.data).toBe(NOT_AUTHORIZED);
    const id = sim.store.sysIds('incident')[0]!;
    expect((await http.get(`/api/now/table/incident/${id}`, auditor)).status).toBe(403);
    expect((await http.get('/api/now/stats/incident?sysparm_count=true', auditor)).status).toBe(403);
  });

  it('lets the same user read other tables, also through a bearer token', async () => {
    expect((await http.get('/api/now/table/problem?sysparm_limit=1', auditor)).status).toBe(200);
    const { body } = await token({ grant_type: 'password', username: 'auditor', password: 's3cret' });
    expect((await http.get('/api/now/table/sys_user', bearer(body.access_token))).status).toBe(403);
    expect(
      (await http.get('/api/now/table/change_request?sysparm_limit=1', bearer(body.access_token))).status,
    ).toBe(200);
  });
});

describe('auth switched off', () => {
  it('serves requests without credentials when auth.required is false', async () => {
    const open = createServiceNowSimulator({ incidents: 5, auth: { required: false } });
    const url = await open.listen();
    try {
      expect((await axios.get(`${url}/api/now/table/incident`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
