// Compact column storage. A million incidents with ~45 fields would be 45 million JS strings as rows of
// objects; instead low-cardinality values are dictionary codes in a Uint32Array, timestamps are epoch
// seconds in a Float64Array, and only near-unique values (sys_id, number) are kept as plain strings.
import { formatDateTime, parseDateTime } from '../time-format.js';

export interface Column {
  /** The stored value as the API's database value ("" when empty). */
  get(row: number): string;
  set(row: number, value: string | number): void;
  /** The value as a JSON string literal, quotes included (cached where values repeat). */
  json(row: number): string;
  /** Makes room for `capacity` rows. */
  grow(capacity: number): void;
}

function growTyped<T extends Uint32Array | Float64Array>(
  arr: T,
  capacity: number,
  make: (n: number) => T,
): T {
  if (arr.length >= capacity) return arr;
  const next = make(Math.max(capacity, arr.length * 2));
  next.set(arr);
  return next;
}

/** Values from a dictionary, each row holding a code. Code 0 is always "". */
export class DictColumn implements Column {
  private codes = new Uint32Array(0);
  private readonly values: string[] = [''];
  private readonly jsonValues: (string | undefined)[] = ['""'];
  private readonly lookup = new Map<string, number>([['', 0]]);
  private lastText = '';
  private lastCode = 0;

  get(row: number): string {
    return this.values[this.codes[row] ?? 0] ?? '';
  }

  /** The dictionary code of a row (equal codes mean equal values). */
  code(row: number): number {
    return this.codes[row] ?? 0;
  }

  /** The code of a value, or -1 when no row has ever held it. */
  codeOf(value: string): number {
    return this.lookup.get(value) ?? -1;
  }

  set(row: number, value: string | number): void {
    const text = typeof value === 'number' ? String(value) : value;
    // Consecutive rows often repeat a value (the same string object), which skips the hash lookup.
    if (text === this.lastText) {
      this.codes[row] = this.lastCode;
      return;
    }
    let code = this.lookup.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.lookup.set(text, code);
    }
    this.codes[row] = code;
    this.lastText = text;
    this.lastCode = code;
  }

  json(row: number): string {
    const code = this.codes[row] ?? 0;
    let cached = this.jsonValues[code];
    if (cached === undefined) {
      cached = JSON.stringify(this.values[code] ?? '');
      this.jsonValues[code] = cached;
    }
    return cached;
  }

  grow(capacity: number): void {
    this.codes = growTyped(this.codes, capacity, (n) => new Uint32Array(n));
  }
}

/** Plain strings, one per row, for values that rarely repeat. */
export class TextColumn implements Column {
  private readonly values: string[] = [];

  get(row: number): string {
    return this.values[row] ?? '';
  }

  set(row: number, value: string | number): void {
    while (this.values.length < row) this.values.push('');
    this.values[row] = typeof value === 'number' ? String(value) : value;
  }

  json(row: number): string {
    return JSON.stringify(this.values[row] ?? '');
  }

  grow(): void {
    // JS arrays grow on their own.
  }
}

/** glide_date_time values as epoch seconds (NaN = empty), formatted on the way out. */
export class TimeColumn implements Column {
  private secs = new Float64Array(0);

  /** Epoch seconds, NaN when empty. */
  num(row: number): number {
    return this.secs[row] ?? Number.NaN;
  }

  get(row: number): string {
    const s = this.secs[row] ?? Number.NaN;
    return Number.isNaN(s) ? '' : formatDateTime(s);
  }

  set(row: number, value: string | number): void {
    this.secs[row] = typeof value === 'number' ? Math.floor(value) : (parseDateTime(value) ?? Number.NaN);
  }

  json(row: number): string {
    return `"${this.get(row)}"`;
  }

  grow(capacity: number): void {
    const before = this.secs.length;
    this.secs = growTyped(this.secs, capacity, (n) => new Float64Array(n));
    this.secs.fill(Number.NaN, before);
  }
}
