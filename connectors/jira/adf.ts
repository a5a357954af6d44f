// Gap tickets in Atlassian Document Format, which Jira Cloud's v3 API requires for descriptions and
// comments: the clause and control, why it matters, and a table of the offending records with links.
import type { TicketContent } from '../../src/contracts/index.js';
import type { Adf } from './client.js';

type Node = Record<string, unknown>;

const text = (value: string, marks?: Node[]): Node => ({
  type: 'text',
  text: value === '' ? ' ' : value,
  ...(marks === undefined ? {} : { marks }),
});
const link = (value: string, href: string): Node => text(value, [{ type: 'link', attrs: { href } }]);
const strong = (value: string): Node => text(value, [{ type: 'strong' }]);
const paragraph = (...content: Node[]): Node => ({ type: 'paragraph', content });
const heading = (level: number, value: string): Node => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});
const cell = (type: 'tableHeader' | 'tableCell', content: Node): Node => ({
  type,
  content: [paragraph(content)],
});
const row = (type: 'tableHeader' | 'tableCell', cells: Node[]): Node => ({
  type: 'tableRow',
  content: cells.map((c) => cell(type, c)),
});

function date(iso: string | null): string {
  return iso === null ? '-' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function doc(content: Node[]): Adf {
  return { type: 'doc', version: 1, content };
}

/** Plain lines as a comment, one paragraph each. */
export function commentAdf(lines: readonly string[]): Adf {
  return doc(lines.map((line) => paragraph(text(line))));
}

export function descriptionAdf(content: TicketContent): Adf {
  const nodes: Node[] = [];
  const clauses = content.clauses.map((c) => `${c.id} ${c.title}`).join('; ');
  nodes.push(paragraph(strong('ISO/IEC 20000-1:2018: '), text(clauses)));
  if (content.control !== null) {
    nodes.push(paragraph(strong('Control: '), text(`${content.control.id} - ${content.control.title}`)));
  }
  nodes.push(paragraph(strong('Severity: '), text(content.severity)));
  nodes.push(heading(3, 'Why it matters and how to fix it'), paragraph(text(content.guidance)));
  if (content.findings.length > 0) {
    nodes.push(heading(3, 'Findings'), {
      type: 'bulletList',
      content: content.findings.map((f) => ({
        type: 'listItem',
        content: [paragraph(strong(`${f.subject}: `), text(f.reason))],
      })),
    });
  }
  if (content.records.length > 0) {
    nodes.push(heading(3, 'Records that fail'), {
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: [
        row('tableHeader', [text('Record'), text('Source'), text('Created'), text('Updated'), text('Why')]),
        ...content.records.map((r) =>
          row('tableCell', [
            link(r.key, r.url),
            text(r.source),
            text(date(r.createdAt)),
            text(date(r.updatedAt)),
            text(r.reason),
          ]),
        ),
      ],
    });
    if (content.moreRecords > 0) nodes.push(paragraph(text(`... and ${content.moreRecords} more records.`)));
  }
  if (content.statusUrl !== null)
    nodes.push(paragraph(strong('Status: '), link(content.statusUrl, content.statusUrl)));
  return doc(nodes);
}
