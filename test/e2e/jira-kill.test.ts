// `iso20k once` on a Jira source killed with SIGKILL in the middle of a full sync: the record cache must
// load and hold exactly the committed prefix in (updated, id) order; the next run takes the dead
// process's lock over, reads only the rest and ends with the cache equal to the simulator's issues.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';
import { cliEnv, startCli, streamRows, waitFor, type RunningCli } from '../helpers/cli.js';
import { writeJiraCliConfig } from '../helpers/jira-cli.js';
import { cachedJira, diffVersions, simVersions, tempDir } from '../helpers/jira-sync.js';

const TOTAL = 15_000;
const env = cliEnv({ JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'token' });

let sim: JiraSimulator;
let tmp: { dir: string; remove: () => Promise<void> };
let config: string;
let dataDir: string;
const children: RunningCli[] = [];

beforeAll(async () => {
  // 4 ms per request over 150 pages makes the full sync last a few seconds: room to kill it mid-way.
  sim = createJiraSimulator({
    seed: 51,
    incidents: TOTAL,
    requests: 0,
    problems: 0,
    changes: 0,
    releases: 0,
    reviews: 0,
    faults: { latencyMs: 4 },
  });
  const url = await sim.listen();
  tmp = await tempDir('iso20k-jira-kill-');
  dataDir = path.join(tmp.dir, 'data');
  config = await writeJiraCliConfig(tmp.dir, dataDir, { url, streams: ['incident'], pageSize: 100 });
});

afterAll(async () => {
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  await tmp?.remove();
});

async function journalBytes(): Promise<number> {
  const dir = path.join(dataDir, 'cache', 'sim');
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names
      .filter((n) => /^incident\.g\d+\.journal\.ndjson$/.test(n))
      .map((n) =>
        stat(path.join(dir, n)).then(
          (s) => s.size,
          () => 0,
        ),
      ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

describe('iso20k once on Jira killed with SIGKILL', () => {
  it('keeps the committed prefix, then completes identical', async () => {
    const run = startCli(['once', '--config', config], env);
    children.push(run);
    await waitFor(async () => (await journalBytes()) > 2_000_000, {
      timeoutMs: 30_000,
      intervalMs: 10,
      what: 'the incident journal to pass 2 MB',
      abort: () => (run.child.exitCode === null ? undefined : `the run ended first\n${run.output()}`),
    });
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    const owner = JSON.parse(await readFile(path.join(dataDir, '.lock'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(run.child.pid);

    const killed = await cachedJira(dataDir, 'incident');
    expect(killed.versions.size).toBeGreaterThan(0);
    expect(killed.versions.size).toBeLessThan(TOTAL);
    const cursorAt = Date.parse(`${String(killed.cursor?.['updatedOn']).replace(' ', 'T')}Z`);
    const cursorId = Number(killed.cursor?.['id']);
    let wrong = 0;
    for (const issue of sim.store.all()) {
      const committed = issue.updated < cursorAt || (issue.updated === cursorAt && issue.id <= cursorId);
      const cached = killed.versions.get(String(issue.id));
      if (committed ? cached !== new Date(issue.updated).toISOString() : cached !== undefined) wrong++;
    }
    expect(wrong).toBe(0);

    const done = await startCli(['once', '--config', config], env).done;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(streamRows(done.stdout).get('incident')).toMatchObject({
      status: 'ok',
      new: TOTAL - killed.versions.size,
      updated: 0,
      records: TOTAL,
    });
    expect(
      diffVersions((await cachedJira(dataDir, 'incident')).versions, simVersions(sim, 'Incident')),
    ).toEqual({
      missing: 0,
      extra: 0,
      stale: 0,
    });
    const state = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as {
      runs: { status: string }[];
    };
    expect(state.runs.map((r) => r.status)).toEqual(['aborted', 'ok']);
  });
});
