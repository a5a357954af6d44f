import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_KINDS, type CanonicalRecord } from '../../src/contracts/records.js';
import {
  createRecordCache,
  type RecordCache,
  type StreamCache,
  type StreamKey,
} from '../../src/state/record-cache.js';
import { recordsOfEveryKind, sampleRecord } from '../fixtures/record-cache-records.js';

const KEY: StreamKey = { source: 'snow-test', stream: 'incident', kind: 'incident' };

let dir: string;
let cache: RecordCache;
const open: StreamCache[] = [];

async function openStream(key: StreamKey = KEY): Promise<StreamCache> {
  const stream = await cache.open(key);
  open.push(stream);
  return stream;
}

/** Closes a stream and loads it again from disk. */
async function reload(stream: StreamCache): Promise<StreamCache> {
  await stream.close();
  return openStream(stream.key);
}

function incident(id: string, seed = 1): CanonicalRecord {
  return sampleRecord('incident', id, { seed });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iso20k-record-cache-'));
  cache = createRecordCache({ dir });
});

afterEach(async () => {
  for (const stream of open.splice(0)) await stream.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('record cache', () => {
  it('starts empty and never synced when there is no file', async () => {
    const stream = await openStream();
    expect(stream.records.size).toBe(0);
    expect(stream.cursor).toBeUndefined();
    expect(stream.resetReason).toBeUndefined();
    expect(await cache.list()).toEqual([]);
  });

  it('round-trips every record kind, with nulls and extra, through the journal and the snapshot', async () => {
    const samples = recordsOfEveryKind(RECORD_KINDS);
    for (const kind of RECORD_KINDS) {
      const key: StreamKey = { source: 'snow-test', stream: `s-${kind}`, kind };
      const records = samples.get(kind)!;
      const stream = await openStream(key);
      await stream.commit(records, [], { at: kind });
      const fromJournal = await reload(stream);
      expect([...fromJournal.records.values()]).toEqual(records);
      expect(fromJournal.cursor).toEqual({ at: kind });
      await fromJournal.compact({ force: true });
      const fromSnapshot = await reload(fromJournal);
      expect([...fromSnapshot.records.values()]).toEqual(records);
      expect(fromSnapshot.cursor).toEqual({ at: kind });
    }
  });

  it('applies upserts, then deletes, and keeps the cursor given with each batch', async () => {
    const stream = await openStream();
    await stream.commit([incident('a'), incident('b'), incident('c')], [], { page: 1 });
    await stream.commit([incident('a', 7), incident('d')], ['b', 'd', 'missing'], { page: 2 });
    const expected = new Map([
      ['a', incident('a', 7)],
      ['c', incident('c')],
    ]);
    expect(new Map(stream.records)).toEqual(expected);
    expect(stream.cursor).toEqual({ page: 2 });
    const loaded = await reload(stream);
    expect(new Map(loaded.records)).toEqual(expected);
    expect(loaded.cursor).toEqual({ page: 2 });
    // undefined is stored as given: the next sync is a full one
    await loaded.commit([], [], undefined);
    expect((await reload(loaded)).cursor).toBeUndefined();
  });

  it('compacts into a snapshot, starts a new journal and keeps committing after it', async () => {
    const stream = await openStream();
    await stream.commit([incident('a'), incident('b')], [], { n: 1 });
    await stream.compact({ force: true });
    const files = await readdir(join(dir, 'cache', 'snow-test'));
    expect(files.sort()).toEqual(['incident.snap.ndjson']);
    await stream.commit([incident('c')], ['a'], { n: 2 });
    expect((await readdir(join(dir, 'cache', 'snow-test'))).sort()).toEqual([
      'incident.g1.journal.ndjson',
      'incident.snap.ndjson',
    ]);
    const loaded = await reload(stream);
    expect([...loaded.records.keys()].sort()).toEqual(['b', 'c']);
    expect(loaded.cursor).toEqual({ n: 2 });
  });

  it('leaves a journal of fresh or few changed records alone unless forced, and rewrites once dead entries pile up', async () => {
    const small = createRecordCache({ dir, compactRatio: 0.5 });
    const stream = await small.open(KEY);
    open.push(stream);
    const folder = join(dir, 'cache', 'snow-test');
    await stream.commit(
      Array.from({ length: 20 }, (_, i) => incident(`r${i}`, i)),
      [],
      { n: 1 },
    );
    await stream.compact();
    // Twenty fresh records: nothing dead, a snapshot would load no faster than this journal.
    expect(await readdir(folder)).toEqual(['incident.g0.journal.ndjson']);
    await stream.compact({ force: true });
    const snapshot = join(folder, 'incident.snap.ndjson');
    const first = await readFile(snapshot, 'utf8');
    await stream.commit([incident('r1', 99)], [], { n: 2 });
    await stream.compact();
    expect(await readFile(snapshot, 'utf8')).toBe(first); // 1 dead entry of 20 live: below half
    await stream.commit(
      Array.from({ length: 10 }, (_, i) => incident(`r${i}`, i + 50)),
      [],
      { n: 3 },
    );
    await stream.compact(); // 11 dead entries of 20 live: above half
    expect(await readFile(snapshot, 'utf8')).not.toBe(first);
    expect(await readdir(folder)).toEqual(['incident.snap.ndjson']);
    const reloaded = await reload(stream);
    expect(reloaded.records.get('r3')?.updatedAt).toBe(incident('r3', 53).updatedAt);
  });

  it('counts dead entries found on load, so a reopened cache still compacts when it should', async () => {
    const small = createRecordCache({ dir, compactRatio: 0.5 });
    const stream = await small.open(KEY);
    await stream.commit(
      Array.from({ length: 10 }, (_, i) => incident(`r${i}`, i)),
      [],
      { n: 1 },
    );
    await stream.commit(
      Array.from({ length: 8 }, (_, i) => incident(`r${i}`, i + 20)),
      ['r9'],
      { n: 2 },
    );
    await stream.close();
    const again = await small.open(KEY);
    open.push(again);
    await again.commit([incident('r0', 40)], [], { n: 3 });
    await again.compact();
    expect(await readdir(join(dir, 'cache', 'snow-test'))).toEqual(['incident.snap.ndjson']);
    expect(again.records.size).toBe(9);
  });

  it('clears everything, durably', async () => {
    const stream = await openStream();
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.clear();
    expect(stream.records.size).toBe(0);
    expect(stream.cursor).toBeUndefined();
    const loaded = await reload(stream);
    expect(loaded.records.size).toBe(0);
    expect(loaded.cursor).toBeUndefined();
    expect(loaded.resetReason).toBeUndefined();
  });

  it('lists every stream with its kind, whatever characters its name holds', async () => {
    const keys: StreamKey[] = [
      { source: 'jira-cloud', stream: 'ITSM issues/ü', kind: 'request' },
      { source: 'snow-test', stream: 'ci:cmdb_ci_server', kind: 'ci' },
      { source: 'snow-test', stream: 'incident', kind: 'incident' },
    ];
    for (const key of keys) {
      const stream = await openStream(key);
      await stream.commit([sampleRecord(key.kind, 'x')], [], { n: 1 });
      if (key.kind === 'ci') await stream.compact({ force: true });
    }
    expect(await cache.list()).toEqual(keys);
    expect(await readdir(join(dir, 'cache', 'snow-test'))).toContain('ci%3Acmdb_ci_server.snap.ndjson');
  });

  it('refuses a record of another kind, a non-string in a string field, and calls after close', async () => {
    const stream = await openStream();
    await expect(stream.commit([sampleRecord('problem', 'p')], [], undefined)).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    const bad = { ...incident('n'), category: 7 } as unknown as CanonicalRecord;
    await expect(stream.commit([incident('ok'), bad], [], { n: 1 })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: /string field holds number 7/,
    });
    expect(stream.records.size).toBe(0);
    await stream.commit([incident('ok')], [], { n: 2 });
    expect([...(await reload(stream)).records.keys()]).toEqual(['ok']);
    const last = open.at(-1)!;
    await last.close();
    await expect(last.commit([], [], undefined)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('serialises overlapping calls in call order', async () => {
    const stream = await openStream();
    const calls = Array.from({ length: 10 }, (_, i) =>
      stream.commit([incident(`r${i}`, i)], i > 0 ? [`r${i - 1}`] : [], { n: i }),
    );
    await Promise.all([...calls, stream.compact({ force: true })]);
    const loaded = await reload(stream);
    expect([...loaded.records.keys()]).toEqual(['r9']);
    expect(loaded.cursor).toEqual({ n: 9 });
  });

  it('keeps urls derived from the id or the key, and others, exactly', async () => {
    const byId = incident('id-1');
    const byKey = { ...incident('id-2'), key: 'ITSM-42', url: 'https://acme.atlassian.net/browse/ITSM-42' };
    const other = { ...incident('id-3'), url: 'https://elsewhere.example/x?y=1' };
    const stream = await openStream();
    await stream.commit([byId, byKey, other], [], { n: 1 });
    await stream.compact({ force: true });
    await stream.commit([{ ...byKey, id: 'id-4' }], [], { n: 2 });
    const loaded = await reload(stream);
    expect(loaded.records.get('id-1')).toEqual(byId);
    expect(loaded.records.get('id-2')).toEqual(byKey);
    expect(loaded.records.get('id-3')).toEqual(other);
    expect(loaded.records.get('id-4')).toEqual({ ...byKey, id: 'id-4' });
  });
});
