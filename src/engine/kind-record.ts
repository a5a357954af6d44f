// kind: record: every in-scope record must pass `assert`; one result per record.
import { compileFilter, type Params } from './compile-filter.js';
import { DROP, recordsToJudge, reporter, type CompiledControl, type Output } from './control-context.js';
import type { RecordControl } from './pack-schema.js';
import type { Frame, KindRecords } from './record-view.js';

export function compileRecordControl(control: RecordControl, params: Params, frame?: Frame): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params, frame);
  const passes = compileFilter(control.assert, kind, params, frame);
  const report = reporter(control, params);
  // One evaluation's state, set by begin(); evaluation is synchronous, so passes never interleave.
  let list: KindRecords | undefined;
  let now = 0;
  let out: Output = DROP;
  let judged = 0;
  return {
    id: control.id,
    control,
    params,
    pass: {
      kind,
      report,
      begin(view, at, output) {
        list = recordsToJudge(view, kind, report, output);
        if (list === undefined) return false;
        now = at;
        out = output;
        judged = 0;
        return true;
      },
      visit(r, i) {
        if (!inScope(r, now)) return;
        judged++;
        if (passes(r, now)) {
          out.passed(i);
          return;
        }
        const key = r.key as string;
        out.emit(report.result('alarm', key, (list as KindRecords).refsAt(i), report.reason(r, key)));
      },
      end() {
        if (judged === 0) out.emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
        list = undefined;
        out = DROP;
      },
    },
  };
}
