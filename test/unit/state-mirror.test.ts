// The service's API thread reads a mirror of state that follows the store's changes as the cycle worker
// reports them. Here every change crosses a structured clone (as postMessage does) and after each one the
// mirror must equal both the store's own copy and the file on disk.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStateFiles } from '../helpers/state-files.js';
import type { StateChange } from '../../src/state/state-changes.js';
import { applyStateChange } from '../../src/state/state-changes.js';
import { createStateMirror } from '../../src/state/state-mirror.js';
import { RUN_HISTORY_LIMIT } from '../../src/state/state-schema.js';
import { openStateStore, STATE_FILE, type StateStore } from '../../src/state/state-store.js';
import { makeState } from './api-fixture.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iso20k-mirror-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const onDisk = () => readStateFiles(dataDir);

async function mirrored(): Promise<{
  store: StateStore;
  mirror: ReturnType<typeof createStateMirror>;
  changes: StateChange[];
}> {
  const changes: StateChange[] = [];
  let forward = false;
  const mirror = createStateMirror();
  const store = await openStateStore({
    dataDir,
    onChange: (change) => {
      changes.push(change);
      if (forward) mirror.apply(structuredClone(change));
    },
  });
  mirror.reset(structuredClone(store.data));
  forward = true;
  return { store, mirror, changes };
}

describe('state mirror', () => {
  it('equals the store and the file after every kind of change', async () => {
    const seeded = makeState();
    // A state with findings, tickets, streams and runs, one of them left 'running' by a crash.
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify(seeded));
    const { store, mirror } = await mirrored();
    const same = async () => {
      expect(mirror.data).toEqual(store.data);
      expect(await onDisk()).toEqual(store.data);
    };
    await same();
    expect(store.data.runs.some((run) => run.status === 'running')).toBe(false);

    const run = await store.startRun('api', 'run-1');
    await same();
    const [firstStream] = Object.values(seeded.streams);
    await store.saveStreamStatus({ ...firstStream!, fetched: 77, records: 1234 });
    await same();
    const findings = Object.fromEntries(Object.entries(seeded.findings).slice(0, 10));
    await store.saveAssessment(findings, seeded.lastAssessment!);
    await same();
    expect(Object.keys(mirror.data.findings)).toHaveLength(10);
    const [group, entry] = Object.entries(seeded.tickets)[0]!;
    const [removed] = Object.keys(seeded.tickets).slice(1);
    await store.saveTickets({ [group]: { ...entry, revision: 'r2' } }, [removed!]);
    await same();
    expect(mirror.data.tickets[group]?.revision).toBe('r2');
    expect(mirror.data.tickets[removed!]).toBeUndefined();
    await store.finishRun(run.id, { status: 'ok', streams: [] });
    await same();

    // A change that does not fit is refused on both sides alike.
    await expect(store.finishRun('no-such-run', { status: 'ok', streams: [] })).rejects.toThrow(
      /no-such-run/,
    );
    await same();

    // Past the history limit both drop the same oldest runs.
    for (let i = 0; i < RUN_HISTORY_LIMIT + 5; i++) await store.startRun('schedule', `bulk-${i}`);
    await same();
    expect(mirror.data.runs).toHaveLength(RUN_HISTORY_LIMIT);
    expect(mirror.data.runs[0]?.id).toBe('bulk-5');
    await store.close();
  });

  it('reports the change that marks crashed runs aborted, which turns the old state into the new', async () => {
    const seeded = makeState();
    const crashed = seeded.runs.filter((r) => r.status === 'running').map((r) => r.id);
    expect(crashed.length).toBeGreaterThan(0);
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify(seeded));
    const { store, changes } = await mirrored();
    expect(changes.map((c) => c.type)).toEqual(['crashed-runs-aborted']);
    const replayed = structuredClone(seeded);
    applyStateChange(replayed, changes[0]!);
    expect(replayed).toEqual(store.data);
    for (const id of crashed) expect(store.data.runs.find((r) => r.id === id)?.status).toBe('aborted');
    await store.close();
  });
});
