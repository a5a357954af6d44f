// kind: freshness: the newest in-scope record must be recent enough (reviews, audits, tests).
import { compileDateGetter, compileGetter, type Rec } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import {
  DROP,
  numberParam,
  recordsToJudge,
  reporter,
  type CompiledControl,
  type Output,
} from './control-context.js';
import type { Result } from './result.js';
import { DAY_MS } from './dates.js';
import type { FreshnessControl } from './pack-schema.js';
import { groupKeyOf } from './each-record.js';
import type { Frame, KindRecords } from './record-view.js';

export function compileFreshnessControl(
  control: FreshnessControl,
  params: Params,
  frame?: Frame,
): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params, frame);
  const dateOf = compileDateGetter(kind, control.date_field, frame);
  const groupOf = control.group_by === undefined ? undefined : compileGetter(kind, control.group_by, frame);
  const maxAge = numberParam(control.max_age_days, params, 0);
  const report = reporter(control, params);
  /** A group's newest dated record, or null while the group has in-scope records but none dated. */
  type Newest = { ms: number; record: Rec; index: number } | null;
  let list: KindRecords | undefined;
  let now = 0;
  let out: Output = DROP;
  let newest = new Map<string, Newest>();
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
        newest = new Map();
        return true;
      },
      visit(r, i) {
        if (!inScope(r, now)) return;
        const ms = dateOf(r);
        const key = groupKeyOf(groupOf, r);
        const best = newest.get(key);
        if (ms === null) {
          // Remembered, so that a group whose records all lack the date alarms instead of vanishing.
          if (best === undefined) newest.set(key, null);
          return;
        }
        if (best === undefined || best === null || ms > best.ms) newest.set(key, { ms, record: r, index: i });
      },
      end() {
        if (newest.size === 0) {
          const reason = `no ${kind} record found in scope with a ${control.date_field} (needed within ${maxAge} days)`;
          out.emit(report.result('alarm', 'all', [], reason));
        }
        for (const [key, best] of [...newest].sort((a, b) => a[0].localeCompare(b[0]))) {
          out.emit(judgeNewest(key, best));
        }
        list = undefined;
        newest = new Map();
        out = DROP;
      },
    },
  };

  function judgeNewest(key: string, best: Newest): Result {
    if (best === null) {
      const group = key === 'all' ? '' : ` for ${key}`;
      const reason = `no ${kind} record found in scope${group} with a ${control.date_field} (needed within ${maxAge} days)`;
      return report.result('alarm', key, [], reason);
    }
    const { ms, record, index } = best;
    const age = (now - ms) / DAY_MS;
    const figures = { value: age, count: 1, measure: `${Math.floor(age)} days` };
    const status = age <= maxAge ? 'ok' : 'alarm';
    const refs = (list as KindRecords).refsAt(index);
    return report.result(status, key, refs, report.reason(record, key, figures));
  }
}
