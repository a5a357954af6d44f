// The findings ledger arranged for reading: in the API's order (newest first), in the dashboard's order,
// and counted per clause and per control. A large site holds hundreds of thousands of findings; sorting
// and counting them on every request would stall the status API, so the index is built once per
// assessment (by the state mirror, part by part as the findings arrive) and looked up by the ledger object.
import type { Finding } from '../contracts/findings.js';

export interface FindingCounts {
  open: number;
  resolved: number;
  waived: number;
}

export interface FindingsIndex {
  /** Newest first by firstSeen, then by fingerprint, descending: the order of GET /api/v1/findings. */
  readonly newestFirst: readonly Finding[];
  readonly byClause: ReadonlyMap<string, FindingCounts>;
  readonly byControl: ReadonlyMap<string, FindingCounts>;
  /** Open findings per severity. */
  readonly openBySeverity: Readonly<Record<Finding['severity'], number>>;
  /** Open findings per clause and severity (a finding serving two clauses counts in each). */
  readonly openByClause: ReadonlyMap<string, Readonly<Record<Finding['severity'], number>>>;
  /** Open, waived, resolved; within each major, minor, info; then newest first (the dashboard's table). */
  byStatusSeverity(): readonly Finding[];
}

/** Newest first: firstSeen descending, then fingerprint descending (both never change for a finding). */
export function compareNewestFirst(a: Finding, b: Finding): number {
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? 1 : -1;
  if (a.fingerprint === b.fingerprint) return 0;
  return a.fingerprint < b.fingerprint ? 1 : -1;
}

const STATUS_ORDER: readonly Finding['status'][] = ['open', 'waived', 'resolved'];
const SEVERITY_ORDER: readonly Finding['severity'][] = ['major', 'minor', 'info'];

export interface FindingsIndexBuilder {
  /** Adds findings that come after every one added before in newest-first order. */
  add(part: readonly Finding[]): void;
  finish(): FindingsIndex;
}

export function createFindingsIndexBuilder(): FindingsIndexBuilder {
  const newestFirst: Finding[] = [];
  const byClause = new Map<string, FindingCounts>();
  const byControl = new Map<string, FindingCounts>();
  const openBySeverity: Record<Finding['severity'], number> = { major: 0, minor: 0, info: 0 };
  const openByClause = new Map<string, Record<Finding['severity'], number>>();
  const count = (map: Map<string, FindingCounts>, key: string, status: Finding['status']) => {
    let counts = map.get(key);
    if (counts === undefined) map.set(key, (counts = { open: 0, resolved: 0, waived: 0 }));
    counts[status] += 1;
  };
  return {
    add(part) {
      for (const finding of part) {
        newestFirst.push(finding);
        count(byControl, finding.control, finding.status);
        for (const clause of finding.clauses) count(byClause, clause, finding.status);
        if (finding.status !== 'open') continue;
        openBySeverity[finding.severity] += 1;
        for (const clause of finding.clauses) {
          let open = openByClause.get(clause);
          if (open === undefined) openByClause.set(clause, (open = { major: 0, minor: 0, info: 0 }));
          open[finding.severity] += 1;
        }
      }
    },
    finish() {
      let dashboardOrder: Finding[] | undefined;
      return {
        newestFirst,
        byClause,
        byControl,
        openBySeverity,
        openByClause,
        byStatusSeverity() {
          // One pass into nine buckets keeps newest-first inside each: no sort needed.
          dashboardOrder ??= bucketed(newestFirst);
          return dashboardOrder;
        },
      };
    },
  };
}

function bucketed(newestFirst: readonly Finding[]): Finding[] {
  const buckets = new Map<string, Finding[]>();
  for (const status of STATUS_ORDER)
    for (const severity of SEVERITY_ORDER) buckets.set(`${status}/${severity}`, []);
  for (const finding of newestFirst) buckets.get(`${finding.status}/${finding.severity}`)?.push(finding);
  return [...buckets.values()].flat();
}

const indexes = new WeakMap<object, FindingsIndex>();

/** The index of a ledger object: the one the mirror built for it, or built now (sorting) and kept. */
export function findingsIndex(findings: Readonly<Record<string, Finding>>): FindingsIndex {
  let index = indexes.get(findings);
  if (index === undefined) {
    const builder = createFindingsIndexBuilder();
    builder.add(Object.values(findings).sort(compareNewestFirst));
    index = builder.finish();
    indexes.set(findings, index);
  }
  return index;
}

/** Records the index built for a ledger object, so findingsIndex() need not build it again. */
export function rememberFindingsIndex(
  findings: Readonly<Record<string, Finding>>,
  index: FindingsIndex,
): void {
  indexes.set(findings, index);
}
