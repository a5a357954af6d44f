// The row format shared by snapshots and journals. A record is written as a JSON array of its values
// in the order of the file header's `fields` (the kind's schema fields without `kind`; `extra` last,
// present only when set), so keys are not repeated per record. Two kinds of number replace strings:
//   - in a `dict` field (string-typed), n stands for table[n]: repeated values (groups, users, CIs,
//     states, categories) are written and parsed once per file and shared by every record in memory;
//   - in the `url` field, n >= 0 stands for table[n] + id and n < 0 for table[-n - 1] + key: links
//     are almost always a fixed prefix and the record's own id or key.
// The table is filled by lines `{"t":[...strings]}` placed before the first row that refers to them.
// A string written in place (not through the table) in a string-typed field is prefixed with "~"
// when it is at most 10 characters long or starts with "~"; the reader drops the prefix. V8's
// JSON.parse interns every string value of up to 10 characters (a string-table lookup and insert),
// which made loading a million unique ticket numbers (INC0010023 is exactly 10) 10% slower overall.
import type { z } from 'zod';
import { RECORD_SCHEMAS, type RecordKind } from '../contracts/records.js';

export interface RowLayout {
  readonly kind: RecordKind;
  /** Row positions, as the header lists them. */
  readonly fields: readonly string[];
  /** The string-typed fields whose values may be table references. */
  readonly dict: readonly string[];
  /** Every string-typed field (dict fields, id, url): their literal strings carry the "~" rule. */
  readonly strings: readonly string[];
  /** Position of `id`, `key` and `url` in a row. */
  readonly idIndex: number;
  readonly keyIndex: number;
  readonly urlIndex: number;
  /** Length of a row without and with `extra`. */
  readonly plainLength: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function rowLayout(kind: RecordKind): RowLayout {
  const shape: Record<string, z.ZodType> = RECORD_SCHEMAS[kind].shape;
  const plain = Object.keys(shape).filter((field) => field !== 'kind' && field !== 'extra');
  for (const field of plain) {
    // The encoder and decoder are generated from these names; ours, but checked all the same.
    if (!IDENTIFIER.test(field)) throw new Error(`record field "${field}" of ${kind} is not an identifier`);
  }
  const strings = plain.filter((field) => isStringField(shape[field]));
  return {
    kind,
    fields: [...plain, 'extra'],
    dict: strings.filter((field) => field !== 'id' && field !== 'url'),
    strings,
    idIndex: plain.indexOf('id'),
    keyIndex: plain.indexOf('key'),
    urlIndex: plain.indexOf('url'),
    plainLength: plain.length,
  };
}

/** Whether a field only ever holds a string (or null): then a number in it can only be a reference. */
function isStringField(schema: z.ZodType | undefined): boolean {
  let current = schema;
  while (current !== undefined && (current.def.type === 'nullable' || current.def.type === 'optional')) {
    current = (current as z.ZodNullable | z.ZodOptional).unwrap() as z.ZodType;
  }
  return current?.def.type === 'string' || current?.def.type === 'enum';
}

/** Marks a literal string per the "~" rule above. */
export function markLiteral(value: string): string {
  return value.length <= SHORT_STRING || value.charCodeAt(0) === TILDE ? `~${value}` : value;
}

/** The longest string value V8's JSON.parse interns. */
export const SHORT_STRING = 10;
export const TILDE = 0x7e;

/** Whether two lists hold the same names in the same order. */
export function sameList(expected: readonly string[], actual: readonly unknown[]): boolean {
  return actual.length === expected.length && actual.every((name, i) => name === expected[i]);
}
