// Aggregate measures, freshness groups and relation options, each on a control built in the test.
import { describe, expect, it } from 'vitest';
import {
  compilePack,
  ControlSchema,
  allResults,
  evaluatePack,
  type Pack,
  type Result,
} from '../../src/engine/index.js';
import {
  byKind,
  change,
  daysAgo,
  incident,
  inRecordOrder,
  NOW,
  problem,
  review,
} from '../fixtures/mappings/records.js';

const CLAUSES: Pack['clauses'] = [{ id: '8.6.1', title: 'Incidents', automation: 'automated' }];

function run(control: Record<string, unknown>, records: unknown[]): Result[] {
  const parsed = ControlSchema.parse({
    id: 'T-1',
    title: 't',
    clauses: ['8.6.1'],
    severity: 'info',
    reason: '{key}: {measure} over {count}',
    guidance: 'g',
    ...control,
  });
  const compiled = compilePack({ dir: '', clauses: CLAUSES, controls: [parsed] });
  return inRecordOrder(allResults(evaluatePack(compiled, byKind(records), NOW)), records);
}

const brief = (results: Result[]) => results.map((r) => `${r.subject}=${r.status}`);

describe('aggregate', () => {
  const base = { kind: 'aggregate', resource: 'incident' };
  const resolvedIn = (id: string, hours: number, serviceId = 'svc') =>
    incident({
      id,
      serviceId,
      createdAt: daysAgo(5),
      resolvedAt: new Date(Date.parse(daysAgo(5)) + hours * 3_600_000).toISOString(),
    });

  it('count per group against a threshold', () => {
    const records = [
      incident({ id: 'a', serviceId: 'x' }),
      incident({ id: 'b', serviceId: 'x' }),
      incident({ id: 'c', serviceId: null }),
    ];
    const results = run(
      { ...base, group_by: 'serviceId', measure: { count: true }, threshold: { op: 'gte', value: 2 } },
      records,
    );
    expect(brief(results)).toEqual(['(none)=alarm', 'x=ok']);
    expect(results[1]?.reason).toBe('x: 2 over 2');
  });
  it('average of a duration in hours', () => {
    const records = [resolvedIn('a', 2), resolvedIn('b', 6)];
    const measure = { average: { field: 'resolvedAt', value_type: 'duration', from: 'createdAt' } };
    expect(run({ ...base, measure, threshold: { op: 'lte', value: 4 } }, records)[0]).toMatchObject({
      status: 'ok',
      reason: 'all: 4 over 2',
    });
    expect(run({ ...base, measure, threshold: { op: 'lt', value: 4 } }, records)[0]?.status).toBe('alarm');
  });
  it('percentile by nearest rank', () => {
    const records = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h) => resolvedIn(`i${h}`, h));
    const measure = { percentile: { p: 90, field: 'resolvedAt', value_type: 'duration', from: 'createdAt' } };
    expect(run({ ...base, measure, threshold: { op: 'lte', value: 9 } }, records)[0]?.status).toBe('ok');
    expect(run({ ...base, measure, threshold: { op: 'lte', value: 8.5 } }, records)[0]?.status).toBe('alarm');
  });
  it('average of a number and of an age', () => {
    const records = [
      incident({ id: 'a', reassignmentCount: 1, updatedAt: daysAgo(10) }),
      incident({ id: 'b', reassignmentCount: 3, updatedAt: daysAgo(20) }),
    ];
    expect(
      run(
        { ...base, measure: { average: { field: 'reassignmentCount' } }, threshold: { op: 'eq', value: 2 } },
        records,
      )[0]?.status,
    ).toBe('ok');
    const age = { average: { field: 'updatedAt', value_type: 'age' } };
    expect(run({ ...base, measure: age, threshold: { op: 'eq', value: 15 } }, records)[0]?.status).toBe('ok');
  });
  it('skips a group below min_count and a group with no values', () => {
    const records = [
      incident({ id: 'a', serviceId: 'x' }),
      incident({ id: 'b', serviceId: 'y' }),
      incident({ id: 'c', serviceId: 'y' }),
    ];
    const results = run(
      {
        ...base,
        group_by: 'serviceId',
        measure: { count: true },
        threshold: { op: 'gt', value: 0 },
        min_count: 2,
      },
      records,
    );
    expect(brief(results)).toEqual(['x=skip', 'y=ok']);
    expect(results[0]?.reason).toBe('only 1 in-scope records, fewer than min_count 2');
    const none = run(
      { ...base, measure: { average: { field: 'reopenCount' } }, threshold: { op: 'gt', value: 0 } },
      [incident({ reopenCount: null })],
    );
    expect(none[0]).toMatchObject({
      status: 'skip',
      reason: 'no values to measure among 1 in-scope records',
    });
  });
  it('window keeps only recent records', () => {
    const records = [
      incident({ id: 'new', createdAt: daysAgo(5) }),
      incident({ id: 'old', createdAt: daysAgo(50) }),
    ];
    const results = run(
      {
        ...base,
        window: { field: 'createdAt', days: 30 },
        measure: { count: true },
        threshold: { op: 'eq', value: 1 },
      },
      records,
    );
    expect(brief(results)).toEqual(['all=ok']);
  });
  it('skips when nothing is in scope', () => {
    const results = run(
      { ...base, scope: { major: true }, measure: { count: true }, threshold: { op: 'gt', value: 0 } },
      [incident()],
    );
    expect(results[0]).toMatchObject({ status: 'skip', reason: 'no incident record is in scope' });
  });
});

