// The loop every control kind runs over its records: a malformed record becomes an `error` result, a
// control that throws on one record reports `error` for that record, and the others are still judged.
import type { RecordKind } from '../contracts/records.js';
import type { Getter, Rec } from './accessor.js';
import { asKey } from './accessor.js';
import type { Emit, Reporter } from './control-context.js';
import { envelopeProblem, refOf, subjectOf } from './record-guard.js';

export function forEachRecord(
  list: readonly unknown[],
  kind: RecordKind,
  report: Reporter,
  emit: Emit,
  visit: (r: Rec) => void,
): void {
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    const problem = envelopeProblem(value, kind);
    if (problem !== undefined) {
      emit(report.result('error', subjectOf(value, i), [], `malformed record: ${problem}`));
      continue;
    }
    const r = value as Rec;
    try {
      visit(r);
    } catch (error) {
      emit(report.result('error', subjectOf(r, i), [refOf(r)], report.errorReason(error)));
    }
  }
}

/** The group a record falls in: "all" without group_by, NO_GROUP when its group field is empty. */
export const NO_GROUP = '(none)';
export function groupKeyOf(groupOf: Getter | undefined, r: Rec): string {
  if (groupOf === undefined) return 'all';
  const g = groupOf(r);
  return g === null || g === undefined || g === '' ? NO_GROUP : asKey(g);
}
