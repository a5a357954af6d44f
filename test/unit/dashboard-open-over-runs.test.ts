// Open findings at each run's finish, rebuilt from the findings' status histories.
import { describe, expect, it } from 'vitest';
import { openOverRuns, statusAt } from '../../src/api/dashboard/open-over-runs.js';
import type { Finding } from '../../src/contracts/findings.js';
import type { RunRecord } from '../../src/state/state-schema.js';

const at = (hour: number) => `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`;

function finding(id: number, history: [number, Finding['status']][]): Finding {
  const last = history[history.length - 1]!;
  return {
    fingerprint: id.toString(16).padStart(16, '0'),
    pack: 'p',
    control: 'C1',
    subject: `S${id}`,
    clauses: ['8.5.1'],
    severity: 'minor',
    status: last[1],
    reason: 'r',
    firstSeen: at(history[0]![0]),
    lastSeen: at(last[0]),
    history: history.map(([h, status]) => ({ at: at(h), status })),
  };
}

function run(id: string, finishedHour: number | null, status: RunRecord['status'] = 'ok'): RunRecord {
  return {
    id,
    startedAt: at(finishedHour ?? 23),
    finishedAt: finishedHour === null ? null : at(finishedHour),
    trigger: 'schedule',
    status,
    streams: [],
  };
}

describe('open findings over runs', () => {
  const findings = Object.fromEntries(
    [
      finding(1, [[1, 'open']]),
      finding(2, [
        [1, 'open'],
        [3, 'resolved'],
        [5, 'open'],
      ]),
      finding(3, [
        [2, 'waived'],
        [4, 'open'],
      ]),
      finding(4, [[6, 'open']]),
    ].map((f) => [f.fingerprint, f]),
  );

  it('counts the findings open at each finished run, oldest first, skipping the run going', () => {
    const runs = [
      run('a', 1),
      run('b', 2, 'failed'),
      run('c', 3),
      run('d', 4),
      run('e', 5),
      run('f', 6),
      run('g', null, 'running'),
    ];
    expect(openOverRuns(runs, findings, 20).map((p) => [p.runId, p.open])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
      ['d', 2],
      ['e', 3],
      ['f', 4],
    ]);
    expect(openOverRuns(runs, findings, 2).map((p) => p.runId)).toEqual(['e', 'f']);
    expect(openOverRuns([], findings, 20)).toEqual([]);
  });

  it('infers the status before a capped history from its oldest kept change', () => {
    const capped = { ...finding(5, [[4, 'resolved']]), firstSeen: at(0) };
    expect(statusAt(capped, Date.parse(at(2)))).toBe('open');
    const reopened = { ...finding(6, [[4, 'open']]), firstSeen: at(0) };
    expect(statusAt(reopened, Date.parse(at(2)))).toBe('resolved');
    expect(statusAt(reopened, Date.parse(at(5)))).toBe('open');
    expect(statusAt(reopened, Date.parse('2026-11-19T00:00:00.000Z'))).toBeNull();
  });
});
