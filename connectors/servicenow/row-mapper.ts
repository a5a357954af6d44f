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
  const fields: [name: string, column: string, convert: Convert][] = Object.entries(spec.fields).map(
    ([name, field]) => [name, options.fields[name] ?? field.column, field.convert],
  );
  const stateColumn = options.fields['state'] ?? spec.stateColumn;
  const reviewType = spec.kind === 'review' ? reviewTypeResolver(options) : undefined;
  const columns = new Set(['sys_id', 'sys_updated_on', 'sys_created_on', 'number', 'name']);
  for (const [, column] of fields) columns.add(column);
  if (stateColumn !== null) columns.add(stateColumn);
  if (options.reviewTypeField !== undefined) columns.add(options.reviewTypeField);
  for (const column of options.extra) columns.add(column);
  const linkBase = `${context.instanceUrl}/${context.table}.do?sys_id=`;

  return {
    columns: [...columns],
    map(row) {
      const id = str(row['sys_id']);
      if (id === null) return undefined;
      const record: Record<string, unknown> = {
        kind: spec.kind,
        source: context.source,
        id,
        key: str(row['number']) ?? str(row['name']) ?? id,
        url: linkBase + id,
        createdAt: dateTime(row['sys_created_on']),
        updatedAt: dateTime(row['sys_updated_on']) ?? EPOCH,
        stateRaw: stateColumn === null ? null : str(row[stateColumn]),
      };
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
