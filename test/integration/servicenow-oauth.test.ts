// OAuth against the simulator over real HTTP: the password grant renewed through refresh tokens while a
// long sync outlives its access tokens, a token the server expires early (401, then renewed once),
// client_credentials, and a wrong client secret reported as SOURCE_AUTH_FAILED without leaking a secret.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
  type SimulatorOptions,
} from '../../connectors/servicenow/simulator/index.js';
import { createServiceNowSource } from '../../connectors/servicenow/source.js';
import {
  cachedVersions,
  diffVersions,
  silentLog,
  simulatorSourceConfig,
  syncOnce,
  tableVersions,
  tempDir,
} from '../helpers/servicenow-sync.js';

const NOTHING_LOST = { missing: 0, extra: 0, stale: 0 };
// Unique values, so finding one in a message can only mean it leaked.
const CLIENT_ID = 'iso20k-test';
const CLIENT_SECRET = `secret-${randomUUID()}`;
const USER = 'svc-oauth';
const PASSWORD = `pw-${randomUUID()}`;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface Started {
  sim: ServiceNowSimulator;
  url: string;
  dataDir: string;
  /** Token requests answered, keyed "<grant_type> <status>", e.g. "refresh_token 200". */
  grants: Record<string, number>;
}

async function start(options: SimulatorOptions = {}): Promise<Started> {
  const sim = createServiceNowSimulator({
    seed: 41,
    incidents: 500,
    problems: 0,
    changes: 0,
    requests: 0,
    cis: 20,
    ...options,
    auth: {
      users: [{ username: USER, password: PASSWORD }],
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, user: USER }],
      ...options.auth,
    },
  });
  // The simulator counts answers by status only; which grant was asked is seen by wrapping the registry.
  const grants: Record<string, number> = {};
  const grant = sim.auth.grant.bind(sim.auth);
  sim.auth.grant = (form) => {
    const answer = grant(form);
    const key = `${form.grant_type ?? '?'} ${answer.status}`;
    grants[key] = (grants[key] ?? 0) + 1;
    return answer;
  };
  const url = await sim.listen();
  const tmp = await tempDir();
  cleanup.push(() => sim.close(), tmp.remove);
  return { sim, url, dataDir: tmp.dir, grants };
}

const passwordGrant = (clientSecret = CLIENT_SECRET) => ({
  type: 'oauth',
  grant: 'password',
  clientId: CLIENT_ID,
  clientSecret,
  username: USER,
  password: PASSWORD,
});
const clientCredentials = (clientSecret = CLIENT_SECRET) => ({
  type: 'oauth',
  grant: 'client_credentials',
  clientId: CLIENT_ID,
  clientSecret,
});

describe('ServiceNow source over OAuth', () => {
  it('keeps a long sync going on refresh tokens while 1 s access tokens expire', async () => {
    const ttlSeconds = 1;
    // 21 requests of 150 ms: the sync lasts over three token lifetimes.
    const { sim, url, dataDir, grants } = await start({
      incidents: 2000,
      auth: { accessTokenTtlSeconds: ttlSeconds },
      faults: { latencyMs: 150 },
    });
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 100, auth: passwordGrant() });

    const started = performance.now();
    const outcome = await syncOnce(config, dataDir);
    const elapsedMs = performance.now() - started;

    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams[0]).toMatchObject({ status: 'ok', fetched: 2000 });
    expect(elapsedMs).toBeGreaterThan(3 * ttlSeconds * 1000);
    // One password grant, then renewals through the refresh token only: the password is not sent again.
    expect(grants['password 200']).toBe(1);
    expect(grants['refresh_token 200']).toBeGreaterThanOrEqual(3);
    expect(Object.keys(grants).sort()).toEqual(['password 200', 'refresh_token 200']);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it('renews a token the instance expired early (a 401 mid-sync) and carries on', async () => {
    // Tokens for 10 minutes, so the client has no reason to renew on its own...
    const { sim, url, dataDir, grants } = await start({
      incidents: 1500,
      auth: { accessTokenTtlSeconds: 600 },
    });
    // ...until the instance's clock jumps an hour at the 6th API request: the token in hand is now expired.
    const authenticate = sim.auth.authenticate.bind(sim.auth);
    let calls = 0;
    sim.auth.authenticate = (header) => {
      if (++calls === 6) sim.clock.advance(3_600_000);
      return authenticate(header);
    };
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 100, auth: passwordGrant() });

    const outcome = await syncOnce(config, dataDir);

    expect(outcome.streams[0]).toMatchObject({ status: 'ok', fetched: 1500 });
    expect(sim.counters.snapshot().byStatus['401']).toBeGreaterThanOrEqual(1);
    expect(grants['password 200']).toBe(1);
    expect(grants['refresh_token 200']).toBeGreaterThanOrEqual(1);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it('syncs with the client_credentials grant', async () => {
    const { sim, url, dataDir, grants } = await start();
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 100, auth: clientCredentials() });

    const outcome = await syncOnce(config, dataDir);

    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams[0]).toMatchObject({ status: 'ok', fetched: 500 });
    expect(grants).toEqual({ 'client_credentials 200': 1 });
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it.each([
    ['password', passwordGrant],
    ['client_credentials', clientCredentials],
  ] as const)(
    'reports a wrong client secret (%s grant) as SOURCE_AUTH_FAILED, naming no secret',
    async (grantType, auth) => {
      const { url, grants } = await start();
      const wrongSecret = `wrong-${randomUUID()}`;
      const source = createServiceNowSource(
        simulatorSourceConfig(url, ['incident'], { auth: auth(wrongSecret) }),
        { log: silentLog },
      );
      cleanup.push(() => source.close?.() ?? Promise.resolve());

      const result = await source.check();

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('SOURCE_AUTH_FAILED');
      expect(result.error.message).toContain('servicenow source "sim"');
      expect(result.error.message).toContain('/oauth_token.do');
      // A refused grant is final: asking again with the same secret cannot succeed.
      expect(grants).toEqual({ [`${grantType} 401`]: 1 });
      const cause =
        result.error.cause instanceof Error
          ? `${result.error.cause.message} ${result.error.cause.stack ?? ''}`
          : '';
      const shown = `${result.error.message} ${JSON.stringify(result.error.details)} ${cause}`;
      for (const secret of [wrongSecret, CLIENT_SECRET, PASSWORD]) expect(shown).not.toContain(secret);
    },
  );
});
