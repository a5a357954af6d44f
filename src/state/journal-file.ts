// The journal: batches appended after the snapshot of the same generation. A batch is its upsert
// rows, its delete lines `{"d":id}` and then a commit marker `{"c":cursor,"n":lines}`. Only batches
// whose marker is present and whose line count matches are replayed, so a write torn by a crash at any
// byte leaves exactly the batches before it.
import { CursorSchema, type Cursor } from '../contracts/cursor.js';
import type { CanonicalRecord } from '../contracts/records.js';
import type { RowCodec } from './cache-codec.js';
import { CACHE_FORMAT_VERSION, JournalHeaderSchema, checkHeader, type JournalHeader } from './cache-header.js';
import { isNotFound } from './fs-io.js';
import { readJsonLines } from './json-lines-reader.js';

export interface JournalReplay {
  /** Whether the file exists at all. */
  readonly exists: boolean;
  /** Complete batches applied. */
  readonly batches: number;
  /** The cursor of the last applied batch (meaningful when batches > 0). */
  readonly cursor: Cursor | undefined;
  /** Offset just past the header or the last applied batch: everything after it is to be cut off. */
  readonly end: number;
  /** The file's size when read. */
  readonly size: number;
  /** Why bytes after `end` were ignored (torn tail, damage), for a log line. */
  readonly problem: string | undefined;
  /** Set when the header itself is from another version, kind or schema: the file is unusable. */
  readonly headerProblem: string | undefined;
}

/** The header line (with its newline) a fresh journal of this generation starts with. */
export function journalHeaderLine(codec: RowCodec, gen: number): string {
  const header: JournalHeader = { v: CACHE_FORMAT_VERSION, kind: codec.kind, gen, fields: [...codec.fields] };
  return `${JSON.stringify(header)}\n`;
}

/** Batch text is cut into pieces of about this many characters (a string may not exceed ~512 MB). */
const PIECE_CHARS = 8 << 20;

/**
 * One batch as journal text: rows, deletes, then the marker. Usually one piece, so one write; a
 * huge batch becomes several pieces, which is still atomic because the marker comes last.
 */
export function encodeBatch(
  codec: RowCodec,
  upserts: readonly CanonicalRecord[],
  deletes: readonly string[],
  cursor: Cursor | undefined,
): string[] {
  const pieces: string[] = [];
  let lines: string[] = [];
  let chars = 0;
  const add = (line: string): void => {
    lines.push(line);
    chars += line.length + 1;
    if (chars >= PIECE_CHARS) {
      pieces.push(`${lines.join('\n')}\n`);
      lines = [];
      chars = 0;
    }
  };
  for (const record of upserts) add(codec.encode(record));
  for (const id of deletes) add(`{"d":${JSON.stringify(id)}}`);
  lines.push(`{"c":${JSON.stringify(cursor ?? null)},"n":${upserts.length + deletes.length}}`);
  pieces.push(`${lines.join('\n')}\n`);
  return pieces;
}

/** Applies the journal's complete batches to `into`, in order. */
export async function replayJournal(
  path: string,
  codec: RowCodec,
  gen: number,
  into: Map<string, CanonicalRecord>,
): Promise<JournalReplay> {
  let headerSeen = false;
  let headerProblem: string | undefined;
  let problem: string | undefined;
  let end = 0;
  let batches = 0;
  let cursor: Cursor | undefined;
  let upserts: CanonicalRecord[] = [];
  let deletes: string[] = [];

  const consume = (values: readonly unknown[], ends: readonly number[]): boolean => {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!headerSeen) {
        const check = checkHeader(value, JournalHeaderSchema, codec, path);
        if (!check.ok) headerProblem = check.reason;
        else if (check.header.gen !== gen) headerProblem = `${path} names generation ${check.header.gen}`;
        if (headerProblem !== undefined) return false;
        headerSeen = true;
        end = ends[i] ?? end;
        continue;
      }
      if (Array.isArray(value)) {
        const record = codec.decode(value);
        if (record === undefined) return stop('a row that does not fit the fields');
        upserts.push(record);
      } else if (isDelete(value)) {
        deletes.push(value.d);
      } else if (isMarker(value) && value.n === upserts.length + deletes.length) {
        const parsed = value.c === null ? undefined : CursorSchema.safeParse(value.c);
        if (parsed !== undefined && !parsed.success) return stop('a commit marker with an invalid cursor');
        for (const record of upserts) into.set(record.id, record);
        for (const id of deletes) into.delete(id);
        cursor = parsed?.data;
        batches++;
        end = ends[i] ?? end;
        upserts = [];
        deletes = [];
      } else {
        return stop('a line that is neither a row, a delete nor a matching commit marker');
      }
    }
    return true;
  };
  const stop = (what: string): false => {
    problem = `${path} has ${what} after byte ${end}`;
    return false;
  };

  try {
    const outcome = await readJsonLines(path, ({ values, ends }) => consume(values, ends));
    if (problem === undefined && outcome.stop !== undefined && headerProblem === undefined) {
      problem = `${path}: ${outcome.stop}`;
    }
    if (problem === undefined && upserts.length + deletes.length > 0) {
      problem = `${path} ends with a batch that has no commit marker`;
    }
    return { exists: true, batches, cursor, end, size: outcome.size, problem, headerProblem };
  } catch (error) {
    if (isNotFound(error) && !headerSeen) {
      return { exists: false, batches: 0, cursor: undefined, end: 0, size: 0, problem: undefined, headerProblem: undefined };
    }
    // What was applied before the failure is still a consistent prefix of the batches; keep it.
    const reason = `${path} cannot be read: ${(error as Error).message}`;
    return { exists: true, batches, cursor, end, size: end, problem: reason, headerProblem: headerSeen ? headerProblem : reason };
  }
}

function isDelete(value: unknown): value is { d: string } {
  return typeof value === 'object' && value !== null && 'd' in value && typeof value.d === 'string';
}

function isMarker(value: unknown): value is { c: unknown; n: number } {
  return typeof value === 'object' && value !== null && 'c' in value && 'n' in value && typeof value.n === 'number';
}
