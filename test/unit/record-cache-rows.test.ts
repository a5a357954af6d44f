// The pieces under the record cache: the chunked JSON-lines reader and the row encoder/decoder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeName, encodeName, parseCacheFileName } from '../../src/state/cache-paths.js';
import { readJsonLines } from '../../src/state/json-lines-reader.js';
import { RowDecoder } from '../../src/state/row-decoder.js';
import { RowEncoder } from '../../src/state/row-encoder.js';
import { rowLayout } from '../../src/state/row-layout.js';
import { sampleRecord } from '../fixtures/record-cache-records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iso20k-rows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, readBytes: number, groupBytes: number) {
  const values: unknown[] = [];
  const ends: number[] = [];
  const outcome = await readJsonLines(
    path,
    (batch, offsets) => {
      values.push(...batch);
      ends.push(...(offsets ?? []));
      return true;
    },
    { readBytes, groupBytes, offsets: true },
  );
  return { values, ends, outcome };
}

describe('readJsonLines', () => {
  const lines = [{ a: 1 }, [1, 'two', null], 'x'.repeat(300), { t: ['ü', '東京', 'a\u2028b'] }, 42, [[]]];
  const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

  it.each([
    [8, 4],
    [64, 16],
    [1 << 20, 60 << 10],
  ])('reads every line with reads of %i bytes and groups of %i', async (readBytes, groupBytes) => {
    const path = join(dir, `lines-${readBytes}.ndjson`);
    await writeFile(path, text);
    const { values, ends, outcome } = await readAll(path, readBytes, groupBytes);
    expect(values).toEqual(lines);
    let offset = 0;
    expect(ends).toEqual(lines.map((line) => (offset += Buffer.byteLength(JSON.stringify(line)) + 1)));
    expect(outcome.stop).toBeUndefined();
  });

  it('reports an unfinished last line and a line that is not JSON, delivering what precedes them', async () => {
    const torn = join(dir, 'torn.ndjson');
    await writeFile(torn, `${text}{"a":`);
    const first = await readAll(torn, 32, 16);
    expect(first.values).toEqual(lines);
    expect(first.outcome.stop).toMatch(/last 5 bytes are an unfinished line/);
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, `[1]\n[2]\n{oops}\n[3]\n`);
    const second = await readAll(bad, 1024, 1024);
    expect(second.values).toEqual([[1], [2]]);
    expect(second.outcome.stop).toMatch(/line at byte 8 is not JSON/);
  });

  it('does not take two torn lines that happen to join into valid JSON for one value', async () => {
    const path = join(dir, 'joined.ndjson');
    await writeFile(path, '["a\n",1]\n');
    const { values, outcome } = await readAll(path, 1024, 1024);
    expect(values).toEqual([]);
    expect(outcome.stop).toMatch(/not JSON/);
  });
});

describe('row encoder and decoder', () => {
  const layout = rowLayout('incident');

  it('stops putting values that do not repeat into the table, and keeps repeated ones there', () => {
    const encoder = new RowEncoder(layout);
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const record = sampleRecord('incident', `id-${i}`, { seed: 1 });
      return encoder.encode({ ...record, title: `unique title ${i}`, category: `cat ${i % 5}` });
    });
    const table = JSON.parse(encoder.definitionsSince(0)!).t as string[];
    expect(table.filter((s) => s.startsWith('unique title')).length).toBeLessThanOrEqual(16_384);
    expect(table.filter((s) => s.startsWith('cat ')).length).toBe(5);
    const decoder = new RowDecoder(layout);
    decoder.define({ t: table });
    expect(decoder.decode(JSON.parse(rows[19_999]!))).toMatchObject({
      id: 'id-19999',
      title: 'unique title 19999',
      category: 'cat 4',
    });
  });

  it('round-trips short strings and strings starting with "~", in the table and in place', () => {
    const encoder = new RowEncoder(layout);
    const decoder = new RowDecoder(layout);
    const odd = ['', '~', '~~x', 'INC0010023', 'x'.repeat(11), '~'.repeat(12)];
    // Past the trial every value is written in place; before it, through the table.
    const records = Array.from({ length: 17_000 }, (_, i) => ({
      ...sampleRecord('incident', i % 2 === 0 ? `${i}` : `~${i}`),
      key: odd[i % odd.length]!,
      title: `${odd[(i + 1) % odd.length]}${i % 3 === 0 ? '' : i}`,
      url: i % 4 === 0 ? `https://x/${odd[i % odd.length]}` : 'short',
    }));
    const rows = records.map((record) => encoder.encode(record));
    decoder.define(JSON.parse(encoder.definitionsSince(0)!));
    expect(rows.map((row) => decoder.decode(JSON.parse(row)))).toEqual(records);
  });

  it('forgets the values of a batch that was rolled back', () => {
    const encoder = new RowEncoder(layout, 7);
    const mark = encoder.checkpoint();
    expect(mark).toBe(7);
    encoder.encode(sampleRecord('incident', 'a'));
    expect(encoder.definitionsSince(mark)).toBeDefined();
    encoder.rollback(mark);
    expect(encoder.checkpoint()).toBe(7);
    expect(encoder.definitionsSince(mark)).toBeUndefined();
  });

  it('rejects rows of the wrong length, without an id, or with a reference beyond the table', () => {
    const decoder = new RowDecoder(layout);
    expect(decoder.decode(['a', 'b'])).toBeUndefined();
    expect(decoder.decode({ id: 'x' })).toBeUndefined();
    const row = JSON.parse(new RowEncoder(layout).encode(sampleRecord('incident', 'a'))) as unknown[];
    expect(decoder.decode(row)).toBeUndefined(); // its table line was never defined
    expect(decoder.decode(row.map((value, i) => (i === layout.idIndex ? 5 : value)))).toBeUndefined();
    expect(decoder.define({ t: ['ok', 3] })).toBe(false);
  });
});

describe('cache file names', () => {
  it('escapes stream names into safe segments and back', () => {
    for (const name of ['incident', 'ci:cmdb_ci_server', '..', '.', 'a/b\\c', 'Zürich 東京', '%41']) {
      const encoded = encodeName(name);
      expect(encoded).toMatch(/^[A-Za-z0-9_%-]+$/);
      expect(decodeName(encoded)).toBe(name);
    }
    expect(() => encodeName('')).toThrow();
    expect(parseCacheFileName('ci%3Ax.g12.journal.ndjson')).toEqual({
      type: 'journal',
      stream: 'ci:x',
      gen: 12,
    });
    expect(parseCacheFileName('ci%3Ax.snap.ndjson')).toEqual({ type: 'snapshot', stream: 'ci:x' });
    expect(parseCacheFileName('ci.snap.ndjson.tmp')).toBeUndefined();
    expect(parseCacheFileName('bad%zz.snap.ndjson')).toBeUndefined();
  });
});
