// What each canonical field of a kind holds, read from the zod schemas in src/contracts/records.ts, so
// the importer converts a column to exactly what the schema accepts and never keeps a second list.
import type { z } from 'zod';
import { RECORD_SCHEMAS, type RecordKind } from '../../src/contracts/index.js';

export type FieldType =
  | { type: 'text'; nullable: boolean }
  | { type: 'date'; nullable: boolean }
  | { type: 'int'; nullable: boolean; min: number; max: number }
  | { type: 'number'; nullable: boolean; min: number }
  | { type: 'boolean'; nullable: boolean }
  | { type: 'enum'; nullable: boolean; values: readonly string[] };

/** Envelope fields the importer fills itself (`kind`, `source`) or from dedicated mapping keys. */
export const MANAGED_FIELDS = new Set(['kind', 'source', 'extra']);

interface Inspectable {
  def: { type: string; innerType?: Inspectable; format?: string };
  options?: readonly string[];
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

function describe(schema: Inspectable): FieldType | undefined {
  let node = schema;
  let nullable = false;
  while (node.def.type === 'nullable' || node.def.type === 'optional') {
    nullable = true;
    node = node.def.innerType!;
  }
  switch (node.def.type) {
    case 'string':
      return node.def.format === 'datetime' ? { type: 'date', nullable } : { type: 'text', nullable };
    case 'boolean':
      return { type: 'boolean', nullable };
    case 'enum':
      return { type: 'enum', nullable, values: node.options ?? [] };
    case 'number':
      return node.isInt === true
        ? {
            type: 'int',
            nullable,
            min: node.minValue ?? Number.MIN_SAFE_INTEGER,
            max: node.maxValue ?? Number.MAX_SAFE_INTEGER,
          }
        : { type: 'number', nullable, min: node.minValue ?? -Infinity };
    default:
      return undefined;
  }
}

/** Every mappable field of `kind` with its type, in schema order (read once per compiled mapping). */
export function fieldTypes(kind: RecordKind): ReadonlyMap<string, FieldType> {
  const shape = (RECORD_SCHEMAS[kind] as unknown as z.ZodObject).shape as Record<string, unknown>;
  const fields = new Map<string, FieldType>();
  for (const [name, schema] of Object.entries(shape)) {
    if (MANAGED_FIELDS.has(name)) continue;
    const type = describe(schema as Inspectable);
    if (type !== undefined) fields.set(name, type);
  }
  return fields;
}
