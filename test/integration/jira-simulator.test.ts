// The Jira simulator's wire facts (itsm-apis.md B and E) over real HTTP: the removed /search, enhanced
// search paging and its tokens, JQL in the user's time zone, 429 headers, the field list, JSM SLAs, Assets.
import { Version3Client } from 'jira.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';

let sim: JiraSimulator;
let url: string;
const BASIC = `Basic ${Buffer.from('bot@example.com:token').toString('base64')}`;
const SYDNEY = `Basic ${Buffer.from('syd@example.com:syd-token').toString('base64')}`;

beforeAll(async () => {
  sim = createJiraSimulator({
    seed: 5,
    incidents: 700,
    accounts: [
      { email: 'bot@example.com', apiToken: 'token', pat: 'pat-token' },
      { email: 'syd@example.com', apiToken: 'syd-token', timeZone: 'Australia/Sydney' },
    ],
  });
  url = await sim.listen();
});
afterAll(() => sim.close());

async function call(method: string, path: string, body?: unknown, auth = BASIC) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read any shape
  let json: any;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

const search = (body: Record<string, unknown>, auth = BASIC) =>
  call('POST', '/rest/api/3/search/jql', body, auth);

describe('Jira simulator: search', () => {
  it('answers 410 Gone on the removed /search endpoints, naming the replacement', async () => {
    for (const path of [
      '/rest/api/3/search?jql=project%3DITSM',
      '/rest/api/2/search',
      '/rest/api/latest/search',
    ]) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(410);
      expect(res.json.errorMessages[0]).toContain('/rest/api/3/search/jql');
    }
    expect((await call('POST', '/rest/api/3/search', { jql: 'project = ITSM' })).status).toBe(410);
  });

  it('returns ids only by default, 50 per page, and no total', async () => {
    const res = await search({ jql: 'project = ITSM' });
    expect(res.status).toBe(200);
    expect(res.json.issues).toHaveLength(50);
    expect(res.json.issues[0].fields).toBeUndefined();
    expect(res.json.issues[0]).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      key: expect.stringMatching(/^ITSM-\d+$/),
    });
    expect(res.json).not.toHaveProperty('total');
    expect(res.json.isLast).toBe(false);
    expect(typeof res.json.nextPageToken).toBe('string');
  });

  it('refuses unbounded JQL, unknown body keys, unknown projects and fields with 400', async () => {
    expect((await search({ jql: 'order by key desc' })).status).toBe(400);
    expect((await search({ jql: '' })).status).toBe(400);
    const startAt = await search({ jql: 'project = ITSM', startAt: 0 });
    expect(startAt.status).toBe(400);
    expect(startAt.json.errorMessages[0]).toContain('startAt');
    const project = await search({ jql: 'project = NOPE' });
    expect(project.json.errorMessages).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect((await search({ jql: 'projekt = ITSM' })).status).toBe(400);
  });

  it('pages with nextPageToken until isLast, each issue once, in (updated, id) order', async () => {
    const seen: string[] = [];
    let last = -Infinity;
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await search({
        jql: 'project = ITSM AND issuetype = Incident ORDER BY updated ASC, id ASC',
        maxResults: 97,
        fields: ['updated'],
        ...(token === undefined ? {} : { nextPageToken: token }),
      });
      expect(res.status).toBe(200);
      for (const issue of res.json.issues) {
        const at = Date.parse(issue.fields.updated);
        expect(at).toBeGreaterThanOrEqual(last);
        last = at;
        seen.push(issue.id);
      }
      token = res.json.nextPageToken;
      if (token === undefined) expect(res.json.isLast).toBe(true);
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(Math.ceil(700 / 97));
    expect(new Set(seen).size).toBe(700);
  });

  it('accepts GET with repeated or comma-joined fields and + for spaces', async () => {
    const repeated = await call(
      'GET',
      '/rest/api/3/search/jql?jql=project+%3D+ITSM&maxResults=2&fields=summary&fields=status',
    );
    const joined = await call(
      'GET',
      '/rest/api/3/search/jql?jql=project+%3D+ITSM&maxResults=2&fields=summary,status',
    );
    expect(repeated.status).toBe(200);
    expect(Object.keys(repeated.json.issues[0].fields).sort()).toEqual(['status', 'summary']);
    expect(joined.json.issues).toEqual(repeated.json.issues);
  });

  it('refuses an expired page token and a token of another query', async () => {
    const first = await search({ jql: 'project = ITSM ORDER BY id ASC', maxResults: 10 });
    const other = await search({
      jql: 'project = GOV ORDER BY id ASC',
      maxResults: 1,
      nextPageToken: first.json.nextPageToken,
    });
    expect(other.status).toBe(400);
    sim.setTokenTtl(1);
    const short = await search({ jql: 'project = ITSM ORDER BY id ASC', maxResults: 10 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const expired = await search({
      jql: 'project = ITSM ORDER BY id ASC',
      maxResults: 10,
      nextPageToken: short.json.nextPageToken,
    });
    sim.setTokenTtl(7 * 86_400_000);
    expect(expired.status).toBe(400);
    expect(expired.json.errorMessages[0]).toMatch(/token/i);
  });

  it("reads JQL dates in the asking user's time zone, at minute precision", async () => {
    const issue = [...sim.store.all()].find((i) => i.issueType === 'Incident')!;
    const minute = Math.floor(issue.updated / 60_000) * 60_000;
    const utc = new Date(minute).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');
    const sydney = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Australia/Sydney',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(new Date(minute))
      .replace(/-/g, '/')
      .replace(',', '');
    const inUtc = await search({ jql: `key = ${issue.key} AND updated >= "${utc}"` });
    const inSydney = await search({ jql: `key = ${issue.key} AND updated >= "${sydney}"` }, SYDNEY);
    expect(inUtc.json.issues.map((i: { key: string }) => i.key)).toEqual([issue.key]);
    expect(inSydney.json.issues.map((i: { key: string }) => i.key)).toEqual([issue.key]);
    // Sydney's wall time read as UTC is 10 or 11 hours later: the issue is before it.
    const misread = await search({ jql: `key = ${issue.key} AND updated >= "${sydney}"` });
    expect(misread.json.issues).toEqual([]);
    // Minute precision: the next minute excludes it.
    const next = new Date(minute + 60_000).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');
    expect((await search({ jql: `key = ${issue.key} AND updated >= "${next}"` })).json.issues).toEqual([]);
  });

  it('hides a created issue from search for the lag unless reconcileIssues names it', async () => {
    sim.setSearchLag(400);
    const created = await call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'GAP' }, issuetype: { name: 'Task' }, summary: 'lagging' },
    });
    expect(created.status).toBe(201);
    const jql = `project = GAP AND key = ${created.json.key}`;
    expect((await search({ jql })).json.issues).toEqual([]);
    expect((await search({ jql, reconcileIssues: [Number(created.json.id)] })).json.issues).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await search({ jql })).json.issues).toHaveLength(1);
    sim.setSearchLag(0);
  });

  it('answers 429 with Retry-After, an ISO X-RateLimit-Reset and RateLimit-Reason', async () => {
    sim.faults.set({ tooManyRequests: 1, retryAfterSeconds: 7 });
    const res = await call('GET', '/rest/api/3/myself');
    sim.faults.clear();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    expect(res.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(res.json.errorMessages).toEqual(['Rate limit exceeded.']);
  });

  it('works as a server for jira.js 5 (enhanced search and create)', async () => {
    const client = new Version3Client({
      host: url,
      authentication: { basic: { email: 'bot@example.com', apiToken: 'token' } },
    });
    const page = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
      jql: 'project = ITSM AND issuetype = Change ORDER BY updated ASC',
      maxResults: 5,
      fields: ['summary', 'status'],
    });
    expect(page.issues).toHaveLength(5);
    expect(page.issues?.[0]?.fields.status?.name).toEqual(expect.any(String));
  });
});

