// What a load makes of files left by a crash, an older or newer version, or damage.
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../../src/contracts/records.js';
import { createRecordCache, type StreamCache, type StreamKey } from '../../src/state/record-cache.js';
import { sampleRecord } from '../fixtures/record-cache-records.js';

const KEY: StreamKey = { source: 'snow-test', stream: 'incident', kind: 'incident' };

let dir: string;
let folder: string;
const opened: StreamCache[] = [];

async function load(): Promise<StreamCache> {
  const stream = await createRecordCache({ dir }).open(KEY);
  opened.push(stream);
  return stream;
}

function incident(id: string, seed = 1): CanonicalRecord {
  return sampleRecord('incident', id, { seed });
}

const file = (name: string): string => join(folder, name);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iso20k-record-cache-'));
  folder = join(dir, 'cache', 'snow-test');
});

afterEach(async () => {
  for (const stream of opened.splice(0)) await stream.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('record cache recovery', () => {
  it('never replays a journal of an older generation over a newer snapshot', async () => {
    const stream = await load();
    await stream.commit([incident('a'), incident('b')], [], { n: 1 });
    await stream.commit([incident('b', 2)], ['a'], { n: 2 });
    await copyFile(file('incident.g0.journal.ndjson'), join(dir, 'g0-before-compaction'));
    await stream.compact({ force: true });
    await stream.commit([incident('c')], ['b'], { n: 3 });
    await stream.close();
    // A crash after the snapshot's rename but before the old journal was removed leaves it behind.
    await copyFile(join(dir, 'g0-before-compaction'), file('incident.g0.journal.ndjson'));
    const loaded = await load();
    expect([...loaded.records.keys()]).toEqual(['c']);
    expect(loaded.cursor).toEqual({ n: 3 });
    expect((await readdir(folder)).sort()).toEqual(['incident.g1.journal.ndjson', 'incident.snap.ndjson']);
  });

  it('ignores and removes a snapshot temp file left by a crash during compaction', async () => {
    const stream = await load();
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.close();
    await writeFile(file('incident.snap.ndjson.tmp'), '{"v":1,"kind":"incid');
    const loaded = await load();
    expect([...loaded.records.keys()]).toEqual(['a']);
    expect(await readdir(folder)).toEqual(['incident.g0.journal.ndjson']);
  });

  it('loads exactly the previous batch state when the last batch is torn at any byte', async () => {
    const stream = await load();
    await stream.commit([incident('a'), incident('b')], [], { n: 1 });
    await stream.compact({ force: true });
    await stream.commit([incident('c', 3)], ['a'], { n: 2 });
    await stream.close();
    const journal = file('incident.g1.journal.ndjson');
    const intact = await readFile(journal);
    const before = new Map([...(await load()).records]);
    await opened.pop()!.close();
    expect([...before.keys()].sort()).toEqual(['b', 'c']);
    const lastBatch = { records: [incident('b'), incident('d', 4), incident('c', 5)], deletes: ['c', 'zz'] };
    const writer = await load();
    await writer.commit(lastBatch.records, lastBatch.deletes, { n: 3 });
    await writer.close();
    opened.pop();
    const full = await readFile(journal);
    expect(full.subarray(0, intact.length).equals(intact)).toBe(true);
    for (let cut = intact.length; cut < full.length; cut++) {
      await writeFile(journal, full.subarray(0, cut));
      const torn = await load();
      expect(new Map(torn.records), `cut at byte ${cut}`).toEqual(before);
      expect(torn.cursor, `cut at byte ${cut}`).toEqual({ n: 2 });
      await torn.close();
      opened.pop();
    }
    // The complete file holds the batch.
    await writeFile(journal, full);
    const whole = await load();
    expect([...whole.records.keys()].sort()).toEqual(['b', 'd']);
    expect(whole.cursor).toEqual({ n: 3 });
  });

  it('cuts a torn tail off before appending, so later batches are not lost behind it', async () => {
    const stream = await load();
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.commit([incident('b')], [], { n: 2 });
    await stream.close();
    const journal = file('incident.g0.journal.ndjson');
    const full = await readFile(journal, 'utf8');
    await truncate(journal, full.length - 5);
    const resumed = await load();
    expect([...resumed.records.keys()]).toEqual(['a']);
    await resumed.commit([incident('c')], [], { n: 3 });
    await resumed.close();
    const loaded = await load();
    expect([...loaded.records.keys()]).toEqual(['a', 'c']);
    expect(loaded.cursor).toEqual({ n: 3 });
  });

  it('starts empty with a reason when the snapshot is from another format version, and recovers', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(file('incident.snap.ndjson'), '{"v":99,"kind":"incident","gen":4}\n["whatever"]\n');
    await writeFile(file('incident.g4.journal.ndjson'), '{"v":99}\n');
    const stream = await load();
    expect(stream.records.size).toBe(0);
    expect(stream.cursor).toBeUndefined();
    expect(stream.resetReason).toMatch(/version 99/);
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.close();
    const loaded = await load();
    expect(loaded.resetReason).toBeUndefined();
    expect([...loaded.records.keys()]).toEqual(['a']);
    expect((await readdir(folder)).sort()).toEqual(['incident.g5.journal.ndjson', 'incident.snap.ndjson']);
  });

  it.each([
    ['garbage', Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0x01])],
    ['a header only', Buffer.from('{"v":1,"kind":"incident"')],
    ['a row that does not fit', Buffer.from('')],
  ])('starts empty with a reason when the snapshot holds %s', async (_, content) => {
    const stream = await load();
    await stream.commit([incident('a'), incident('b')], [], { n: 1 });
    await stream.compact({ force: true });
    await stream.close();
    const snapshot = file('incident.snap.ndjson');
    if (content.length > 0) await writeFile(snapshot, content);
    else {
      const lines = (await readFile(snapshot, 'utf8')).split('\n');
      lines[lines.length - 2] = '["too","short"]';
      await writeFile(snapshot, lines.join('\n'));
    }
    const loaded = await load();
    expect(loaded.records.size).toBe(0);
    expect(loaded.cursor).toBeUndefined();
    expect(loaded.resetReason).toContain(snapshot);
  });

  it('starts empty with a reason when the snapshot was cut short', async () => {
    const stream = await load();
    await stream.commit([incident('a'), incident('b')], [], { n: 1 });
    await stream.compact({ force: true });
    await stream.close();
    const snapshot = file('incident.snap.ndjson');
    const text = await readFile(snapshot, 'utf8');
    await writeFile(snapshot, text.slice(0, text.lastIndexOf('\n[') + 1));
    const loaded = await load();
    expect(loaded.records.size).toBe(0);
    expect(loaded.resetReason).toMatch(/1 rows but its header announces 2/);
  });

  it('starts empty with a reason when the snapshot was written for another schema or kind', async () => {
    const stream = await load();
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.compact({ force: true });
    await stream.close();
    const snapshot = file('incident.snap.ndjson');
    const text = await readFile(snapshot, 'utf8');
    await writeFile(snapshot, text.replace('"closeNotes",', ''));
    expect((await load()).resetReason).toMatch(/another incident schema/);
    await opened.pop()!.close();
    const other = await createRecordCache({ dir }).open({ ...KEY, kind: 'problem' });
    opened.push(other);
    expect(other.records.size).toBe(0);
  });

  it('starts empty with a reason when only a journal exists and it is unusable', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(
      file('incident.g0.journal.ndjson'),
      '{"v":1,"kind":"change","gen":0,"fields":[],"dict":[]}\n',
    );
    const stream = await load();
    expect(stream.records.size).toBe(0);
    expect(stream.resetReason).toMatch(/holds change records/);
  });

  it('treats a journal with a torn header as empty', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(file('incident.g0.journal.ndjson'), '{"v":1,"kind":"inci');
    const stream = await load();
    expect(stream.records.size).toBe(0);
    expect(stream.resetReason).toBeUndefined();
    await stream.commit([incident('a')], [], { n: 1 });
    await stream.close();
    expect([...(await load()).records.keys()]).toEqual(['a']);
  });
});
