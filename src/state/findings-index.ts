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

type SeverityCounts = Record<Finding['severity'], number>;

/** The counts of an index, kept by adding and taking away findings. */
class Tally {
  readonly byClause = new Map<string, FindingCounts>();
  readonly byControl = new Map<string, FindingCounts>();
  readonly openBySeverity: SeverityCounts = { major: 0, minor: 0, info: 0 };
  readonly openByClause = new Map<string, SeverityCounts>();

  static from(index: FindingsIndex): Tally {
    const tally = new Tally();
    const copy = <T extends object>(from: ReadonlyMap<string, T>, to: Map<string, T>) => {
      for (const [key, counts] of from) to.set(key, { ...counts });
    };
    copy(index.byClause, tally.byClause);
    copy(index.byControl, tally.byControl);
    copy(index.openByClause, tally.openByClause);
    Object.assign(tally.openBySeverity, index.openBySeverity);
    return tally;
  }

  /** Counts a finding in (by 1) or out (by -1). */
  count(finding: Finding, by: 1 | -1): void {
    bump(this.byControl, finding.control, () => ({ open: 0, resolved: 0, waived: 0 }))[finding.status] += by;
    for (const clause of finding.clauses)
      bump(this.byClause, clause, () => ({ open: 0, resolved: 0, waived: 0 }))[finding.status] += by;
    if (finding.status !== 'open') return;
    this.openBySeverity[finding.severity] += by;
    for (const clause of finding.clauses)
      bump(this.openByClause, clause, () => ({ major: 0, minor: 0, info: 0 }))[finding.severity] += by;
  }

  index(newestFirst: readonly Finding[]): FindingsIndex {
    let dashboardOrder: Finding[] | undefined;
    return {
      newestFirst,
      byClause: this.byClause,
      byControl: this.byControl,
      openBySeverity: this.openBySeverity,
      openByClause: this.openByClause,
      byStatusSeverity() {
        // One pass into nine buckets keeps newest-first inside each: no sort needed.
        dashboardOrder ??= bucketed(newestFirst);
        return dashboardOrder;
      },
    };
  }
}

function bump<T>(map: Map<string, T>, key: string, fresh: () => T): T {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = fresh()));
  return value;
}

export function createFindingsIndexBuilder(): FindingsIndexBuilder {
  const newestFirst: Finding[] = [];
  const tally = new Tally();
  return {
    add(part) {
      for (const finding of part) {
        newestFirst.push(finding);
        tally.count(finding, 1);
      }
    },
    finish: () => tally.index(newestFirst),
  };
}

/**
 * The index after some findings left the ledger (`removed`: the objects the index holds) and others
 * came in (`added`, newest first, as the worker sends them), without sorting or counting the whole
 * ledger again: one pass that drops the removed and merges the added, and counts moved for the changed
 * findings only.
 */
export function updateFindingsIndex(
  base: FindingsIndex,
  removed: readonly Finding[],
  added: readonly Finding[],
): FindingsIndex {
  const tally = Tally.from(base);
  for (const finding of removed) tally.count(finding, -1);
  for (const finding of added) tally.count(finding, 1);
  return tally.index(
    removed.length + added.length <= SPLICE_LIMIT
      ? spliced(base.newestFirst, removed, added)
      : merged(base.newestFirst, removed, added),
  );
}

/** Up to this many changes are spliced into a copy of the order; more are merged in one pass. */
const SPLICE_LIMIT = 256;

/** Where `finding` is, or would go, in a newest-first list: the first position not before it. */
function positionOf(list: readonly Finding[], finding: Finding): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewestFirst(list[middle]!, finding) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A few changes: each found by binary search and spliced (a copy of the array, then memmoves). */
function spliced(
  order: readonly Finding[],
  removed: readonly Finding[],
  added: readonly Finding[],
): Finding[] {
  const list = order.slice();
  for (const finding of removed) {
    const at = positionOf(list, finding);
    if (list[at] === finding) list.splice(at, 1);
  }
  for (const finding of added) list.splice(positionOf(list, finding), 0, finding);
  return list;
}

/** Many changes: one pass that drops the removed and merges the added (newest first). */
function merged(
  order: readonly Finding[],
  removed: readonly Finding[],
  added: readonly Finding[],
): Finding[] {
  const gone = new Set(removed);
  const list: Finding[] = [];
  let next = 0;
  for (const finding of order) {
    if (gone.has(finding)) continue;
    while (next < added.length && compareNewestFirst(added[next]!, finding) < 0) list.push(added[next++]!);
    list.push(finding);
  }
  while (next < added.length) list.push(added[next++]!);
  return list;
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
