// The auditor's sample: about 25 records per kind, reproducible from the data and the seed alone, with
// each sampled record's result under every per-record control of its kind.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { drawSample } from '../../src/report/sample.js';
import { byKind, incident, NOW } from '../fixtures/mappings/records.js';
import { PACK, PACK_NAME } from '../fixtures/report/pack.js';
import { fixtureRecords } from '../fixtures/report/records.js';

const hundred = Array.from({ length: 100 }, (_, i) => ({
  source: i % 2 === 0 ? 'snow' : 'jira',
  id: `n${i}`,
}));
const ids = (list: readonly { source: string; id: string }[]) => list.map((r) => `${r.source}/${r.id}`);

describe('drawSample', () => {
  it('draws the same records for the same seed, whatever order the records come in', () => {
    const first = drawSample(hundred, '42', 25);
    expect(first).toHaveLength(25);
    expect(new Set(ids(first)).size).toBe(25);
    const shuffled = [...hundred].reverse();
    expect(ids(drawSample(shuffled, '42', 25))).toEqual(ids(first));
  });

  it('draws a different sample for a different seed', () => {
    const a = new Set(ids(drawSample(hundred, '42', 25)));
    const b = ids(drawSample(hundred, '43', 25));
    const shared = b.filter((id) => a.has(id)).length;
    // Two independent draws of 25 from 100 share about 6; sharing all 25 would mean the seed is ignored.
    expect(shared).toBeLessThan(25);
  });

  it('keeps a sampled record in the sample when other records are added, unless they outrank it', () => {
    const before = drawSample(hundred, '9', 25);
    const more = [...hundred, ...Array.from({ length: 5 }, (_, i) => ({ source: 'snow', id: `extra${i}` }))];
    const after = ids(drawSample(more, '9', 25));
    const kept = ids(before).filter((id) => after.includes(id)).length;
    expect(kept).toBeGreaterThanOrEqual(20);
  });

  it('takes every record when there are fewer than the sample size', () => {
    expect(drawSample(hundred.slice(0, 3), '1', 25)).toHaveLength(3);
  });
});

describe('the sample section of the report', () => {
  const records = [
    ...fixtureRecords(),
    ...Array.from({ length: 60 }, (_, i) =>
      incident({ id: `bulk${i}`, closeNotes: i % 3 === 0 ? null : 'fixed' }),
    ),
  ];
  const build = (seed: string) =>
    buildReport({
      pack: PACK,
      packName: PACK_NAME,
      records: byKind(records),
      mappings: {},
      now: NOW,
      seed,
      tool: { name: 'iso20k', version: 'test' },
    });

  it('samples 25 records per kind, states the seed and method, and is reproducible', () => {
    const a = build('2026');
    expect(a.sample.seed).toBe('2026');
    expect(a.sample.method).toMatch(/SHA-256\(seed, source, native id\)/);
    const incidents = a.sample.kinds.find((k) => k.kind === 'incident')!;
    expect(incidents.population).toBe(67);
    expect(incidents.records).toHaveLength(25);
    expect(incidents.controls).toEqual(['T-INC-NOTES', 'T-INC-CATEGORY']);
    expect(a.sample.kinds.map((k) => k.kind)).toEqual(['incident', 'change', 'review']);
    expect(build('2026').sample).toEqual(a.sample);
    const keys = (r: ReturnType<typeof build>) => r.sample.kinds[0]!.records.map((s) => s.record.key);
    expect(keys(build('2027'))).not.toEqual(keys(a));
  });

  it("gives each sampled record its result per control, from the evaluation's own results", () => {
    const r = build('1');
    const changes = r.sample.kinds.find((k) => k.kind === 'change')!;
    const verdict = (key: string) => changes.records.find((s) => s.record.key === key)!.results;
    expect(verdict('CHG-c1')).toEqual([{ control: 'T-CHG-APPROVED', status: 'ok', reason: null }]);
    expect(verdict('CHG-c2')).toEqual([
      { control: 'T-CHG-APPROVED', status: 'alarm', reason: 'CHG-c2 was closed with approval requested' },
    ]);
    expect(verdict('CHG-c3')).toEqual([{ control: 'T-CHG-APPROVED', status: 'not-in-scope', reason: null }]);
    // Freshness controls judge groups, not records: reviews are sampled with no per-record column.
    expect(r.sample.kinds.find((k) => k.kind === 'review')).toMatchObject({ controls: [], population: 1 });
    // The sampled incidents' verdicts agree with the control's own failure list.
    const failing = new Set(r.controls.find((c) => c.id === 'T-INC-NOTES')!.failures.map((f) => f.subject));
    for (const s of r.sample.kinds[0]!.records) {
      const notes = s.results.find((v) => v.control === 'T-INC-NOTES')!;
      expect(notes.status === 'alarm', s.record.key).toBe(failing.has(s.record.key));
    }
  });
});
