// Field readers compiled once per control. Each checks the value against the canonical type as it reads
// it, so a malformed record is caught by the fields a control actually uses, at no cost for the rest.
import type { RecordKind } from '../contracts/records.js';
import { parseIsoDate } from './dates.js';
import { fieldInfo, type FieldInfo } from './fields.js';
import { dateCell, type Frame, type KindRecords } from './record-view.js';

/** Longer strings are treated as corrupt: no ITSM field legitimately holds this much. */
export const MAX_STRING = 100_000;

/** Thrown only for a malformed record; the evaluator turns it into an `error` result. */
export class MalformedRecordError extends Error {
  override readonly name = 'MalformedRecordError';
}

export type Rec = Readonly<Record<string, unknown>>;
export type Getter = (record: Rec) => unknown;
/** Reads a date field as epoch milliseconds, or null. */
export type DateGetter = (record: Rec) => number | null;

function bad(field: string, problem: string): never {
  throw new MalformedRecordError(`field "${field}" ${problem}`);
}

function checked(field: string, info: FieldInfo, value: unknown): unknown {
  if (value === null) return info.nullable ? null : bad(field, 'is null but is required');
  switch (info.type) {
    case 'date':
      if (typeof value !== 'string' || Number.isNaN(parseIsoDate(value))) bad(field, 'is not a valid date');
      return value;
    case 'string':
      if (typeof value !== 'string') bad(field, `should be a string, is ${typeof value}`);
      if (value.length > MAX_STRING) bad(field, `is too long (${value.length} characters)`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(field, 'should be a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') bad(field, `should be true or false, is ${typeof value}`);
      return value;
    default:
      return value;
  }
}

export function compileGetter(kind: RecordKind, path: string, frame?: Frame): Getter {
  const info = fieldInfo(kind, path);
  if (info === undefined) throw new Error(`unchecked field ${path} for ${kind}`);
  if (info.type === 'any') {
    const parts = path.split('.');
    return (record) => {
      let node: unknown = record;
      for (const part of parts) {
        if (typeof node !== 'object' || node === null) return null;
        node = (node as Rec)[part];
      }
      return node ?? null;
    };
  }
  const read: Getter = (record) => {
    const value = record[path];
    if (value === undefined) bad(path, 'is missing');
    return checked(path, info, value);
  };
  if (info.type !== 'date' || frame === undefined) return read;
  // A date's validity comes from the shared column, so `present` on a date does not parse it again.
  const column = dateColumnReader(kind, path, frame, compileDateParser(path, read));
  return (record) => (column(record) === undefined ? read(record) : (record[path] ?? null));
}

function compileDateParser(path: string, get: Getter): DateGetter {
  return (record) => {
    const value = get(record);
    if (value === null) return null;
    const ms = typeof value === 'string' ? parseIsoDate(value) : NaN;
    return Number.isNaN(ms) ? bad(path, 'is not a valid date') : ms;
  };
}

/**
 * The record's cell in the evaluation's date column, or undefined when the record is not the one the
 * record loop is on (then nothing is shared) or its value is malformed (then the caller parses it
 * again to raise the exact error).
 */
function dateColumnReader(
  kind: RecordKind,
  path: string,
  frame: Frame,
  parse: DateGetter,
): (record: Rec) => number | null | undefined {
  let list: KindRecords | undefined;
  let column: Float64Array | undefined;
  return (record) => {
    const view = frame.view;
    if (view === undefined) return undefined;
    const current = view.current;
    if (current === undefined || current.kind !== kind) return undefined;
    const i = view.index;
    if (current.records[i] !== record) return undefined;
    if (list !== current || column === undefined) {
      column = current.dateColumn(path, parse);
      list = current;
    }
    return dateCell(column, i);
  };
}

export function compileDateGetter(kind: RecordKind, path: string, frame?: Frame): DateGetter {
  const parse = compileDateParser(path, compileGetter(kind, path));
  if (frame === undefined) return parse;
  const cell = dateColumnReader(kind, path, frame, parse);
  return (record) => {
    const ms = cell(record);
    return ms === undefined ? parse(record) : ms;
  };
}

/** Reads any dot path without checks, for reason templates (values are only shown, never judged). */
export function compileLooseGetter(path: string): Getter {
  const parts = path.split('.');
  return (record) => {
    let node: unknown = record;
    for (const part of parts) {
      if (typeof node !== 'object' || node === null) return null;
      node = (node as Rec)[part];
    }
    return node;
  };
}

/** A field value as a map key: group and match keys are compared as text. */
export function asKey(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
