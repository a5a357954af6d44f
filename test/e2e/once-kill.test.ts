// The crash test: `iso20k once` killed with SIGKILL (no handler runs, no page is finished, the lock file
// stays behind) in the middle of a full sync, twice, and of an incremental one. After each kill the record
// cache must load and hold exactly the committed prefix; a later run must take the dead process's lock
// over on its own and end with the cache equal to the table.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import {
  cliEnv,
  startCli,
  streamRows,
  waitFor,
  writeCliConfig,
  type CliRun,
  type RunningCli,
} from '../helpers/cli.js';
import { diffVersions, tableVersions, tempDir } from '../helpers/servicenow-sync.js';

const TOTAL = 60_000;
const NOTHING_LOST = { missing: 0, extra: 0, stale: 0 };
const env = cliEnv({ SN_USERNAME: 'admin', SN_PASSWORD: 'admin' });

let sim: ServiceNowSimulator;
let tmp: { dir: string; remove: () => Promise<void> };
let config: string;
let dataDir: string;
const children: RunningCli[] = [];

beforeAll(async () => {
  // 3 ms per request over 120 pages of 500 makes a full sync last a few seconds: room to kill it mid-way.
  sim = createServiceNowSimulator({
    seed: 31,
    incidents: TOTAL,
    problems: 30,
    changes: 0,
    requests: 0,
    slas: 0,
    cis: 50,
    knowledge: 0,
    reviews: 0,
    faults: { latencyMs: 3 },
  });
  const url = await sim.listen();
  tmp = await tempDir('iso20k-once-kill-');
  dataDir = path.join(tmp.dir, 'data');
  config = await writeCliConfig(tmp.dir, dataDir, { url, streams: ['incident', 'problem'], pageSize: 500 });
});

afterAll(async () => {
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  await tmp?.remove();
});

