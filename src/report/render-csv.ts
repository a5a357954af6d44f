// The evidence pack as one CSV table for spreadsheets: one row per clause, control, failing or waived
// result (every one, uncapped), sampled result, waiver and manual evidence item, told apart by row_type.
// Metadata rows come first. Columns are fixed, so a filter on row_type gives each table.
import { csvRow, type CsvValue } from './csv.js';
import type { DatedRecord, EvidenceReport, ReportFinding } from './report-schema.js';

export const CSV_COLUMNS = [
  'row_type',
  'clause',
  'clause_2011',
  'title',
  'status',
  'control',
  'kind',
  'judged',
  'passed',
  'failed',
  'waived',
  'errors',
  'pass_rate',
  'subject',
  'record_key',
  'record_url',
  'record_source',
  'record_kind',
  'created_at',
  'updated_at',
  'closed_at',
  'closed_field',
  'reason',
  'waiver_reason',
  'waiver_expires',
  'first_seen',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, CsvValue>>;

function line(row: Row): string {
  return csvRow(CSV_COLUMNS.map((c) => row[c] ?? null));
}

function recordColumns(record: DatedRecord | null): Row {
  if (record === null) return {};
  return {
    record_key: record.key,
    record_url: record.url,
    record_source: record.source,
    record_kind: record.kind,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt,
    closed_field: record.closedField,
  };
}

function findingRow(type: string, control: EvidenceReport['controls'][number], f: ReportFinding): Row {
  return {
    row_type: type,
    clause: control.clauses.join(' '),
    control: control.id,
    kind: control.kind,
    status: f.status,
    subject: f.subject,
    ...recordColumns(f.record),
    reason: f.reason,
    waiver_reason: f.waiver?.reason ?? null,
    waiver_expires: f.waiver?.expires ?? null,
    first_seen: f.firstSeen,
  };
}

export function renderCsv(report: EvidenceReport): string {
  const out: string[] = [csvRow(CSV_COLUMNS)];
  const g = report.generation;
  const meta: [string, CsvValue][] = [
    ['generated_at', g.generatedAt],
    ['evaluated_at', g.evaluatedAt],
    ['tool', `${g.tool.name} ${g.tool.version}`],
    ['pack', g.pack.name],
    ['period_from', report.period.requested?.from ?? null],
    ['period_to', report.period.requested?.to ?? null],
    ['earliest_record_date', report.period.earliestRecordDate],
    ['latest_record_date', report.period.latestRecordDate],
    ['records', g.recordsTotal],
    ['sample_seed', report.sample.seed],
  ];
  for (const [subject, value] of meta) out.push(line({ row_type: 'meta', subject, reason: value }));
  for (const c of report.clauses) {
    out.push(
      line({
        row_type: 'clause',
        clause: c.id,
        clause_2011: c.crosswalk2011.join(' '),
        title: c.title,
        status: c.status,
        judged: c.checked,
        passed: c.passed,
        failed: c.failed,
        waived: c.waived,
        errors: c.errors,
      }),
    );
  }
  for (const c of report.controls) {
    out.push(
      line({
        row_type: 'control',
        clause: c.clauses.join(' '),
        title: c.title,
        status: c.status,
        control: c.id,
        kind: c.kind,
        judged: c.judged,
        passed: c.passed,
        failed: c.failed,
        waived: c.waived,
        errors: c.errors,
        pass_rate: c.passRate,
        reason: c.skipReasons.join('; ') || null,
      }),
    );
    for (const f of c.failures) out.push(line(findingRow('failure', c, f)));
    for (const f of c.waivedFindings) out.push(line(findingRow('waived', c, f)));
  }
  for (const w of report.waivers) {
    out.push(
      line({
        row_type: 'waiver',
        control: w.control,
        subject: w.subject,
        status: w.state,
        waived: w.resultsWaived,
        waiver_reason: w.reason,
        waiver_expires: w.expires,
      }),
    );
  }
  for (const c of report.clauses) {
    for (const item of c.evidence) {
      out.push(line({ row_type: 'evidence', clause: c.id, title: c.title, status: c.status, reason: item }));
    }
  }
  for (const k of report.sample.kinds) {
    for (const r of k.records) {
      for (const v of r.results) {
        out.push(
          line({
            row_type: 'sample',
            control: v.control,
            status: v.status,
            subject: r.record.key,
            ...recordColumns(r.record),
            reason: v.reason,
          }),
        );
      }
      if (r.results.length === 0)
        out.push(line({ row_type: 'sample', subject: r.record.key, ...recordColumns(r.record) }));
    }
  }
  return out.join('');
}
