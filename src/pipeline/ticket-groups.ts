// Which ticket each finding belongs in. Grouping is configuration: one ticket per control listing its
// records (the default: a process owner gets one ticket per broken rule, not hundreds), one per finding,
// or one per clause and assignment group (each team gets its own list).
import type { Finding } from '../contracts/findings.js';
import type { RecordRef } from '../engine/index.js';
import { shortHash } from '../lib/hash.js';
import type { TicketsConfig } from '../settings/schema.js';

/** What the last evaluation said about a finding that alarms now. */
export interface FindingDetail {
  records: readonly RecordRef[];
  /** The assignment group of the finding's first record, for grouping by clause and group. */
  assignmentGroup: string | null;
}

export interface TicketGroup {
  /** The ledger key: stable for as long as the grouping setting is. */
  key: string;
  /** The remote identity of the group's first ticket (later generations add "-n"). */
  baseTicketId: string;
  /** What the group is, for people: "control CH2-plans", "clause 8.5.1 / group 3f9c…". */
  label: string;
  control: string | null;
  clause: string;
  assignmentGroup: string | null;
  findings: Finding[];
}

const SEVERITY_RANK = { info: 0, minor: 1, major: 2 } as const;

export function severityAtLeast(severity: Finding['severity'], min: Finding['severity']): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[min];
}

export function maxSeverity(findings: readonly Finding[]): Finding['severity'] {
  let best: Finding['severity'] = 'info';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

/** The group a finding belongs to under the configured grouping. */
export function groupOf(
  finding: Finding,
  grouping: TicketsConfig['grouping'],
  detail: FindingDetail | undefined,
): Omit<TicketGroup, 'findings'> {
  const clause = finding.clauses[0] ?? '';
  if (grouping === 'finding') {
    return {
      key: `finding:${finding.fingerprint}`,
      baseTicketId: finding.fingerprint,
      label: `finding ${finding.control} ${finding.subject}`,
      control: finding.control,
      clause,
      assignmentGroup: detail?.assignmentGroup ?? null,
    };
  }
  if (grouping === 'control') {
    const key = `control:${finding.pack}:${finding.control}`;
    return {
      key,
      baseTicketId: shortHash(key),
      label: `control ${finding.control}`,
      control: finding.control,
      clause,
      assignmentGroup: null,
    };
  }
  const assignmentGroup = detail?.assignmentGroup ?? null;
  const key = `clause:${finding.pack}:${clause}:${assignmentGroup ?? ''}`;
  return {
    key,
    baseTicketId: shortHash(key),
    label: `clause ${clause}${assignmentGroup === null ? '' : ` / group ${assignmentGroup}`}`,
    control: null,
    clause,
    assignmentGroup,
  };
}

/** Groups findings; the findings keep their order within a group (oldest first). */
export function groupFindings(
  findings: readonly Finding[],
  grouping: TicketsConfig['grouping'],
  details: ReadonlyMap<string, FindingDetail>,
): Map<string, TicketGroup> {
  const groups = new Map<string, TicketGroup>();
  const ordered = [...findings].sort(
    (a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.fingerprint.localeCompare(b.fingerprint),
  );
  for (const finding of ordered) {
    const head = groupOf(finding, grouping, details.get(finding.fingerprint));
    let group = groups.get(head.key);
    if (group === undefined) groups.set(head.key, (group = { ...head, findings: [] }));
    group.findings.push(finding);
  }
  return groups;
}

/** The ticket id of a group's nth ticket (onReturn: new opens a fresh ticket each time a gap returns). */
export function ticketIdOf(baseTicketId: string, generation: number): string {
  return generation === 0 ? baseTicketId : `${baseTicketId}-${generation}`;
}
