import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_HISTORY_LIMIT, StateDataSchema } from '../../src/state/state-schema.js';
import { FINDINGS_FILE } from '../../src/state/findings-file.js';
import { openStateStore, STATE_FILE, type StreamStatus } from '../../src/state/state-store.js';
import { makeState } from './api-fixture.js';

let dataDir: string;
let clock: number;
const now = (): Date => new Date(clock);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iso20k-state-'));
  clock = Date.UTC(2026, 0, 2, 3, 4, 5);
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function status(overrides: Partial<StreamStatus> = {}): StreamStatus {
  return {
    source: 'snow-prod',
    stream: 'incident',
    kind: 'incident',
    lastRunAt: '2026-01-02T03:04:05.000Z',
    lastSuccessAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1234,
    fetched: 10,
    created: 4,
    updated: 5,
    unchanged: 1,
    deleted: 0,
    records: 1000,
    cursor: { updatedOn: '2026-01-02 03:00:00', sysId: 'abc' },
    lastSweepAt: null,
    lastError: null,
    ...overrides,
  };
}

const onDisk = async (): Promise<unknown> => JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8'));

describe('state store', () => {
  it('starts fresh without a file and round-trips runs and stream status through the real file', async () => {
    const store = await openStateStore({ dataDir, now });
    expect(store.data).toEqual({
      version: 1,
      runs: [],
      streams: {},
      findings: {},
      lastAssessment: null,
      tickets: {},
    });
    const run = await store.startRun('cli');
    expect(run).toMatchObject({
      status: 'running',
      trigger: 'cli',
      startedAt: '2026-01-02T03:04:05.000Z',
      finishedAt: null,
    });
    await store.saveStreamStatus(status());
    clock += 60_000;
    await store.finishRun(run.id, {
      status: 'ok',
      streams: [{ source: 'snow-prod', stream: 'incident', status: 'ok', fetched: 10 }],
    });
    await store.close();

    expect(StateDataSchema.parse(await onDisk())).toEqual(store.data);
    const reopened = await openStateStore({ dataDir, now });
    expect(reopened.data).toEqual(store.data);
    expect(reopened.data.runs[0]).toMatchObject({ status: 'ok', finishedAt: '2026-01-02T03:05:05.000Z' });
    expect(reopened.streamStatus('snow-prod', 'incident')).toEqual(status());
    expect(reopened.streamStatus('snow-prod', 'problem')).toBeUndefined();
    await reopened.close();
  });

  it('marks a run left running by a crashed process as aborted on open', async () => {
    const store = await openStateStore({ dataDir, now });
    const run = await store.startRun('schedule');
    // no finishRun, no close: the process died
    clock += 5_000;
    const reopened = await openStateStore({ dataDir, now });
    expect(reopened.data.runs.find((r) => r.id === run.id)).toMatchObject({
      status: 'aborted',
      finishedAt: '2026-01-02T03:04:10.000Z',
    });
    expect((await onDisk()) as { runs: { status: string }[] }).toMatchObject({
      runs: [{ status: 'aborted' }],
    });
    await reopened.close();
  });

  it('keeps only the last 200 runs', async () => {
    const store = await openStateStore({ dataDir, now });
    const ids: string[] = [];
    for (let i = 0; i < RUN_HISTORY_LIMIT + 5; i++) {
      const run = await store.startRun('api');
      await store.finishRun(run.id, { status: 'ok', streams: [] });
      ids.push(run.id);
    }
    expect(store.data.runs.map((r) => r.id)).toEqual(ids.slice(5));
    await store.close();
    expect(((await onDisk()) as { runs: unknown[] }).runs).toHaveLength(RUN_HISTORY_LIMIT);
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['null', 'null'],
    ['the wrong shape', JSON.stringify({ version: 1, runs: 'many', streams: {}, findings: {}, tickets: {} })],
    ['another version', JSON.stringify({ version: 2, runs: [], streams: {}, findings: {}, tickets: {} })],
  ])('fails with STATE_CORRUPT naming the file and the fix when it holds %s', async (_, content) => {
    await writeFile(join(dataDir, STATE_FILE), content);
    const opening = openStateStore({ dataDir, now });
    await expect(opening).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
    await expect(opening).rejects.toThrow(join(dataDir, STATE_FILE));
    await expect(opening).rejects.toThrow(/Move it away/);
  });

  it('rejects an invalid stream status and an unknown run before writing anything', async () => {
    const store = await openStateStore({ dataDir, now });
    await expect(store.saveStreamStatus(status({ lastRunAt: 'yesterday' }))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(store.finishRun('nope', { status: 'ok', streams: [] })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await store.close();
    await expect(store.startRun('cli')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('keeps every change when calls overlap', async () => {
    const store = await openStateStore({ dataDir, now });
    await Promise.all([
      store.saveStreamStatus(status()),
      store.saveStreamStatus(status({ stream: 'problem', kind: 'problem' })),
      store.startRun('demo'),
    ]);
    await store.close();
    const disk = StateDataSchema.parse(await onDisk());
    expect(Object.keys(disk.streams).sort()).toEqual(['snow-prod/incident', 'snow-prod/problem']);
    expect(disk.runs).toHaveLength(1);
  });

  describe('the findings ledger in its own file', () => {
    const ledgerFile = () => join(dataDir, FINDINGS_FILE);

    it('writes findings.ndjson only when an assessment changes it, and state.json without them', async () => {
      const seeded = makeState();
      const store = await openStateStore({ dataDir, now });
      await store.saveAssessment(seeded.findings, seeded.lastAssessment!);
      const written = await stat(ledgerFile());
      const lines = (await readFile(ledgerFile(), 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(Object.keys(seeded.findings).length);
      // Runs, stream statuses and ticket writes leave the ledger's file alone.
      await store.startRun('cli', 'r1');
      await store.saveStreamStatus(status());
      await store.finishRun('r1', { status: 'ok', streams: [] });
      expect((await stat(ledgerFile())).mtimeMs).toBe(written.mtimeMs);
      expect(((await onDisk()) as { findings: object }).findings).toEqual({});
      await store.close();
      const reopened = await openStateStore({ dataDir, now });
      expect(reopened.data.findings).toEqual(seeded.findings);
      expect(reopened.data.lastAssessment).toEqual(seeded.lastAssessment);
      await reopened.close();
    });

    it('moves the findings of an older state.json into their file before writing state.json again', async () => {
      const seeded = makeState();
      seeded.runs = seeded.runs.filter((r) => r.status !== 'running');
      await writeFile(join(dataDir, STATE_FILE), JSON.stringify(seeded));
      const store = await openStateStore({ dataDir, now });
      expect(store.data.findings).toEqual(seeded.findings);
      await store.startRun('cli');
      await store.close();
      expect(((await onDisk()) as { findings: object }).findings).toEqual({});
      const reopened = await openStateStore({ dataDir, now });
      expect(reopened.data.findings).toEqual(seeded.findings);
      await reopened.close();
    });

    it('names the file and the line of a damaged ledger, and the fix', async () => {
      const seeded = makeState();
      const store = await openStateStore({ dataDir, now });
      await store.saveAssessment(seeded.findings, seeded.lastAssessment!);
      await store.close();
      const lines = (await readFile(ledgerFile(), 'utf8')).split('\n');
      lines[2] = JSON.stringify({ ...JSON.parse(lines[2]!), severity: 'catastrophic' });
      await writeFile(ledgerFile(), lines.join('\n'));
      const opening = openStateStore({ dataDir, now });
      await expect(opening).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
      await expect(opening).rejects.toThrow(
        `${ledgerFile()} cannot be used: line 3 is not a finding (severity`,
      );
      await expect(opening).rejects.toThrow(/Move it away and run again/);
    });
  });
});
