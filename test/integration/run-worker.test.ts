// The cycle worker of `iso20k run` over real HTTP to the ServiceNow simulator: a run in the worker thread
// polls, assesses and reports back plain data; the main thread's state mirror equals state.json; the
// evidence pack is built in the worker; an abort ends the run at a page; a worker that dies mid-sync loses
// only its run (a new worker marks it aborted, the next run ends with the cache equal to the table); a
// corrupt state file comes back as the store's own error.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readStateFiles } from '../helpers/state-files.js';
import { connectorSchemas } from '../../connectors/index.js';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import { packDirOf } from '../../src/cli/pack-location.js';
import { startCycleWorker, type CycleWorker } from '../../src/cli/run-worker-host.js';
import { FINDINGS_PART_SIZE } from '../../src/cli/run-worker-outbox.js';
import { findingsIndex } from '../../src/state/findings-index.js';
import { AppError } from '../../src/contracts/index.js';
import { EvidenceReportSchema } from '../../src/report/index.js';
import { loadConfig } from '../../src/settings/load.js';
import { writeCliConfig } from '../helpers/cli.js';
import {
  cachedVersions,
  diffVersions,
  silentLog,
  tableVersions,
  tempDir,
} from '../helpers/servicenow-sync.js';

const INCIDENTS = 4_000;
let sim: ServiceNowSimulator;
let url: string;
const open: CycleWorker[] = [];
const dirs: { remove: () => Promise<void> }[] = [];

beforeAll(async () => {
  sim = createServiceNowSimulator({
    seed: 11,
    incidents: INCIDENTS,
    problems: 20,
    changes: 50,
    requests: 0,
    slas: 0,
    cis: 30,
    knowledge: 0,
    reviews: 0,
    faults: { latencyMs: 20 },
  });
  url = await sim.listen();
});

afterEach(async () => {
  for (const worker of open.splice(0)) await worker.close();
  for (const dir of dirs.splice(0)) await dir.remove();
});

afterAll(async () => {
  await sim.close();
});

async function setup(streams = ['incident', 'change', 'problem', 'ci']) {
  const tmp = await tempDir('iso20k-worker-');
  dirs.push(tmp);
  const dataDir = path.join(tmp.dir, 'data');
  const file = await writeCliConfig(tmp.dir, dataDir, { url, streams, pageSize: 200 });
  const config = await loadConfig(file, {
    env: { SN_USERNAME: 'admin', SN_PASSWORD: 'admin' },
    ...connectorSchemas(),
  });
  const init = { config, dataDir, packDir: packDirOf(config), logFile: path.join(tmp.dir, 'iso20k.log') };
  return { dataDir, init };
}

const request = (runId: string, signal = new AbortController().signal) => ({
  runId,
  trigger: 'api' as const,
  sourceIds: undefined,
  signal,
});

