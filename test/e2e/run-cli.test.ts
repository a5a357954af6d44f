// `iso20k run` as a user runs it, against the ServiceNow simulator over real HTTP: the schedule (6-field
// cron, every 2 s) drives a run to completion; POST /api/v1/runs starts one (202) and is refused while it
// goes (409); SIGTERM in the middle of a sync exits 0 within 10 s with the aborted run recorded; the next
// start resumes from the committed pages and ends with the cache equal to the table.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import { cliEnv, startCli, waitFor, writeCliConfig, type RunningCli } from '../helpers/cli.js';
import { cachedVersions, diffVersions, tableVersions, tempDir } from '../helpers/servicenow-sync.js';

const TOTAL = 20_000;
const UPDATES = 5_000;
const TOKEN = 'e2e-run-token-0123456789';
const env = cliEnv({ SN_USERNAME: 'admin', SN_PASSWORD: 'admin', ISO20K_API_TOKEN: TOKEN });

let sim: ServiceNowSimulator;
let tmp: { dir: string; remove: () => Promise<void> };
let config: string;
let dataDir: string;
const children: RunningCli[] = [];

interface StateFile {
  runs: { id: string; trigger: string; status: string; startedAt: string }[];
}

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 43,
    incidents: TOTAL,
    problems: 0,
    changes: 0,
    requests: 0,
    slas: 0,
    cis: 20,
    knowledge: 0,
    reviews: 0,
    faults: { latencyMs: 2 },
  });
  const url = await sim.listen();
  tmp = await tempDir('iso20k-run-cli-');
  dataDir = path.join(tmp.dir, 'data');
  config = await writeCliConfig(tmp.dir, dataDir, { url, streams: ['incident'], pageSize: 500 });
  // The service's own settings: a schedule every 2 s (seconds first), no jitter, a short gathering window,
  // the API on a free port with the token from the environment.
  // No deletion sweep after the first sync: every run would list all ids, and deletions are not tested here.
  const yaml = (await readFile(config, 'utf8'))
    .replace('    type: servicenow\n', "    type: servicenow\n    schedule: '*/2 * * * * *'\n")
    .replace('sweepIntervalHours: 0', 'sweepIntervalHours: 24');
  await writeFile(
    config,
    `${yaml}api:\n  port: 0\n  token: \${ISO20K_API_TOKEN}\nscheduler:\n  jitterSeconds: 0\n  debounceSeconds: 0.2\n`,
  );
});

afterAll(async () => {
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  await tmp?.remove();
});

async function start(): Promise<{ run: RunningCli; url: string }> {
  const run = startCli(['run', '--config', config], env);
  children.push(run);
  let url = '';
  await waitFor(
    () => {
      url = /status API at (http:\/\/\S+)/.exec(run.output())?.[1] ?? '';
      return url !== '';
    },
    { timeoutMs: 15_000, what: 'the API URL line', abort: () => exited(run) },
  );
  return { run, url };
}

function exited(run: RunningCli): string | undefined {
  return run.child.exitCode === null ? undefined : `it exited ${run.child.exitCode}\n${run.output()}`;
}

async function runs(): Promise<StateFile['runs']> {
  try {
    return (JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as StateFile).runs;
  } catch {
    return []; // not written yet, or being replaced
  }
}

