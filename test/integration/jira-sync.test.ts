// Completeness of the Jira source against the simulator over real HTTP: full and incremental syncs,
// deletions, issues sharing one minute, a site changing while we page, expiring page tokens, injected
// faults, a rate limit, and JSM SLA and Assets records that pass their schemas.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createJiraSimulator,
  spreadJiraFaultRate,
  type JiraSimulator,
} from '../../connectors/jira/simulator/index.js';
import { RECORD_SCHEMAS, type RecordKind } from '../../src/contracts/index.js';
import { createJiraSource } from '../../connectors/jira/source.js';
import {
  cachedJira,
  diffVersions,
  jiraSourceConfig,
  silentLog,
  simVersions,
  syncJira,
  tempDir,
} from '../helpers/jira-sync.js';

const NOTHING_LOST = { missing: 0, extra: 0, stale: 0 };
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** Small sites: only incidents unless a test asks for more. */
const ONLY_INCIDENTS = {
  requests: 0,
  problems: 0,
  changes: 0,
  releases: 0,
  reviews: 0,
  services: 3,
  cis: 10,
};

async function start(options: Parameters<typeof createJiraSimulator>[0]) {
  const sim = createJiraSimulator(options);
  const url = await sim.listen();
  const tmp = await tempDir('iso20k-jira-');
  cleanup.push(() => sim.close(), tmp.remove);
  return { sim, url, dataDir: tmp.dir };
}

const incidentDiff = async (sim: JiraSimulator, dataDir: string) =>
  diffVersions((await cachedJira(dataDir, 'incident')).versions, simVersions(sim, 'Incident'));

