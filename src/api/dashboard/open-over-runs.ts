// How many findings were open when each of the last runs finished, rebuilt from each finding's status
// history. State keeps no per-run counts, and the history is what an auditor trusts anyway: it is the
// same ledger the tickets are raised from.
import type { Finding, FindingStatus } from '../../contracts/findings.js';
import { findingsIndex } from '../../state/findings-index.js';
import type { RunRecord } from '../../state/state-schema.js';

export interface RunPoint {
  runId: string;
  finishedAt: string;
  status: RunRecord['status'];
  open: number;
}

/** A finding's dates parsed once, for asking its status at many times. */
interface ParsedFinding {
  firstSeen: number;
  history: readonly { at: number; status: FindingStatus }[];
  status: FindingStatus;
}

function parse(finding: Finding): ParsedFinding {
  return {
    firstSeen: Date.parse(finding.firstSeen),
    history: finding.history.map((entry) => ({ at: Date.parse(entry.at), status: entry.status })),
    status: finding.status,
  };
}

/**
 * The finding's status at `at`, or null when it did not exist yet. The history is capped
 * (FINDING_HISTORY_LIMIT), so for a time before its oldest kept entry the status is inferred: an entry
 * records a change, so the status before an "open" entry was not open, and before anything else it was.
 */
export function statusAt(finding: Finding, at: number): FindingStatus | null {
  return parsedStatusAt(parse(finding), at);
}

function parsedStatusAt(finding: ParsedFinding, at: number): FindingStatus | null {
  if (finding.firstSeen > at) return null;
  let status: FindingStatus | null = null;
  for (const entry of finding.history) {
    if (entry.at > at) break;
    status = entry.status;
  }
  if (status !== null) return status;
  const first = finding.history[0];
  if (first === undefined) return finding.status;
  return first.status === 'open' ? 'resolved' : 'open';
}

/**
 * The last answer per ledger index: the chart changes only when a run finishes or the ledger changes, and
 * a changed ledger always has a new index (the service changes its ledger in place, so not the object).
 */
const remembered = new WeakMap<object, { key: string; points: RunPoint[] }>();

/**
 * One point per finished run, oldest first, for the last `limit` finished runs. Each finding's dates
 * are parsed once for all the runs, and the answer is kept until the runs or the ledger change: a large
 * ledger (hundreds of thousands of findings) would otherwise cost the page seconds.
 */
export function openOverRuns(
  runs: readonly RunRecord[],
  findings: Readonly<Record<string, Finding>>,
  limit: number,
): RunPoint[] {
  const shown = runs
    .filter((r): r is RunRecord & { finishedAt: string } => r.finishedAt !== null && r.status !== 'running')
    .slice(-limit);
  const key = shown.map((r) => `${r.id}:${r.status}:${r.finishedAt}`).join(',');
  const index = findingsIndex(findings);
  const known = remembered.get(index);
  if (known?.key === key) return known.points;
  const times = shown.map((run) => Date.parse(run.finishedAt));
  const open = times.map(() => 0);
  for (const finding of index.newestFirst) {
    const parsed = parse(finding);
    times.forEach((at, i) => {
      if (parsedStatusAt(parsed, at) === 'open') open[i] = (open[i] ?? 0) + 1;
    });
  }
  const points = shown.map((run, i) => ({
    runId: run.id,
    finishedAt: run.finishedAt,
    status: run.status,
    open: open[i] ?? 0,
  }));
  remembered.set(index, { key, points });
  return points;
}
