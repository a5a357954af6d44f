// Jira Data Center over real HTTP to the simulator in `deployment: 'datacenter'` mode: offset search on
// /rest/api/2/search with a personal access token. Full and incremental syncs, issues updated while we
// page, thousands in one minute, a failed page, v2 issue bodies, and check() naming what DC lacks.
import { afterEach, describe, expect, it } from 'vitest';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';
import { DeliveredWindow } from '../../connectors/jira/issue-cursor.js';
import { offsetIssuePages } from '../../connectors/jira/offset-pages.js';
import { createJiraSource } from '../../connectors/jira/source.js';
import { createHttpClient } from '../../src/lib/http.js';
import {
  cachedJira,
  diffVersions,
  jiraDataCenterConfig,
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
  const sim = createJiraSimulator({ deployment: 'datacenter', ...options });
  const url = await sim.listen();
  const tmp = await tempDir('iso20k-jira-dc-');
  cleanup.push(() => sim.close(), tmp.remove);
  return { sim, url, dataDir: tmp.dir };
}

const incidentDiff = async (sim: JiraSimulator, dataDir: string) =>
  diffVersions((await cachedJira(dataDir, 'incident')).versions, simVersions(sim, 'Incident'));

const pat = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('Jira Data Center simulator', () => {
  it('pages /rest/api/2/search by startAt with a total, renders v2 bodies, and has no v3', async () => {
    const { url } = await start({ seed: 40, incidents: 30, ...ONLY_INCIDENTS, problems: 10 });
    const page = await fetch(`${url}/rest/api/2/search`, {
      method: 'POST',
      headers: pat('pat-token'),
      body: JSON.stringify({
        jql: 'project = ITSM ORDER BY id ASC',
        startAt: 5,
        maxResults: 4,
        fields: ['summary', 'description', 'assignee', 'updated', 'customfield_10009'],
      }),
    });
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      startAt: number;
      total: number;
      issues: { fields: Record<string, unknown> }[];
    };
    expect(body).toMatchObject({ startAt: 5, maxResults: 4, total: 40 });
    expect(body.issues).toHaveLength(4);
    for (const issue of body.issues) {
      expect(typeof issue.fields['description']).toBe('string');
      expect(issue.fields['updated']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      const assignee = issue.fields['assignee'] as Record<string, unknown> | null;
      if (assignee !== null)
        expect(assignee).toMatchObject({ key: expect.any(String), name: expect.any(String) });
      if (assignee !== null) expect(assignee['accountId']).toBeUndefined();
    }
    const enhanced = await fetch(`${url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: pat('pat-token'),
      body: JSON.stringify({ jql: 'project = ITSM', fields: ['id'] }),
    });
    expect(enhanced.status).toBe(404);
    const badToken = await fetch(`${url}/rest/api/2/search?jql=project%20%3D%20ITSM`, {
      headers: pat('wrong'),
    });
    expect(badToken.status).toBe(401);
  });

  it('keeps Cloud as the default: /rest/api/2/search is gone (410) there', async () => {
    const sim = createJiraSimulator({ seed: 41, incidents: 5, ...ONLY_INCIDENTS });
    const url = await sim.listen();
    cleanup.push(() => sim.close());
    const old = await fetch(`${url}/rest/api/2/search?jql=project%20%3D%20ITSM`, {
      headers: pat('pat-token'),
    });
    expect(old.status).toBe(410);
  });
});

describe('Jira Data Center source', () => {
  it('syncs every incident with a PAT, then only the updated ones, and sweeps the deleted', async () => {
    // A half-hour zone: every re-anchored bound is written in the API user's time, not in UTC.
    const { sim, url, dataDir } = await start({
      seed: 42,
      incidents: 3000,
      ...ONLY_INCIDENTS,
      accounts: [
        { email: 'bot@example.com', apiToken: 'token', pat: 'pat-token', timeZone: 'Australia/Adelaide' },
      ],
    });
    const config = jiraDataCenterConfig(url, ['incident'], { pageSize: 100 });
    const full = await syncJira(config, dataDir);
    expect(full.checkError).toBeUndefined();
    expect(full.streams[0]).toMatchObject({ status: 'ok', fetched: 3000, created: 3000 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    // Only offset search was used: the Cloud endpoints do not exist on this site.
    const routes = Object.keys(sim.counters.snapshot().byRoute);
    expect(routes.some((r) => r.includes('/rest/api/3/'))).toBe(false);
    expect(sim.counters.writeCount()).toBe(0);

    const updated = sim.store.update(250);
    const deleted = sim.store.delete(30, updated.slice(0, 10).concat(sim.store.pick(20).map((i) => i.id)));
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second.status).toBe('ok');
    expect(second.created).toBe(0);
    expect(second.updated).toBe(updated.filter((id) => !deleted.includes(id)).length);
    expect(second.fetched).toBe(second.updated);
    expect(second.deleted).toBe(new Set(deleted).size);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);

    const third = (await syncJira(config, dataDir)).streams[0]!;
    expect(third).toMatchObject({ status: 'ok', fetched: 0, created: 0, updated: 0, deleted: 0 });
  });

  it('misses and duplicates nothing while issues are updated under the offset pages', async () => {
    const { sim, url, dataDir } = await start({ seed: 43, incidents: 4000, ...ONLY_INCIDENTS });
    sim.mutateWhilePaging(2, 15, 'Incident');
    const config = jiraDataCenterConfig(url, ['incident'], { pageSize: 100 });
    const first = (await syncJira(config, dataDir)).streams[0]!;
    sim.mutateWhilePaging(1, 0);
    expect(first.status).toBe('ok');
    // Every issue once, and the ones updated behind the position again in their new version only.
    expect(first.created).toBe(4000);
    expect(first.updated).toBeGreaterThan(100);
    expect(first.unchanged).toBe(0);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', created: 0, unchanged: 0 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('reads thousands of issues in one minute once, even when some of them move while we page', async () => {
    const { sim, url, dataDir } = await start({
      seed: 44,
      incidents: 3500,
      sameMinute: 2500,
      ...ONLY_INCIDENTS,
    });
    // Updates that land inside the big minute's prefix shift every later issue of it one place left.
    sim.mutateWhilePaging(3, 4, 'Incident');
    const config = jiraDataCenterConfig(url, ['incident'], { pageSize: 97 });
    const first = (await syncJira(config, dataDir)).streams[0]!;
    sim.mutateWhilePaging(1, 0);
    expect(first).toMatchObject({ status: 'ok', created: 3500, unchanged: 0 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    // A bulk edit: 1,500 issues in one millisecond, more than fifteen pages in one minute.
    sim.store.update(1500, { at: Date.now() });
    const second = (await syncJira(config, dataDir)).streams[0]!;
    expect(second).toMatchObject({ status: 'ok', fetched: 1500, created: 0, updated: 1500 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
    expect((await syncJira(config, dataDir)).streams[0]).toMatchObject({ fetched: 0, updated: 0 });
  });

  it('never advances the cursor past a failed page, and the next poll completes the cache', async () => {
    const { sim, url, dataDir } = await start({
      seed: 45,
      incidents: 3000,
      faults: { latencyMs: 5 },
      ...ONLY_INCIDENTS,
    });
    const config = jiraDataCenterConfig(url, ['incident'], {
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
    expect(cached.versions.size).toBeLessThan(3000);
    // The committed cursor covers exactly the cached issues: every issue at or before it, none after.
    const cursorAt = Date.parse(`${String(cached.cursor?.['updatedOn']).replace(' ', 'T')}Z`);
    const cursorId = Number(cached.cursor?.['id']);
    for (const issue of sim.store.all()) {
      const atOrBefore = issue.updated < cursorAt || (issue.updated === cursorAt && issue.id <= cursorId);
      expect(cached.versions.has(String(issue.id)), issue.key).toBe(atOrBefore);
    }
    const retry = (await syncJira(config, dataDir)).streams[0]!;
    expect(retry.status).toBe('ok');
    expect(retry.created).toBe(3000 - cached.versions.size);
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('maps v2 bodies (wiki-text plans, users by key) to the records Cloud gives, SLAs included', async () => {
    // One clock for both sites: the generated data and the SLA clocks derive from it.
    const at = Date.now();
    const kinds = {
      seed: 46,
      now: () => at,
      incidents: 150,
      requests: 0,
      problems: 40,
      changes: 60,
      releases: 0,
      reviews: 0,
    };
    const dc = await start(kinds);
    const cloudSim = createJiraSimulator(kinds);
    const cloudUrl = await cloudSim.listen();
    const cloudDir = await tempDir('iso20k-jira-cloud-');
    cleanup.push(() => cloudSim.close(), cloudDir.remove);
    const streams = ['incident', 'problem', 'change', 'sla'];
    const dcOutcome = await syncJira(jiraDataCenterConfig(dc.url, streams), dc.dataDir);
    const cloudOutcome = await syncJira(jiraSourceConfig(cloudUrl, streams), cloudDir.dir);
    expect(dcOutcome.checkError).toBeUndefined();
    expect(dcOutcome.streams.map((s) => [s.stream, s.status])).toEqual(
      cloudOutcome.streams.map((s) => [s.stream, s.status]),
    );
    // The same seed holds the same data: every record equal but for the site's address in its link.
    const withoutUrl = (records: { url?: unknown }[]) =>
      records
        .map(({ url: _url, ...rest }) => rest)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const stream of streams) {
      const fromDc = (await cachedJira(dc.dataDir, stream)).records;
      const fromCloud = (await cachedJira(cloudDir.dir, stream)).records;
      expect(fromDc.length, stream).toBeGreaterThan(0);
      expect(withoutUrl(fromDc), stream).toEqual(withoutUrl(fromCloud));
    }
    const changes = (await cachedJira(dc.dataDir, 'change')).records;
    expect(changes.some((c) => c.kind === 'change' && typeof c.backoutPlan === 'string')).toBe(true);
    const problems = (await cachedJira(dc.dataDir, 'problem')).records;
    expect(problems.some((p) => p.kind === 'problem' && typeof p.causeNotes === 'string')).toBe(true);
    expect(
      (await cachedJira(dc.dataDir, 'incident')).records.some(
        (i) => i.kind === 'incident' && i.assignedTo !== null,
      ),
    ).toBe(true);
  });

  it('pages one issue at a time without stalling, and still misses nothing', async () => {
    const { sim, url, dataDir } = await start({ seed: 50, incidents: 40, sameMinute: 15, ...ONLY_INCIDENTS });
    sim.mutateWhilePaging(7, 1, 'Incident');
    const config = jiraDataCenterConfig(url, ['incident'], { pageSize: 1 });
    const first = (await syncJira(config, dataDir)).streams[0]!;
    sim.mutateWhilePaging(1, 0);
    expect(first).toMatchObject({ status: 'ok', created: 40, unchanged: 0 });
    expect(await incidentDiff(sim, dataDir)).toEqual(NOTHING_LOST);
  });

  it('stays exact when the user zone is unknown here: UTC bounds, read by the site in -12:00', async () => {
    // The reader is told the zone is unknown (UTC with a 14 h wider overlap); the site reads every bound
    // in UTC-12 (Etc/GMT+12), the farthest behind: there a UTC bound means a later instant.
    const { sim, url } = await start({
      seed: 49,
      incidents: 2500,
      sameMinute: 800,
      ...ONLY_INCIDENTS,
      accounts: [{ email: 'bot@example.com', apiToken: 'token', pat: 'pat-token', timeZone: 'Etc/GMT+12' }],
    });
    const http = createHttpClient({
      baseURL: url,
      instance: 'dc test',
      timeoutMs: 10_000,
      retries: 2,
      backoffMs: 5,
      maxBackoffMs: 50,
      authorize: () => Promise.resolve('Bearer pat-token'),
    });
    cleanup.push(() => Promise.resolve(http.close()));
    const settings = {
      http,
      scope: 'project in ("ITSM") AND issuetype in ("Incident")',
      fields: ['updated'],
      expand: undefined,
      pageSize: 50,
      timeZone: 'UTC',
      extraOverlapMs: 14 * 3_600_000,
    };
    const read = async (window: DeliveredWindow) => {
      const versions: string[] = [];
      for await (const page of offsetIssuePages(settings, window, new AbortController().signal)) {
        for (const issue of page.issues) {
          versions.push(`${String(issue['id'])}@${String((issue['fields'] as { updated: string }).updated)}`);
        }
      }
      return versions;
    };
    const current = () => [...simVersions(sim, 'Incident')].map(([id, at]) => `${id}@${at}`);
    const asIso = (v: string) => {
      const [id, at] = v.split('@');
      return `${id}@${new Date(Date.parse(at!.replace(/(\d\d)(\d\d)$/, '$1:$2'))).toISOString()}`;
    };

    sim.mutateWhilePaging(2, 6, 'Incident');
    const window = new DeliveredWindow(120_000);
    const full = (await read(window)).map(asIso);
    sim.mutateWhilePaging(1, 0);
    // No version twice, and every issue's current version among them.
    expect(new Set(full).size).toBe(full.length);
    const got = new Set(full);
    expect(current().filter((v) => !got.has(v))).toEqual([]);

    const changed = new Set(sim.store.update(300).map(String));
    const next = DeliveredWindow.fromCursor(window.toCursor(), 120_000);
    const incremental = (await read(next)).map(asIso);
    // The 14 h wider bound re-reads older versions too (as in Cloud): once each, and no update is lost.
    expect(new Set(incremental).size).toBe(incremental.length);
    const updated = current().filter((v) => changed.has(v.split('@')[0]!));
    expect(updated).toHaveLength(300);
    expect(updated.filter((v) => !incremental.includes(v))).toEqual([]);
    expect(incremental.filter((v) => !got.has(v) && !updated.includes(v))).toEqual([]);
  });

  it('check() names what a Data Center site lacks: JSM for SLAs, the Cloud Assets API, the right deployment', async () => {
    const plain = await start({ seed: 47, incidents: 20, jsm: false, ...ONLY_INCIDENTS });
    const check = async (config: ReturnType<typeof jiraSourceConfig>) => {
      const source = createJiraSource(config, { log: silentLog });
      try {
        return await source.check();
      } finally {
        await source.close?.();
      }
    };
    const noJsm = await check(jiraDataCenterConfig(plain.url, ['incident', 'sla']));
    expect(noJsm.ok).toBe(false);
    if (!noJsm.ok) {
      expect(noJsm.error.code).toBe('SOURCE_NOT_FOUND');
      expect(noJsm.error.message).toContain('Jira Service Management is not installed');
      expect(noJsm.error.message).toContain('disable streams.sla');
    }
    const withJsm = await start({ seed: 48, incidents: 20, ...ONLY_INCIDENTS });
    const assets = await check(jiraDataCenterConfig(withJsm.url, ['incident', 'assets']));
    expect(assets.ok).toBe(false);
    if (!assets.ok) {
      expect(assets.error.message).toContain('Assets on Jira Data Center is not supported');
      expect(assets.error.message).toContain('assets.enabled: false');
      expect(assets.error.message).not.toContain('\n');
    }
    // SLAs work where JSM is installed; the Data Center site read as Cloud says which setting to change.
    expect(await check(jiraDataCenterConfig(withJsm.url, ['incident', 'sla']))).toMatchObject({ ok: true });
    const asCloud = await check(
      jiraSourceConfig(withJsm.url, ['incident'], { auth: { type: 'pat', token: 'pat-token' } }),
    );
    expect(asCloud.ok).toBe(false);
    if (!asCloud.ok) expect(asCloud.error.message).toContain('needs deployment: datacenter');
    const wrongToken = await check(
      jiraDataCenterConfig(withJsm.url, ['incident'], { auth: { type: 'pat', token: 'expired' } }),
    );
    expect(wrongToken.ok).toBe(false);
    if (!wrongToken.ok) {
      expect(wrongToken.error.code).toBe('SOURCE_AUTH_FAILED');
      expect(wrongToken.error.message).toContain('personal access token');
    }
  });
});
