// Turns Table API rows into canonical records. Compiled once per stream: the field list, the columns to
// request and the converters are resolved up front, so mapping a row is a plain loop.
import type { CanonicalRecord, ReviewRecord } from '../../src/contracts/index.js';
import { REVIEW_TYPES } from '../../src/contracts/index.js';
import type { StreamOptions } from './config.js';
import type { Convert, TableSpec } from './tables.js';
import type { WireValue } from './values.js';
import { dateTime, str } from './values.js';

export type Row = Record<string, WireValue>;

export interface RowMapper {
  /** Every column the mapper reads, for sysparm_fields. */
  readonly columns: readonly string[];
  map(row: Row): CanonicalRecord | undefined;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

export function compileRowMapper(
  spec: TableSpec,
  options: Pick<StreamOptions, 'fields' | 'extra' | 'reviewType' | 'reviewTypeField' | 'reviewTypeMap'>,
  context: { source: string; instanceUrl: string; table: string },
): RowMapper {
  const intern = createInterner();
  const fields: [name: string, column: string, convert: Convert][] = Object.entries(spec.fields).map(
    ([name, field]) => {
      const convert: Convert = field.shared === true ? (v) => intern(field.convert(v)) : field.convert;
      return [name, options.fields[name] ?? field.column, convert];
    },
  );
  const stateColumn = options.fields['state'] ?? spec.stateColumn;
  const reviewType = spec.kind === 'review' ? reviewTypeResolver(options) : undefined;
  const columns = new Set(['sys_id', 'sys_updated_on', 'sys_created_on', 'number', 'name']);
  for (const [, column] of fields) columns.add(column);
  if (stateColumn !== null) columns.add(stateColumn);
  if (options.reviewTypeField !== undefined) columns.add(options.reviewTypeField);
  for (const column of options.extra) columns.add(column);
  const linkBase = `${context.instanceUrl}/${context.table}.do?sys_id=`;

  const keys = [
    'kind',
    'source',
    'id',
    'key',
    'url',
    'createdAt',
    'updatedAt',
    'stateRaw',
    ...fields.map(([name]) => name),
  ];
  if (reviewType !== undefined) keys.push('reviewType');
  if (options.extra.length > 0) keys.push('extra');
  const template = recordTemplate(keys);

  return {
    columns: [...columns],
    map(row) {
      const id = str(row['sys_id']);
      if (id === null) return undefined;
      const record = { ...template };
      record['kind'] = spec.kind;
      record['source'] = context.source;
      record['id'] = id;
      record['key'] = str(row['number']) ?? str(row['name']) ?? id;
      record['url'] = linkBase + id;
      record['createdAt'] = dateTime(row['sys_created_on']);
      record['updatedAt'] = dateTime(row['sys_updated_on']) ?? EPOCH;
      record['stateRaw'] = stateColumn === null ? null : str(row[stateColumn]);
      for (const [name, column, convert] of fields) record[name] = convert(row[column]);
      if (reviewType !== undefined) record['reviewType'] = reviewType(row);
      if (options.extra.length > 0) {
        const extra: Record<string, string | null> = {};
        for (const column of options.extra) extra[column] = str(row[column]);
        record['extra'] = extra;
      }
      return record as CanonicalRecord;
    },
  };
}

/**
 * An object with every key of the record, for cloning. Adding 30-odd properties one by one under
 * computed names makes V8 switch an object to slow dictionary properties (about 1.5 KB a record);
 * a clone of an object parsed from JSON keeps every record on one compact, fast shape.
 */
function recordTemplate(keys: readonly string[]): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, null])))) as Record<
    string,
    unknown
  >;
}

function reviewTypeResolver(
  options: Pick<StreamOptions, 'reviewType' | 'reviewTypeField' | 'reviewTypeMap'>,
): (row: Row) => ReviewRecord['reviewType'] {
  const known = new Set<string>(REVIEW_TYPES);
  return (row) => {
    if (options.reviewTypeField !== undefined) {
      const value = str(row[options.reviewTypeField]);
      if (value !== null) {
        const mapped = options.reviewTypeMap[value] ?? options.reviewTypeMap[value.toLowerCase()];
        if (mapped !== undefined) return mapped;
        const normalised = value.toLowerCase().replace(/[\s-]+/g, '_');
        if (known.has(normalised)) return normalised as ReviewRecord['reviewType'];
      }
    }
    return options.reviewType ?? 'other';
  };
}

/** Most distinct values kept; past it new values are no longer shared (a column that never repeats). */
const INTERN_LIMIT = 200_000;

/**
 * Returns one instance per distinct string, so a million records referring to the same twenty groups
 * hold twenty strings, not a million: less memory and far less garbage-collector work on big caches.
 */
function createInterner(): (value: unknown) => unknown {
  const seen = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size < INTERN_LIMIT) seen.set(value, value);
    return value;
  };
}
