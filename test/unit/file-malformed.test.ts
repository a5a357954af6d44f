// Malformed export files: each gives an error naming the file and line, or a counted skip per row with
// its line and reason. Never a crash, never a row lost without a count.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportReport } from '../../connectors/file/import-report.js';
import { loadMappingFile } from '../../connectors/file/mapping-load.js';
import type { Mapping } from '../../connectors/file/mapping-schema.js';
import { createFileSource } from '../../connectors/file/source.js';
import { AppError, type CanonicalRecord } from '../../src/contracts/index.js';
import { RECORD_SCHEMAS } from '../../src/contracts/records.js';
import { createLogger } from '../../src/lib/log.js';

const DIR = path.join(import.meta.dirname, '../fixtures/imports');
const MAPPING = path.join(DIR, 'incidents.yaml');

interface Outcome {
  records: CanonicalRecord[];
  report: ImportReport;
  error?: AppError;
}

/** Reads a fixture through the file source, with mapping options overridden as a test needs. */
async function read(name: string, override: Partial<Mapping> = {}): Promise<Outcome> {
  const loaded = await loadMappingFile(MAPPING);
  Object.assign(loaded.mapping, override);
  const report = new ImportReport();
  const file = path.join(DIR, name);
  const source = createFileSource({ id: 'fixture', file, kind: 'incident', loaded, report, batchSize: 2 });
  const records: CanonicalRecord[] = [];
  const ctx = { signal: new AbortController().signal, log: createLogger({ level: 'silent' }) };
  try {
    for await (const batch of source.streams()[0]!.read(ctx)) records.push(...batch.records);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { records, report, error };
  }
  return { records, report };
}

const reasons = (report: ImportReport) => report.skipReasons().map((r) => [r.reason, r.count, r.lines]);

