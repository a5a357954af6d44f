// kind: freshness: the newest in-scope record must be recent enough (reviews, audits, tests).
import { compileDateGetter, compileGetter, type Rec } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, numberParam, reporter, type CompiledControl } from './control-context.js';
import { DAY_MS } from './dates.js';
import type { FreshnessControl } from './pack-schema.js';
import { refOf } from './record-guard.js';
import { forEachRecord, groupKeyOf } from './each-record.js';

export function compileFreshnessControl(control: FreshnessControl, params: Params): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params);
  const dateOf = compileDateGetter(kind, control.date_field);
  const groupOf = control.group_by === undefined ? undefined : compileGetter(kind, control.group_by);
  const maxAge = numberParam(control.max_age_days, params, 0);
  const report = reporter(control, params);
  return {
    id: control.id,
    control,
    params,
    evaluate(records, now, emit) {
      const list = records(kind);
      if (list.length === 0) return void emit(report.result('skip', 'all', [], noRecords(kind)));
      const newest = new Map<string, { ms: number; record: Rec }>();
      forEachRecord(list, kind, report, emit, (r) => {
        if (!inScope(r, now)) return;
        const ms = dateOf(r);
        if (ms === null) return;
        const key = groupKeyOf(groupOf, r);
        const best = newest.get(key);
        if (best === undefined || ms > best.ms) newest.set(key, { ms, record: r });
      });
      if (newest.size === 0) {
        const reason = `no ${kind} record found in scope with a ${control.date_field} (needed within ${maxAge} days)`;
        return void emit(report.result('alarm', 'all', [], reason));
      }
      for (const [key, { ms, record }] of [...newest].sort((a, b) => a[0].localeCompare(b[0]))) {
        const age = (now - ms) / DAY_MS;
        const figures = { value: age, count: 1, measure: `${Math.floor(age)} days` };
        const status = age <= maxAge ? 'ok' : 'alarm';
        emit(report.result(status, key, [refOf(record)], report.reason(record, key, figures)));
      }
    },
  };
}
