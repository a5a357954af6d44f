// A read-only copy of state kept current by the changes the store reports (state-changes.ts): the
// service's API thread reads it while the cycle worker owns the store and its file. An assessment's
// findings arrive in parts, newest first (hundreds of thousands at a large site: one message holding
// them all would stop the API for seconds while it is decoded); the ledger and its index are built as
// the parts come and take the old ones' place in one step when the assessment's summary arrives.
import type { Finding } from '../contracts/findings.js';
import {
  createFindingsIndexBuilder,
  findingsIndex,
  rememberFindingsIndex,
  updateFindingsIndex,
  type FindingsIndexBuilder,
} from './findings-index.js';
import { applyStateChange, type StateChange } from './state-changes.js';
import { emptyState, type StateData } from './state-schema.js';

export interface StateMirror {
  readonly data: Readonly<StateData>;
  /** Follows one change the store made. */
  apply(change: StateChange): void;
  /**
   * Announces that the next assessment comes as a change to the ledger held now: the parts that follow
   * are the findings that replace held ones or are new (see src/cli/ledger-diff.ts for the rule).
   */
  beginDiff(diff: { at: string; touchedControls: readonly string[]; removed: readonly string[] }): void;
  /** Takes the next part of an assessment's findings, in newest-first order. */
  addFindings(part: readonly Finding[]): void;
  /** Takes the findings that came in parts since the last ledger as the ledger. */
  finishFindings(): void;
  /** Applies the assessment whose findings came in parts since the last one. */
  finishAssessment(summary: NonNullable<StateData['lastAssessment']>): void;
  /**
   * Moves lastSeen forward on up to `count` findings that the last diff touched; true while some are
   * left. Done in slices between requests: at a large site it is some 200,000 writes (about 70 ms).
   * Until then a finding may show the lastSeen of the assessment before.
   */
  touchSome(count: number): boolean;
  /** Starts again from a whole copy (when a new store has opened the file). */
  reset(snapshot: StateData): void;
}

export function createStateMirror(snapshot: StateData = emptyState()): StateMirror {
  let data = snapshot;
  let incoming: { findings: Record<string, Finding>; index: FindingsIndexBuilder } | undefined;
  let diff: { at: string; touched: Set<string>; removed: readonly string[]; changed: Finding[] } | undefined;
  let touching: Touch | undefined;
  const touchAll = () => {
    if (touching !== undefined) touchStep(touching, Number.POSITIVE_INFINITY);
    touching = undefined;
  };
  /** The ledger built from the parts, with its index remembered. */
  const received = (): Record<string, Finding> => {
    const findings = incoming?.findings ?? {};
    if (incoming !== undefined) rememberFindingsIndex(findings, incoming.index.finish());
    incoming = undefined;
    return findings;
  };
  return {
    get data() {
      return data;
    },
    apply: (change) => applyStateChange(data, change),
    beginDiff(next) {
      // A diff builds on the ledger as the last one left it, touches included.
      touchAll();
      incoming = undefined;
      diff = { at: next.at, touched: new Set(next.touchedControls), removed: next.removed, changed: [] };
    },
    addFindings(part) {
      if (diff !== undefined) {
        diff.changed.push(...part);
        return;
      }
      incoming ??= { findings: {}, index: createFindingsIndexBuilder() };
      for (const finding of part) incoming.findings[finding.fingerprint] = finding;
      incoming.index.add(part);
    },
    finishFindings() {
      data.findings = received();
    },
    finishAssessment(summary) {
      let findings: Record<string, Finding>;
      if (diff === undefined) findings = received();
      else {
        const applied = applyDiff(data.findings, diff);
        findings = applied.ledger;
        touching = applied.touch;
      }
      diff = undefined;
      applyStateChange(data, { type: 'assessment', findings, summary });
    },
    touchSome(count) {
      if (touching === undefined) return false;
      if (!touchStep(touching, count)) return true;
      touching = undefined;
      return false;
    },
    reset: (next) => {
      data = next;
      incoming = undefined;
      diff = undefined;
      touching = undefined;
    },
  };
}

/**
 * Whether a diff's touch moves this held finding's lastSeen: an open or waived finding of a control
 * that judged again. The worker checks its diffs against this same rule (src/cli/ledger-diff.ts).
 */
export function isTouched(finding: Finding, controls: ReadonlySet<string>): boolean {
  return controls.has(finding.control) && finding.status !== 'resolved';
}

/** lastSeen moves still to make: the held findings (before the diff) of the touched controls. */
interface Touch {
  list: readonly Finding[];
  next: number;
  at: string;
  controls: ReadonlySet<string>;
}

/** Touches up to `count` findings; true when the list is done. */
function touchStep(touch: Touch, count: number): boolean {
  const end = Math.min(touch.list.length, touch.next + count);
  for (let i = touch.next; i < end; i++) {
    const finding = touch.list[i]!;
    if (isTouched(finding, touch.controls)) finding.lastSeen = touch.at;
  }
  touch.next = end;
  return end === touch.list.length;
}

/**
 * Turns the held ledger into the next one in place (the mirror's own copies, read only by the API) and
 * updates its index without sorting or counting it all again. The lastSeen moves are returned as work
 * to do in slices: they walk the findings held before the diff (so a finding sent in full keeps its own
 * lastSeen), through the index's array rather than the ledger object, whose values take 200 ms to list
 * at 200,000 keys.
 */
function applyDiff(
  ledger: Record<string, Finding>,
  diff: { at: string; touched: ReadonlySet<string>; removed: readonly string[]; changed: readonly Finding[] },
): { ledger: Record<string, Finding>; touch: Touch | undefined } {
  const before = findingsIndex(ledger);
  const leaving: Finding[] = [];
  for (const fingerprint of diff.removed) {
    const finding = ledger[fingerprint];
    if (finding !== undefined) leaving.push(finding);
    delete ledger[fingerprint];
  }
  for (const finding of diff.changed) {
    const held = ledger[finding.fingerprint];
    if (held !== undefined) leaving.push(held);
    ledger[finding.fingerprint] = finding;
  }
  // lastSeen does not move a finding in the index's order or its counts.
  rememberFindingsIndex(ledger, updateFindingsIndex(before, leaving, diff.changed));
  const touch =
    diff.touched.size === 0
      ? undefined
      : { list: before.newestFirst, next: 0, at: diff.at, controls: diff.touched };
  return { ledger, touch };
}
