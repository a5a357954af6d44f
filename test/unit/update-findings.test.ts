import { describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../src/lib/hash.js';
import type { AssessedResult } from '../../src/pipeline/update-findings.js';
import { updateFindings } from '../../src/pipeline/update-findings.js';

const result = (
  subject: string,
  status: AssessedResult['status'],
  control = 'IN1-classification',
): AssessedResult => ({
  control,
  subject,
  clauses: ['8.6.1'],
  severity: 'minor',
  status,
  reason: `${subject} is ${status}`,
});
const day = (n: number) => new Date(Date.UTC(2026, 10, n));

describe('findings ledger', () => {
  it('opens, keeps, resolves and reopens a finding as its alarm comes and goes', () => {
    const fp = findingFingerprint('iso20000-1-2018', 'IN1-classification', 'INC1');
    const first = updateFindings(
      'iso20000-1-2018',
      {},
      [result('INC1', 'alarm'), result('INC2', 'ok')],
      day(1),
    );
    expect(first.changes).toEqual({ opened: [fp], resolved: [], reopened: [], waived: [] });
    expect(first.findings[fp]).toMatchObject({
      status: 'open',
      firstSeen: day(1).toISOString(),
      subject: 'INC1',
    });

    const second = updateFindings('iso20000-1-2018', first.findings, [result('INC1', 'alarm')], day(2));
    expect(second.changes.opened).toEqual([]);
    expect(second.findings[fp]).toMatchObject({
      status: 'open',
      firstSeen: day(1).toISOString(),
      lastSeen: day(2).toISOString(),
    });

    const third = updateFindings('iso20000-1-2018', second.findings, [result('INC1', 'ok')], day(3));
    expect(third.changes.resolved).toEqual([fp]);
    expect(third.findings[fp]!.status).toBe('resolved');

    const fourth = updateFindings('iso20000-1-2018', third.findings, [result('INC1', 'alarm')], day(4));
    expect(fourth.changes.reopened).toEqual([fp]);
    expect(fourth.findings[fp]!.history.map((h) => h.status)).toEqual(['open', 'resolved', 'open']);
  });

  it('keeps findings of a control that could not judge (skip or error) as they were', () => {
    const first = updateFindings('p', {}, [result('INC1', 'alarm')], day(1));
    const second = updateFindings('p', first.findings, [result('all', 'skip')], day(2));
    expect(second.changes.resolved).toEqual([]);
    expect(Object.values(second.findings)[0]!.status).toBe('open');
  });

  it('marks a waived alarm as waived, and a record that disappeared as resolved', () => {
    const first = updateFindings('p', {}, [result('INC1', 'alarm'), result('INC2', 'alarm')], day(1));
    const second = updateFindings('p', first.findings, [result('INC1', 'waived')], day(2));
    const bySubject = Object.fromEntries(Object.values(second.findings).map((f) => [f.subject, f.status]));
    expect(bySubject).toEqual({ INC1: 'waived', INC2: 'resolved' });
  });

  it('fingerprints are 16 hex digits, stable, and differ by pack, control and subject', () => {
    const a = findingFingerprint('p', 'C', 's');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(findingFingerprint('p', 'C', 's')).toBe(a);
    expect(
      new Set([
        a,
        findingFingerprint('q', 'C', 's'),
        findingFingerprint('p', 'D', 's'),
        findingFingerprint('p', 'C', 't'),
      ]).size,
    ).toBe(4);
  });
});
