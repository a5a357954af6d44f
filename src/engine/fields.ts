// What a field path means for a resource kind, read from the canonical record schemas so that the
// engine and the connectors can never disagree about which fields exist or what type they hold.
import { RECORD_SCHEMAS, type RecordKind } from '../contracts/records.js';

/** The value shapes the engine distinguishes; `any` is an `extra.*` field the pack cannot know. */
export type FieldType = 'date' | 'string' | 'number' | 'boolean' | 'any';

export interface FieldInfo {
  type: FieldType;
  /** Whether the field may be null in a valid record. */
  nullable: boolean;
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; format?: string } };
}

function describe(schema: ZodLike): FieldInfo {
  let def = schema._zod.def;
  let nullable = false;
  while ((def.type === 'nullable' || def.type === 'optional') && def.innerType !== undefined) {
    nullable = true;
    def = def.innerType._zod.def;
  }
  switch (def.type) {
    case 'string':
      return { type: def.format === 'datetime' ? 'date' : 'string', nullable };
    case 'enum':
    case 'literal':
      return { type: 'string', nullable };
    case 'number':
      return { type: 'number', nullable };
    case 'boolean':
      return { type: 'boolean', nullable };
    default:
      return { type: 'any', nullable: true };
  }
}

const cache = new Map<RecordKind, ReadonlyMap<string, FieldInfo>>();

/** Every top-level field of a kind with its type (computed once per kind). */
export function fieldsOf(kind: RecordKind): ReadonlyMap<string, FieldInfo> {
  const known = cache.get(kind);
  if (known !== undefined) return known;
  const out = new Map<string, FieldInfo>();
  for (const [name, schema] of Object.entries(RECORD_SCHEMAS[kind].shape)) {
    out.set(name, describe(schema as ZodLike));
  }
  cache.set(kind, out);
  return out;
}

/** The field at a dot path, or undefined when the kind has no such field. */
export function fieldInfo(kind: RecordKind, path: string): FieldInfo | undefined {
  if (path.startsWith('extra.') && path.length > 'extra.'.length) return { type: 'any', nullable: true };
  return path.includes('.') ? undefined : fieldsOf(kind).get(path);
}
