// What every compiled control shares: how it reads records, how it reports, and the "no data" rule.
import type { RecordKind } from '../contracts/records.js';
import { compileLooseGetter, MalformedRecordError, type Getter, type Rec } from './accessor.js';
import type { Params } from './compile-filter.js';
import type { Control } from './pack-schema.js';
import type { RecordRef, Result, ResultStatus } from './result.js';
import { compileTemplate, templateNames, type Renderer } from './template.js';

/** All records of a kind, from every source together. Values are unknown: they may be malformed. */
export type RecordsOf = (kind: RecordKind) => readonly unknown[];
export type Emit = (result: Result) => void;

export interface CompiledControl {
  id: string;
  control: Control;
  params: Params;
  evaluate(records: RecordsOf, now: number, emit: Emit): void;
}

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
