// Reading the journal: batches appended after the snapshot of the same generation. A batch is an
// optional table line `{"t":[...]}`, its upsert rows, its delete lines `{"d":id}` and then a commit
// marker `{"c":cursor,"n":lines}`. Only batches whose marker is present and whose line count matches
// are applied, so a write torn by a crash at any byte leaves exactly the batches before it.
import { CursorSchema, type Cursor } from '../contracts/cursor.js';
import type { CanonicalRecord } from '../contracts/records.js';
import { JournalHeaderSchema, checkHeader } from './cache-header.js';
import { isNotFound } from './fs-io.js';
import { readJsonLines } from './json-lines-reader.js';
import type { RecordIndex } from './record-index.js';
import { RowDecoder } from './row-decoder.js';
import type { RowLayout } from './row-layout.js';

export interface JournalReplay {
  /** Whether the file exists at all. */
  readonly exists: boolean;
  /** Complete batches applied. */
  readonly batches: number;
  /** Upsert and delete entries in the applied batches (to tell how much of the journal is dead weight). */
  readonly entries: number;
  /** The cursor of the last applied batch (meaningful when batches > 0). */
  readonly cursor: Cursor | undefined;
  /** Offset just past the header or the last applied batch: everything after it is to be cut off. */
  readonly end: number;
  /** The file's size when read. */
  readonly size: number;
  /** Entries in the string table of the applied batches, for the writer that continues the file. */
  readonly tableLength: number;
  /** Why bytes after `end` were ignored (torn tail, damage), for a log line. */
  readonly problem: string | undefined;
  /** Set when the header is missing or from another version, kind, schema or generation. */
  readonly headerProblem: string | undefined;
}

/** Applies the journal's complete batches to `into`, in order. */
export async function replayJournal(
  path: string,
  layout: RowLayout,
  gen: number,
  into: RecordIndex,
): Promise<JournalReplay> {
  const decoder = new RowDecoder(layout);
  let headerSeen = false;
  let headerProblem: string | undefined;
  let problem: string | undefined;
  let end = 0;
  let batches = 0;
  let entries = 0;
  let cursor: Cursor | undefined;
  let upserts: CanonicalRecord[] = [];
  let deletes: string[] = [];
  let lines = 0;
  let committedTable = 0;

  const stop = (what: string): false => {
    problem = `${path} has ${what} after byte ${end}`;
    return false;
  };
  const consume = (values: readonly unknown[], ends: readonly number[] | undefined): boolean => {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!headerSeen) {
        const check = checkHeader(value, JournalHeaderSchema, layout, path);
        if (!check.ok) headerProblem = check.reason;
        else if (check.header.gen !== gen) headerProblem = `${path} names generation ${check.header.gen}`;
        if (headerProblem !== undefined) return false;
        headerSeen = true;
        end = ends?.[i] ?? end;
        continue;
      }
      lines++;
      if (Array.isArray(value)) {
        const record = decoder.decode(value);
        if (record === undefined) return stop('a row that does not fit the fields');
        upserts.push(record);
      } else if (isDelete(value)) {
        deletes.push(value.d);
      } else if (isMarker(value) && value.n === lines - 1) {
        const parsed = value.c === null ? undefined : CursorSchema.safeParse(value.c);
        if (parsed !== undefined && !parsed.success) return stop('a commit marker with an invalid cursor');
        for (const record of upserts) into.set(record);
        for (const id of deletes) into.delete(id);
        cursor = parsed?.data;
        batches++;
        entries += upserts.length + deletes.length;
        end = ends?.[i] ?? end;
        committedTable = decoder.table.length;
        upserts = [];
        deletes = [];
        lines = 0;
      } else if (!decoder.define(value)) {
        return stop('a line that is neither a row, a table line, a delete nor a matching commit marker');
      }
    }
    return true;
  };

  let size = 0;
  try {
    const outcome = await readJsonLines(path, consume, { offsets: true });
    size = outcome.size;
    if (problem === undefined && headerProblem === undefined && outcome.stop !== undefined)
      problem = `${path}: ${outcome.stop}`;
    if (problem === undefined && lines > 0) problem = `${path} ends with a batch that has no commit marker`;
  } catch (error) {
    if (isNotFound(error) && !headerSeen) {
      return {
        exists: false,
        batches: 0,
        entries: 0,
        cursor: undefined,
        end: 0,
        size: 0,
        tableLength: 0,
        problem: undefined,
        headerProblem: undefined,
      };
    }
    // What was applied before the failure is still a consistent prefix of the batches; keep it.
    problem = `${path} cannot be read: ${(error as Error).message}`;
    if (!headerSeen) headerProblem = problem;
  }
  return {
    exists: true,
    batches,
    entries,
    cursor,
    end,
    size,
    tableLength: committedTable,
    problem,
    headerProblem,
  };
}

function isDelete(value: unknown): value is { d: string } {
  return typeof value === 'object' && value !== null && 'd' in value && typeof value.d === 'string';
}

function isMarker(value: unknown): value is { c: unknown; n: number } {
  return (
    typeof value === 'object' && value !== null && 'c' in value && 'n' in value && typeof value.n === 'number'
  );
}
