// Turns one row's cells into a canonical record. Compiled once per file against its header: columns are
// resolved to indexes and every field to a reader, so mapping a row is a plain loop over prepared steps.
import type { CanonicalRecord, RecordKind } from '../../src/contracts/index.js';
import { EMPTY_ID } from './import-report.js';
import { compileFieldReader, emptyValue, type ReadField } from './field-reader.js';
import { fieldTypes } from './field-types.js';
import { extraFieldType } from './mapping-check.js';
import type { Mapping } from './mapping-schema.js';
import { BadValue } from './value-converters.js';

/** Why a row gave no record; `reason` is shared by every row failing the same way (for the summary). */
export class RowRejection {
  constructor(
    readonly reason: string,
    readonly value?: string,
  ) {}
}

export interface RowMapper {
  map(cells: readonly (string | undefined)[]): CanonicalRecord | RowRejection;
}

export interface RowMapperOptions {
  mapping: Mapping;
  kind: RecordKind;
  source: string;
  columnIndex: (column: string) => number | undefined;
  /** Each mapped column the file lacks, with the mapping path that names it. */
  onUnknownColumn: (column: string, path: readonly string[]) => void;
  /** With `onBadValue: null`: a value that did not convert and was stored as null. */
  onNulled: (reason: string, value: string) => void;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** Fields whose values repeat across records (references, categories): one copy of each is kept. */
const SHARED = new Set([
  'category',
  'subcategory',
  'assignmentGroup',
  'assignedTo',
  'ciId',
  'serviceId',
  'closeCode',
  'stateRaw',
  'catalogItem',
  'requestedFor',
  'stage',
  'resolutionCode',
  'ownerId',
  'managedBy',
  'supportGroup',
  'className',
  'installStatus',
  'knowledgeBase',
  'ownerGroup',
  'authorId',
  'criticality',
  'appliesTo',
  'type',
  'name',
]);

export function compileRowMapper(options: RowMapperOptions): RowMapper {
  const { mapping, kind, source } = options;
  const types = fieldTypes(kind);
  const skipRow = mapping.onBadValue === 'skip-row';
  const steps: [name: string, read: ReadField][] = [];
  const reader = (
    path: readonly string[],
    field: Parameters<typeof compileFieldReader>[0],
    type: Parameters<typeof compileFieldReader>[1],
    name: string,
  ) =>
    compileFieldReader(field, type, {
      mapping,
      columnIndex: options.columnIndex,
      onUnknownColumn: (column) => options.onUnknownColumn(column, path),
      shared: SHARED.has(name),
    });
  for (const [name, field] of Object.entries(mapping.fields)) {
    const type = types.get(name);
    if (type !== undefined) steps.push([name, reader(['fields', name], field, type, name)]);
  }
  // The native state is kept raw beside the normalised one, as live sources do.
  const stateField = mapping.fields['state'];
  if (mapping.fields['stateRaw'] === undefined && stateField !== undefined && types.has('stateRaw')) {
    const column = typeof stateField === 'string' ? stateField : stateField.column;
    if (column !== undefined)
      steps.push(['stateRaw', reader(['fields', 'state'], { column }, types.get('stateRaw')!, 'stateRaw')]);
  }
  const extras: [name: string, read: ReadField][] = Object.entries(mapping.extra).map(([name, field]) => [
    name,
    reader(['extra', name], field, extraFieldType(field), name),
  ]);

  const template = recordTemplate(kind, source, types, extras.length > 0);
  const hasUpdatedAt = mapping.fields['updatedAt'] !== undefined;
  return {
    map(cells) {
      const record = { ...template };
      for (const [name, read] of steps) {
        let value = read(cells);
        if (value instanceof BadValue) {
          if (skipRow) return new RowRejection(`${name}: ${value.reason}`, value.value);
          options.onNulled(`${name}: ${value.reason}`, value.value);
          value = null;
        }
        record[name] = value;
      }
      if (typeof record['id'] !== 'string' || record['id'] === '') return new RowRejection(EMPTY_ID);
      if (record['key'] === null || record['key'] === '') record['key'] = record['id'];
      if (record['url'] === null) record['url'] = '';
      if (!hasUpdatedAt || record['updatedAt'] === null) record['updatedAt'] = record['createdAt'] ?? EPOCH;
      if (extras.length > 0) {
        const extra: Record<string, unknown> = {};
        for (const [name, read] of extras) {
          const value = read(cells);
          if (value instanceof BadValue) {
            if (skipRow) return new RowRejection(`extra.${name}: ${value.reason}`, value.value);
            options.onNulled(`extra.${name}: ${value.reason}`, value.value);
            extra[name] = null;
          } else extra[name] = value;
        }
        record['extra'] = extra;
      }
      return record as CanonicalRecord;
    },
  };
}

/**
 * An object with every key of the record, for cloning. Adding 30-odd properties one by one makes V8
 * switch an object to slow dictionary properties; clones of an object parsed from JSON share one compact
 * shape. Unmapped fields stay at their empty value (null, or `other` for a state that cannot be null).
 */
function recordTemplate(
  kind: RecordKind,
  source: string,
  types: ReturnType<typeof fieldTypes>,
  withExtra: boolean,
): Record<string, unknown> {
  const base: Record<string, unknown> = { kind, source };
  for (const [name, type] of types) base[name] = emptyValue(type);
  if (withExtra) base['extra'] = null;
  return JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
}