describe('malformed import files', () => {
  it('imports a well-formed file: missing markers, decimal comma, quoted delimiter, schema-valid records', async () => {
    const { records, report, error } = await read('good.csv');
    expect(error).toBeUndefined();
    expect(report).toMatchObject({ rows: 2, imported: 2, skipped: 0 });
    for (const record of records) expect(RECORD_SCHEMAS.incident.safeParse(record).success).toBe(true);
    expect(
      records.map((r) => [
        r.id,
        r.kind === 'incident' && r.priority,
        r.kind === 'incident' && r.title,
        r.extra,
      ]),
    ).toEqual([
      ['INC1', 2, 'Printer jammed', { hours: 1.5 }],
      ['INC2', null, 'Mail; slow', { hours: null }],
    ]);
    // Closed is "?" (missing) on INC2: updatedAt falls back to the next column, Opened.
    expect(records[1]!.updatedAt).toBe('2024-02-03T09:00:00.000Z');
  });

  it('wrong delimiter: an error at the mapping line of each column, suggesting the delimiter the header uses', async () => {
    const { error, report } = await read('wrong-delimiter.csv');
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.exitCode).toBe(2);
    expect(error?.message.split('\n')[0]).toBe(
      `${MAPPING}:12:7 fields.id: column "Number" is not in ${path.join(DIR, 'wrong-delimiter.csv')} (header on line 1); the header has 1 column(s) but splits on ",": set csv.delimiter: ","`,
    );
    expect(report.rows).toBe(0);
  });

  it('unknown column: names the column, the data file, the mapping line and the closest header name', async () => {
    const { error } = await read('unknown-column.csv');
    expect(error?.message).toBe(
      `${MAPPING}:16:10 fields.state: column "State" is not in ${path.join(DIR, 'unknown-column.csv')} (header on line 1) (did you mean "Status"?)`,
    );
  });

  it('bad values: each row skipped with its field, reason, line and value; good rows imported', async () => {
    const { records, report } = await read('bad-values.csv');
    expect(records.map((r) => r.id)).toEqual(['INC1', 'INC6']);
    expect(report).toMatchObject({ rows: 6, imported: 2, skipped: 4 });
    expect(reasons(report)).toEqual([
      ['createdAt: not a date in "DD-MM-YYYY HH:mm"', 2, [3, 4]],
      ['priority: outside 1..5', 1, [5]],
      ['state: not one of new, in_progress, on_hold, resolved, closed, canceled, other (add a map)', 1, [6]],
    ]);
    expect(report.skipReasons()[0]!.example).toBe('2024-02-03 10:00');
  });

  it('bad values with onBadValue: null: every row imported, each nulled value counted with its line', async () => {
    const { records, report } = await read('bad-values.csv', { onBadValue: 'null' });
    expect(records).toHaveLength(6);
    expect(report.skipped).toBe(0);
    // A bad Opened nulls createdAt and, through the fallback column, updatedAt: both are counted.
    expect(report.nulled).toBe(6);
    expect(report.nullReasons().map((r) => [r.reason, r.lines])).toEqual([
      ['createdAt: not a date in "DD-MM-YYYY HH:mm"', [3, 4]],
      ['updatedAt: not a date in "DD-MM-YYYY HH:mm"', [3, 4]],
      ['priority: outside 1..5', [5]],
      ['state: not one of new, in_progress, on_hold, resolved, closed, canceled, other (add a map)', [6]],
    ]);
  });

  it('truncated last line: counted as a cut-off row on its line; the rows before it are imported', async () => {
    const { records, report, error } = await read('truncated.csv');
    expect(error).toBeUndefined();
    expect(records.map((r) => r.id)).toEqual(['INC1', 'INC2']);
    expect(reasons(report)).toEqual([
      ['last line cut off: 2 of 7 fields and no line end (truncated file?)', 1, [4]],
    ]);
  });

  it('quote left open: an error naming the file and the line it opened on; earlier rows are kept', async () => {
    const { records, error } = await read('unclosed-quote.csv');
    expect(records.map((r) => r.id)).toEqual(['INC1']);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(
      new RegExp(
        `^${path.join(DIR, 'unclosed-quote.csv').replaceAll('.', '\\.')}:3: a quoted value opened on this line is never closed`,
      ),
    );
  });

  it('wrong encoding: a windows-1252 byte in a UTF-8 read skips that row, naming the encoding to set', async () => {
    const { records, report } = await read('windows-1252.csv');
    expect(records.map((r) => r.id)).toEqual(['INC2']);
    expect(reasons(report)).toEqual([
      ['bytes that are not valid utf-8 (set encoding: windows-1252 or latin1?)', 1, [2]],
    ]);
    const fixed = await read('windows-1252.csv', { encoding: 'windows-1252' });
    expect(fixed.records.map((r) => r.kind === 'incident' && r.title)).toEqual(['Café machine', 'plain']);
  });

  it('UTF-16: read through its byte-order mark; without one, the header error says to set utf-16le', async () => {
    const withBom = await read('utf16.csv');
    expect(withBom.report.encoding).toBe('utf-16le');
    expect(withBom.records.map((r) => r.kind === 'incident' && r.title)).toEqual(['Zoë']);
    const withoutBom = await read('utf16-no-bom.csv');
    expect(withoutBom.error?.message).toContain('is the file UTF-16? set encoding: utf-16le');
  });

  it('ragged rows: too many fields, too few fields and empty rows are each counted with their line', async () => {
    const { records, report } = await read('ragged.csv');
    expect(records.map((r) => r.id)).toEqual(['INC1', 'INC4']);
    expect(report).toMatchObject({ rows: 5, imported: 2, skipped: 3 });
    expect(reasons(report)).toEqual([
      ['empty row', 1, [5]],
      ["fewer fields than the header's 7 (a line break inside an unquoted value?)", 1, [4]],
      ["more fields than the header's 7 (a delimiter inside an unquoted value?)", 1, [3]],
    ]);
  });

  it('BOM, CRLF and a quoted line break: the value keeps its line break and doubled quotes', async () => {
    const { records } = await read('quoted-bom.csv');
    expect(records.map((r) => r.kind === 'incident' && r.title)).toEqual(['Line one\r\nline "two"', 'after']);
  });

  it('a missing file: SOURCE_UNREACHABLE (exit 3) from the check, naming the file', async () => {
    const loaded = await loadMappingFile(MAPPING);
    const source = createFileSource({
      id: 'x',
      file: path.join(DIR, 'absent.csv'),
      kind: 'incident',
      loaded,
      report: new ImportReport(),
    });
    const check = await source.check();
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.exitCode).toBe(3);
      expect(check.error.message).toContain('absent.csv');
    }
  });
});
