// The report model's figures against hand-counted values from a small fixture (see
// test/fixtures/report/records.ts for the counts), the records' own dates, waivers, the manual
// checklist, the 2011 crosswalk and the empty-cache report.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contracts/findings.js';
import { findingFingerprint } from '../../src/lib/hash.js';
import { buildReport, type ReportInputs } from '../../src/report/build-report.js';
import { createRecordLookup } from '../../src/report/record-lookup.js';
import { EvidenceReportSchema } from '../../src/report/report-schema.js';
import { byKind, daysAgo, NOW } from '../fixtures/mappings/records.js';
import { PACK, PACK_NAME } from '../fixtures/report/pack.js';
import { fixtureRecords } from '../fixtures/report/records.js';

const TOOL = { name: 'iso20k', version: 'test' };

function report(over: Partial<ReportInputs> = {}) {
  return buildReport({
    pack: PACK,
    packName: PACK_NAME,
    records: byKind(fixtureRecords()),
    mappings: {},
    now: NOW,
    seed: '7',
    tool: TOOL,
    ...over,
  });
}

const control = (r: ReturnType<typeof report>, id: string) => {
  const found = r.controls.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no control ${id}`);
  return found;
};
const clause = (r: ReturnType<typeof report>, id: string) => r.clauses.find((c) => c.id === id)!;

describe('report model', () => {
  it('gives each control the hand-counted denominator, passes, failures and pass rate', () => {
    const r = report();
    expect(control(r, 'T-INC-NOTES')).toMatchObject({
      unit: 'records',
      judged: 5,
      passed: 2,
      failed: 3,
      passRate: 0.4,
      status: 'alarm',
    });
    expect(control(r, 'T-INC-CATEGORY')).toMatchObject({ judged: 6, passed: 5, failed: 1, status: 'alarm' });
    expect(control(r, 'T-INC-CATEGORY').passRate).toBeCloseTo(5 / 6);
    expect(control(r, 'T-CHG-APPROVED')).toMatchObject({ judged: 2, passed: 1, failed: 1, passRate: 0.5 });
    expect(control(r, 'T-MR-FRESH')).toMatchObject({
      unit: 'groups',
      judged: 1,
      passed: 1,
      failed: 0,
      status: 'ok',
    });
    expect(control(r, 'T-INC-NOTES').failures.map((f) => f.subject)).toEqual(['INC-i2', 'INC-i3', 'INC-i7']);
  });

  it('says why a control judged nothing instead of passing it', () => {
    const c = control(report(), 'T-PRB-WORKAROUND');
    expect(c).toMatchObject({ status: 'skip', judged: 0, passRate: null });
    expect(c.skipReasons).toEqual(['no problem records from any source']);
  });

  it('rolls clauses up in tree order with the engine figures, a control counted under each clause it serves', () => {
    const r = report();
    expect(r.clauses.map((c) => c.id)).toEqual(['8', '8.5.1', '8.6', '8.6.1', '8.6.3', '9', '9.3']);
    expect(clause(r, '8.6.1')).toMatchObject({
      status: 'alarm',
      checked: 11,
      passed: 7,
      failed: 4,
      depth: 2,
    });
    // 8.6.3: the category control (6 judged) and the problem control (skipped).
    expect(clause(r, '8.6.3')).toMatchObject({ status: 'alarm', checked: 6, passed: 5, failed: 1 });
    expect(clause(r, '9.3')).toMatchObject({ status: 'ok', checked: 1, passed: 1 });
    expect(r.summary.clauses).toEqual({ ok: 1, alarm: 3, skip: 0, manual: 3 });
  });

  it("cites failing records with the record's own dates, never the report's", () => {
    const r = report({ now: new Date('2026-06-01T12:00:00.000Z') });
    const i7 = control(r, 'T-INC-NOTES').failures.find((f) => f.subject === 'INC-i7')!;
    expect(i7.record).toEqual({
      kind: 'incident',
      source: 'snow',
      id: 'i7',
      key: 'INC-i7',
      url: 'https://example.invalid/i7',
      createdAt: daysAgo(400),
      updatedAt: daysAgo(1),
      closedAt: daysAgo(395),
      closedField: 'resolvedAt',
    });
    const i3 = control(r, 'T-INC-NOTES').failures.find((f) => f.subject === 'INC-i3')!;
    expect(i3.record).toMatchObject({ closedAt: daysAgo(2), closedField: 'resolvedAt' });
    expect(r.generation.generatedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(r.period).toMatchObject({
      earliestRecordDate: daysAgo(400),
      latestRecordDate: daysAgo(2),
      recordsIncluded: 11,
      recordsExcluded: 0,
      requested: null,
    });
  });

  it('adds when iso20k first saw a gap, from the findings ledger', () => {
    const fingerprint = findingFingerprint(PACK_NAME, 'T-INC-NOTES', 'INC-i2');
    const finding: Finding = {
      fingerprint,
      pack: PACK_NAME,
      control: 'T-INC-NOTES',
      subject: 'INC-i2',
      clauses: ['8.6.1'],
      severity: 'minor',
      status: 'open',
      reason: 'x',
      firstSeen: '2026-02-03T04:05:06.000Z',
      lastSeen: '2026-05-31T00:00:00.000Z',
      history: [],
    };
    const failures = control(report({ findings: { [fingerprint]: finding } }), 'T-INC-NOTES').failures;
    expect(failures.find((f) => f.subject === 'INC-i2')?.firstSeen).toBe('2026-02-03T04:05:06.000Z');
    expect(failures.find((f) => f.subject === 'INC-i3')?.firstSeen).toBeNull();
  });

  it('lists waivers with reason, expiry and state, and the gaps they accept', () => {
    const r = report({
      mappings: {
        waivers: [
          {
            control: 'T-CHG-APPROVED',
            subject: 'CHG-c2',
            reason: 'approved by phone, see minutes',
            expires: '2026-12-31',
          },
          { control: 'T-INC-CATEGORY', reason: 'category field added in May', expires: '2026-01-01' },
        ],
      },
    });
    expect(r.waivers).toEqual([
      {
        control: 'T-CHG-APPROVED',
        subject: 'CHG-c2',
        reason: 'approved by phone, see minutes',
        expires: '2026-12-31',
        state: 'active',
        resultsWaived: 1,
      },
      {
        control: 'T-INC-CATEGORY',
        subject: null,
        reason: 'category field added in May',
        expires: '2026-01-01',
        state: 'expired',
        resultsWaived: 0,
      },
    ]);
    const chg = control(r, 'T-CHG-APPROVED');
    expect(chg).toMatchObject({ judged: 2, passed: 1, failed: 0, waived: 1, status: 'ok', failures: [] });
    expect(chg.waivedFindings[0]).toMatchObject({
      subject: 'CHG-c2',
      status: 'waived',
      waiver: { reason: 'approved by phone, see minutes', expires: '2026-12-31' },
    });
    // The expired waiver accepts nothing: the category gap still alarms.
    expect(control(r, 'T-INC-CATEGORY').failed).toBe(1);
  });

  it('keeps the manual evidence checklist and the 2011 crosswalk on each clause', () => {
    const r = report();
    expect(clause(r, '9')).toMatchObject({
      status: 'manual',
      evidence: ['Internal audit programme', 'Management review minutes'],
    });
    expect(clause(r, '8.6.1')).toMatchObject({
      crosswalk2011: ['8.1'],
      evidence: ['Major-incident procedure'],
    });
    expect(clause(r, '8.6')).toMatchObject({ status: 'manual', crosswalk2011: [] });
    expect(clause(r, '9.3').crosswalk2011).toEqual(['4.5.4.3']);
  });

  it('reports an empty cache as such: every automated control skips with the reason', () => {
    const r = report({ records: () => [] });
    expect(r.summary.noRecords).toBe(true);
    expect(r.summary.notes.join(' ')).toMatch(/record cache is empty/);
    for (const c of r.controls) {
      expect(c.status, c.id).toBe('skip');
      expect(c.skipReasons[0], c.id).toMatch(/^no \w+ records from any source$/);
    }
    expect(r.clauses.filter((c) => c.automation === 'automated').every((c) => c.status === 'skip')).toBe(
      true,
    );
    expect(r.sample.kinds).toEqual([]);
    expect(r.period).toMatchObject({ earliestRecordDate: null, latestRecordDate: null });
    expect(() => EvidenceReportSchema.parse(r)).not.toThrow();
  });

  it('counts records per kind and source and keeps the generation time apart from evidence dates', () => {
    const r = report({
      streams: [{ source: 'snow', lastSuccessAt: '2026-05-31T22:00:00.000Z' }],
      sourceTypes: { snow: 'servicenow', 'jira-cloud': 'jira' },
    });
    expect(r.generation.recordsByKind).toEqual({ incident: 7, change: 3, review: 1 });
    expect(r.generation.recordsTotal).toBe(11);
    expect(r.generation.sources).toEqual([
      { source: 'jira-cloud', type: 'jira', records: {}, lastPolledAt: null },
      {
        source: 'snow',
        type: 'servicenow',
        records: { incident: 7, change: 3, review: 1 },
        lastPolledAt: '2026-05-31T22:00:00.000Z',
      },
    ]);
    expect(r.generation.evaluatedAt).toBe(NOW.toISOString());
  });

  it('falls back to the reference a result cites when its record is not in the population', () => {
    const lookup = createRecordLookup(() => []);
    const ref = {
      source: 'snow',
      id: 'gone',
      key: 'INC9',
      url: 'https://x.invalid/9',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
    };
    expect(lookup.dated('incident', ref)).toEqual({
      kind: 'incident',
      source: 'snow',
      id: 'gone',
      key: 'INC9',
      url: 'https://x.invalid/9',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
      closedAt: null,
      closedField: null,
    });
  });
});
