// How many findings were open when each of the last runs finished, rebuilt from each finding's status
// history. State keeps no per-run counts, and the history is what an auditor trusts anyway: it is the
// same ledger the tickets are raised from.
import type { Finding, FindingStatus } from '../../contracts/findings.js';
import type { RunRecord } from '../../state/state-schema.js';

export interface RunPoint {
  runId: string;
  finishedAt: string;
  status: RunRecord['status'];
  open: number;
}

/**
 * The finding's status at `at`, or null when it did not exist yet. The history is capped
 * (FINDING_HISTORY_LIMIT), so for a time before its oldest kept entry the status is inferred: an entry
 * records a change, so the status before an "open" entry was not open, and before anything else it was.
 */
export function statusAt(finding: Finding, at: number): FindingStatus | null {
  if (Date.parse(finding.firstSeen) > at) return null;
  let status: FindingStatus | null = null;
  for (const entry of finding.history) {
    if (Date.parse(entry.at) > at) break;
    status = entry.status;
  }
  if (status !== null) return status;
  const first = finding.history[0];
  if (first === undefined) return finding.status;
  return first.status === 'open' ? 'resolved' : 'open';
}

/** One point per finished run, oldest first, for the last `limit` finished runs. */
export function openOverRuns(
  runs: readonly RunRecord[],
  findings: Readonly<Record<string, Finding>>,
  limit: number,
): RunPoint[] {
  const finished = runs.filter(
    (r): r is RunRecord & { finishedAt: string } => r.finishedAt !== null && r.status !== 'running',
  );
  const all = Object.values(findings);
  return finished.slice(-limit).map((run) => {
    const at = Date.parse(run.finishedAt);
    return {
      runId: run.id,
      finishedAt: run.finishedAt,
      status: run.status,
      open: all.filter((f) => statusAt(f, at) === 'open').length,
    };
  });
}
