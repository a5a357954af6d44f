// One mapped field compiled against the file's columns: which cells it reads, how a missing cell, a map
// entry or a constant decides the value, and the conversion to the field's canonical type.
import type { FieldType } from './field-types.js';
import type { FieldInput, Mapping } from './mapping-schema.js';
import { BadValue, converterFor, mapKey, normaliseConstant, type Convert } from './value-converters.js';

/** Reads the field from one row's cells; BadValue when a cell does not convert. */
export type ReadField = (cells: readonly (string | undefined)[]) => unknown;

export interface FieldContext {
  mapping: Mapping;
  /** The cell index of a column, or undefined when the file has no such column. */
  columnIndex: (column: string) => number | undefined;
  /** Called for each column the file lacks, with where it is used. */
  onUnknownColumn: (column: string) => void;
  /** Keep one copy of each distinct value (references, categories that repeat across records). */
  shared: boolean;
}

const BOM = '\uFEFF';

/** The value of a field nobody mapped, or whose cell is empty. */
export function emptyValue(type: FieldType): unknown {
  if (type.nullable) return null;
  if (type.type === 'enum') return type.values.includes('other') ? 'other' : type.values[0];
  return type.type === 'text' ? '' : null;
}

export function compileFieldReader(field: FieldInput, type: FieldType, ctx: FieldContext): ReadField {
  const read = compileValueReader(field, type, ctx);
  const when = typeof field === 'string' ? undefined : field.when;
  if (when === undefined) return read;
  const index = ctx.columnIndex(when.column);
  if (index === undefined) ctx.onUnknownColumn(when.column);
  const accepted = new Set(when.in.map((v) => v.trim().toLowerCase()));
  const missing = new Set(['', ...ctx.mapping.missing]);
  const empty =
    typeof field !== 'string' && field.ifMissing !== undefined
      ? normaliseConstant(field.ifMissing, type)
      : emptyValue(type);
  return (cells) => {
    const gate = index === undefined ? undefined : clean(cells[index], missing);
    return gate !== undefined && accepted.has(gate.toLowerCase()) ? read(cells) : empty;
  };
}

function compileValueReader(field: FieldInput, type: FieldType, ctx: FieldContext): ReadField {
  const spec = typeof field === 'string' ? { column: field } : field;
  const missing = new Set(['', ...ctx.mapping.missing]);
  const cell = (index: number) => (cells: readonly (string | undefined)[]) => clean(cells[index], missing);
  if (spec.value !== undefined) {
    const constant = normaliseConstant(spec.value, type);
    return () => constant;
  }
  if (spec.template !== undefined) return templateReader(spec.template, ctx, missing);

  const columns = typeof spec.column === 'string' ? [spec.column] : (spec.column ?? []);
  const readers = columns.flatMap((column) => {
    const index = ctx.columnIndex(column);
    if (index === undefined) ctx.onUnknownColumn(column);
    return index === undefined ? [] : [cell(index)];
  });
  const first =
    readers.length === 1
      ? readers[0]!
      : (cells: readonly (string | undefined)[]) => {
          for (const read of readers) {
            const text = read(cells);
            if (text !== undefined) return text;
          }
          return undefined;
        };
  const whenMissing =
    spec.ifMissing !== undefined ? normaliseConstant(spec.ifMissing, type) : emptyValue(type);
  const whenPresent = spec.ifPresent === undefined ? undefined : normaliseConstant(spec.ifPresent, type);
  const map = new Map(
    Object.entries(spec.map ?? {}).map(([from, to]) => [mapKey(from), normaliseConstant(to, type)]),
  );
  const fallback = spec.default === undefined ? undefined : normaliseConstant(spec.default, type);
  const convert = withInterning(
    converterFor(type, {
      dateFormats: spec.formats ?? ctx.mapping.dates.formats,
      timezone: ctx.mapping.dates.timezone,
      decimalComma: ctx.mapping.decimalComma,
    }),
    ctx.shared && type.type === 'text',
  );
  return (cells) => {
    const text = first(cells);
    if (text === undefined) return whenMissing;
    if (whenPresent !== undefined) return whenPresent;
    if (map.size > 0) {
      const mapped = map.get(text.toLowerCase());
      if (mapped !== undefined) return mapped;
      if (fallback !== undefined) return fallback;
    }
    return convert(text);
  };
}

/** Trimmed cell text, or undefined for an absent cell, an empty one or a missing marker (`?`, `#N/B`). */
function clean(raw: string | undefined, missing: ReadonlySet<string>): string | undefined {
  if (raw === undefined) return undefined;
  let text = raw;
  // Most cells need no trimming: test the ends before paying for trim().
  if (
    text.length > 0 &&
    (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 || text.charCodeAt(0) === 0xfeff)
  )
    text = text.replaceAll(BOM, '').trim();
  return missing.has(text) ? undefined : text;
}

function templateReader(template: string, ctx: FieldContext, missing: ReadonlySet<string>): ReadField {
  // "https://x/browse/{Issue key}" -> literal pieces and column indexes, alternating.
  const pieces = template.split(/\{([^{}]+)\}/);
  const parts = pieces.map((piece, i) => {
    if (i % 2 === 0) return piece;
    const index = ctx.columnIndex(piece);
    if (index === undefined) ctx.onUnknownColumn(piece);
    return index ?? -1;
  });
  return (cells) => {
    let out = '';
    let any = false;
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else {
        const text = part < 0 ? undefined : clean(cells[part], missing);
        if (text !== undefined) {
          any = true;
          out += text;
        }
      }
    }
    // A rope of pieces costs several times a flat string for as long as the record lives: flatten it.
    if (any) out.charCodeAt(0);
    return any ? out : null;
  };
}

/** Most distinct values kept per field; past it new values are no longer shared (a column that never repeats). */
const INTERN_LIMIT = 50_000;

function withInterning(convert: Convert, enabled: boolean): Convert {
  if (!enabled) return convert;
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    // The converted copy, not the cell: a cell may be a view into the parser's chunk (see detach).
    const value = convert(text) as string;
    if (seen.size < INTERN_LIMIT) seen.set(value, value);
    return value;
  };
}

export { BadValue };
