// What every compiled control shares: how it reads records, how it reports, and the "no data" rule.
import type { RecordKind } from '../contracts/records.js';
import { compileLooseGetter, MalformedRecordError, type Getter, type Rec } from './accessor.js';
import type { Params } from './compile-filter.js';
import type { Control } from './pack-schema.js';
import type { KindRecords, RecordView } from './record-view.js';
import type { RecordRef, Result, ResultStatus } from './result.js';
import { compileTemplate, templateNames, type Renderer } from './template.js';

/** All records of a kind, from every source together. Values are unknown: they may be malformed. */
export type RecordsOf = (kind: RecordKind) => readonly unknown[];
export type Emit = (result: Result) => void;

/**
 * Where a pass reports. A record that passes a per-record control is kept as its index, not as a
 * Result: a pack over a million incidents passes some five million times, and as objects those passes
 * cost more to allocate and collect than judging the records does.
 */
export interface Output {
  emit: Emit;
  passed(index: number): void;
}

/**
 * A compiled control as one pass over the records of its kind. evaluatePack runs the passes of every
 * control of a kind side by side, record by record, so that each record is brought into the CPU cache
 * once rather than once per control: over a million incidents that is most of the time saved.
 */
export interface ControlPass {
  readonly kind: RecordKind;
  readonly report: Reporter;
  /** Starts one evaluation; false when the control has reported already (a skip) and needs no records. */
  begin(view: RecordView, now: number, out: Output): boolean;
  /** Judges one well-formed record of `kind`; a throw becomes an `error` result for that record. */
  visit(record: Rec, index: number): void;
  /** Reports what can only be decided after every record (groups, nothing in scope). */
  end(): void;
}

export interface CompiledControl {
  id: string;
  control: Control;
  params: Params;
  pass: ControlPass;
}

/** Until begin() hands a pass the evaluation's output, results have nowhere to go. */
export const DROP: Output = { emit: () => undefined, passed: () => undefined };

/** The numbers an aggregate, freshness or relation result offers its reason template. */
export interface Figures {
  value?: number;
  count?: number;
  measure?: string;
}

export interface Reporter {
  result(status: ResultStatus, subject: string, records: readonly RecordRef[], reason: string): Result;
  /** Renders the control's reason for a record (may be undefined for groups) and its figures. */
  reason(record: Rec | undefined, subject: string, figures?: Figures): string;
  /** The reason an `error` result gives for an exception while judging a record. */
  errorReason(error: unknown): string;
}

export function reporter(control: Control, params: Params): Reporter {
  const render: Renderer = compileTemplate(control.reason);
  const getters = new Map<string, Getter>();
  for (const name of templateNames(control.reason)) getters.set(name, compileLooseGetter(name));
  return {
    result: (status, subject, records, reason) => ({
      control: control.id,
      clauses: control.clauses,
      severity: control.severity,
      status,
      subject,
      records,
      reason,
    }),
    reason: (record, subject, figures) =>
      render((name) => {
        if (name.startsWith('params.')) return params[name.slice('params.'.length)];
        if (name === 'value') return figures?.value;
        if (name === 'count') return figures?.count;
        if (name === 'measure') return figures?.measure;
        if (record === undefined) return name === 'key' ? subject : undefined;
        return getters.get(name)?.(record);
      }),
    errorReason: (error) =>
      error instanceof MalformedRecordError
        ? `malformed record: ${error.message}`
        : `could not evaluate: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** A control never passes on missing data: no records of its kind at all is a skip that says so. */
export function noRecords(kind: RecordKind): string {
  return `no ${kind} records from any source`;
}

/** The records a pass starts on, or undefined after reporting the skip when there are none. */
export function recordsToJudge(
  view: RecordView,
  kind: RecordKind,
  report: Reporter,
  out: Output,
): KindRecords | undefined {
  const list = view.of(kind);
  if (list.length > 0) return list;
  out.emit(report.result('skip', 'all', [], noRecords(kind)));
  return undefined;
}

export function numberParam(
  value: number | { param: string } | undefined,
  params: Params,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const resolved = params[value.param];
  return typeof resolved === 'number' ? resolved : fallback;
}
