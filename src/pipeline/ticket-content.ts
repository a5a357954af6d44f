// What a gap ticket says: the clause, the control, why it matters, and the offending records with deep
// links and their own dates. Built from the findings and the last evaluation; sinks only render it.
import type { TicketContent, TicketRecordRow } from '../contracts/tickets.js';
import type { Pack } from '../engine/index.js';
import { shortHash } from '../lib/hash.js';
import { maxSeverity, type FindingDetail, type TicketGroup } from './ticket-groups.js';

/** The titles and guidance tickets quote, by id. */
export interface PackText {
  name: string;
  clauseTitle(id: string): string;
  control(id: string): { title: string; guidance: string } | undefined;
}

export function packText(name: string, pack: Pick<Pack, 'clauses' | 'controls'>): PackText {
  const clauses = new Map(pack.clauses.map((c) => [c.id, c.title]));
  const controls = new Map(pack.controls.map((c) => [c.id, { title: c.title, guidance: c.guidance }]));
  return {
    name,
    clauseTitle: (id) => clauses.get(id) ?? id,
    control: (id) => controls.get(id),
  };
}

export interface ContentOptions {
  maxRecords: number;
  statusUrl: string | undefined;
}

const SUMMARY_MAX = 255;

export function ticketContent(
  group: TicketGroup,
  details: ReadonlyMap<string, FindingDetail>,
  text: PackText,
  options: ContentOptions,
): TicketContent {
  const control = group.control === null ? undefined : text.control(group.control);
  const clauseIds = [...new Set(group.findings.flatMap((f) => f.clauses))];
  const rows: TicketRecordRow[] = [];
  const findings: TicketContent['findings'] = [];
  let total = 0;
  for (const finding of group.findings) {
    const records = details.get(finding.fingerprint)?.records ?? [];
    if (records.length === 0) findings.push({ subject: finding.subject, reason: finding.reason });
    for (const ref of records) {
      total++;
      if (rows.length >= options.maxRecords) continue;
      rows.push({
        key: ref.key,
        url: ref.url,
        source: ref.source,
        createdAt: ref.createdAt,
        updatedAt: ref.updatedAt,
        reason: finding.reason,
      });
    }
  }
  const head = `[ISO 20000 ${group.clause}]`;
  const what =
    control !== undefined
      ? `${group.control ?? ''}: ${control.title}`
      : `${text.clauseTitle(group.clause)}${group.assignmentGroup === null ? '' : ` (group ${group.assignmentGroup})`}`;
  const guidance =
    control?.guidance ??
    [...new Set(group.findings.map((f) => text.control(f.control)?.guidance ?? ''))]
      .filter(Boolean)
      .join('\n\n');
  return {
    summary: `${head} ${what}`.slice(0, SUMMARY_MAX),
    clauses: clauseIds.map((id) => ({ id, title: text.clauseTitle(id) })),
    control:
      control === undefined || group.control === null ? null : { id: group.control, title: control.title },
    severity: maxSeverity(group.findings),
    guidance,
    findings,
    records: rows,
    moreRecords: total - rows.length,
    statusUrl:
      options.statusUrl === undefined
        ? null
        : `${options.statusUrl.replace(/\/$/, '')}/api/v1/findings?clause=${encodeURIComponent(group.clause)}`,
  };
}

/**
 * The revision of what a ticket lists: which findings, not their wording. Reasons quote figures that
 * drift daily ("open 41 days"); commenting on every such drift would bury the real changes.
 */
export function contentRevision(group: TicketGroup): string {
  return shortHash(
    group.findings
      .map((f) => f.fingerprint)
      .sort()
      .join(','),
    12,
  );
}
