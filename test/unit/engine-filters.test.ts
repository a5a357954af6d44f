// Every operator and value type of the filter language, through a compiled record control.
import { describe, expect, it } from 'vitest';
import { compilePack, ControlSchema, allResults, evaluatePack, type Pack } from '../../src/engine/index.js';
import { byKind, daysAgo, incident, inRecordOrder, NOW } from '../fixtures/mappings/records.js';

const CLAUSES: Pack['clauses'] = [{ id: '8.6.1', title: 'Incidents', automation: 'automated' }];

/** The status each record gets under a record control asserting `assert`. */
function judge(assert: unknown, records: unknown[], extra: Record<string, unknown> = {}): string[] {
  const control = ControlSchema.parse({
    id: 'T-1',
    title: 't',
    clauses: ['8.6.1'],
    kind: 'record',
    resource: 'incident',
    severity: 'minor',
    reason: '{key} fails',
    guidance: 'g',
    assert,
    ...extra,
  });
  const compiled = compilePack({ dir: '', clauses: CLAUSES, controls: [control] });
  return inRecordOrder(allResults(evaluatePack(compiled, byKind(records), NOW)), records).map(
    (r) => r.status,
  );
}

const cond = (field: string, op: string, value?: unknown, more: Record<string, unknown> = {}) =>
  value === undefined ? { field, op, ...more } : { field, op, value, ...more };

describe('operators without a value type', () => {
  const a = incident({ id: 'a', priority: 1, closeCode: 'fixed', title: 'Disk full on db01' });
  const b = incident({ id: 'b', priority: 4, closeCode: null, title: '' });
  const cases: [string, unknown, string[]][] = [
    ['eq', cond('priority', 'eq', 1), ['ok', 'alarm']],
    ['ne', cond('priority', 'ne', 1), ['alarm', 'ok']],
    ['gt', cond('priority', 'gt', 2), ['alarm', 'ok']],
    ['gte', cond('priority', 'gte', 4), ['alarm', 'ok']],
    ['lt', cond('priority', 'lt', 2), ['ok', 'alarm']],
    ['lte', cond('priority', 'lte', 1), ['ok', 'alarm']],
    ['in', cond('priority', 'in', [1, 2]), ['ok', 'alarm']],
    ['not-in', cond('priority', 'not-in', [1, 2]), ['alarm', 'ok']],
    ['contains', cond('title', 'contains', 'db01'), ['ok', 'alarm']],
    ['regex', cond('title', 'regex', '^Disk'), ['ok', 'alarm']],
    ['present', cond('closeCode', 'present'), ['ok', 'alarm']],
    ['absent', cond('closeCode', 'absent'), ['alarm', 'ok']],
    ['empty', cond('title', 'empty'), ['alarm', 'ok']],
    ['string gt compares text', cond('closeCode', 'gt', 'a'), ['ok', 'alarm']],
  ];
  it.each(cases)('%s', (_name, assert, expected) => {
    expect(judge([assert], [a, b])).toEqual(expected);
  });

  it('contains looks into lists in extra fields', () => {
    const x = incident({ id: 'x', extra: { tags: ['audit', 'vip'] } });
    const y = incident({ id: 'y', extra: { tags: [] } });
    expect(judge([cond('extra.tags', 'contains', 'vip')], [x, y])).toEqual(['ok', 'alarm']);
    expect(judge([cond('extra.tags', 'empty')], [x, y])).toEqual(['alarm', 'ok']);
  });
});

describe('combinators and shorthand', () => {
  const a = incident({ id: 'a', state: 'resolved', major: true });
  const b = incident({ id: 'b', state: 'closed', major: false });
  it('shorthand is equality and a list is AND', () => {
    expect(judge({ state: 'resolved', major: true }, [a, b])).toEqual(['ok', 'alarm']);
    expect(judge([{ state: 'closed' }, { major: false }], [a, b])).toEqual(['alarm', 'ok']);
  });
  it('or, and, not nest', () => {
    expect(judge({ or: [{ state: 'closed' }, { major: true }] }, [a, b])).toEqual(['ok', 'ok']);
    expect(judge({ and: [{ state: 'closed' }, { major: true }] }, [a, b])).toEqual(['alarm', 'alarm']);
    expect(judge({ not: { major: true } }, [a, b])).toEqual(['alarm', 'ok']);
  });
});

describe('value types', () => {
  it('age is days from the date until now', () => {
    const fresh = incident({ id: 'f', updatedAt: daysAgo(2) });
    const old = incident({ id: 'o', updatedAt: daysAgo(40) });
    expect(judge([cond('updatedAt', 'lte', 30, { value_type: 'age' })], [fresh, old])).toEqual([
      'ok',
      'alarm',
    ]);
  });
  it('age of an empty date fails the condition', () => {
    expect(
      judge([cond('resolvedAt', 'lt', 5, { value_type: 'age' })], [incident({ resolvedAt: null })]),
    ).toEqual(['alarm']);
  });
  it('duration is field minus from, in hours by default', () => {
    const quick = incident({ id: 'q', createdAt: daysAgo(3), resolvedAt: daysAgo(2.5) });
    const slow = incident({ id: 's', createdAt: daysAgo(3), resolvedAt: daysAgo(1) });
    expect(
      judge([cond('resolvedAt', 'lte', 24, { value_type: 'duration', from: 'createdAt' })], [quick, slow]),
    ).toEqual(['ok', 'alarm']);
    const inDays = cond('resolvedAt', 'lt', 1, { value_type: 'duration', from: 'createdAt', unit: 'days' });
    expect(judge([inDays], [quick, slow])).toEqual(['ok', 'alarm']);
    const inMinutes = cond('resolvedAt', 'gt', 1000, {
      value_type: 'duration',
      from: 'createdAt',
      unit: 'minutes',
    });
    expect(judge([inMinutes], [quick, slow])).toEqual(['alarm', 'ok']);
  });
  it('date compares as dates', () => {
    const early = incident({ id: 'e', resolvedAt: '2026-01-15T00:00:00.000Z' });
    const late = incident({ id: 'l', resolvedAt: '2026-03-15T00:00:00.000Z' });
    expect(judge([cond('resolvedAt', 'lt', '2026-02-01', { value_type: 'date' })], [early, late])).toEqual([
      'ok',
      'alarm',
    ]);
  });
  it('number compares numerically, also for text in extra fields', () => {
    const a = incident({ id: 'a', extra: { score: '12' } });
    const b = incident({ id: 'b', extra: { score: '9' } });
    expect(judge([cond('extra.score', 'gt', 10, { value_type: 'number' })], [a, b])).toEqual(['ok', 'alarm']);
  });
  it('values may come from params', () => {
    const a = incident({ id: 'a', priority: 1 });
    const b = incident({ id: 'b', priority: 3 });
    const assert = [cond('priority', 'lte', { param: 'top' })];
    expect(judge(assert, [a, b], { params: { top: 2 } })).toEqual(['ok', 'alarm']);
  });
});
