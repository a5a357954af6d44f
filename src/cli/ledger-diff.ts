// What the main thread must be told to turn the ledger it holds into the next one. Between two
// assessments most findings differ only in lastSeen, set to the assessment's time for every open or
// waived finding of each control that judged again. So the diff names those controls and the time, the
// fingerprints that left, and in full only the findings that changed otherwise. The rule is checked
// here against the real next ledger: a finding it would get wrong is sent in full, so the main thread's
// copy always ends equal to the worker's.
import type { Finding } from '../contracts/findings.js';
import { isTouched } from '../state/state-mirror.js';

export interface LedgerDiffHeader {
  /** The assessment's time: the lastSeen the touched findings get. */
  at: string;
  /** Controls whose open and waived findings (those not sent in full) get lastSeen = at. */
  touchedControls: string[];
  /** Fingerprints no longer in the ledger. */
  removed: string[];
}

export interface LedgerDiff {
  header: LedgerDiffHeader;
  /** Findings new or changed beyond the rule, to replace the held ones whole. */
  changed: Finding[];
}

export function ledgerDiff(
  held: Readonly<Record<string, Finding>>,
  next: Readonly<Record<string, Finding>>,
  at: string,
): LedgerDiff {
  const touched = new Set<string>();
  const changed = new Map<string, Finding>();
  for (const [fingerprint, finding] of Object.entries(next)) {
    const before = held[fingerprint];
    if (before === undefined || !sameButLastSeen(before, finding)) changed.set(fingerprint, finding);
    else if (before.lastSeen !== finding.lastSeen && finding.lastSeen === at) touched.add(finding.control);
    else if (before.lastSeen !== finding.lastSeen) changed.set(fingerprint, finding);
  }
  const removed = Object.keys(held).filter((fingerprint) => next[fingerprint] === undefined);
  // The check: every held finding the rule alone would carry over must end exactly as in `next`.
  const header = { at, touchedControls: [...touched], removed };
  for (const [fingerprint, before] of Object.entries(held)) {
    const after = next[fingerprint];
    if (after === undefined || changed.has(fingerprint)) continue;
    const lastSeen = isTouched(before, touched) ? at : before.lastSeen;
    if (lastSeen !== after.lastSeen) changed.set(fingerprint, after);
  }
  return { header, changed: [...changed.values()] };
}

function sameButLastSeen(a: Finding, b: Finding): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.severity === b.severity &&
    a.firstSeen === b.firstSeen &&
    a.control === b.control &&
    a.subject === b.subject &&
    a.pack === b.pack &&
    a.clauses.length === b.clauses.length &&
    a.clauses.every((clause, i) => b.clauses[i] === clause) &&
    a.history.length === b.history.length &&
    a.history.every((entry, i) => b.history[i]?.at === entry.at && b.history[i]?.status === entry.status)
  );
}
