// kind: relation: each in-scope record must (or must not) have related records of another kind.
// References are native ids of the same source, so matches are keyed by source as well as value.
import { asKey, compileGetter, type Rec } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, numberParam, reporter, type CompiledControl, type RecordsOf } from './control-context.js';
import type { RelationControl } from './pack-schema.js';
import { envelopeProblem, refOf } from './record-guard.js';
import { forEachRecord } from './each-record.js';

export function compileRelationControl(control: RelationControl, params: Params): CompiledControl {
  const kind = control.resource;
  const related = control.related.resource;
  const inScope = compileFilter(control.scope, kind, params);
  const relatedInScope = compileFilter(control.related.scope, related, params);
  const linkOf = compileGetter(kind, control.related.match.field);
  const targetOf = compileGetter(related, control.related.match.to ?? 'id');
  const minRelated = numberParam(control.min_related, params, 1);
  const mustHave = control.require === 'present';
  const report = reporter(control, params);
  const okReason = `meets: ${control.title}`;

  /** Counts related records per source and matched value; malformed ones are left out here. */
  function index(records: RecordsOf, now: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const value of records(related)) {
      if (envelopeProblem(value, related) !== undefined) continue;
      const r = value as Rec;
      try {
        if (!relatedInScope(r, now)) continue;
        const target = targetOf(r);
        if (target === null || target === undefined) continue;
        const key = `${r.source as string}\u0000${asKey(target)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {
        // A malformed related record gets its own error under the controls of its kind.
      }
    }
    return counts;
  }

  return {
    id: control.id,
    control,
    params,
    evaluate(records, now, emit) {
      const list = records(kind);
      if (list.length === 0) return void emit(report.result('skip', 'all', [], noRecords(kind)));
      if (records(related).length === 0)
        return void emit(report.result('skip', 'all', [], noRecords(related)));
      const counts = index(records, now);
      let judged = 0;
      forEachRecord(list, kind, report, emit, (r) => {
        if (!inScope(r, now)) return;
        judged++;
        const link = linkOf(r);
        const count =
          link === null || link === undefined
            ? 0
            : (counts.get(`${r.source as string}\u0000${asKey(link)}`) ?? 0);
        const ok = mustHave ? count >= minRelated : count === 0;
        const key = r.key as string;
        const reason = ok ? okReason : report.reason(r, key, { count, value: count, measure: String(count) });
        emit(report.result(ok ? 'ok' : 'alarm', key, [refOf(r)], reason));
      });
      if (judged === 0) emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
    },
  };
}
