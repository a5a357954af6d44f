// --period: parsing (a malformed period is a usage error), which records each kind keeps by its own
// dates, and the period's effect on the model's figures.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { buildReport } from '../../src/report/build-report.js';
import { evaluationTime, inPeriod, parsePeriod } from '../../src/report/period.js';
import { byKind, ci, daysAgo, incident, NOW, review } from '../fixtures/mappings/records.js';
import { PACK, PACK_NAME } from '../fixtures/report/pack.js';
import { fixtureRecords } from '../fixtures/report/records.js';

const ms = (iso: string) => Date.parse(iso);

describe('parsePeriod', () => {
  it('reads dates as whole days and UTC times as given, either end open', () => {
    expect(parsePeriod('2026-01-01..2026-03-31')).toEqual({
      from: ms('2026-01-01T00:00:00.000Z'),
      to: ms('2026-03-31T23:59:59.999Z'),
    });
    expect(parsePeriod('2026-01-01T08:00:00Z..')).toEqual({
      from: ms('2026-01-01T08:00:00.000Z'),
      to: undefined,
    });
    expect(parsePeriod('..2026-03-31')).toEqual({ from: undefined, to: ms('2026-03-31T23:59:59.999Z') });
  });

  it.each([
    ['2026-01-01', /exactly one "\.\."/],
    ['..', /at least one end/],
    ['2026-13-01..2026-12-31', /not a calendar date/],
    ['2026-02-30..2026-03-31', /not a calendar date/],
    ['2026-03-31..2026-01-01', /FROM is after TO/],
    ['yesterday..today', /not a date/],
    ['2026-01-01T08:00:00+02:00..', /not a date/],
  ])('refuses %s as a usage error', (text, message) => {
    const error = (() => {
      try {
        parsePeriod(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('USAGE');
    expect((error as AppError).exitCode).toBe(2);
    expect((error as AppError).message).toMatch(message);
  });
});

describe('inPeriod', () => {
  const q1 = parsePeriod('2026-01-01..2026-03-31');
  it('keeps a work record whose life overlaps the period, by its own dates', () => {
    const inc = (createdAt: string, resolvedAt: string | null) =>
      incident({ createdAt, resolvedAt, closedAt: null });
    expect(inPeriod(inc('2026-02-01T00:00:00.000Z', null), 'incident', q1)).toBe(true);
    // Raised before, resolved inside: a closure in the period counts.
    expect(inPeriod(inc('2025-12-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z'), 'incident', q1)).toBe(true);
    // Still open from before the period: it was open work during it.
    expect(inPeriod(inc('2025-06-01T00:00:00.000Z', null), 'incident', q1)).toBe(true);
    expect(inPeriod(inc('2025-06-01T00:00:00.000Z', '2025-12-31T23:59:59.000Z'), 'incident', q1)).toBe(false);
    expect(inPeriod(inc('2026-04-01T00:00:00.000Z', null), 'incident', q1)).toBe(false);
  });

  it('keeps reviews completed before the period (the interval is measured back from its end), not after it', () => {
    const rev = (completedAt: string) => review({ createdAt: completedAt, completedAt });
    expect(inPeriod(rev('2025-05-01T00:00:00.000Z'), 'review', q1)).toBe(true);
    expect(inPeriod(rev('2026-04-02T00:00:00.000Z'), 'review', q1)).toBe(false);
  });

  it('never filters standing records such as CIs', () => {
    expect(
      inPeriod(
        ci({ createdAt: '2019-01-01T00:00:00.000Z', updatedAt: '2019-01-01T00:00:00.000Z' }),
        'ci',
        q1,
      ),
    ).toBe(true);
  });
});

describe('a report over a period', () => {
  it('leaves out records outside the period and says how many, and which dates it covers', () => {
    const last30 = parsePeriod(`${daysAgo(30).slice(0, 10)}..${NOW.toISOString().slice(0, 10)}`);
    const r = buildReport({
      pack: PACK,
      packName: PACK_NAME,
      records: byKind(fixtureRecords()),
      mappings: {},
      period: last30,
      now: NOW,
      seed: '1',
      tool: { name: 'iso20k', version: 'test' },
    });
    // i7 (opened 400, resolved 395 days ago) is gone: 2 of 4 resolved incidents keep their notes.
    expect(r.controls.find((c) => c.id === 'T-INC-NOTES')).toMatchObject({ judged: 4, passed: 2, failed: 2 });
    expect(r.period).toMatchObject({
      recordsIncluded: 10,
      recordsExcluded: 1,
      requested: { from: new Date(last30.from!).toISOString(), to: new Date(last30.to!).toISOString() },
    });
    // The earliest covered date is now the review's creation 110 days ago, no longer i7's (400 days).
    expect(r.period.earliestRecordDate).toBe(daysAgo(110));
    expect(r.period.rules.find((rule) => rule.kinds.includes('incident'))?.rule).toMatch(
      /createdAt.*resolvedAt or closedAt/,
    );
  });

  it('judges a past period as of its end, and a current one as of now', () => {
    expect(evaluationTime(parsePeriod('2026-01-01..2026-03-31'), NOW).toISOString()).toBe(
      '2026-03-31T23:59:59.999Z',
    );
    expect(evaluationTime(parsePeriod('2026-01-01..2026-12-31'), NOW)).toBe(NOW);
    expect(evaluationTime(undefined, NOW)).toBe(NOW);
  });
});
