// The evidence pack in Markdown, for a wiki page or a pull request: the same sections as the HTML, with
// failing records capped per control ("and N more") like the HTML.
import { clauseGroup } from './report-clauses.js';
import { coveredText, day, DEFAULT_FAILURE_CAP, percent, periodText, when } from './format.js';
import { mdLink, mdTable, mdText } from './md-escape.js';
import type { DatedRecord, EvidenceReport, ReportControl, ReportFinding } from './report-schema.js';

export interface MarkdownOptions {
  failureCap?: number;
}

const recordCell = (r: DatedRecord | null, subject: string) =>
  r === null ? mdText(subject) : mdLink(r.key === '' ? r.id : r.key, r.url);
const closedCell = (r: DatedRecord | null) =>
  r?.closedAt == null ? '-' : `${day(r.closedAt)} (${mdText(r.closedField ?? '')})`;

function findings(label: string, list: readonly ReportFinding[], cap: number): string[] {
  if (list.length === 0) return [];
  const rows = list
    .slice(0, cap)
    .map((f) => [
      recordCell(f.record, f.subject) + (f.status === 'alarm' ? '' : ` (${f.status})`),
      mdText(f.reason) +
        (f.waiver === null ? '' : ` — waiver until ${mdText(f.waiver.expires)}: ${mdText(f.waiver.reason)}`),
      day(f.record?.createdAt ?? null),
      f.record === null ? '-' : day(f.record.updatedAt),
      closedCell(f.record),
    ]);
  const more =
    list.length > cap ? [`\n_and ${list.length - cap} more (the CSV and JSON formats list every one)_`] : [];
  return [
    `\n${label}: ${list.length}\n`,
    mdTable(['record', 'why', 'created', 'updated', 'closed'], rows),
    ...more,
  ];
}

function control(c: ReportControl, cap: number): string[] {
  const out = [
    `\n#### ${mdText(c.id)}: ${mdText(c.title)}\n`,
    `${c.kind} control on ${c.resource}, ${c.severity}: **${c.judged === 0 ? `no ${c.unit} judged` : `${c.passed} of ${c.judged} ${c.unit} passed (${percent(c.passRate)})`}**, ` +
      `${c.failed} failed, ${c.waived} waived, ${c.errors} errors — ${c.status}` +
      (c.clauses.length > 1 ? ` (also serves ${c.clauses.slice(1).map(mdText).join(', ')})` : ''),
  ];
  if (c.skipReasons.length > 0) out.push(`\nNot judged: ${mdText(c.skipReasons.slice(0, 5).join('; '))}`);
  return [...out, ...findings('Failing', c.failures, cap), ...findings('Waived', c.waivedFindings, cap)];
}

export function renderMarkdown(report: EvidenceReport, options: MarkdownOptions = {}): string {
  const cap = options.failureCap ?? DEFAULT_FAILURE_CAP;
  const g = report.generation;
  const out: string[] = [
    `# ${mdText(report.title)}\n`,
    `- Period asked: ${mdText(periodText(report.period))}`,
    `- Records covered: ${mdText(coveredText(report.period))}`,
    `- Records: ${g.recordsTotal} (${mdText(
      Object.entries(g.recordsByKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none',
    )})`,
    `- Sources: ${mdText(g.sources.map((s) => `${s.source}${s.lastPolledAt === null ? '' : ` (last polled ${when(s.lastPolledAt)})`}`).join('; ') || 'none')}`,
    `- Pack: ${mdText(g.pack.name)}, ${g.pack.clauses} clauses, ${g.pack.controls} controls; judged as of ${when(g.evaluatedAt)}`,
    `- Sample seed: ${mdText(report.sample.seed)}`,
    `- Generated ${when(g.generatedAt)} by ${mdText(`${g.tool.name} ${g.tool.version}`)} (not an evidence date)`,
    ...report.summary.notes.map((n) => `\n> ${mdText(n)}`),
    '\n## Clauses\n',
    mdTable(
      ['clause', '2011', 'title', 'status', 'judged', 'passed', 'failed', 'waived'],
      report.clauses.map((c) => [
        mdText(c.id),
        mdText(c.crosswalk2011.join(', ') || '-'),
        mdText(c.title),
        c.status,
        String(c.checked),
        String(c.passed),
        String(c.failed),
        String(c.waived),
      ]),
    ),
  ];
  const controls = new Map(report.controls.map((c) => [c.id, c]));
  let group = '';
  for (const c of report.clauses) {
    if (clauseGroup(c.id) !== group) {
      group = clauseGroup(c.id);
      out.push(`\n## Clause ${mdText(group)}`);
    }
    out.push(`\n### ${mdText(c.id)} ${mdText(c.title)} — ${c.status}\n`);
    out.push(`2011 edition: ${mdText(c.crosswalk2011.join(', ') || 'no counterpart')}`);
    for (const id of c.controls) {
      const ctl = controls.get(id);
      if (ctl === undefined) continue;
      if (ctl.clauses[0] === c.id) out.push(...control(ctl, cap));
      else
        out.push(
          `\n- ${mdText(id)}: ${ctl.judged === 0 ? 'nothing judged' : `${ctl.passed} of ${ctl.judged} passed`} (detailed under ${mdText(ctl.clauses[0] ?? '')})`,
        );
    }
    if (c.evidence.length > 0) {
      out.push(`\nEvidence people show:\n`, ...c.evidence.map((e) => `- [ ] ${mdText(e)}`));
    }
  }
  out.push('\n## Waivers\n');
  out.push(
    report.waivers.length === 0
      ? 'No waivers are configured.'
      : mdTable(
          ['control', 'subject', 'reason', 'expires', 'state', 'gaps accepted'],
          report.waivers.map((w) => [
            mdText(w.control),
            mdText(w.subject ?? 'every subject'),
            mdText(w.reason),
            mdText(w.expires),
            w.state,
            String(w.resultsWaived),
          ]),
        ),
  );
  out.push(`\n## Auditor's sample (seed ${mdText(report.sample.seed)})\n`, mdText(report.sample.method));
  for (const k of report.sample.kinds) {
    out.push(`\n### ${k.kind}: ${k.records.length} of ${k.population}\n`);
    out.push(
      mdTable(
        ['record', 'created', 'closed', 'results'],
        k.records.map((r) => [
          recordCell(r.record, r.record.key),
          day(r.record.createdAt),
          closedCell(r.record),
          r.results.map((v) => `${mdText(v.control)}: ${v.status}`).join('; ') || '-',
        ]),
      ),
    );
  }
  out.push('\n## Which records a period covers\n');
  out.push(
    mdTable(
      ['kinds', 'rule'],
      report.period.rules.map((r) => [mdText(r.kinds.join(', ')), mdText(r.rule)]),
    ),
  );
  return `${out.join('\n')}\n`;
}
