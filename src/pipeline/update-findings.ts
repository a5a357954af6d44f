// Folds one assessment's results into the findings ledger: a new alarm opens a finding, an alarm that is
// gone resolves it, a resolved finding that alarms again reopens, a waiver marks it waived. Pure, so
// the life cycle is tested without I/O.
import type { Finding, FindingStatus } from '../contracts/findings.js';
import { FINDING_HISTORY_LIMIT } from '../contracts/findings.js';
import { findingFingerprint } from '../lib/hash.js';

/** What the ledger needs of one result; the engine's results carry at least this. */
export interface AssessedResult {
  control: string;
  subject: string;
  clauses: readonly string[];
  severity: Finding['severity'];
  status: 'ok' | 'alarm' | 'skip' | 'error' | 'waived';
  reason: string;
}

export interface FindingChanges {
  opened: string[];
  resolved: string[];
  reopened: string[];
  waived: string[];
}

export function updateFindings(
  pack: string,
  previous: Readonly<Record<string, Finding>>,
  results: readonly AssessedResult[],
  now: Date,
): { findings: Record<string, Finding>; changes: FindingChanges } {
  const at = now.toISOString();
  const findings: Record<string, Finding> = { ...previous };
  const changes: FindingChanges = { opened: [], resolved: [], reopened: [], waived: [] };
  const seen = new Set<string>();
  // Controls that could not judge this time (skip, error) leave their findings as they were.
  const undecided = new Set<string>();

  for (const result of results) {
    if (result.status === 'skip' || result.status === 'error') {
      undecided.add(result.control);
      continue;
    }
    const fingerprint = findingFingerprint(pack, result.control, result.subject);
    if (result.status === 'ok') continue;
    seen.add(fingerprint);
    const status: FindingStatus = result.status === 'waived' ? 'waived' : 'open';
    const known = findings[fingerprint];
    if (known === undefined) {
      findings[fingerprint] = {
        fingerprint,
        pack,
        control: result.control,
        subject: result.subject,
        clauses: [...result.clauses],
        severity: result.severity,
        status,
        reason: result.reason,
        firstSeen: at,
        lastSeen: at,
        history: [{ at, status }],
      };
      (status === 'open' ? changes.opened : changes.waived).push(fingerprint);
      continue;
    }
    const next: Finding = {
      ...known,
      reason: result.reason,
      severity: result.severity,
      lastSeen: at,
      clauses: [...result.clauses],
    };
    if (known.status !== status) {
      next.status = status;
      next.history = [...known.history, { at, status }].slice(-FINDING_HISTORY_LIMIT);
      if (status === 'waived') changes.waived.push(fingerprint);
      else if (known.status === 'resolved') changes.reopened.push(fingerprint);
      else changes.opened.push(fingerprint);
    }
    findings[fingerprint] = next;
  }

  for (const finding of Object.values(findings)) {
    if (finding.pack !== pack || seen.has(finding.fingerprint) || finding.status === 'resolved') continue;
    if (undecided.has(finding.control)) continue;
    findings[finding.fingerprint] = {
      ...finding,
      status: 'resolved',
      history: [...finding.history, { at, status: 'resolved' as const }].slice(-FINDING_HISTORY_LIMIT),
    };
    changes.resolved.push(finding.fingerprint);
  }
  return { findings, changes };
}
