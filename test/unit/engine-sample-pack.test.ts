// The sample pack end to end: golden statuses per control, skips for missing kinds, params, waivers.
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import {
  ClauseRollupSchema,
  compilePack,
  allResults,
  evaluatePack,
  loadPack,
  ResultSchema,
  type Pack,
  type Result,
} from '../../src/engine/index.js';
import { byKind, change, ci, daysAgo, incident, NOW, problem, review } from '../fixtures/mappings/records.js';

const DIR = 'test/fixtures/mappings/sample';
let pack: Pack;

beforeAll(async () => {
  const loaded = await loadPack(DIR);
  expect(loaded.problems).toEqual([]);
  pack = loaded.pack!;
});

const RECORDS = [
  incident({ id: 'ok1', state: 'resolved', closeCode: 'fixed' }),
  incident({ id: 'bad1', state: 'closed', closeCode: null }),
  incident({ id: 'open1', state: 'in_progress', active: true, updatedAt: daysAgo(3), resolvedAt: null }),
  incident({ id: 'open2', state: 'in_progress', active: true, updatedAt: daysAgo(45), resolvedAt: null }),
  incident({ id: 'maj1', major: true, problemId: 'p1' }),
  incident({ id: 'maj2', major: true, problemId: null }),
  incident({ id: 'r1', serviceId: 'svc-web', reopenCount: 1 }),
  incident({ id: 'r2', serviceId: 'svc-web', reopenCount: 0 }),
  incident({ id: 'r3', serviceId: 'svc-web', reopenCount: 2 }),
  incident({ id: 'r4', serviceId: 'svc-db', reopenCount: 1, createdAt: daysAgo(200) }),
  problem({ id: 'p1' }),
  change({ id: 'c1', type: 'emergency', ciId: 'ci1' }),
  change({ id: 'c2', ciId: 'ci-missing' }),
  change({ id: 'c3', ciId: null }),
  change({ id: 'c4' }),
  ci({ id: 'ci1' }),
  review({ id: 'm1', completedAt: daysAgo(400) }),
  review({ id: 'm2', completedAt: daysAgo(200) }),
  review({ id: 'a1', reviewType: 'internal_audit', completedAt: daysAgo(10) }),
];

function statuses(results: readonly Result[], control: string): Record<string, string> {
  return Object.fromEntries(results.filter((r) => r.control === control).map((r) => [r.subject, r.status]));
}

describe('sample pack golden results', () => {
  it('judges every control', () => {
    const results = allResults(evaluatePack(compilePack(pack), byKind(RECORDS), NOW));
    const close = statuses(results, 'INC-CLOSE-CODE');
    expect(close['INC-ok1']).toBe('ok');
    expect(close['INC-bad1']).toBe('alarm');
    expect(statuses(results, 'INC-STALE')).toEqual({ 'INC-open1': 'ok', 'INC-open2': 'alarm' });
    expect(statuses(results, 'INC-MAJOR-PROBLEM')).toEqual({ 'INC-maj1': 'ok', 'INC-maj2': 'alarm' });
    // svc-web: 2 of 3 reopened; svc-mail: none reopened; svc-db: outside the 90-day window.
    expect(statuses(results, 'INC-REOPEN-RATE')).toEqual({ 'svc-mail': 'ok', 'svc-web': 'alarm' });
    expect(statuses(results, 'CHG-EMERGENCY-RATIO')).toEqual({ all: 'alarm' });
    expect(statuses(results, 'CHG-CI-IN-CMDB')).toEqual({ 'CHG-c1': 'ok', 'CHG-c2': 'alarm' });
    expect(statuses(results, 'REV-MGMT-REVIEW')).toEqual({ all: 'ok' });
  });

  it('renders reasons that name the record, the measure and params', () => {
    const results = allResults(evaluatePack(compilePack(pack), byKind(RECORDS), NOW));
    const reason = (control: string, subject: string) =>
      results.find((r) => r.control === control && r.subject === subject)?.reason;
    expect(reason('INC-CLOSE-CODE', 'INC-bad1')).toBe('INC-bad1 was closed without a close code');
    expect(reason('INC-STALE', 'INC-open2')).toBe('INC-open2 has not been updated for more than 30 days');
    expect(reason('INC-REOPEN-RATE', 'svc-web')).toBe(
      'service svc-web: 66.7% of 3 resolved incidents were reopened',
    );
    expect(reason('CHG-CI-IN-CMDB', 'CHG-c2')).toBe(
      'change CHG-c2 names CI ci-missing, which is not in the CMDB',
    );
    expect(reason('REV-MGMT-REVIEW', 'all')).toBe('the last management review (REV-m2) was 200 days ago');
    expect(reason('INC-CLOSE-CODE', 'INC-ok1')).toBe('meets: Resolved incidents carry a close code');
  });

  it('cites the record of a per-record result', () => {
    const results = allResults(evaluatePack(compilePack(pack), byKind(RECORDS), NOW));
    const r = results.find((x) => x.subject === 'INC-bad1')!;
    expect(r.records).toEqual([
      {
        source: 'snow',
        id: 'bad1',
        key: 'INC-bad1',
        url: 'https://example.invalid/bad1',
        createdAt: daysAgo(10),
        updatedAt: daysAgo(1),
      },
    ]);
    expect(r.clauses).toEqual(['8.6.1']);
    expect(r.severity).toBe('minor');
  });

  it('produces results and roll-ups that match their schemas', () => {
    const evaluation = evaluatePack(compilePack(pack), byKind(RECORDS), NOW);
    const results = allResults(evaluation);
    const { clauses } = evaluation;
    for (const r of results) expect(ResultSchema.parse(r)).toEqual(r);
    for (const c of clauses) expect(ClauseRollupSchema.parse(c)).toEqual(c);
  });

  it('rolls results up per clause', () => {
    const { clauses } = evaluatePack(compilePack(pack), byKind(RECORDS), NOW);
    const row = (id: string) => clauses.find((c) => c.clause === id)!;
    expect(row('8.6.1').status).toBe('alarm');
    expect(row('8.6.1').controls).toEqual([
      'INC-CLOSE-CODE',
      'INC-STALE',
      'INC-REOPEN-RATE',
      'INC-MAJOR-PROBLEM',
    ]);
    expect(row('9.3')).toMatchObject({ status: 'ok', checked: 1, passed: 1, failed: 0 });
    expect(row('5.1').status).toBe('manual');
    expect(row('8.5.1').failed).toBe(2);
  });
});

