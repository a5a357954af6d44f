// kind: aggregate: group in-scope records, measure each group, compare with a threshold.
import type { Getter } from './accessor.js';
import { compileDateGetter, compileGetter } from './accessor.js';
import { numberTest } from './compare.js';
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, numberParam, reporter, type CompiledControl } from './control-context.js';
import { DAY_MS } from './dates.js';
import { compileMeasure, type GroupState } from './measure.js';
import type { AggregateControl } from './pack-schema.js';
import { forEachRecord, groupKeyOf } from './each-record.js';

/** Records whose group field is empty are grouped together under this key rather than dropped. */

export function compileAggregateControl(control: AggregateControl, params: Params): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params);
  const groupOf: Getter | undefined =
    control.group_by === undefined ? undefined : compileGetter(kind, control.group_by);
  const windowAt = control.window === undefined ? undefined : compileDateGetter(kind, control.window.field);
  const windowMs = numberParam(control.window?.days, params, 0) * DAY_MS;
  const measure = compileMeasure(control.measure, kind, params);
  const test = numberTest(control.threshold.op);
  const threshold = numberParam(control.threshold.value, params, 0);
  const minCount = numberParam(control.min_count, params, 1);
  const report = reporter(control, params);
  return {
    id: control.id,
    control,
    params,
    evaluate(records, now, emit) {
      const list = records(kind);
      if (list.length === 0) return void emit(report.result('skip', 'all', [], noRecords(kind)));
      const groups = new Map<string, GroupState>();
      forEachRecord(list, kind, report, emit, (r) => {
        if (windowAt !== undefined) {
          const at = windowAt(r);
          if (at === null || now - at > windowMs) return;
        }
        if (!inScope(r, now)) return;
        const key = groupKeyOf(groupOf, r);
        let state = groups.get(key);
        if (state === undefined) groups.set(key, (state = { count: 0, matched: 0, values: [] }));
        state.count++;
        measure.add(state, r, now);
      });
      if (groups.size === 0)
        return void emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
      for (const [key, state] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
        if (state.count < minCount) {
          emit(
            report.result(
              'skip',
              key,
              [],
              `only ${state.count} in-scope records, fewer than min_count ${minCount}`,
            ),
          );
          continue;
        }
        const v = measure.value(state);
        if (v === undefined) {
          emit(report.result('skip', key, [], `no values to measure among ${state.count} in-scope records`));
          continue;
        }
        const status = test(v, threshold) ? 'ok' : 'alarm';
        const figures = { value: v, count: state.count, measure: measure.show(v) };
        emit(report.result(status, key, [], report.reason(undefined, key, figures)));
      }
    },
  };
}
