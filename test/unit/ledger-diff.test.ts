// An assessment reaches the API thread as a change to the ledger it holds. Over seeded ledgers with every
// kind of change (touched controls, reopened and resolved findings, new and removed ones, and findings the
// touch rule would get wrong), the mirror must end equal to the worker's ledger, its index equal to one
// built from scratch, and only the findings that changed beyond lastSeen may travel in full.
import { describe, expect, it } from 'vitest';
import { ledgerDiff } from '../../src/cli/ledger-diff.js';
import type { Finding } from '../../src/contracts/findings.js';
import { SeededRandom } from '../../src/lib/seeded-random.js';
import { compareNewestFirst, findingsIndex, type FindingsIndex } from '../../src/state/findings-index.js';
import { createStateMirror } from '../../src/state/state-mirror.js';
import { emptyState } from '../../src/state/state-schema.js';

const T0 = '2026-11-20T10:00:00.000Z';
const AT = '2026-11-22T10:00:00.000Z';
const CONTROLS = ['C0', 'C1', 'C2', 'C3', 'C4', 'C5'];

function heldLedger(rng: SeededRandom, size: number): Record<string, Finding> {
  const ledger: Record<string, Finding> = {};
  for (let i = 0; i < size; i++) {
    const fingerprint = (i * 7919 + 13).toString(16).padStart(16, '0');
    const status = rng.pick(['open', 'open', 'waived', 'resolved'] as const);
    ledger[fingerprint] = {
      fingerprint,
      pack: 'iso20000-1-2018',
      control: rng.pick(CONTROLS),
      subject: `INC${i}`,
      clauses: rng.chance(0.2) ? ['8.6.1', '8.5.1'] : ['8.6.1'],
      severity: rng.pick(['info', 'minor', 'major'] as const),
      status,
      reason: `reason ${i}`,
      firstSeen: `2026-11-${String(1 + rng.int(0, 9)).padStart(2, '0')}T00:00:00.000Z`,
      lastSeen: T0,
      history: [{ at: T0, status }],
    };
  }
  return ledger;
}

/** The next ledger as an assessment would leave it, plus what the diff must send in full. */
function nextLedger(rng: SeededRandom, held: Record<string, Finding>) {
  const judged = new Set(CONTROLS.filter(() => rng.chance(0.7)));
  const next: Record<string, Finding> = {};
  const mustSend = new Set<string>();
  for (const [fp, before] of Object.entries(held)) {
    const roll = rng.next();
    if (roll < 0.03) continue; // removed
    if (roll < 0.06) {
      // status change with history (resolved, reopened, waived)
      const status = before.status === 'resolved' ? 'open' : 'resolved';
      next[fp] = { ...before, status, lastSeen: AT, history: [...before.history, { at: AT, status }] };
      mustSend.add(fp);
    } else if (roll < 0.08) {
      next[fp] = { ...before, reason: `${before.reason} again` };
      mustSend.add(fp);
    } else if (roll < 0.09 && judged.has(before.control) && before.status !== 'resolved') {
      // Breaks the rule: an open finding of a judged control whose lastSeen did not move.
      next[fp] = { ...before };
      mustSend.add(fp);
    } else if (judged.has(before.control) && before.status !== 'resolved') {
      next[fp] = { ...before, lastSeen: AT };
    } else {
      next[fp] = { ...before };
    }
  }
  for (let i = 0; i < 40; i++) {
    const fingerprint = `f${String(i).padStart(15, '0')}`;
    next[fingerprint] = {
      ...Object.values(held)[i]!,
      fingerprint,
      firstSeen: AT,
      lastSeen: AT,
      subject: `NEW${i}`,
    };
    mustSend.add(fingerprint);
  }
  return { next, mustSend };
}

/** Counts without the zero entries an updated index keeps for keys that emptied. */
function counts(index: FindingsIndex) {
  const nonZero = <T extends object>(map: ReadonlyMap<string, T>) =>
    Object.fromEntries([...map].filter(([, c]) => Object.values(c).some((n) => n !== 0)));
  return {
    byClause: nonZero(index.byClause),
    byControl: nonZero(index.byControl),
    openByClause: nonZero(index.openByClause),
    openBySeverity: index.openBySeverity,
  };
}

describe('ledger diff', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: the mirror ends equal to the next ledger, sending in full only what changed`, () => {
      const rng = new SeededRandom(seed);
      const held = heldLedger(rng, 2_000);
      const { next, mustSend } = nextLedger(rng, held);
      const diff = ledgerDiff(held, next, AT);
      expect(new Set(diff.changed.map((f) => f.fingerprint))).toEqual(mustSend);
      expect(diff.header.removed.length).toBe(Object.keys(held).length - (Object.keys(next).length - 40));

      // The main thread's side: its own copy of the held ledger, indexed, then the diff as it arrives.
      const mirror = createStateMirror({ ...emptyState(), findings: structuredClone(held) });
      findingsIndex(mirror.data.findings);
      mirror.beginDiff(structuredClone(diff.header));
      // Newest first, as the worker's outbox sends them.
      diff.changed.sort(compareNewestFirst);
      for (let i = 0; i < diff.changed.length; i += 25)
        mirror.addFindings(structuredClone(diff.changed.slice(i, i + 25)));
      mirror.finishAssessment({ at: AT, pack: 'iso20000-1-2018', clauses: [], totals: {} });
      // The lastSeen moves are made in slices; until they are done the ledger may not equal yet.
      let slices = 0;
      while (mirror.touchSome(300)) slices += 1;
      expect(slices).toBeGreaterThan(0);

      expect(mirror.data.findings).toEqual(next);
      const updated = findingsIndex(mirror.data.findings);
      const fresh = findingsIndex(structuredClone(next));
      expect(updated.newestFirst.map((f) => f.fingerprint)).toEqual(
        fresh.newestFirst.map((f) => f.fingerprint),
      );
      expect(counts(updated)).toEqual(counts(fresh));
      expect(updated.byStatusSeverity().map((f) => f.fingerprint)).toEqual(
        fresh.byStatusSeverity().map((f) => f.fingerprint),
      );
    });
  }

  it('sends nothing in full when only lastSeen moved by the rule', () => {
    const rng = new SeededRandom(9);
    const held = heldLedger(rng, 500);
    const next = Object.fromEntries(
      Object.entries(held).map(([fp, f]) => [fp, f.status === 'resolved' ? f : { ...f, lastSeen: AT }]),
    );
    const diff = ledgerDiff(held, next, AT);
    expect(diff.changed).toEqual([]);
    expect(diff.header.removed).toEqual([]);
    expect(diff.header.touchedControls.sort()).toEqual(CONTROLS);
  });
});