describe('missing data is never ok', () => {
  it('skips a control whose kind no source delivers', () => {
    const evaluation = evaluatePack(compilePack(pack), byKind([]), NOW);
    const results = allResults(evaluation);
    const { clauses } = evaluation;
    expect(results.every((r) => r.status === 'skip')).toBe(true);
    expect(results.find((r) => r.control === 'REV-MGMT-REVIEW')?.reason).toBe(
      'no review records from any source',
    );
    expect(clauses.find((c) => c.clause === '9.3')?.status).toBe('skip');
  });
  it('skips a relation when the related kind is missing', () => {
    const results = allResults(evaluatePack(compilePack(pack), byKind([change({ ciId: 'x' })]), NOW));
    expect(results.find((r) => r.control === 'CHG-CI-IN-CMDB')).toMatchObject({
      status: 'skip',
      reason: 'no ci records from any source',
    });
  });
  it('alarms when no in-scope record exists for a freshness control', () => {
    const only = [review({ reviewType: 'internal_audit' })];
    const r = allResults(evaluatePack(compilePack(pack), byKind(only), NOW)).find(
      (x) => x.control === 'REV-MGMT-REVIEW',
    );
    expect(r?.status).toBe('alarm');
    expect(r?.reason).toMatch(/^no review record found/);
  });
});

describe('params and waivers', () => {
  it('overrides params per control from config', () => {
    const compiled = compilePack(pack, {
      params: { 'INC-STALE': { max_idle_days: 60 }, 'REV-MGMT-REVIEW': { interval_days: 100 } },
    });
    const results = allResults(evaluatePack(compiled, byKind(RECORDS), NOW));
    expect(statuses(results, 'INC-STALE')).toEqual({ 'INC-open1': 'ok', 'INC-open2': 'ok' });
    expect(statuses(results, 'REV-MGMT-REVIEW')).toEqual({ all: 'alarm' });
  });
  it('rejects overrides for unknown controls, undeclared params and wrong types', () => {
    expect(() => compilePack(pack, { params: { NOPE: { a: 1 } } })).toThrow(AppError);
    expect(() => compilePack(pack, { params: { 'INC-STALE': { other: 1 } } })).toThrow(
      /has no param "other"/,
    );
    expect(() => compilePack(pack, { params: { 'INC-STALE': { max_idle_days: 'x' } } })).toThrow(
      /expected a number/,
    );
  });
  it('turns alarms into waived until the waiver expires', () => {
    const waivers = [
      { control: 'INC-CLOSE-CODE', subject: 'INC-bad1', reason: 'legacy import', expires: '2026-06-01' },
      { control: 'INC-STALE', reason: 'backlog cleanup planned', expires: '2026-05-31' },
      { control: 'CHG-EMERGENCY-RATIO', reason: 'migration quarter', expires: '2026-12-31' },
    ];
    const evaluation = evaluatePack(compilePack(pack, { waivers }), byKind(RECORDS), NOW);
    const results = allResults(evaluation);
    const { clauses } = evaluation;
    const bad = results.find((r) => r.subject === 'INC-bad1');
    expect(bad).toMatchObject({
      status: 'waived',
      waiver: { reason: 'legacy import', expires: '2026-06-01' },
    });
    // Expired the day before NOW: the alarm stands.
    expect(statuses(results, 'INC-STALE')['INC-open2']).toBe('alarm');
    expect(statuses(results, 'CHG-EMERGENCY-RATIO')).toEqual({ all: 'waived' });
    expect(statuses(results, 'INC-CLOSE-CODE')['INC-ok1']).toBe('ok');
    expect(clauses.find((c) => c.clause === '8.6.1')?.waived).toBe(1);
  });
  it('a waiver for another subject does not apply', () => {
    const waivers = [{ control: 'INC-CLOSE-CODE', subject: 'INC-other', reason: 'x', expires: '2030-01-01' }];
    const results = allResults(evaluatePack(compilePack(pack, { waivers }), byKind(RECORDS), NOW));
    expect(statuses(results, 'INC-CLOSE-CODE')['INC-bad1']).toBe('alarm');
  });
});
