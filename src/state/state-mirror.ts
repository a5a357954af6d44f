// A read-only copy of state kept current by the changes the store reports (state-changes.ts): the
// service's API thread reads it while the cycle worker owns the store and its file. An assessment's
// findings arrive in parts, newest first (hundreds of thousands at a large site: one message holding
// them all would stop the API for seconds while it is decoded); the ledger and its index are built as
// the parts come and take the old ones' place in one step when the assessment's summary arrives.
import type { Finding } from '../contracts/findings.js';
import {
  createFindingsIndexBuilder,
  rememberFindingsIndex,
  type FindingsIndexBuilder,
} from './findings-index.js';
import { applyStateChange, type StateChange } from './state-changes.js';
import { emptyState, type StateData } from './state-schema.js';

export interface StateMirror {
  readonly data: Readonly<StateData>;
  /** Follows one change the store made. */
  apply(change: StateChange): void;
  /** Takes the next part of an assessment's findings, in newest-first order. */
  addFindings(part: readonly Finding[]): void;
  /** Takes the findings that came in parts since the last ledger as the ledger. */
  finishFindings(): void;
  /** Applies the assessment whose findings came in parts since the last one. */
  finishAssessment(summary: NonNullable<StateData['lastAssessment']>): void;
  /** Starts again from a whole copy (when a new store has opened the file). */
  reset(snapshot: StateData): void;
}

export function createStateMirror(snapshot: StateData = emptyState()): StateMirror {
  let data = snapshot;
  let incoming: { findings: Record<string, Finding>; index: FindingsIndexBuilder } | undefined;
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
    addFindings(part) {
      incoming ??= { findings: {}, index: createFindingsIndexBuilder() };
      for (const finding of part) incoming.findings[finding.fingerprint] = finding;
      incoming.index.add(part);
    },
    finishFindings() {
      data.findings = received();
    },
    finishAssessment(summary) {
      applyStateChange(data, { type: 'assessment', findings: received(), summary });
    },
    reset: (next) => {
      data = next;
      incoming = undefined;
    },
  };
}
