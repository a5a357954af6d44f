// The Jira simulator's write side, as a gap-ticket sink uses it: create with ADF and labels, edit,
// transitions by name (Done, Reopen), comments, issue properties, and the write counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';

let sim: JiraSimulator;
let url: string;
const AUTH = `Basic ${Buffer.from('bot@example.com:token').toString('base64')}`;
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

beforeAll(async () => {
  sim = createJiraSimulator({ seed: 9, incidents: 20, requests: 0, problems: 0, changes: 0 });
  url = await sim.listen();
});
afterAll(() => sim.close());

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

async function createGap(summary = 'Gap: incident without priority') {
  return call('POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'GAP' },
      issuetype: { name: 'Task' },
      summary,
      description: adf('Control IM-3 failed for 3 incidents.'),
      labels: ['iso20k', 'iso20k-0123456789abcdef'],
    },
    properties: [{ key: 'iso20k', value: { fingerprint: '0123456789abcdef' } }],
  });
}

describe('Jira simulator: writes', () => {
  it('creates an issue (201 {id,key,self}) with its labels, ADF description and properties', async () => {
    sim.counters.clear();
    const created = await createGap();
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.stringMatching(/^\d+$/),
      key: expect.stringMatching(/^GAP-\d+$/),
      self: `${url}/rest/api/3/issue/${created.json.id}`,
    });
    const issue = await call('GET', `/rest/api/3/issue/${created.json.key}`);
    expect(issue.json.fields).toMatchObject({
      labels: ['iso20k', 'iso20k-0123456789abcdef'],
      description: adf('Control IM-3 failed for 3 incidents.'),
      status: { name: 'To Do' },
    });
    expect((await call('GET', `/rest/api/3/issue/${created.json.id}/properties/iso20k`)).json).toEqual({
      key: 'iso20k',
      value: { fingerprint: '0123456789abcdef' },
    });
    expect(sim.counters.writeCount()).toBe(1);
  });

  it('refuses a plain-string description, labels with spaces, a missing summary and an unknown project', async () => {
    const base = { project: { key: 'GAP' }, issuetype: { name: 'Task' }, summary: 'x' };
    const text = await call('POST', '/rest/api/3/issue', { fields: { ...base, description: 'plain text' } });
    expect(text.status).toBe(400);
    expect(text.json.errors.description).toMatch(/Atlassian Document/);
    expect(
      (await call('POST', '/rest/api/3/issue', { fields: { ...base, labels: ['two words'] } })).json.errors
        .labels,
    ).toMatch(/spaces/);
    expect(
      (
        await call('POST', '/rest/api/3/issue', {
          fields: { project: { key: 'GAP' }, issuetype: { name: 'Task' } },
        })
      ).json.errors.summary,
    ).toBeDefined();
    expect(
      (await call('POST', '/rest/api/3/issue', { fields: { ...base, project: { key: 'NOPE' } } })).json.errors
        .project,
    ).toBeDefined();
  });

  it('edits fields and labels with PUT (204)', async () => {
    const { json } = await createGap();
    const put = await call('PUT', `/rest/api/3/issue/${json.id}`, {
      fields: { summary: 'Gap: renamed' },
      update: { labels: [{ add: 'reopened' }, { remove: 'iso20k' }] },
    });
    expect(put.status).toBe(204);
    const issue = await call('GET', `/rest/api/3/issue/${json.id}?fields=summary,labels`);
    expect(issue.json.fields).toEqual({
      summary: 'Gap: renamed',
      labels: ['iso20k-0123456789abcdef', 'reopened'],
    });
  });

  it('lists transitions by name, does Done (204), then offers only Reopen', async () => {
    const { json } = await createGap();
    const before = await call('GET', `/rest/api/3/issue/${json.id}/transitions`);
    const names = before.json.transitions.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Done', 'Resolve']));
    const done = before.json.transitions.find((t: { name: string }) => t.name === 'Done');
    const moved = await call('POST', `/rest/api/3/issue/${json.id}/transitions`, {
      transition: { id: done.id },
      update: { comment: [{ add: { body: adf('Resolved: the gap is closed.') } }] },
    });
    expect(moved.status).toBe(204);
    const issue = await call('GET', `/rest/api/3/issue/${json.id}?fields=status,resolution`);
    expect(issue.json.fields).toMatchObject({
      status: { name: 'Done', statusCategory: { key: 'done' } },
      resolution: { name: 'Done' },
    });
    const after = await call('GET', `/rest/api/3/issue/${json.id}/transitions`);
    expect(after.json.transitions.map((t: { name: string }) => t.name)).toEqual(['Reopen']);
    const again = await call('POST', `/rest/api/3/issue/${json.id}/transitions`, {
      transition: { id: done.id },
    });
    expect(again.status).toBe(400);
    expect((await call('GET', `/rest/api/3/issue/${json.id}/comment`)).json.total).toBe(1);
  });

  it('adds comments (201, ADF only) and reads them back', async () => {
    const { json } = await createGap();
    const added = await call('POST', `/rest/api/3/issue/${json.key}/comment`, {
      body: adf('Still failing on 2 records.'),
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      id: expect.any(String),
      body: adf('Still failing on 2 records.'),
      created: expect.stringMatching(/\+0000$/),
    });
    expect((await call('POST', `/rest/api/3/issue/${json.key}/comment`, { body: 'plain' })).status).toBe(400);
    const list = await call('GET', `/rest/api/3/issue/${json.key}/comment`);
    expect(list.json.comments.map((c: { id: string }) => c.id)).toEqual([added.json.id]);
  });

  it('stores issue properties: PUT 201 when new, 200 when replaced, 404 when absent', async () => {
    const { json } = await createGap();
    const path = `/rest/api/3/issue/${json.id}/properties/iso20k-state`;
    expect((await call('GET', path)).status).toBe(404);
    expect((await call('PUT', path, { run: 1 })).status).toBe(201);
    expect((await call('PUT', path, { run: 2 })).status).toBe(200);
    expect((await call('GET', path)).json).toEqual({ key: 'iso20k-state', value: { run: 2 } });
    const keys = (await call('GET', `/rest/api/3/issue/${json.id}/properties`)).json.keys.map(
      (k: { key: string }) => k.key,
    );
    expect(keys).toEqual(expect.arrayContaining(['iso20k', 'iso20k-state']));
  });

  it('counts every write call by route, and no reads', async () => {
    sim.counters.clear();
    const { json } = await createGap();
    await call('POST', `/rest/api/3/issue/${json.id}/comment`, { body: adf('a') });
    await call('PUT', `/rest/api/3/issue/${json.id}/properties/x`, { a: 1 });
    await call('GET', `/rest/api/3/issue/${json.id}`);
    await call('POST', '/rest/api/3/search/jql', { jql: 'project = GAP' });
    const snapshot = sim.counters.snapshot();
    expect(snapshot.writes).toEqual({
      'POST /rest/api/3/issue': 1,
      'POST /rest/api/3/issue/:idOrKey/comment': 1,
      'PUT /rest/api/3/issue/:idOrKey/properties/:key': 1,
    });
    expect(sim.counters.writeCount()).toBe(3);
  });
});
