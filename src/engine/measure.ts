// Group measures: what an aggregate computes from the in-scope records of one group.
import type { RecordKind } from '../contracts/records.js';
import type { Rec } from './accessor.js';
import {
  compileFilter,
  compileNumberOf,
  type NumberOf,
  type Params,
  type Predicate,
} from './compile-filter.js';
import type { Measure } from './pack-schema.js';
import type { Frame } from './record-view.js';

/** Running state of one group; `values` is filled only by average and percentile. */
export interface GroupState {
  count: number;
  matched: number;
  values: number[];
  /** Per required field (control.requires), how many in-scope records hold it. */
  held: number[];
}

export interface CompiledMeasure {
  /** Adds one in-scope record to a group. */
  add(state: GroupState, record: Rec, now: number): void;
  /** The group's figure, or undefined when there is nothing to measure. */
  value(state: GroupState): number | undefined;
  /** The figure as people read it. */
  show(value: number): string;
}

export function compileMeasure(
  measure: Measure,
  kind: RecordKind,
  params: Params,
  frame?: Frame,
): CompiledMeasure {
  const fixed = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
  if ('count' in measure) return { add: () => undefined, value: (s) => s.count, show: fixed };
  if ('ratio' in measure) {
    const match: Predicate = compileFilter(measure.ratio, kind, params, frame);
    return {
      add: (s, r, now) => {
        if (match(r, now)) s.matched++;
      },
      value: (s) => (s.count === 0 ? undefined : s.matched / s.count),
      show: (v) => `${(v * 100).toFixed(1)}%`,
    };
  }
  const spec = 'average' in measure ? measure.average : measure.percentile;
  const numberOf: NumberOf = compileNumberOf(kind, spec, frame);
  const add = (s: GroupState, r: Rec, now: number) => {
    const n = numberOf(r, now);
    if (n !== null) s.values.push(n);
  };
  if ('average' in measure) {
    return {
      add,
      value: (s) =>
        s.values.length === 0 ? undefined : s.values.reduce((a, b) => a + b, 0) / s.values.length,
      show: fixed,
    };
  }
  const p = measure.percentile.p;
  return { add, value: (s) => percentile(s.values, p), show: fixed };
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
