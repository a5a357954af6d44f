// Gap tickets as ServiceNow text: the description carries the whole current content (with the revision
// stamped on its last line, so a retried update can tell it already landed); work notes carry changes.
import type { TicketContent } from '../../src/contracts/index.js';

const REVISION = /^iso20k revision: ([0-9a-f]+)$/m;

export function revisionOf(description: string): string | null {
  return REVISION.exec(description)?.[1] ?? null;
}

function date(iso: string | null): string {
  return iso === null ? '-' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function descriptionOf(content: TicketContent, revision: string): string {
  const lines: string[] = [];
  const clauses = content.clauses.map((c) => `${c.id} ${c.title}`).join('; ');
  lines.push(`ISO/IEC 20000-1:2018 clause: ${clauses}`);
  if (content.control !== null) lines.push(`Control: ${content.control.id} - ${content.control.title}`);
  lines.push(`Severity: ${content.severity}`, '', 'Why it matters and how to fix it:', content.guidance, '');
  for (const finding of content.findings) lines.push(`- ${finding.subject}: ${finding.reason}`);
  if (content.records.length > 0) {
    lines.push('Records that fail (created / updated at the source):');
    for (const r of content.records) {
      lines.push(
        `- ${r.key} (${r.source}, ${date(r.createdAt)} / ${date(r.updatedAt)}): ${r.reason}`,
        `  ${r.url}`,
      );
    }
    if (content.moreRecords > 0) lines.push(`... and ${content.moreRecords} more records.`);
  }
  if (content.statusUrl !== null) lines.push('', `Status: ${content.statusUrl}`);
  lines.push('', `iso20k revision: ${revision}`);
  return lines.join('\n');
}
