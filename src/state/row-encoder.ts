// Writes records as rows (see row-layout.ts), filling the file's string table as it goes. One encoder
// belongs to one file: a snapshot being written, or the journal being appended to.
import type { CanonicalRecord } from '../contracts/records.js';
import { markLiteral, type RowLayout } from './row-layout.js';

/**
 * After this many lookups a field whose values rarely repeat (keys, dates, notes) stops using the
 * table. Even a low hit rate pays (a repeated value is parsed and held once), so the bar is low; it
 * only spares the writer's lookup map and the reader's table a million entries of unique values.
 */
const TRIAL_LOOKUPS = 16_384;
const MIN_HIT_RATE = 0.2;

interface FieldStats {
  lookups: number;
  hits: number;
  on: boolean;
}

type RowWriter = (
  record: CanonicalRecord,
  ref: (slot: number, value: unknown) => unknown,
  url: (record: CanonicalRecord) => unknown,
  literal: (value: unknown) => unknown,
) => string;

export class RowEncoder {
  readonly layout: RowLayout;
  readonly #index = new Map<string, number>();
  /** Values added by this encoder; entry i has table index #base + i. */
  readonly #values: string[] = [];
  readonly #base: number;
  /** One per dict field, then one for url prefixes. */
  readonly #stats: FieldStats[];
  readonly #write: RowWriter;
  readonly #ref = (slot: number, value: unknown): unknown =>
    typeof value === 'string' ? this.#lookup(slot, value) : notString(value);
  readonly #url = (record: CanonicalRecord): unknown => this.#encodeUrl(record);
  readonly #literal = (value: unknown): unknown =>
    typeof value === 'string' ? markLiteral(value) : notString(value);

  /**
   * @param tableLength entries the file's table already has (a journal being continued). They are
   * not reused, only counted: a value defined again gets a second entry, which costs a few bytes,
   * while rebuilding the lookup of a long journal's table would cost a third of a second on load.
   */
  constructor(layout: RowLayout, tableLength = 0) {
    this.layout = layout;
    this.#base = tableLength;
    this.#stats = Array.from({ length: layout.dict.length + 1 }, () => ({ lookups: 0, hits: 0, on: true }));
    this.#write = compileWriter(layout);
  }

  /** The table's size; pass it to definitionsSince and rollback. */
  checkpoint(): number {
    return this.#base + this.#values.length;
  }

  /** One record as its row's JSON text, without a newline. */
  encode(record: CanonicalRecord): string {
    return this.#write(record, this.#ref, this.#url, this.#literal);
  }

  /** The table line for values added since the checkpoint, to be written before the rows using them. */
  definitionsSince(checkpoint: number): string | undefined {
    const from = checkpoint - this.#base;
    return this.#values.length > from ? `{"t":${JSON.stringify(this.#values.slice(from))}}` : undefined;
  }

  /** Forgets values added since the checkpoint (their batch was not written). */
  rollback(checkpoint: number): void {
    for (const value of this.#values.splice(checkpoint - this.#base)) this.#index.delete(value);
  }

  /** The value's table index, or the value marked as a literal. */
  #lookup(slot: number, value: string): number | string {
    const stats = this.#stats[slot]!;
    if (!stats.on) return markLiteral(value);
    stats.lookups++;
    const known = this.#index.get(value);
    if (known !== undefined) {
      stats.hits++;
      return known;
    }
    if (stats.lookups >= TRIAL_LOOKUPS && stats.hits < stats.lookups * MIN_HIT_RATE) {
      stats.on = false;
      return markLiteral(value);
    }
    return this.#add(value);
  }

  #add(value: string): number {
    const at = this.#base + this.#values.length;
    this.#values.push(value);
    this.#index.set(value, at);
    return at;
  }

  #encodeUrl(record: CanonicalRecord): unknown {
    const { url, id, key } = record;
    if (typeof url !== 'string') return notString(url);
    const slot = this.layout.dict.length;
    if (id.length > 0 && url.length > id.length && url.endsWith(id)) {
      const ref = this.#lookup(slot, url.slice(0, url.length - id.length));
      if (typeof ref === 'number') return ref;
    } else if (key.length > 0 && url.length > key.length && url.endsWith(key)) {
      const ref = this.#lookup(slot, url.slice(0, url.length - key.length));
      if (typeof ref === 'number') return ~ref;
    }
    return markLiteral(url);
  }
}

/**
 * A string-typed field holding something else (a connector bug): a number there would read back as a
 * table reference, so the record is refused instead of silently changed.
 */
function notString(value: unknown): null | undefined {
  if (value === null || value === undefined) return value;
  throw new TypeError(`a string field holds ${typeof value} ${JSON.stringify(value)}`);
}

/**
 * Generated from the field list so that each record is read with plain property loads into one
 * array literal; JSON.stringify then writes it in one native call. Field names are checked identifiers.
 */
function compileWriter(layout: RowLayout): RowWriter {
  const dictSlot = new Map(layout.dict.map((field, slot) => [field, slot]));
  const strings = new Set(layout.strings);
  const values = layout.fields.slice(0, -1).map((field) => {
    const slot = dictSlot.get(field);
    if (field === 'url') return 'u(r)';
    if (slot !== undefined) return `d(${slot},r.${field})`;
    return strings.has(field) ? `m(r.${field})` : `r.${field}`;
  });
  // JSON.stringify writes undefined array elements as null, which is what a nullable field reads back.
  const source = `const a=[${values.join(',')}];if(r.extra!==undefined)a.push(r.extra);return JSON.stringify(a);`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated for speed, see above.
  return new Function('r', 'd', 'u', 'm', source) as RowWriter;
}
