// Malformed records must never throw: each gives `error` with a reason. Also a speed check of the
// compiled closures over a million records.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compilePack,
  allResults,
  evaluatePack,
  loadPack,
  type CompiledPack,
} from '../../src/engine/index.js';
import { change, ci, incident, NOW, problem, review } from '../fixtures/mappings/records.js';

let compiled: CompiledPack;
beforeAll(async () => {
  const { pack } = await loadPack('test/fixtures/mappings/sample');
  compiled = compilePack(pack!);
});

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  42,
  -1,
  Number.NaN,
  Infinity,
  true,
  '',
  'x'.repeat(200_000),
  '2026-02-30T00:00:00.000Z',
  '2026-13-01T00:00:00.000Z',
  'not a date',
  [],
  [1, 2],
  {},
  { nested: { deep: true } },
];

const FACTORIES = [incident, problem, change, ci, review] as const;

function malformed(next: () => number, i: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const shape = i % 10;
  if (shape === 0) return pick([null, 7, 'text', [], true]);
  const record: Record<string, unknown> = { ...pick(FACTORIES)({ id: `f${i}` }) };
  const fields = Object.keys(record).filter((k) => k !== 'kind');
  const changes = 1 + Math.floor(next() * 3);
  for (let c = 0; c < changes; c++) {
    const field = shape === 1 ? pick(['source', 'id', 'key', 'url', 'updatedAt']) : pick(fields);
    const value = pick(BAD_VALUES);
    if (value === undefined) delete record[field];
    else record[field] = value;
  }
  return record;
}

describe('malformed records', () => {
  it('10,000 generated records never throw and errors carry a reason', () => {
    const next = rng(20_000_1);
    const list = Array.from({ length: 10_000 }, (_, i) => malformed(next, i));
    // Every kind sees every record, so wrong kinds and missing envelopes are exercised too.
    const results = allResults(evaluatePack(compiled, () => list, NOW));
    const errors = results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(10_000);
    for (const e of errors) expect(e.reason).toMatch(/^malformed record: .+/);
  });

  it('names what is wrong', () => {
    const bad = [
      { ...incident({ id: 'a', state: 'closed' }), closeCode: 5 },
      { ...incident({ id: 'b', active: true }), updatedAt: '2026-02-30T00:00:00.000Z' },
      { ...incident({ id: 'c', state: 'closed' }), closeCode: 'y'.repeat(200_000) },
      { ...incident({ id: 'd' }), state: undefined },
      'not a record',
    ];
    const results = allResults(evaluatePack(compiled, (kind) => (kind === 'incident' ? bad : []), NOW));
    const reasons = results
      .filter((r) => r.control === 'INC-CLOSE-CODE')
      .map((r) => `${r.subject}: ${r.reason}`);
    expect(reasons).toEqual([
      'INC-a: malformed record: field "closeCode" should be a string, is number',
      'INC-b: malformed record: record has no valid "updatedAt"',
      'INC-c: malformed record: field "closeCode" is too long (200000 characters)',
      'INC-d: malformed record: field "state" is missing',
      '#4: malformed record: record is not an object',
    ]);
  });
});
