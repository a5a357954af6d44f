// kind: record: every in-scope record must pass `assert`; one result per record.
import type { Rec } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, reporter, type CompiledControl } from './control-context.js';
import type { RecordControl } from './pack-schema.js';
import { envelopeProblem, refOf, subjectOf } from './record-guard.js';

export function compileRecordControl(control: RecordControl, params: Params): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params);
  const passes = compileFilter(control.assert, kind, params);
  const report = reporter(control, params);
  const okReason = `meets: ${control.title}`;
  return {
    id: control.id,
    control,
    params,
    evaluate(records, now, emit) {
      const list = records(kind);
      if (list.length === 0) return void emit(report.result('skip', 'all', [], noRecords(kind)));
      let judged = 0;
      for (let i = 0; i < list.length; i++) {
        const value = list[i];
        const problem = envelopeProblem(value, kind);
        if (problem !== undefined) {
          emit(report.result('error', subjectOf(value, i), [], `malformed record: ${problem}`));
          continue;
        }
        const r = value as Rec;
        try {
          if (!inScope(r, now)) continue;
          judged++;
          const ok = passes(r, now);
          const key = r.key as string;
          emit(report.result(ok ? 'ok' : 'alarm', key, [refOf(r)], ok ? okReason : report.reason(r, key)));
        } catch (error) {
          emit(report.result('error', subjectOf(r, i), [refOf(r)], report.errorReason(error)));
        }
      }
      if (judged === 0) emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
    },
  };
}