describe('Jira source completeness', () => {
  it('syncs every incident, then reads only the updated ones and notices the deleted', async () => {
    const { sim, url, dataDir } = await start({ seed: 21, incidents: 6000, ...ONLY_INCIDENTS });
    const config = jiraSourceConfig(url, ['incident'], { pageSize: 100 });
    const full = (await syncJira(config, dataDir)).streams[0]!;
    expect(full).toMatchObject({ status: 'ok', fetched: 6000, created: 6000 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);

    const updated = sim.store.update(300);
    const deleted = sim.store.delete(40, updated.slice(0, 10).concat(sim.store.pick(30).map((i) => i.id)));
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second.status).toBe('ok');
    expect(second.created).toBe(0);
    // The deleted ones among the updated are gone before we read; the overlap window re-reads nothing twice.
    expect(second.updated).toBe(updated.filter((id) => !deleted.includes(id)).length);
    expect(second.fetched).toBe(second.updated);
    expect(second.deleted).toBe(new Set(deleted).size);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);

    const third = (await syncJira(config, dataDir)).streams[0]!;
    expect(third).toMatchObject({ status: 'ok', fetched: 0, created: 0, updated: 0, deleted: 0 });
  });

  it('reads thousands of issues updated in one minute exactly once, across pages and polls', async () => {
    const { sim, url, dataDir } = await start({
      seed: 22,
      incidents: 4000,
      sameMinute: 2500,
      ...ONLY_INCIDENTS,
    });
    const config = jiraSourceConfig(url, ['incident'], { pageSize: 97 });
    const first = (await syncJira(config, dataDir)).streams[0]!;
    expect(first).toMatchObject({ status: 'ok', fetched: 4000, created: 4000, updated: 0 });
    // A bulk edit: 1,500 issues in one millisecond, all inside the next poll's overlap window.
    const at = Date.now();
    sim.store.update(1500, { at });
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', fetched: 1500, created: 0, updated: 1500 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    // The cursor carries the versions of its window, so the re-read window delivers nothing again.
    const { cursor } = await cachedJira(dataDir, 'incident');
    expect((cursor?.['seen'] as string[]).length).toBeGreaterThanOrEqual(1500);
    expect((await syncJira(config, dataDir)).streams[0]).toMatchObject({ fetched: 0, updated: 0 });
  });

  it('misses and duplicates nothing while issues are updated under the pages', async () => {
    const { sim, url, dataDir } = await start({ seed: 23, incidents: 5000, ...ONLY_INCIDENTS });
    sim.mutateWhilePaging(2, 15, 'Incident');
    const config = jiraSourceConfig(url, ['incident'], { pageSize: 100 });
    const first = (await syncJira(config, dataDir)).streams[0]!;
    sim.mutateWhilePaging(1, 0);
    expect(first.status).toBe('ok');
    // An issue updated behind the position is read again in its new version, never twice in one version.
    expect(first.created).toBe(5000);
    expect(first.updated).toBeGreaterThan(100);
    expect(first.unchanged).toBe(0);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', created: 0, unchanged: 0 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('restarts from its window when page tokens expire, and still ends identical', async () => {
    const { sim, url, dataDir } = await start({
      seed: 24,
      incidents: 1500,
      tokenTtlMs: 1,
      faults: { latencyMs: 3 },
      ...ONLY_INCIDENTS,
    });
    const config = jiraSourceConfig(url, ['incident'], { pageSize: 100 });
    const outcome = (await syncJira(config, dataDir)).streams[0]!;
    expect(outcome).toMatchObject({ status: 'ok', created: 1500, updated: 0 });
    expect(sim.counters.snapshot().byStatus['400']).toBeGreaterThan(5);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('ends identical with 10% of requests failing (429, 5xx, resets, truncated JSON)', async () => {
    const { sim, url, dataDir } = await start({
      seed: 25,
      incidents: 3000,
      ...ONLY_INCIDENTS,
      changes: 400,
      faults: { ...spreadJiraFaultRate(0.1), retryAfterSeconds: 0 },
    });
    const config = jiraSourceConfig(url, ['incident', 'change', 'sla'], { pageSize: 50 });
    const outcome = await syncJira(config, dataDir);
    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams.map((s) => [s.stream, s.status])).toEqual([
      ['incident', 'ok'],
      ['change', 'ok'],
      ['sla', 'ok'],
    ]);
    const injected = Object.values(sim.faults.counts()).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(50);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    expect(diffVersions((await cachedJira(dataDir, 'change')).versions, simVersions(sim, 'Change'))).toEqual(
      NOTHING_LOST,
    );
    // Two SLA metrics per incident, none lost to a failed request.
    expect((await cachedJira(dataDir, 'sla')).versions.size).toBe(2 * 3000);
  });

  it('never advances the cursor past a failed page, and the next poll completes the cache', async () => {
    const { sim, url, dataDir } = await start({
      seed: 26,
      incidents: 4000,
      faults: { latencyMs: 5 },
      ...ONLY_INCIDENTS,
    });
    const config = jiraSourceConfig(url, ['incident'], {
      pageSize: 50,
      http: { retries: 0, backoffMs: 1, maxBackoffMs: 10, timeoutMs: 5000 },
    });
    const failing = syncJira(config, dataDir);
    await new Promise((resolve) => setTimeout(resolve, 250));
    sim.faults.set({ badGateway: 1 });
    const stream = (await failing).streams[0]!;
    sim.faults.set({ badGateway: 0 });
    expect(stream.status).toBe('failed');
    expect(stream.error?.code).toBe('SOURCE_SERVER_ERROR');

    const cached = await cachedJira(dataDir, 'incident');
    expect(cached.versions.size).toBeGreaterThan(0);
    expect(cached.versions.size).toBeLessThan(4000);
    // The committed cursor covers exactly the cached issues: every issue at or before it, none after.
    const cursorAt = Date.parse(`${String(cached.cursor?.['updatedOn']).replace(' ', 'T')}Z`);
    const cursorId = Number(cached.cursor?.['id']);
    for (const issue of sim.store.all()) {
      const atOrBefore = issue.updated < cursorAt || (issue.updated === cursorAt && issue.id <= cursorId);
      expect(cached.versions.has(String(issue.id)), issue.key).toBe(atOrBefore);
    }
    const retry = (await syncJira(config, dataDir)).streams[0]!;
    expect(retry.status).toBe('ok');
    expect(retry.created).toBe(4000 - cached.versions.size);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('backs off under a burst rate limit (429 + Retry-After) and finishes without error', async () => {
    const { sim, url, dataDir } = await start({
      seed: 27,
      incidents: 1200,
      faults: { burstPerSecond: 12 },
      ...ONLY_INCIDENTS,
    });
    const config = jiraSourceConfig(url, ['incident'], {
      pageSize: 50,
      http: { retries: 10, backoffMs: 50, maxBackoffMs: 2000, timeoutMs: 10_000 },
    });
    const outcome = await syncJira(config, dataDir);
    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams[0]).toMatchObject({ status: 'ok', created: 1200 });
    expect(sim.faults.counts()['burstLimit']).toBeGreaterThan(0);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('selects a stream by JSM request type, and reads the deleted issues away in the sweep', async () => {
    const { sim, url, dataDir } = await start({
      seed: 29,
      incidents: 50,
      requests: 400,
      ...{ problems: 0, changes: 0, releases: 0, reviews: 0 },
    });
    const config = jiraSourceConfig(url, ['request'], {
      streams: {
        request: { requestTypes: ['Request new hardware'] },
        incident: { enabled: false },
        sla: { enabled: false },
      },
    });
    const hardware = () =>
      new Map(
        [...sim.store.all()]
          .filter((i) => i.requestTypeId === '3')
          .map((i) => [String(i.id), new Date(i.updated).toISOString()]),
      );
    const first = (await syncJira(config, dataDir)).streams[0]!;
    expect(first.status).toBe('ok');
    expect(first.created).toBe(hardware().size);
    expect(first.created).toBeLessThan(400);
    expect(diffVersions((await cachedJira(dataDir, 'request')).versions, hardware())).toEqual(NOTHING_LOST);
    const gone = [...hardware().keys()].slice(0, 7).map(Number);
    sim.store.delete(0, gone);
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', deleted: 7, fetched: 0 });
    expect(diffVersions((await cachedJira(dataDir, 'request')).versions, hardware())).toEqual(NOTHING_LOST);
  });

  it('picks up an issue search did not show yet (eventual consistency) through the overlap window', async () => {
    const { sim, url, dataDir } = await start({
      seed: 32,
      incidents: 200,
      searchLagMs: 400,
      ...ONLY_INCIDENTS,
    });
    const config = jiraSourceConfig(url, ['incident']);
    await syncJira(config, dataDir);
    // Fresh updates move the cursor to now; the issue created after them is not searchable yet.
    sim.store.update(5);
    const created = await fetch(`${url}/rest/api/3/issue`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('bot@example.com:token').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        fields: { project: { key: 'ITSM' }, issuetype: { name: 'Incident' }, summary: 'new' },
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const first = (await syncJira(config, dataDir)).streams[0]!;
    expect(first).toMatchObject({ status: 'ok', updated: 5, created: 0 });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', created: 1, fetched: 1 });
    expect((await cachedJira(dataDir, 'incident')).versions.has(id)).toBe(true);
  });

  it('check() names the missing product (no JSM, no Assets workspace) and a login page in front of the API', async () => {
    const plain = await start({ seed: 30, incidents: 20, jsm: false });
    const noSla = createJiraSource(jiraSourceConfig(plain.url, ['incident', 'sla']), { log: silentLog });
    const jsm = await noSla.check();
    await noSla.close?.();
    expect(jsm.ok).toBe(false);
    if (!jsm.ok) {
      expect(jsm.error.code).toBe('SOURCE_NOT_FOUND');
      expect(jsm.error.message).toContain('disable streams.sla');
    }
    // An SSO proxy answering with its login page: a clear error, not a JSON parse failure.
    plain.sim.faults.set({ loginPage: true });
    const proxied = createJiraSource(jiraSourceConfig(plain.url, ['incident']), { log: silentLog });
    const login = await proxied.check();
    await proxied.close?.();
    expect(login.ok).toBe(false);
    if (!login.ok) {
      expect(login.error.code).toBe('SOURCE_BAD_RESPONSE');
      expect(login.error.message).toMatch(/text\/html instead of JSON.*login page/);
    }
    const standard = await start({ seed: 31, incidents: 20, assets: false });
    const noAssets = createJiraSource(jiraSourceConfig(standard.url, ['incident', 'assets']), {
      log: silentLog,
    });
    const assets = await noAssets.check();
    await noAssets.close?.();
    expect(assets.ok).toBe(false);
    if (!assets.ok) {
      expect(assets.error.code).toBe('SOURCE_FORBIDDEN');
      expect(assets.error.message).toContain('no Assets workspace is visible');
    }
  });

  it('reads every kind, JSM SLAs and Assets into valid canonical records', async () => {
    const { sim, url, dataDir } = await start({
      seed: 28,
      incidents: 300,
      requests: 120,
      problems: 30,
      changes: 60,
      releases: 10,
      reviews: 10,
    });
    const config = jiraSourceConfig(url, [
      'incident',
      'request',
      'problem',
      'change',
      'release',
      'review',
      'sla',
      'assets',
    ]);
    const outcome = await syncJira(config, dataDir);
    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams.map((s) => s.stream).sort()).toEqual(
      [
        'incident',
        'request',
        'problem',
        'change',
        'release',
        'review',
        'sla',
        'service',
        'ci',
        'ci_relation',
      ].sort(),
    );
    for (const s of outcome.streams) {
      expect(s.status, s.stream).toBe('ok');
      const { records } = await cachedJira(dataDir, s.stream, s.kind);
      expect(records.length, s.stream).toBeGreaterThan(0);
      for (const record of records) {
        const parsed = RECORD_SCHEMAS[s.kind as RecordKind].safeParse(record);
        expect(parsed.success, `${s.stream} ${record.id} ${parsed.error?.message ?? ''}`).toBe(true);
      }
    }
    const count = (type: string) => [...sim.store.all()].filter((i) => i.issueType === type).length;
    expect((await cachedJira(dataDir, 'sla')).records.length).toBe(
      2 * (count('Incident') + count('Service Request')),
    );
    expect((await cachedJira(dataDir, 'ci')).records.length).toBe(
      sim.assets.filter((a) => a.typeId !== 1).length,
    );
    expect((await cachedJira(dataDir, 'service')).records.length).toBe(
      sim.assets.filter((a) => a.typeId === 1).length,
    );
    const references = sim.assets.reduce(
      (n, a) => n + a.dependsOn.length + (a.serviceId === null ? 0 : 1),
      0,
    );
    expect((await cachedJira(dataDir, 'ci_relation')).records.length).toBe(references);

    // Values that need the discovered custom fields and the changelog arrive.
    const changes = (await cachedJira(dataDir, 'change')).records;
    expect(
      changes.some(
        (c) => c.kind === 'change' && c.risk !== null && c.type !== null && c.backoutPlan !== null,
      ),
    ).toBe(true);
    const incidents = (await cachedJira(dataDir, 'incident')).records;
    expect(incidents.some((i) => i.kind === 'incident' && (i.reopenCount ?? 0) > 0)).toBe(true);
    expect(incidents.every((i) => i.kind === 'incident' && i.impact !== null && i.urgency !== null)).toBe(
      true,
    );
    const reviews = (await cachedJira(dataDir, 'review')).records;
    expect(
      new Set(reviews.map((r) => (r.kind === 'review' ? r.reviewType : ''))).has('management_review'),
    ).toBe(true);
    const slas = (await cachedJira(dataDir, 'sla')).records;
    expect(slas.some((r) => r.kind === 'sla' && r.stage === 'breached')).toBe(true);
    expect(slas.some((r) => r.kind === 'sla' && r.stage === 'in_progress')).toBe(true);
  });
});
