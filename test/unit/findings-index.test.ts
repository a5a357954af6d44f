// The findings index answers the API and the dashboard without sorting per request. Over a seeded ledger
// with ties (findings sharing firstSeen) it must give exactly what sorting and counting per request gave,
// and the one-pass pager must serve the same pages as the sorting one, cursor after cursor.
import { describe, expect, it } from 'vitest';
import { pageDescending, pageSortedDescending, decodeCursor } from '../../src/api/pagination.js';
import type { Finding } from '../../src/contracts/findings.js';
import { SeededRandom } from '../../src/lib/seeded-random.js';
import {
  compareNewestFirst,
  createFindingsIndexBuilder,
  findingsIndex,
  updateFindingsIndex,
} from '../../src/state/findings-index.js';

const STATUSES = ['open', 'resolved', 'waived'] as const;
const SEVERITIES = ['info', 'minor', 'major'] as const;
const CLAUSES = ['8.5.1', '8.6.1', '8.2.6', '9.2'];

function ledger(size: number, seed: number): Record<string, Finding> {
  const rng = new SeededRandom(seed);
  const random = () => rng.next();
  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const findings: Record<string, Finding> = {};
  for (let i = 0; i < size; i++) {
    // Few distinct times, so many findings tie on firstSeen and the fingerprint decides.
    const firstSeen = new Date(Date.UTC(2026, 10, 1 + Math.floor(random() * 5))).toISOString();
    const fingerprint = Math.floor(random() * 2 ** 52)
      .toString(16)
      .padStart(16, '0');
    findings[fingerprint] = {
      fingerprint,
      pack: 'iso20000-1-2018',
      control: `C${Math.floor(random() * 7)}`,
      subject: `INC${i}`,
      clauses:
        random() < 0.3
          ? [pick(CLAUSES), pick(CLAUSES)].filter((c, j, a) => a.indexOf(c) === j)
          : [pick(CLAUSES)],
      severity: pick(SEVERITIES),
      status: pick(STATUSES),
      reason: 'r',
      firstSeen,
      lastSeen: firstSeen,
      history: [],
    };
  }
  return findings;
}

const key = (f: Finding) => [f.firstSeen, f.fingerprint] as const;

describe('findings index', () => {
  const findings = ledger(3_000, 7);
  const all = Object.values(findings);
  const index = findingsIndex(findings);

  it('orders newest first exactly as the sorting pager did', () => {
    const sorted = pageDescending(all, key, all.length, undefined).items;
    expect(index.newestFirst.map((f) => f.fingerprint)).toEqual(sorted.map((f) => f.fingerprint));
  });

  it('counts per clause, per control and open per severity as a count per request did', () => {
    for (const clause of CLAUSES)
      for (const status of STATUSES)
        expect(index.byClause.get(clause)?.[status] ?? 0).toBe(
          all.filter((f) => f.clauses.includes(clause) && f.status === status).length,
        );
    for (const control of new Set(all.map((f) => f.control)))
      for (const status of STATUSES)
        expect(index.byControl.get(control)?.[status]).toBe(
          all.filter((f) => f.control === control && f.status === status).length,
        );
    for (const severity of SEVERITIES) {
      expect(index.openBySeverity[severity]).toBe(
        all.filter((f) => f.status === 'open' && f.severity === severity).length,
      );
      for (const clause of CLAUSES)
        expect(index.openByClause.get(clause)?.[severity] ?? 0).toBe(
          all.filter((f) => f.status === 'open' && f.severity === severity && f.clauses.includes(clause))
            .length,
        );
    }
  });

  it("gives the dashboard's order: status, then severity, then newest first", () => {
    const rank = (f: Finding) =>
      ['open', 'waived', 'resolved'].indexOf(f.status) * 3 + ['major', 'minor', 'info'].indexOf(f.severity);
    const expected = all.slice().sort((a, b) => rank(a) - rank(b) || compareNewestFirst(a, b));
    expect(index.byStatusSeverity().map((f) => f.fingerprint)).toEqual(expected.map((f) => f.fingerprint));
  });

  it('serves the same pages as the sorting pager, for every filter and cursor', () => {
    const filters: ((f: Finding) => boolean)[] = [
      () => true,
      (f) => f.status === 'open',
      (f) => f.clauses.includes('8.6.1') && f.severity === 'major',
      (f) => f.control === 'C3',
      () => false,
    ];
    for (const matches of filters) {
      const matching = all.filter(matches);
      for (const limit of [13, 500]) {
        let cursor: readonly [string, string] | undefined;
        let pages = 0;
        do {
          const fast = pageSortedDescending(index.newestFirst, key, matches, limit, cursor);
          const slow = pageDescending(matching, key, limit, cursor);
          expect(fast).toEqual(slow);
          cursor = fast.nextCursor === null ? undefined : decodeCursor(fast.nextCursor);
          pages += 1;
        } while (cursor !== undefined && pages < 4_000);
        expect(pages).toBe(Math.max(1, Math.ceil(matching.length / limit)));
      }
    }
  });

  it('builds the same index from parts as from the whole ledger at once', () => {
    const builder = createFindingsIndexBuilder();
    const ordered = all.slice().sort(compareNewestFirst);
    for (let i = 0; i < ordered.length; i += 500) builder.add(ordered.slice(i, i + 500));
    const parts = builder.finish();
    expect(parts.newestFirst).toEqual(index.newestFirst);
    expect(parts.byClause).toEqual(index.byClause);
    expect(parts.byControl).toEqual(index.byControl);
    expect(parts.openBySeverity).toEqual(index.openBySeverity);
  });

  for (const changes of [5, 120, 900]) {
    it(`updates the index for ${changes} removed and added findings as a fresh build would (splice or merge)`, () => {
      const rng = new SeededRandom(changes);
      const ordered = index.newestFirst;
      const removed = new Set<Finding>();
      while (removed.size < changes) removed.add(rng.pick(ordered));
      const added = Object.values(ledger(changes, changes + 100)).map((f) => ({ ...f, subject: 'NEW' }));
      added.sort(compareNewestFirst);
      const updated = updateFindingsIndex(index, [...removed], added);
      const after = [...ordered.filter((f) => !removed.has(f)), ...added];
      const fresh = findingsIndex(Object.fromEntries(after.map((f) => [f.fingerprint, f])));
      expect(updated.newestFirst).toEqual(fresh.newestFirst);
      const nonZero = <T extends object>(map: ReadonlyMap<string, T>) =>
        Object.fromEntries([...map].filter(([, c]) => Object.values(c).some((n) => n !== 0)));
      expect(nonZero(updated.byClause)).toEqual(nonZero(fresh.byClause));
      expect(nonZero(updated.byControl)).toEqual(nonZero(fresh.byControl));
      expect(updated.openBySeverity).toEqual(fresh.openBySeverity);
    });
  }

  it('is built once per ledger object', () => {
    expect(findingsIndex(findings)).toBe(index);
    expect(findingsIndex({ ...findings })).not.toBe(index);
  });
});
