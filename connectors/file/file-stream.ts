// One export file as a SourceStream: rows are read, mapped and handed to the pipeline in batches with a
// cursor, exactly as a live source's pages are, so an import feeds the same record cache the same way.
// Every row ends up counted in the ImportReport: imported, or skipped with its line and reason.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  CanonicalRecord,
  Cursor,
  ReadContext,
  RecordKind,
  SourceBatch,
  SourceStream,
} from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import { bytesOf, decodeChunks } from './formats/decoded-chunks.js';
import { csvRowBatches } from './formats/csv.js';
import { UnclosedQuoteError, type CsvRow } from './formats/csv-parser.js';
import { JsonStructureError, jsonRowBatches } from './formats/json.js';
import { dynamicColumns } from './formats/rows.js';
import { XmlStructureError, xmlRowBatches, type XmlRow } from './formats/xml.js';
import { headerColumns } from './header-columns.js';
import { EMPTY_ROW, type ImportReport } from './import-report.js';
import type { LoadedMapping } from './mapping-load.js';
import { importProblemError } from './problems.js';
import { compileRowMapper, RowRejection, type RowMapper } from './row-mapper.js';

export type FileFormat = 'csv' | 'json' | 'xml';

export interface FileStreamOptions {
  /** The data file as the user named it (messages quote it so). */
  file: string;
  kind: RecordKind;
  /** The record cache stream, e.g. `import:incident`. */
  name: string;
  source: string;
  loaded: LoadedMapping;
  format: FileFormat;
  report: ImportReport;
  /** Records per committed batch (default 1000). */
  batchSize?: number;
  /**
   * The version of a record already in the cache, if any. With `duplicates: latest` an import never
   * replaces a newer cached version (event logs split over several files, imported in any order).
   */
  cachedRecord?: (id: string) => CanonicalRecord | undefined;
  /**
   * Set: the file is a complete export, and cached records it no longer holds are removed after a read
   * that went to the end (the pipeline's deletion sweep, over the ids of the rows that became records).
   */
  replace?: boolean;
}

export function createFileStream(options: FileStreamOptions): SourceStream {
  /** Every record id of the last read that went to the end of the file. */
  let idsRead: ReadonlySet<string> | undefined;
  const stream: SourceStream = {
    kind: options.kind,
    name: options.name,
    read: (ctx) => readFile(options, ctx, (ids) => (idsRead = ids)),
  };
  if (options.replace !== true) return stream;
  /** The ids a replace keeps; refused while any row that may hold a record could not be read. */
  const idsToKeep = (): Promise<string[]> => {
    // Removing the record of an unreadable row would lose data the file still has.
    const unread = options.report.skippedRowsWithData();
    if (idsRead !== undefined && unread === 0) return Promise.resolve([...idsRead]);
    const why =
      unread > 0
        ? `${unread} rows of ${options.file} could not be read (the skipped rows above), so the records they hold cannot be told from removed ones`
        : `${options.file} was not read to its end`;
    return Promise.reject(
      new AppError(
        'RUN_FAILED',
        `--replace removed nothing: ${why}. Fix those rows, or import without --replace.`,
      ),
    );
  };
  return {
    ...stream,
    async *listIds() {
      yield await idsToKeep();
    },
  };
}

async function* readFile(
  options: FileStreamOptions,
  ctx: ReadContext,
  onEnd: (ids: ReadonlySet<string>) => void,
): AsyncGenerator<SourceBatch> {
  const { file, loaded, report, format } = options;
  const { mapping } = loaded;
  const batchSize = options.batchSize ?? 1000;
  const size = await fileSize(file);
  let bytesRead = 0;
  const decoded = decodeChunks(
    bytesOf(file, (n) => (bytesRead += n)),
    mapping.encoding,
  );
  const dynamic = dynamicColumns();
  let mapper: RowMapper | undefined;
  let headerLength = 0;
  let currentLine = 0;
  const compile = (
    columnIndex: (name: string) => number | undefined,
    onUnknownColumn: (c: string, p: readonly string[]) => void,
  ) =>
    compileRowMapper({
      mapping,
      kind: options.kind,
      source: options.source,
      columnIndex,
      onUnknownColumn,
      onNulled: (reason, value) => report.nullValue(reason, currentLine, value),
    });
  const batches: AsyncIterable<(CsvRow | XmlRow)[]> =
    format === 'csv'
      ? csvRowBatches(decoded.chunks, mapping.csv)
      : format === 'json'
        ? jsonRowBatches(decoded.chunks, dynamic.names, mapping.jsonPath)
        : xmlRowBatches(decoded.chunks, dynamic.names, mapping.xmlElement);
  if (format !== 'csv')
    mapper = compile(
      (name) => dynamic.columnIndex(name),
      () => undefined,
    );

  const latest = mapping.duplicates === 'latest' ? new Map<string, CanonicalRecord>() : undefined;
  const seen = new Set<string>();
  let pending: CanonicalRecord[] = [];
  let expectedTotal: number | undefined;
  let toSkip = format === 'csv' ? mapping.csv.skipRows : 0;
  const cursor = (): Cursor => ({ file: path.basename(file), bytes: bytesRead, rows: report.rows });
  try {
    for await (const rows of batches) {
      // A signal stops the read between chunks (the pipeline checks it only between committed batches).
      if (ctx.signal.aborted) throw new AppError('RUN_ABORTED', `stopped while reading ${file}`);
      report.encoding = decoded.encoding;
      for (const row of rows) {
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        if (mapper === undefined) {
          const header = headerColumns(row.cells, row.line, file, loaded);
          mapper = compile(header.columnIndex, header.onUnknownColumn);
          if (header.problems().length > 0) throw importProblemError(header.problems());
          headerLength = row.cells.length;
          continue;
        }
        report.rows++;
        currentLine = row.line;
        const unusable = rowProblem(row, format, headerLength, decoded);
        if (unusable !== undefined) {
          report.skip(unusable, row.line);
          continue;
        }
        const result = mapper.map(row.cells);
        if (result instanceof RowRejection) {
          report.skip(result.reason, row.line, result.value);
          continue;
        }
        report.imported++;
        if (latest !== undefined) keepLatest(latest, result, report);
        else {
          if (seen.has(result.id)) report.repeatedIds++;
          else seen.add(result.id);
          pending.push(result);
        }
      }
      if (pending.length >= batchSize) {
        // The number of rows is unknown until the end: estimate it from the bytes read so far.
        expectedTotal ??= bytesRead > 0 ? Math.round((report.rows / bytesRead) * size) : undefined;
        yield {
          records: pending,
          cursor: cursor(),
          ...(expectedTotal === undefined ? {} : { expectedTotal }),
        };
        pending = [];
      }
    }
  } catch (error) {
    // Rows before the problem are good: commit them, then stop with an error naming the line.
    if (pending.length > 0) yield { records: pending, cursor: cursor() };
    throw asImportError(error, file);
  }
  if (mapper === undefined)
    throw importProblemError([{ file, line: 1, message: 'the file has no header row' }]);
  if (latest !== undefined) {
    expectedTotal = latest.size;
    for (const newest of latest.values()) {
      const record = againstCached(newest, options.cachedRecord?.(newest.id), report);
      if (record === undefined) continue;
      pending.push(record);
      if (pending.length >= batchSize) {
        yield { records: pending, cursor: cursor(), expectedTotal };
        pending = [];
      }
    }
  }
  // The last batch always comes, even empty, so the cursor records the whole file as read.
  yield { records: pending, cursor: cursor(), ...(expectedTotal === undefined ? {} : { expectedTotal }) };
  onEnd(latest === undefined ? seen : new Set(latest.keys()));
}

