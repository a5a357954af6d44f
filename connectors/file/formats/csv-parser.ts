// A streaming CSV parser: text chunks in, rows out, with the physical line each row starts on. Handles
// quoted fields with doubled quotes and embedded line breaks, CRLF, LF and lone CR, and any one-character
// delimiter. It scans with indexOf inside quotes and slices whole fields, so it allocates one string
// per cell and nothing per character.

export interface CsvRow {
  cells: (string | undefined)[];
  /** 1-based line of the file on which the row starts. */
  line: number;
  /** The last row of a file that does not end with a line break (possibly cut off). */
  unterminated?: true;
}

const LF = 10;
const CR = 13;

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: the end of the field, or the first of a doubled quote. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`a quoted value opened on line ${line} is never closed`);
  }
}

export class CsvParser {
  readonly #delimiter: number;
  readonly #quote: number;
  readonly #quoteChar: string;
  #state: State = State.FieldStart;
  /** The part of the current field carried over from earlier chunks. */
  #carry = '';
  #cells: string[] = [];
  #line = 1;
  #rowLine = 1;
  #quoteLine = 1;
  #pendingCR = false;

  constructor(delimiter: string, quote = '"') {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#quote = quote.charCodeAt(0);
    this.#quoteChar = quote;
  }

  /** Parses one chunk; complete rows are appended to `out`. */
  push(chunk: string, out: CsvRow[]): void {
    const n = chunk.length;
    let i = 0;
    let start = 0;
    while (i < n) {
      if (this.#state === State.Quoted) {
        const q = chunk.indexOf(this.#quoteChar, i);
        const end = q < 0 ? n : q;
        this.#countLines(chunk, i, end);
        this.#carry += chunk.slice(start, end);
        if (q < 0) return;
        i = q + 1;
        start = i;
        this.#state = State.QuoteInQuoted;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.#pendingCR) {
        this.#pendingCR = false;
        if (c === LF) {
          start = ++i;
          continue;
        }
      }
      if (this.#state === State.QuoteInQuoted) {
        if (c === this.#quote) {
          // A doubled quote is one quote character of the value.
          this.#carry += this.#quoteChar;
          start = ++i;
          this.#state = State.Quoted;
          continue;
        }
        // The quoted part ended; anything before the next delimiter is kept as written.
        this.#state = State.Unquoted;
        start = i;
      }
      if (c === this.#delimiter) {
        this.#endField(chunk, start, i);
        start = ++i;
        this.#state = State.FieldStart;
      } else if (c === LF || c === CR) {
        this.#endField(chunk, start, i);
        this.#endRow(out);
        this.#pendingCR = c === CR;
        this.#line++;
        this.#rowLine = this.#line;
        start = ++i;
        this.#state = State.FieldStart;
      } else if (c === this.#quote && this.#state === State.FieldStart) {
        this.#quoteLine = this.#line;
        this.#state = State.Quoted;
        start = ++i;
      } else {
        this.#state = State.Unquoted;
        i++;
      }
    }
    if (start < n) this.#carry += chunk.slice(start, n);
  }

  /** Flushes the last row. Throws UnclosedQuoteError when the file ends inside a quoted value. */
  end(out: CsvRow[]): void {
    if (this.#state === State.Quoted) throw new UnclosedQuoteError(this.#quoteLine);
    if (this.#state === State.FieldStart && this.#cells.length === 0 && this.#carry === '') return;
    this.#cells.push(this.#carry);
    this.#carry = '';
    out.push({ cells: this.#cells, line: this.#rowLine, unterminated: true });
    this.#cells = [];
  }

  #endField(chunk: string, start: number, end: number): void {
    const piece = chunk.slice(start, end);
    this.#cells.push(this.#carry === '' ? piece : this.#carry + piece);
    this.#carry = '';
  }

  #endRow(out: CsvRow[]): void {
    out.push({ cells: this.#cells, line: this.#rowLine });
    this.#cells = [];
  }

  #countLines(chunk: string, from: number, to: number): void {
    let at = chunk.indexOf('\n', from);
    while (at >= 0 && at < to) {
      this.#line++;
      at = chunk.indexOf('\n', at + 1);
    }
  }
}
