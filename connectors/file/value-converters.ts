// Converters from one export cell (already trimmed, never a missing marker) to a canonical value of a
// given type. Compiled once per field; a value that does not fit returns a BadValue saying why.
import { compileDateFormat, type DateParser } from './date-format.js';
import type { FieldType } from './field-types.js';

/** Why a cell could not be converted; `reason` is the same for every cell failing the same way. */
export class BadValue {
  constructor(
    readonly reason: string,
    readonly value: string,
  ) {}
}

export type Convert = (text: string) => unknown;

export interface ConvertOptions {
  dateFormats: readonly string[];
  timezone: string;
  decimalComma: boolean;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't', 'ja', 'j', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f', 'nee', 'off']);
/** "5 - Very Low", "1 - Critical", "P2": the number in front (or after a P) is the level. */
const LEADING_INT = /^[Pp]?(-?\d+)(?:\s*[-–:.)]\s*\D.*)?$/;

export function converterFor(type: FieldType, options: ConvertOptions): Convert {
  switch (type.type) {
    case 'text':
      return detach;
    case 'date':
      return dateConverter(options);
    case 'boolean':
      return (text) => {
        const lower = text.toLowerCase();
        if (TRUE.has(lower)) return true;
        if (FALSE.has(lower)) return false;
        return new BadValue('not a yes/no value (true/false, yes/no, Y/N, 1/0)', text);
      };
    case 'int': {
      const range = `${type.min}..${type.max > 1e9 ? '' : type.max}`;
      return (text) => {
        const match = LEADING_INT.exec(text);
        const n = match === null ? Number.NaN : Number(match[1]);
        if (!Number.isSafeInteger(n)) return new BadValue('not a whole number', text);
        if (n < type.min || n > type.max) return new BadValue(`outside ${range}`, text);
        return n;
      };
    }
    case 'number':
      return numberConverter(type.min, options.decimalComma);
    case 'enum':
      return enumConverter(type.values);
  }
}

function dateConverter(options: ConvertOptions): Convert {
  const parsers: DateParser[] = options.dateFormats.map((f) => compileDateFormat(f, options.timezone));
  const reason = `not a date in ${options.dateFormats.map((f) => `"${f}"`).join(' or ')}`;
  return (text) => {
    for (const parse of parsers) {
      const iso = parse(text);
      if (iso !== undefined) return iso;
    }
    return new BadValue(reason, text);
  };
}

function numberConverter(min: number, decimalComma: boolean): Convert {
  return (text) => {
    // With a decimal comma, a dot can only be a thousands separator ("1.234,5").
    const normalised = decimalComma ? text.replaceAll('.', '').replace(',', '.') : text;
    const n = normalised === '' ? Number.NaN : Number(normalised);
    if (!Number.isFinite(n)) {
      const hint = !decimalComma && /^-?\d+,\d+$/.test(text) ? ' (set decimalComma: true?)' : '';
      return new BadValue(`not a number${hint}`, text);
    }
    return n < min ? new BadValue(`below ${min}`, text) : n;
  };
}

/** Matches an enum value by name, ignoring case, spaces and hyphens ("In Progress" -> in_progress). */
function enumConverter(values: readonly string[]): Convert {
  const known = new Map(values.map((v) => [v, v]));
  const reason = `not one of ${values.join(', ')} (add a map)`;
  return (text) => {
    const key = text.toLowerCase().replace(/[\s-]+/g, '_');
    return known.get(key) ?? new BadValue(reason, text);
  };
}

/**
 * A copy of a cell that does not keep the parser's chunk alive. V8 makes a substring of 13 or more
 * characters a slice that points into its parent, here a 64 KiB chunk of the file: a record keeping one
 * such cell would keep the whole chunk for as long as the cache lives. Prefixing makes a new string
 * (flattened by the slice) of which the slice is a view, so only the cell's own characters stay alive.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** The key under which a map entry or a cell is looked up: case and surrounding spaces do not count. */
export function mapKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Checks a constant from the mapping file (map target, default, value) against the field's type. */
export function checkConstant(value: unknown, type: FieldType): string | undefined {
  if (value === null) return type.nullable ? undefined : 'this field cannot be null';
  switch (type.type) {
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? undefined
        : `must be one of ${type.values.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= type.min && (value as number) <= type.max
        ? undefined
        : type.max > 1e9
          ? `must be a whole number of at least ${type.min}`
          : `must be a whole number from ${type.min} to ${type.max}`;
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO-8601 date, e.g. 2024-01-31T00:00:00Z';
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
  }
}

/** A constant as the record holds it (dates normalised to ISO-8601 UTC with milliseconds). */
export function normaliseConstant(value: unknown, type: FieldType): unknown {
  return type.type === 'date' && typeof value === 'string' ? new Date(value).toISOString() : value;
}