/** Resolves once the sync has committed a page to the record cache (a page of 200 incidents is well over 20 kB). */
async function pagesCommitted(dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'cache');
  for (;;) {
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    for (const name of names) {
      const info = await stat(path.join(dir, name)).catch(() => undefined);
      if (info?.isFile() === true && info.size > 20_000) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const stateFile = readStateFiles;

describe('cycle worker', () => {
  it('runs a cycle off the main thread, mirrors state exactly and builds the report there', async () => {
    const { dataDir, init } = await setup();
    const worker = await startCycleWorker({ init, log: silentLog });
    open.push(worker);
    const run = await worker.run(request('run-1'));
    expect(run.status).toBe('ok');
    const incidents = run.outcomes.flatMap((o) => o.streams).find((s) => s.stream === 'incident');
    expect(incidents?.fetched).toBe(INCIDENTS);
    // The mirror saw every change: the run, each stream's status, the assessment.
    expect(worker.state.runs.at(-1)).toMatchObject({ id: 'run-1', status: 'ok', trigger: 'api' });
    expect(worker.state.streams['sim/incident']?.records).toBe(INCIDENTS);
    expect(worker.state.lastAssessment?.clauses.length).toBeGreaterThan(20);
    expect(Object.keys(worker.state.findings).length).toBeGreaterThan(0);
    expect(await stateFile(dataDir)).toEqual(worker.state);

    const body = await worker.report({ period: undefined, seed: '2026', format: 'json' });
    const report = EvidenceReportSchema.parse(JSON.parse(Buffer.from(body).toString('utf8')));
    expect(report.generation.recordsByKind.incident).toBe(INCIDENTS);
    expect(report.clauses.length).toBe(77);
    expect(report.sample.seed).toBe('2026');

    // The next run changes some incidents: the ledger reaches the mirror as a diff, and still ends equal.
    sim.store.update('incident', 300, { fields: { close_code: '', close_notes: '' } });
    const second = await worker.run(request('run-2'));
    expect(second.status).toBe('ok');
    expect(await stateFile(dataDir)).toEqual(worker.state);
    expect(findingsIndex(worker.state.findings).newestFirst).toEqual(
      findingsIndex(structuredClone(worker.state.findings)).newestFirst,
    );

    // A new worker on the same directory hands over the ledger it finds on disk, in parts, before it is ready.
    await worker.close();
    open.splice(0);
    const again = await startCycleWorker({ init, log: silentLog });
    open.push(again);
    expect(again.state).toEqual(await stateFile(dataDir));
    const index = findingsIndex(again.state.findings);
    expect(index.newestFirst).toHaveLength(Object.keys(again.state.findings).length);
    expect(index.newestFirst.length).toBeGreaterThan(FINDINGS_PART_SIZE);
  });

  it('ends an aborted run at a committed page and records it aborted', async () => {
    const { dataDir, init } = await setup(['incident']);
    const worker = await startCycleWorker({ init, log: silentLog });
    open.push(worker);
    const controller = new AbortController();
    const running = worker.run(request('run-abort', controller.signal));
    await pagesCommitted(dataDir);
    controller.abort(new Error('shutting down'));
    const run = await running;
    expect(run.status).toBe('aborted');
    expect(worker.state.runs.at(-1)).toMatchObject({ id: 'run-abort', status: 'aborted' });
    const fetched = run.outcomes.flatMap((o) => o.streams)[0]?.fetched ?? 0;
    expect(fetched).toBeGreaterThan(0);
    expect(fetched).toBeLessThan(INCIDENTS);
  });

  it('loses only its run when the worker dies mid-sync; the next run resumes to the whole table', async () => {
    const { dataDir, init } = await setup(['incident']);
    const entry = new URL('../fixtures/workers/crash-once.ts', import.meta.url);
    const worker = await startCycleWorker({ init, log: silentLog, entry });
    open.push(worker);
    const crashed = worker.run(request('run-crash'));
    await pagesCommitted(dataDir);
    await writeFile(path.join(dataDir, '..', 'crash-now'), '');
    await expect(crashed).rejects.toThrow(/stopped unexpectedly \(exit code 7\)/);
    const second = await worker.run(request('run-after'));
    expect(second.status).toBe('ok');
    // The new worker's store marked the lost run aborted when it opened the state again.
    expect(worker.state.runs.map((r) => [r.id, r.status])).toEqual([
      ['run-crash', 'aborted'],
      ['run-after', 'ok'],
    ]);
    // It resumed from the pages the lost run committed: fewer than the whole table read again.
    const fetched = second.outcomes.flatMap((o) => o.streams)[0]?.fetched ?? 0;
    expect(fetched).toBeLessThan(INCIDENTS);
    await worker.close();
    open.splice(0);
    const diff = diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'));
    expect(diff).toEqual({ missing: 0, extra: 0, stale: 0 });
  });

  it('refuses to start on a corrupt state file with the store own error', async () => {
    const { dataDir, init } = await setup(['incident']);
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'state.json'), '{"version": 1, "runs": [');
    const failure = await startCycleWorker({ init, log: silentLog }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('STATE_CORRUPT');
    expect((failure as AppError).message).toContain('state.json');
  });
});
