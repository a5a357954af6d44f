// Per control, the figures an auditor asks for ("37 of 40 P1 incidents were resolved within SLA") and
// every result that did not pass, each citing its record with the record's own dates.
import type { Evaluation } from '../engine/evaluate-pack.js';
import type { Control } from '../engine/pack-schema.js';
import type { Result } from '../engine/result.js';
import type { RecordLookup } from './record-lookup.js';
import type { ControlStatus, ReportControl, ReportFinding } from './report-schema.js';

/** When iso20k first saw the gap (control, subject), from the findings ledger; null when unknown. */
export type FirstSeen = (control: string, subject: string) => string | null;

export interface ControlFigureInputs {
  controls: readonly Control[];
  evaluation: Evaluation;
  lookup: RecordLookup;
  firstSeen: FirstSeen;
}

export function controlFigures(input: ControlFigureInputs): ReportControl[] {
  const resultsOf = new Map<string, Result[]>();
  for (const r of input.evaluation.results) {
    const list = resultsOf.get(r.control);
    if (list === undefined) resultsOf.set(r.control, [r]);
    else list.push(r);
  }
  const passedOf = new Map<string, number>();
  for (const p of input.evaluation.passed) {
    passedOf.set(p.control.id, (passedOf.get(p.control.id) ?? 0) + p.indexes.length);
  }
  return input.controls.map((control) =>
    figuresOf(control, resultsOf.get(control.id) ?? [], passedOf.get(control.id) ?? 0, input),
  );
}

function figuresOf(
  control: Control,
  results: readonly Result[],
  passedRecords: number,
  input: ControlFigureInputs,
): ReportControl {
  let passed = passedRecords;
  const failures: ReportFinding[] = [];
  const waivedFindings: ReportFinding[] = [];
  const skipReasons = new Set<string>();
  for (const r of results) {
    if (r.status === 'ok') passed++;
    else if (r.status === 'skip')
      skipReasons.add(r.subject === 'all' ? r.reason : `${r.subject}: ${r.reason}`);
    else if (r.status === 'waived') waivedFindings.push(findingOf(control, r, input));
    else failures.push(findingOf(control, r, input));
  }
  const failed = failures.filter((f) => f.status === 'alarm').length;
  const errors = failures.length - failed;
  const waived = waivedFindings.length;
  const judged = passed + failed + waived + errors;
  const bySubject = (a: ReportFinding, b: ReportFinding) =>
    a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
  return {
    id: control.id,
    title: control.title,
    kind: control.kind,
    resource: control.resource,
    severity: control.severity,
    clauses: [...control.clauses],
    unit: control.kind === 'record' || control.kind === 'relation' ? 'records' : 'groups',
    judged,
    passed,
    failed,
    waived,
    errors,
    passRate: judged === 0 ? null : passed / judged,
    status: statusOf({ passed, failed, waived, errors }),
    skipReasons: [...skipReasons],
    failures: failures.sort(bySubject),
    waivedFindings: waivedFindings.sort(bySubject),
  };
}

/** A failure outranks everything; a control that only skipped says so rather than looking fine. */
function statusOf(c: { passed: number; failed: number; waived: number; errors: number }): ControlStatus {
  if (c.failed > 0) return 'alarm';
  if (c.passed > 0) return 'ok';
  if (c.waived > 0) return 'waived';
  if (c.errors > 0) return 'error';
  return 'skip';
}

function findingOf(control: Control, r: Result, input: ControlFigureInputs): ReportFinding {
  const ref = r.records[0];
  return {
    status: r.status === 'waived' ? 'waived' : r.status === 'error' ? 'error' : 'alarm',
    subject: r.subject,
    reason: r.reason,
    record: ref === undefined ? null : input.lookup.dated(control.resource, ref),
    firstSeen: input.firstSeen(control.id, r.subject),
    waiver: r.waiver === undefined ? null : { reason: r.waiver.reason, expires: r.waiver.expires },
  };
}
