// The record loop: every record of a kind is visited once, by every control of that kind in turn. A
// malformed record becomes an `error` result for each control, and a control that throws on one record
// reports `error` for that record while the other controls and records are still judged.
import type { Getter, Rec } from './accessor.js';
import { asKey } from './accessor.js';
import type { ControlPass, Output } from './control-context.js';
import { subjectOf } from './record-guard.js';
import type { KindRecords, RecordView } from './record-view.js';

export function visitRecords(
  view: RecordView,
  list: KindRecords,
  passes: readonly { pass: ControlPass; out: Output }[],
): void {
  const records = list.records;
  view.current = list;
  try {
    for (let i = 0; i < records.length; i++) {
      const problem = list.problemAt(i);
      if (problem !== undefined) {
        const subject = subjectOf(records[i], i);
        for (const { pass, out } of passes) {
          out.emit(pass.report.result('error', subject, [], `malformed record: ${problem}`));
        }
        continue;
      }
      const r = records[i] as Rec;
      view.index = i;
      for (let k = 0; k < passes.length; k++) {
        const { pass, out } = passes[k] as { pass: ControlPass; out: Output };
        try {
          pass.visit(r, i);
        } catch (error) {
          const report = pass.report;
          out.emit(report.result('error', subjectOf(r, i), list.refsAt(i), report.errorReason(error)));
        }
      }
    }
  } finally {
    view.current = undefined;
    view.index = -1;
  }
}

/**
 * Visits the well-formed records of a list outside the main loop (a relation's related records),
 * with the cursor set so that date readers use the shared columns here too.
 */
export function forEachWellFormed(view: RecordView, list: KindRecords, visit: (r: Rec) => void): void {
  const [current, index] = [view.current, view.index];
  view.current = list;
  try {
    for (let i = 0; i < list.length; i++) {
      if (list.problemAt(i) !== undefined) continue;
      view.index = i;
      visit(list.records[i] as Rec);
    }
  } finally {
    view.current = current;
    view.index = index;
  }
}

/** The group a record falls in: "all" without group_by, NO_GROUP when its group field is empty. */
export const NO_GROUP = '(none)';
export function groupKeyOf(groupOf: Getter | undefined, r: Rec): string {
  if (groupOf === undefined) return 'all';
  const g = groupOf(r);
  return g === null || g === undefined || g === '' ? NO_GROUP : asKey(g);
}
