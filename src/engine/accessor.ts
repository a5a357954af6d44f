// Field readers compiled once per control. Each checks the value against the canonical type as it reads
// it, so a malformed record is caught by the fields a control actually uses, at no cost for the rest.
import type { RecordKind } from '../contracts/records.js';
import { parseIsoDate } from './dates.js';
import { fieldInfo, type FieldInfo } from './fields.js';

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

export function compileGetter(kind: RecordKind, path: string): Getter {
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
  return (record) => {
    const value = record[path];
    if (value === undefined) bad(path, 'is missing');
    return checked(path, info, value);
  };
}

export function compileDateGetter(kind: RecordKind, path: string): DateGetter {
  const get = compileGetter(kind, path);
  return (record) => {
    const value = get(record);
    if (value === null) return null;
    const ms = typeof value === 'string' ? parseIsoDate(value) : NaN;
    return Number.isNaN(ms) ? bad(path, 'is not a valid date') : ms;
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
