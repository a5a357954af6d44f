// kind: record: every in-scope record must pass `assert`; one result per record.
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, reporter, type CompiledControl } from './control-context.js';
import type { RecordControl } from './pack-schema.js';
import { refOf } from './record-guard.js';
import { forEachRecord } from './each-record.js';

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
      forEachRecord(list, kind, report, emit, (r) => {
        if (!inScope(r, now)) return;
        judged++;
        const ok = passes(r, now);
        const key = r.key as string;
        emit(report.result(ok ? 'ok' : 'alarm', key, [refOf(r)], ok ? okReason : report.reason(r, key)));
      });
      if (judged === 0) emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
    },
  };
}