/** Why a row cannot be mapped at all, or undefined. */
function rowProblem(
  row: CsvRow | XmlRow,
  format: string,
  headerLength: number,
  decoded: { sawInvalidBytes: boolean; encoding: string },
): string | undefined {
  if ('element' in row && row.element !== undefined)
    return `a <${row.element}> element (not a record of this import)`;
  if (row.cells.every((cell) => cell === undefined || cell.trim() === '')) return EMPTY_ROW;
  if (format === 'csv' && row.cells.length !== headerLength) {
    if (row.unterminated === true && row.cells.length < headerLength)
      return `last line cut off: ${row.cells.length} of ${headerLength} fields and no line end (truncated file?)`;
    return row.cells.length < headerLength
      ? `fewer fields than the header's ${headerLength} (a line break inside an unquoted value?)`
      : `more fields than the header's ${headerLength} (a delimiter inside an unquoted value?)`;
  }
  if (decoded.sawInvalidBytes && row.cells.some((cell) => cell?.includes('\uFFFD') === true))
    return `bytes that are not valid ${decoded.encoding} (set encoding: windows-1252 or latin1?)`;
  return undefined;
}

/**
 * What to write for an id the file's newest row describes, given the cached version: the newer of the
 * two (a tie goes to the file), with the earlier createdAt; undefined when the cache already has it.
 */
function againstCached(
  record: CanonicalRecord,
  cached: CanonicalRecord | undefined,
  report: ImportReport,
): CanonicalRecord | undefined {
  if (cached === undefined) return record;
  const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
  if (record.updatedAt >= cached.updatedAt) {
    record.createdAt = earlier(record.createdAt, cached.createdAt);
    return record;
  }
  report.olderThanCached++;
  const createdAt = earlier(record.createdAt, cached.createdAt);
  // Cached records are shared with the cache and must not change: write a copy when createdAt moves.
  return createdAt === cached.createdAt ? undefined : { ...cached, createdAt };
}

/** Event logs: the row with the newest updatedAt wins; createdAt is the earliest of all the id's rows. */
function keepLatest(
  latest: Map<string, CanonicalRecord>,
  record: CanonicalRecord,
  report: ImportReport,
): void {
  const known = latest.get(record.id);
  if (known === undefined) {
    latest.set(record.id, record);
    return;
  }
  report.repeatedIds++;
  // ISO-8601 UTC strings of one layout order as text; a tie goes to the later row.
  const [keep, other] = record.updatedAt >= known.updatedAt ? [record, known] : [known, record];
  if (other.createdAt !== null && (keep.createdAt === null || other.createdAt < keep.createdAt))
    keep.createdAt = other.createdAt;
  latest.set(record.id, keep);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw unreadable(file, error);
  }
}

export function unreadable(file: string, error: unknown): AppError {
  return new AppError('SOURCE_UNREACHABLE', `cannot read ${file}: ${(error as Error).message}`, {
    cause: error,
    details: { file },
  });
}

function asImportError(error: unknown, file: string): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof UnclosedQuoteError)
    return importProblemError([
      {
        file,
        line: error.line,
        message:
          'a quoted value opened on this line is never closed, so the rest of the file would be one value; nothing from this line on was imported (close the quote, or set csv.quote)',
      },
    ]);
  if (error instanceof JsonStructureError || error instanceof XmlStructureError)
    return importProblemError([{ file, line: error.line, message: error.message }]);
  if (typeof (error as { code?: unknown }).code === 'string') return unreadable(file, error);
  return error;
}