function postRun(url: string): Promise<Response> {
  return fetch(`${url}/api/v1/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

/** Bytes in the incident stream's journals: grows by one batch per committed page. */
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

async function sigterm(run: RunningCli): Promise<{ code: number | null; ms: number }> {
  const sent = performance.now();
  run.child.kill('SIGTERM');
  const result = await run.done;
  return { code: result.code, ms: performance.now() - sent };
}

/** Runs that were not in `before`, once one of them finished ok. */
async function waitForNewOkRun(before: StateFile['runs'], run: RunningCli, what: string): Promise<void> {
  const known = new Set(before.map((r) => r.id));
  await waitFor(async () => (await runs()).some((r) => !known.has(r.id) && r.status === 'ok'), {
    timeoutMs: 20_000,
    intervalMs: 100,
    what,
    abort: () => exited(run),
  });
}

/** Incident ids whose cached version is the table's. */
async function refreshedCount(ids: ReadonlySet<string>): Promise<number> {
  const cached = await cachedVersions(dataDir, 'incident');
  const table = tableVersions(sim, 'incident');
  return [...ids].filter((id) => cached.get(id) === table.get(id)).length;
}

describe('iso20k run', () => {
  it('polls on its schedule, stops on SIGTERM mid-sync within 10 s, and resumes with nothing lost', async () => {
    const first = await start();
    // The schedule brings the first run (a full sync) to an end.
    await waitForNewOkRun([], first.run, 'a scheduled run to finish ok');
    expect((await runs()).find((r) => r.status === 'ok')?.trigger).toBe('schedule');

    // Slow the simulator down and change a quarter of the table: the next scheduled run has pages to read.
    sim.faults.set({ latencyMs: 250 });
    const base = await journalBytes();
    const updated = new Set(sim.store.update('incident', UPDATES));
    await waitFor(async () => (await journalBytes()) > base, {
      timeoutMs: 15_000,
      intervalMs: 10,
      what: 'a run to commit a page of the changes',
      abort: () => exited(first.run),
    });
    const stopped = await sigterm(first.run);
    expect(stopped.code, first.run.output()).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    const afterStop = await runs();
    expect(afterStop.at(-1)?.status).toBe('aborted');
    expect(afterStop.filter((r) => r.status === 'running')).toEqual([]);
    await expect(stat(path.join(dataDir, '.lock'))).rejects.toThrow(); // released
    // It stopped mid-sync: some of the changes are cached, not all.
    const refreshed = await refreshedCount(updated);
    expect(refreshed).toBeGreaterThan(0);
    expect(refreshed).toBeLessThan(UPDATES);

    // The next start resumes from the committed pages and ends with the cache equal to the table.
    sim.faults.set({ latencyMs: 2 });
    const second = await start();
    await waitForNewOkRun(afterStop, second.run, 'a run after the restart to finish ok');
    const again = await sigterm(second.run);
    expect(again.code, second.run.output()).toBe(0);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual({
      missing: 0,
      extra: 0,
      stale: 0,
    });
    expect(second.run.output()).not.toMatch(/^ {4}at /m);
  });

  it('serves readiness and metrics, keeps a standby not ready, and answers POST /api/v1/runs with 202 then 409', async () => {
    const service = await start();
    await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, {
      timeoutMs: 10_000,
      what: '/readyz to answer 200',
      abort: () => exited(service.run),
    });
    // A second instance on the same data directory waits for the lock: up, but not ready, and says why.
    const standby = await start();
    await waitFor(() => /waiting: .*locked by process/.test(standby.run.output()), {
      timeoutMs: 10_000,
      what: 'the standby to say it waits for the lock',
      abort: () => exited(standby.run),
    });
    const notReady = await fetch(`${standby.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(JSON.stringify(await notReady.json())).toContain(
      'data directory data is locked by another process',
    );
    const standbyStopped = await sigterm(standby.run);
    expect(standbyStopped.code, standby.run.output()).toBe(0);
    expect(standbyStopped.ms).toBeLessThan(10_000);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200); // the first one is unharmed

    // Without the token: refused.
    expect((await fetch(`${service.url}/api/v1/runs`, { method: 'POST' })).status).toBe(401);
    // 202 once the service is idle (a scheduled run may be going: 409, try again).
    let started: { runId: string } | undefined;
    await waitFor(
      async () => {
        const response = await postRun(service.url);
        if (response.status === 202) started = (await response.json()) as { runId: string };
        else expect(response.status).toBe(409);
        return started !== undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50, what: 'POST /api/v1/runs to answer 202' },
    );
    // Slow the simulator down and change the table: the run now takes a while.
    sim.faults.set({ latencyMs: 250 });
    sim.store.update('incident', 2_000);
    const busy = await postRun(service.url);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { runId: string | null }).runId).toBe(started!.runId);
    sim.faults.set({ latencyMs: 2 });
    const before = await runs();
    await waitFor(async () => (await runs()).find((r) => r.id === started!.runId)?.status === 'ok', {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the run on demand to finish ok',
      abort: () => exited(service.run),
    });
    expect(before.find((r) => r.id === started!.runId)?.trigger).toBe('api');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^iso20k_records_fetched_total\{source="sim",stream="incident"\} [1-9]/m);
    expect(metrics).toMatch(/^iso20k_poll_duration_seconds_count\{source="sim",stream="incident"\} [1-9]/m);
    expect(metrics).toMatch(/^iso20k_cursor_lag_seconds\{source="sim",stream="incident"\} \d/m);
    expect(metrics).toMatch(/^iso20k_runs_total\{trigger="api",status="ok"\} 1$/m);
    const stopped = await sigterm(service.run);
    expect(stopped.code, service.run.output()).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
  });
});