describe('Jira simulator: metadata, auth, JSM and Assets', () => {
  it('lists system and ITSM custom fields, and the user with a time zone', async () => {
    const fields = (await call('GET', '/rest/api/3/field')).json as {
      id: string;
      name: string;
      custom: boolean;
    }[];
    const names = new Map(fields.map((f) => [f.name, f]));
    for (const name of [
      'Impact',
      'Urgency',
      'Change type',
      'Change risk',
      'Affected services',
      'Root cause',
      'Workaround',
      'Approvals',
      'Implementation plan',
      'Backout plan',
      'Test plan',
    ]) {
      expect(names.get(name)?.id, name).toMatch(/^customfield_\d+$/);
    }
    expect(names.get('Summary')).toMatchObject({ id: 'summary', custom: false });
    expect((await call('GET', '/rest/api/3/myself', undefined, SYDNEY)).json).toMatchObject({
      timeZone: 'Australia/Sydney',
      emailAddress: 'syd@example.com',
    });
  });

  it('builds the same site from the same seed and clock', async () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const twins = [
      createJiraSimulator({ seed: 77, incidents: 200, now: () => now }),
      createJiraSimulator({ seed: 77, incidents: 200, now: () => now }),
    ];
    const other = createJiraSimulator({ seed: 78, incidents: 200, now: () => now });
    const dump = async (s: JiraSimulator) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/rest/api/3/search/jql',
        headers: { authorization: BASIC },
        payload: { jql: 'project = ITSM ORDER BY id ASC', maxResults: 100, fields: ['*all'] },
      });
      return res.body;
    };
    const [a, b, c] = await Promise.all([...twins, other].map(dump));
    expect(JSON.parse(a!).issues).toHaveLength(100);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    await Promise.all([...twins, other].map((s) => s.close()));
  });

  it('refuses bad credentials with 401 and accepts a bearer PAT', async () => {
    const wrong = await call(
      'GET',
      '/rest/api/3/myself',
      undefined,
      `Basic ${Buffer.from('bot@example.com:nope').toString('base64')}`,
    );
    expect(wrong.status).toBe(401);
    expect((await call('GET', '/rest/api/3/myself', undefined, 'Bearer pat-token')).status).toBe(200);
    expect((await call('GET', '/rest/api/3/myself', undefined, 'Bearer nope')).status).toBe(401);
  });

  it('serves JSM SLA information with cycles for service desk requests', async () => {
    const incident = [...sim.store.all()].find(
      (i) => i.issueType === 'Incident' && i.resolutiondate === null,
    )!;
    const res = await call('GET', `/rest/servicedeskapi/request/${incident.key}/sla`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ start: 0, limit: 50, isLastPage: true, size: 2 });
    const resolution = res.json.values.find((v: { name: string }) => v.name === 'Time to resolution');
    expect(resolution.ongoingCycle).toMatchObject({
      breached: expect.any(Boolean),
      paused: expect.any(Boolean),
      goalDuration: { millis: expect.any(Number) },
      startTime: { epochMillis: incident.created, iso8601: expect.stringMatching(/\+0000$/) },
    });
    expect((await call('GET', '/rest/servicedeskapi/request/NOPE-1/sla')).status).toBe(404);
  });

  it('discovers the Assets workspace and pages AQL results with startAt and isLast', async () => {
    const ws = (await call('GET', '/rest/servicedeskapi/assets/workspace')).json;
    expect(ws.values).toEqual([{ workspaceId: sim.workspaceId }]);
    const base = `/jsm/assets/workspace/${sim.workspaceId}/v1/object/aql`;
    const ids: string[] = [];
    for (let startAt = 0; ;) {
      const page = await call('POST', `${base}?startAt=${startAt}&maxResults=25`, {
        qlQuery: 'objectType != "Service" order by objectId asc',
      });
      expect(page.status).toBe(200);
      ids.push(...page.json.values.map((v: { id: string }) => v.id));
      if (page.json.isLast) break;
      startAt += page.json.values.length;
    }
    expect(ids).toHaveLength(sim.assets.filter((a) => a.typeId !== 1).length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      (await call('POST', `/jsm/assets/workspace/nope/v1/object/aql`, { qlQuery: 'objectType = Server' }))
        .status,
    ).toBe(404);
  });
});
