// What an import did with every row: imported, skipped and why, values set to null and why. Nothing is
// dropped without a count; each reason keeps the first few line numbers and values as examples.

export interface ReasonCount {
  reason: string;
  count: number;
  /** The first lines it happened on (up to EXAMPLES). */
  lines: number[];
  /** The offending value on the first of those lines, when there is one. */
  example?: string;
}

const EXAMPLES = 3;

/** The skip reasons of rows that hold no record at all. */
export const EMPTY_ROW = 'empty row';
export const EMPTY_ID = 'id: empty';

export class ImportReport {
  /** Data rows read (after the header and the rows skipped before it). */
  rows = 0;
  /** Rows that became a record. */
  imported = 0;
  /** Rows that did not. */
  skipped = 0;
  /** Rows whose id an earlier row of the file already had (the record is updated, not duplicated). */
  repeatedIds = 0;
  /** Records (`duplicates: latest`) whose cached version is newer than the file's, and was kept. */
  olderThanCached = 0;
  /** Values that did not convert and were stored as null (`onBadValue: null`). */
  nulled = 0;
  /** The encoding the file was read with (a byte-order mark overrides the mapping's). */
  encoding = '';
  readonly #skips = new Map<string, ReasonCount>();
  readonly #nulls = new Map<string, ReasonCount>();

  skip(reason: string, line: number, value?: string): void {
    this.skipped++;
    note(this.#skips, reason, line, value);
  }

  nullValue(reason: string, line: number, value: string): void {
    this.nulled++;
    note(this.#nulls, reason, line, value);
  }

  /** Skipped rows that may hold a record: all but empty rows and rows without an id. */
  skippedRowsWithData(): number {
    let count = this.skipped;
    for (const reason of [EMPTY_ROW, EMPTY_ID]) count -= this.#skips.get(reason)?.count ?? 0;
    return count;
  }

  /** Skip reasons, most frequent first. */
  skipReasons(): ReasonCount[] {
    return sorted(this.#skips);
  }

  nullReasons(): ReasonCount[] {
    return sorted(this.#nulls);
  }
}

function note(into: Map<string, ReasonCount>, reason: string, line: number, value: string | undefined): void {
  let entry = into.get(reason);
  if (entry === undefined) {
    entry = { reason, count: 0, lines: [] };
    if (value !== undefined) entry.example = value;
    into.set(reason, entry);
  }
  entry.count++;
  if (entry.lines.length < EXAMPLES) entry.lines.push(line);
}

function sorted(map: Map<string, ReasonCount>): ReasonCount[] {
  return [...map.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
