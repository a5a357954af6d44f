// kind: freshness: the newest in-scope record must be recent enough (reviews, audits, tests).
import { asKey, compileDateGetter, compileGetter, type Rec } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import { noRecords, numberParam, reporter, type CompiledControl } from './control-context.js';
import { DAY_MS } from './dates.js';
import { NO_GROUP } from './kind-aggregate.js';
import type { FreshnessControl } from './pack-schema.js';
import { envelopeProblem, refOf, subjectOf } from './record-guard.js';

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
          const ms = dateOf(r);
          if (ms === null) continue;
          const g = groupOf?.(r);
          const key =
            groupOf === undefined ? 'all' : g === null || g === undefined || g === '' ? NO_GROUP : asKey(g);
          const best = newest.get(key);
          if (best === undefined || ms > best.ms) newest.set(key, { ms, record: r });
        } catch (error) {
          emit(report.result('error', subjectOf(r, i), [refOf(r)], report.errorReason(error)));
        }
      }
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