function once(): RunningCli {
  const run = startCli(['once', '--config', config], env);
  children.push(run);
  return run;
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

/** SIGKILLs the run once its journal holds more than `bytes`; fails if the run ends by itself first. */
async function killAfter(run: RunningCli, bytes: number): Promise<CliRun> {
  await waitFor(async () => (await journalBytes()) > bytes, {
    timeoutMs: 30_000,
    intervalMs: 10,
    what: `the incident journal to pass ${bytes} bytes`,
    abort: () =>
      run.child.exitCode === null
        ? undefined
        : `the run ended first (exit ${run.child.exitCode})\n${run.output()}`,
  });
  run.child.kill('SIGKILL');
  const result = await run.done;
  expect(result.signal).toBe('SIGKILL');
  return result;
}

interface CacheState {
  versions: Map<string, string>;
  cursor: { updatedOn: string; sysId: string };
  resetReason: string | undefined;
}

/** The incident cache as the next run would load it. */
async function loadCache(): Promise<CacheState> {
  const opened = await createRecordCache({ dir: dataDir }).open({
    source: 'sim',
    stream: 'incident',
    kind: 'incident',
  });
  try {
    const versions = new Map([...opened.records.values()].map((r) => [r.id, r.updatedAt]));
    return { versions, cursor: opened.cursor as CacheState['cursor'], resetReason: opened.resetReason };
  } finally {
    await opened.close();
  }
}

/** Whether a row sorts at or before the cursor in the stream's (sys_updated_on, sys_id) order. */
function atOrBefore(id: string, cursor: CacheState['cursor']): boolean {
  const updatedOn = sim.store.get('incident', id)!['sys_updated_on']!;
  return updatedOn < cursor.updatedOn || (updatedOn === cursor.updatedOn && id <= cursor.sysId);
}

/**
 * After a kill the cache must be what the committed pages say: every row up to the cursor, in the version
 * `expected` gives it (the table's, or for an incremental run, the old one past the cursor), nothing else.
 */
function prefixProblems(cache: CacheState, expected: (id: string, committed: boolean) => string | undefined) {
  let wrong = 0;
  for (const id of sim.store.sysIds('incident')) {
    if (cache.versions.get(id) !== expected(id, atOrBefore(id, cache.cursor))) wrong++;
  }
  const extra = [...cache.versions.keys()].filter((id) => sim.store.get('incident', id) === undefined).length;
  return { wrong, extra };
}

/** Statuses of the recorded runs, oldest first. */
async function runStatuses(): Promise<string[]> {
  const state = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as {
    runs: { status: string }[];
  };
  return state.runs.map((run) => run.status);
}

async function expectLockLeftBy(run: RunningCli): Promise<void> {
  // SIGKILL runs no cleanup: the next run meets the dead process's lock and must take it over itself.
  const owner = JSON.parse(await readFile(path.join(dataDir, '.lock'), 'utf8')) as { pid: number };
  expect(owner.pid).toBe(run.child.pid);
}

describe('iso20k once killed with SIGKILL', () => {
  it('keeps a consistent prefix through two kills of a full sync, then completes identical', async () => {
    const table = tableVersions(sim, 'incident');
    const fresh = (id: string, committed: boolean) => (committed ? table.get(id) : undefined);

    // Kill 1: early, about a fifth of the way (the whole journal is ~16 MB).
    const first = once();
    await killAfter(first, 3_000_000);
    await expectLockLeftBy(first);
    const afterFirst = await loadCache();
    expect(afterFirst.resetReason).toBeUndefined();
    expect(afterFirst.versions.size).toBeGreaterThan(0);
    expect(afterFirst.versions.size).toBeLessThan(TOTAL);
    expect(prefixProblems(afterFirst, fresh)).toEqual({ wrong: 0, extra: 0 });

    // Kill 2: the next run resumes from that cursor (taking over the stale lock); killed past half way.
    const second = once();
    await killAfter(second, (await journalBytes()) + 5_000_000);
    await expectLockLeftBy(second);
    const afterSecond = await loadCache();
    expect(afterSecond.resetReason).toBeUndefined();
    expect(afterSecond.versions.size).toBeGreaterThan(afterFirst.versions.size);
    expect(afterSecond.versions.size).toBeLessThan(TOTAL);
    expect(prefixProblems(afterSecond, fresh)).toEqual({ wrong: 0, extra: 0 });

    // A run left alone completes: it reads only what the cache lacks (plus the overlap window, unchanged).
    const third = await once().done;
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
    expect(streamRows(third.stdout).get('incident')).toMatchObject({
      status: 'ok',
      new: TOTAL - afterSecond.versions.size,
      updated: 0,
      deleted: 0,
      records: TOTAL,
    });
    expect(diffVersions((await loadCache()).versions, table)).toEqual(NOTHING_LOST);
    // The killed runs never recorded their end: the next run marked them aborted.
    expect(await runStatuses()).toEqual(['aborted', 'aborted', 'ok']);
  });

  it('keeps a consistent state through a kill of an incremental sync, then completes identical', async () => {
    const before = tableVersions(sim, 'incident');
    const updated = new Set(sim.store.update('incident', 2000));
    const after = tableVersions(sim, 'incident');
    // The 2,000 updates are four pages; slow each request down so the kill lands between them.
    sim.faults.set({ latencyMs: 250 });
    const base = await journalBytes();

    const run = once();
    await killAfter(run, base);
    sim.faults.set({ latencyMs: 3 });
    await expectLockLeftBy(run);
    const killed = await loadCache();
    expect(killed.resetReason).toBeUndefined();
    expect(killed.versions.size).toBe(TOTAL);
    // Up to the cursor every row is in its new version; past it, the updated rows are still in their old one.
    expect(prefixProblems(killed, (id, committed) => (committed ? after.get(id) : before.get(id)))).toEqual({
      wrong: 0,
      extra: 0,
    });
    const refreshed = [...updated].filter((id) => killed.versions.get(id) === after.get(id)).length;
    expect(refreshed).toBeGreaterThan(0);
    expect(refreshed).toBeLessThan(updated.size);

    const done = await once().done;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(streamRows(done.stdout).get('incident')).toMatchObject({
      status: 'ok',
      new: 0,
      updated: updated.size - refreshed,
      deleted: 0,
      records: TOTAL,
    });
    expect(diffVersions((await loadCache()).versions, after)).toEqual(NOTHING_LOST);
    expect((await runStatuses()).slice(-2)).toEqual(['aborted', 'ok']);
  });
});
