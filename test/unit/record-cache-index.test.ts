// RecordIndex against the Map it stands in for: same contents, same order, same answers.
import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../../src/contracts/records.js';
import { RecordIndex } from '../../src/state/record-index.js';
import { sampleRecord } from '../fixtures/record-cache-records.js';

const template = sampleRecord('ci_relation', 'template');
const record = (id: string, version = 0): CanonicalRecord => ({ ...template, id, key: `v${version}` });

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('RecordIndex', () => {
  it('behaves like a Map under random sets, replacements, deletes and clears', () => {
    const rnd = random(42);
    const index = new RecordIndex();
    const map = new Map<string, CanonicalRecord>();
    for (let step = 0; step < 20_000; step++) {
      const id = `id-${Math.floor(rnd() * 5000)}`;
      const action = rnd();
      if (action < 0.6) {
        const value = record(id, step);
        index.set(value);
        map.set(id, value);
      } else if (action < 0.999) {
        expect(index.delete(id)).toBe(map.delete(id));
      } else {
        index.clear();
        map.clear();
      }
      if (step % 997 === 0) {
        expect(index.size).toBe(map.size);
        expect([...index.keys()]).toEqual([...map.keys()]);
        expect([...index.values()]).toEqual([...map.values()]);
      }
      expect(index.get(id)).toBe(map.get(id));
      expect(index.has(id)).toBe(map.has(id));
    }
    expect(new Map(index)).toEqual(map);
  });

  it('iterates in insertion order, keeps a replaced record in place, and sees records added meanwhile', () => {
    const index = new RecordIndex();
    for (const id of ['c', 'a', 'b']) index.set(record(id));
    index.set(record('a', 2));
    const seen: string[] = [];
    for (const [id, value] of index) {
      seen.push(`${id}:${value.key}`);
      if (id === 'c') {
        index.delete('b');
        index.set(record('d'));
      }
    }
    expect(seen).toEqual(['c:v0', 'a:v2', 'd:v0']);
    const order: string[] = [];
    index.forEach((value, id, self) => {
      expect(self).toBe(index);
      order.push(id);
    });
    expect(order).toEqual(['c', 'a', 'd']);
    expect(Object.prototype.toString.call(index)).toBe('[object RecordIndex]');
  });

  it('does not skip records when the table is rebuilt during an iteration', () => {
    const index = new RecordIndex();
    for (let i = 0; i < 100; i++) index.set(record(`r${i}`));
    for (let i = 0; i < 90; i++) index.delete(`r${i}`);
    const seen: string[] = [];
    for (const value of index.values()) {
      seen.push(value.id);
      if (value.id === 'r90') for (let i = 0; i < 200; i++) index.set(record(`n${i}`)); // forces rebuilds
    }
    expect(seen).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `r${90 + i}`),
      ...Array.from({ length: 200 }, (_, i) => `n${i}`),
    ]);
    expect([...index.keys()]).toEqual(seen);
  });

  it('finds ids whose hashes collide in the low bits', () => {
    const index = new RecordIndex();
    const ids = Array.from({ length: 3000 }, (_, i) => `${'x'.repeat(i % 7)}${i}`);
    for (const id of ids) index.set(record(id));
    for (const id of ids) expect(index.get(id)?.id).toBe(id);
    expect(index.get('missing')).toBeUndefined();
    expect(index.size).toBe(ids.length);
  });
});
