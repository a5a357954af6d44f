// The clause tree as a heat map: clauses 4-10 in the pack's order, one row per top-level clause, each cell
// coloured by the last assessment's status with its counts. A cell links to the findings table filtered
// to that clause, so the map is also the way in to the gaps behind a red cell.
import type { ClauseView } from '../clause-view.js';
import { badge, esc } from './html.js';

const STATUS_LABEL: Record<ClauseView['status'], string> = {
  alarm: 'alarm: gaps found',
  ok: 'ok: automated checks pass',
  skip: 'skip: no records to judge',
  manual: 'manual: evidenced by people',
  not_assessed: 'not assessed yet',
};

function cellCounts(c: ClauseView): string {
  if (c.status === 'manual') return 'people';
  if (c.results === null) return 'no results';
  if (c.results.checked === 0) return c.controls.length === 0 ? 'no controls' : 'nothing judged';
  return `${c.results.passed}/${c.results.checked} pass${c.results.waived > 0 ? `, ${c.results.waived} waived` : ''}`;
}

/** Failed results and open findings differ (a finding outlives a run it was not judged in): show both. */
function gapLine(c: ClauseView): string {
  const failed = c.results?.failed ?? 0;
  if (failed === 0 && c.findings.open === 0) return '';
  return `<span class="f">${failed} fail · ${c.findings.open} open</span>`;
}

function cell(c: ClauseView): string {
  return (
    `<a class="cell s-${esc(c.status)}" data-clause="${esc(c.id)}" data-status="${esc(c.status)}" ` +
    `href="/?clause=${encodeURIComponent(c.id)}#findings" title="${esc(`${c.id} ${c.title}: ${c.status}`)}">` +
    `<span class="id">${esc(c.id)}</span><span class="t">${esc(c.title)}</span>` +
    `<span class="n">${esc(cellCounts(c))}</span>${gapLine(c)}</a>`
  );
}

export function clauseHeatmap(clauses: readonly ClauseView[], assessedAt: string | null): string {
  const groups = new Map<string, ClauseView[]>();
  for (const c of clauses) {
    const group = c.id.split('.')[0] ?? c.id;
    groups.set(group, [...(groups.get(group) ?? []), c]);
  }
  const rows = [...groups]
    .map(
      ([group, members]) =>
        `<div class="group">Clause&nbsp;${esc(group)}</div><div class="cells">${members.map(cell).join('')}</div>`,
    )
    .join('');
  const totals = new Map<ClauseView['status'], number>();
  for (const c of clauses) totals.set(c.status, (totals.get(c.status) ?? 0) + 1);
  const legend = (Object.keys(STATUS_LABEL) as ClauseView['status'][])
    .filter((s) => s !== 'not_assessed' || totals.has(s))
    .map((s) => `${badge(s, STATUS_LABEL[s])} ${totals.get(s) ?? 0}`)
    .join(' ');
  const when =
    assessedAt === null
      ? 'No assessment yet: every clause shows as not assessed until the first run.'
      : 'Counts are results (records or groups) judged by the automated controls in the last assessment, then failed results and open findings. Select a clause to see its findings.';
  return (
    `<section id="clauses"><h2>Clause heat map</h2><div class="legend">${legend}</div>` +
    `<div class="heatmap">${rows}</div><p class="small muted">${esc(when)}</p></section>`
  );
}