describe('freshness', () => {
  const base = {
    kind: 'freshness',
    resource: 'review',
    date_field: 'completedAt',
    max_age_days: 90,
    reason: '{key} is {value} days old',
  };
  it('takes the newest record per group', () => {
    const records = [
      review({ id: 'a', serviceId: 's1', completedAt: daysAgo(120) }),
      review({ id: 'b', serviceId: 's1', completedAt: daysAgo(30) }),
      review({ id: 'c', serviceId: 's2', completedAt: daysAgo(91) }),
    ];
    const results = run({ ...base, group_by: 'serviceId' }, records);
    expect(brief(results)).toEqual(['s1=ok', 's2=alarm']);
    expect(results[1]?.reason).toBe('REV-c is 91 days old');
    expect(results[0]?.records[0]?.id).toBe('b');
  });
  it('ignores records without the date', () => {
    expect(brief(run(base, [review({ completedAt: null })]))).toEqual(['all=alarm']);
  });
  it('alarms for a group whose in-scope records all lack the date, instead of dropping it', () => {
    const records = [
      review({ id: 'a', serviceId: 's1', completedAt: daysAgo(10) }),
      review({ id: 'b', serviceId: 's2', completedAt: null }),
      review({ id: 'c', serviceId: 's2', completedAt: null }),
    ];
    const results = run({ ...base, group_by: 'serviceId' }, records);
    expect(brief(results)).toEqual(['s1=ok', 's2=alarm']);
    expect(results[1]?.reason).toBe(
      'no review record found in scope for s2 with a completedAt (needed within 90 days)',
    );
  });
});

describe('relation', () => {
  const base = { kind: 'relation', resource: 'problem', reason: '{key} has {count} related' };
  const related = { resource: 'change', match: { field: 'changeId', to: 'id' } };
  it('require absent', () => {
    const records = [
      problem({ id: 'p1', changeId: 'c1' }),
      problem({ id: 'p2', changeId: null }),
      change({ id: 'c1' }),
    ];
    expect(brief(run({ ...base, related, require: 'absent' }, records))).toEqual([
      'PRB-p1=alarm',
      'PRB-p2=ok',
    ]);
  });
  it('min_related counts matches and related scope filters them', () => {
    const toProblem = { resource: 'incident', match: { field: 'id', to: 'problemId' } };
    const records = [
      problem({ id: 'p1' }),
      problem({ id: 'p2' }),
      incident({ id: 'i1', problemId: 'p1' }),
      incident({ id: 'i2', problemId: 'p1' }),
      incident({ id: 'i3', problemId: 'p2', major: true }),
      incident({ id: 'i4', problemId: 'p2' }),
    ];
    expect(brief(run({ ...base, related: toProblem, require: 'present', min_related: 2 }, records))).toEqual([
      'PRB-p1=ok',
      'PRB-p2=ok',
    ]);
    const scoped = { ...toProblem, scope: { major: false } };
    const results = run({ ...base, related: scoped, require: 'present', min_related: 2 }, records);
    expect(brief(results)).toEqual(['PRB-p1=ok', 'PRB-p2=alarm']);
    expect(results[1]?.reason).toBe('PRB-p2 has 1 related');
  });
  it('matches only within the same source', () => {
    const records = [
      problem({ id: 'p1', changeId: 'c1' }),
      change({ id: 'c1', source: 'jira' }),
      change({ id: 'c2' }),
    ];
    expect(brief(run({ ...base, related, require: 'present' }, records))).toEqual(['PRB-p1=alarm']);
  });
  it('skips, per source, the records of a source that delivers none of the related kind', () => {
    const records = [
      problem({ id: 'p1', changeId: 'c1' }),
      problem({ id: 'p2', changeId: 'c9', source: 'jira' }),
      change({ id: 'c1' }),
    ];
    const results = run({ ...base, related, require: 'present' }, records);
    expect(brief(results)).toEqual(['PRB-p1=ok', 'source jira=skip']);
    expect(results[1]?.reason).toBe(
      'no change records from source jira, so its 1 in-scope problem records cannot be judged',
    );
  });
});
