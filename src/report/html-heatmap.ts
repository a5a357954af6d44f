// The opening of the HTML report: what it covers (generation metadata kept apart from evidence dates)
// and the clause heat map, clauses 4-10 as a grid coloured by status with their counts.
import { clauseGroup } from './report-clauses.js';
import { esc } from './html-escape.js';
import { anchor, badge } from './html-parts.js';
import { count, coveredText, periodText, when } from './format.js';
import type { EvidenceReport, ReportClause } from './report-schema.js';

export function htmlHeader(report: EvidenceReport): string {
  const g = report.generation;
  const kinds = Object.entries(g.recordsByKind)
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');
  const sources = g.sources
    .map(
      (s) =>
        `${s.source}${s.type === null ? '' : ` [${s.type}]`} (${count(Object.values(s.records).reduce((a, b) => a + b, 0))} records` +
        `${s.lastPolledAt === null ? '' : `, last polled ${when(s.lastPolledAt)}`})`,
    )
    .join('; ');
  const rows: [string, string][] = [
    ['Period asked', periodText(report.period)],
    ['Records covered', coveredText(report.period)],
    [
      'Records',
      `${count(g.recordsTotal)} in the report${report.period.recordsExcluded > 0 ? `, ${count(report.period.recordsExcluded)} outside the period` : ''}${kinds === '' ? '' : `: ${kinds}`}`,
    ],
    ['Sources', sources === '' ? 'none' : sources],
    ['Pack', `${g.pack.name}: ${g.pack.clauses} clauses, ${g.pack.controls} controls`],
    [
      'Judged as of',
      `${when(g.evaluatedAt)}${g.lastAssessmentAt === null ? '' : ` (last assessment kept in state: ${when(g.lastAssessmentAt)})`}`,
    ],
    ['Sample seed', report.sample.seed],
    ['Generated', `${when(g.generatedAt)} by ${g.tool.name} ${g.tool.version} (not an evidence date)`],
  ];
  const meta = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const notes = report.summary.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');
  return `<header><h1>${esc(report.title)}</h1><dl class="meta">${meta}</dl>${notes}</header>`;
}

const STATUS_LABEL: Record<ReportClause['status'], string> = {
  ok: 'ok: automated checks pass',
  alarm: 'alarm: gaps found',
  skip: 'skip: no records to judge',
  manual: 'manual: evidenced by people',
};

function cellCounts(c: ReportClause): string {
  if (c.status === 'manual') return 'people';
  if (c.checked === 0) return c.controls.length === 0 ? 'no controls' : 'nothing judged';
  const parts = [`${count(c.passed)}/${count(c.checked)} pass`];
  if (c.failed > 0) parts.push(`${count(c.failed)} fail`);
  if (c.waived > 0) parts.push(`${count(c.waived)} waived`);
  return parts.join(', ');
}

export function htmlHeatmap(report: EvidenceReport): string {
  const groups = new Map<string, ReportClause[]>();
  for (const c of report.clauses) {
    const g = clauseGroup(c.id);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const rows = [...groups]
    .map(([group, clauses]) => {
      const cells = clauses
        .map(
          (c) =>
            `<a class="cell s-${c.status}" href="#${anchor('clause', c.id)}" title="${esc(`${c.id} ${c.title}: ${c.status}`)}">` +
            `<span class="id">${esc(c.id)}</span><span class="t">${esc(c.title)}</span>` +
            `<span class="n">${esc(cellCounts(c))}</span></a>`,
        )
        .join('');
      return `<div class="group">Clause ${esc(group)}</div><div class="cells">${cells}</div>`;
    })
    .join('');
  const legend = (['alarm', 'ok', 'skip', 'manual'] as const)
    .map((s) => `${badge(s, STATUS_LABEL[s])} ${report.summary.clauses[s]}`)
    .join(' ');
  const c = report.summary.controls;
  return (
    `<section id="heatmap"><h2>Clause heat map</h2>` +
    `<div class="legend">${legend}</div>` +
    `<div class="heatmap">${rows}</div>` +
    `<p class="small muted">Controls: ${c.alarm} with gaps, ${c.ok} passing, ${c.waived} waived only, ` +
    `${c.error} errors, ${c.skip} skipped. Counts are results (records or groups) judged by the automated controls.</p></section>`
  );
}
