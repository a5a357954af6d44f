// kind: aggregate: group in-scope records, measure each group, compare with a threshold.
import type { Getter } from './accessor.js';
import { compileDateGetter, compileGetter } from './accessor.js';
import { numberTest } from './compare.js';
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
import { compileMeasure, type GroupState } from './measure.js';
import type { AggregateControl } from './pack-schema.js';
import { groupKeyOf } from './each-record.js';
import type { Frame } from './record-view.js';

export function compileAggregateControl(
  control: AggregateControl,
  params: Params,
  frame?: Frame,
): CompiledControl {
  const kind = control.resource;
  const inScope = compileFilter(control.scope, kind, params, frame);
  const groupOf: Getter | undefined =
    control.group_by === undefined ? undefined : compileGetter(kind, control.group_by, frame);
  const windowAt =
    control.window === undefined ? undefined : compileDateGetter(kind, control.window.field, frame);
  const windowMs = numberParam(control.window?.days, params, 0) * DAY_MS;
  const measure = compileMeasure(control.measure, kind, params, frame);
  const required = (control.requires ?? []).map((field) => ({
    field,
    get: compileGetter(kind, field, frame),
  }));
  const test = numberTest(control.threshold.op);
  const threshold = numberParam(control.threshold.value, params, 0);
  const minCount = numberParam(control.min_count, params, 1);
  const report = reporter(control, params);
  let now = 0;
  let out: Output = DROP;
  let groups = new Map<string, GroupState>();
  return {
    id: control.id,
    control,
    params,
    pass: {
      kind,
      report,
      begin(view, at, output) {
        if (recordsToJudge(view, kind, report, output) === undefined) return false;
        now = at;
        out = output;
        groups = new Map();
        return true;
      },
      visit(r) {
        if (windowAt !== undefined) {
          const at = windowAt(r);
          if (at === null || now - at > windowMs) return;
        }
        if (!inScope(r, now)) return;
        const key = groupKeyOf(groupOf, r);
        let state = groups.get(key);
        if (state === undefined)
          groups.set(key, (state = { count: 0, matched: 0, values: [], held: required.map(() => 0) }));
        state.count++;
        for (let k = 0; k < required.length; k++) {
          const v = required[k]?.get(r);
          if (v !== null && v !== undefined && v !== '') state.held[k] = (state.held[k] ?? 0) + 1;
        }
        measure.add(state, r, now);
      },
      end() {
        if (groups.size === 0) out.emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
        for (const [key, state] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
          out.emit(judgeGroup(key, state));
        }
        groups = new Map();
        out = DROP;
      },
    },
  };

  function judgeGroup(key: string, state: GroupState): Result {
    if (state.count < minCount) {
      const reason = `only ${state.count} in-scope records, fewer than min_count ${minCount}`;
      return report.result('skip', key, [], reason);
    }
    const missing = required.filter((_, k) => state.held[k] === 0).map((q) => q.field);
    if (missing.length > 0) {
      const reason = `none of the ${state.count} in-scope records has ${missing.join(' or ')}: the source does not seem to record it, so the figure would mean nothing`;
      return report.result('skip', key, [], reason);
    }
    const v = measure.value(state);
    if (v === undefined) {
      return report.result('skip', key, [], `no values to measure among ${state.count} in-scope records`);
    }
    const status = test(v, threshold) ? 'ok' : 'alarm';
    const figures = { value: v, count: state.count, measure: measure.show(v) };
    return report.result(status, key, [], report.reason(undefined, key, figures));
  }
}
