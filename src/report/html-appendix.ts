// The HTML report after the clauses: waivers, the manual-evidence checklist, the auditor's sample and
// how to read it all (sampling method, period rules).
import { esc } from './html-escape.js';
import { DATE_HEADERS, badge, dateCells, recordLink, table } from './html-parts.js';
import type { EvidenceReport, SampleKind } from './report-schema.js';

export function htmlWaivers(report: EvidenceReport): string {
  const rows = report.waivers.map(
    (w) =>
      `<tr><td>${esc(w.control)}</td><td>${esc(w.subject ?? 'every subject')}</td><td>${esc(w.reason)}</td>` +
      `<td class="date">${esc(w.expires)}</td><td>${badge(w.state === 'active' ? 'waived' : 'skip', w.state)}</td>` +
      `<td class="num">${w.resultsWaived}</td></tr>`,
  );
  const body =
    rows.length === 0
      ? '<p>No waivers are configured: every gap counts.</p>'
      : table(
          '<th>control</th><th>subject</th><th>reason</th><th>expires</th><th>state</th><th class="num">gaps accepted</th>',
          rows,
        );
  return `<section id="waivers"><h2>Waivers</h2><p class="small muted">Accepted gaps raise no ticket but stay listed under their control as waived, until the waiver's last day.</p>${body}</section>`;
}

export function htmlChecklist(report: EvidenceReport): string {
  const section = (manual: boolean) =>
    report.clauses
      .filter((c) => c.evidence.length > 0 && (c.status === 'manual') === manual)
      .flatMap((c) =>
        c.evidence.map(
          (item, i) =>
            `<tr><td>${i === 0 ? `${esc(c.id)} ${esc(c.title)}` : ''}</td><td>${esc(item)}</td><td class="box">☐</td><td></td></tr>`,
        ),
      );
  const head = '<th>clause</th><th>evidence to see</th><th>seen</th><th>reference / notes</th>';
  const manual = section(true);
  const automated = section(false);
  return (
    `<section id="manual"><h2>Manual evidence checklist</h2>` +
    `<p class="small muted">What only people can show: documents, minutes, interviews. Tick and note the reference during the audit.</p>` +
    `<h3>Clauses only people can evidence</h3>${table(head, manual)}` +
    (automated.length === 0
      ? ''
      : `<h3>Automated clauses: what the records cannot show</h3>${table(head, automated)}`) +
    `</section>`
  );
}

const MARK: Record<string, string> = {
  ok: '✓',
  alarm: '✗',
  waived: 'W',
  error: 'E',
  skip: '–',
  'not-in-scope': '·',
};

function sampleTable(kind: SampleKind): string {
  const head =
    `<th>record</th>${DATE_HEADERS}` + kind.controls.map((id) => `<th class="ctl">${esc(id)}</th>`).join('');
  const rows = kind.records.map((r) => {
    const cells = r.results
      .map(
        (v) =>
          `<td class="v s-${v.status}" title="${esc(`${v.control}: ${v.status}${v.reason === null ? '' : ` - ${v.reason}`}`)}">${MARK[v.status] ?? '?'}</td>`,
      )
      .join('');
    return `<tr><td>${recordLink(r.record)}</td>${dateCells(r.record)}${cells}</tr>`;
  });
  return (
    `<h3>${esc(kind.kind)}: ${kind.records.length} of ${kind.population}</h3>` +
    (kind.controls.length === 0
      ? '<p class="small muted">No per-record control judges this kind; the records are listed for the auditor to inspect.</p>'
      : '') +
    table(head, rows, 'sample')
  );
}

export function htmlSample(report: EvidenceReport): string {
  const s = report.sample;
  const legend = Object.entries(MARK)
    .map(([status, mark]) => `<span class="badge s-${esc(status)}">${esc(mark)}</span> ${esc(status)}`)
    .join(' ');
  const body = s.kinds.length === 0 ? '<p>No records to sample.</p>' : s.kinds.map(sampleTable).join('');
  return (
    `<section id="sample"><h2>Auditor's sample (seed ${esc(s.seed)})</h2>` +
    `<p class="small">${esc(s.method)} Up to ${s.perKind} records per kind.</p>` +
    `<div class="legend">${legend}</div>${body}</section>`
  );
}

export function htmlMethod(report: EvidenceReport): string {
  const rules = report.period.rules.map(
    (r) => `<tr><td>${esc(r.kinds.join(', '))}</td><td>${esc(r.rule)}</td></tr>`,
  );
  return (
    `<section id="method"><h2>How to read this report</h2><ul>` +
    `<li>Each automated control judges records (record and relation controls) or groups of records (aggregate and freshness controls). ` +
    `The denominator is what it judged; the pass rate is passed ÷ judged, where waived gaps and errors count as not passed.</li>` +
    `<li>Dates beside a record are the record's own (created, updated, closed in its source system). The generation time at the top is not an evidence date.</li>` +
    `<li>"Gap first seen" is when iso20k first found the gap in an earlier run.</li>` +
    `<li>Records are judged as they are now in the cache; a period selects which records count, not how they looked then.</li>` +
    `</ul><h3>Which records a period covers</h3>${table('<th>kinds</th><th>rule</th>', rules)}</section>`
  );
}
