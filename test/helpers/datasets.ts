// The real ITSM data sets in tests: where they are (the committed samples, and the full files in
// ../shared/datasets when present), importing them with the code `iso20k import` runs, building the
// evidence pack with the code `iso20k report` runs, and a minimal parse of the CSV text that shares
// nothing with the importer, so that figures computed from it are an independent check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveMapping } from '../../src/cli/import-mapping.js';
import { runImport, type ImportRunResult } from '../../src/cli/import-run.js';
import type { RecordKind } from '../../src/contracts/index.js';
import { loadReport } from '../../src/report/load-report.js';
import {
  EvidenceReportSchema,
  renderReport,
  type EvidenceReport,
  type Period,
} from '../../src/report/index.js';
import { acquireDataDirLock } from '../../src/state/data-dir-lock.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FULL_DATASETS = path.resolve(ROOT, '../shared/datasets');
export const SAMPLE_DATASETS = path.join(ROOT, 'test/fixtures/datasets');
export const IMPORT_MAPPINGS = path.join(ROOT, 'config/imports');
/** The pack `iso20k report` uses when the configuration names none. */
export const SHIPPED_PACK = path.join(ROOT, 'mappings/iso20000-1-2018');

export interface DataSetFiles {
  incidents: string;
  changes: string;
  interactions: string;
  closedProblems: string;
  openProblems: string;
}

export const SAMPLE_FILES: DataSetFiles = {
  incidents: path.join(SAMPLE_DATASETS, 'bpic2014-incidents-sample.csv'),
  changes: path.join(SAMPLE_DATASETS, 'bpic2014-changes-sample.csv'),
  interactions: path.join(SAMPLE_DATASETS, 'bpic2014-interactions-sample.csv'),
  closedProblems: path.join(SAMPLE_DATASETS, 'bpic2013-closed-problems-sample.csv'),
  openProblems: path.join(SAMPLE_DATASETS, 'bpic2013-open-problems-sample.csv'),
};

export const FULL_FILES: DataSetFiles = {
  incidents: path.join(FULL_DATASETS, 'bpic2014-rabobank/Detail_Incident.csv.gz'),
  changes: path.join(FULL_DATASETS, 'bpic2014-rabobank/Detail_Change.csv.gz'),
  interactions: path.join(FULL_DATASETS, 'bpic2014-rabobank/Detail_Interaction.csv.gz'),
  closedProblems: path.join(FULL_DATASETS, 'bpic2013-volvo-problems/closed-problems.csv.gz'),
  openProblems: path.join(FULL_DATASETS, 'bpic2013-volvo-problems/open-problems.csv.gz'),
};

export const hasFullDataSets = (): boolean => Object.values(FULL_FILES).every((file) => existsSync(file));

// ---------------------------------------------------------------------------------------------------
// The product's side: import and report exactly as the CLI does.

/** The shipped mapping and kind of each file (config/imports/*.yaml). */
const IMPORTS: readonly [keyof DataSetFiles, RecordKind, string][] = [
  ['incidents', 'incident', 'bpic2014-incidents.yaml'],
  ['changes', 'change', 'bpic2014-changes.yaml'],
  ['interactions', 'request', 'bpic2014-interactions.yaml'],
  // Closed first, open second: the order of the CLI lines in bpic2013-problems.yaml.
  ['closedProblems', 'problem', 'bpic2013-problems.yaml'],
  ['openProblems', 'problem', 'bpic2013-problems.yaml'],
];

/** `iso20k import --file F --kind K --mapping config/imports/M --data-dir D` for every file, in process. */
export async function importDataSets(dataDir: string, files: DataSetFiles): Promise<ImportRunResult[]> {
  const results: ImportRunResult[] = [];
  for (const [which, kind, mapping] of IMPORTS) {
    const loaded = await resolveMapping(path.join(IMPORT_MAPPINGS, mapping), kind);
    results.push(
      await runImport({
        file: files[which],
        kind,
        source: loaded.mapping.source!,
        loaded,
        dataDir,
        logLevel: 'warn',
        signal: new AbortController().signal,
      }),
    );
  }
  return results;
}

export interface ReportRun {
  /** The model as `iso20k report --format json` writes it, parsed back and checked by its zod schema. */
  report: EvidenceReport;
  /** The same model as `--format html` renders it. */
  html: string;
}

/**
 * What `iso20k report --data-dir D [--period P] --seed S` builds (src/cli/report.ts): the data
 * directory's lock, its state, loadReport with the shipped pack and no params or waivers, with the
 * clock fixed at `now`; then the JSON text the CLI writes, read back through EvidenceReportSchema.
 */
export async function reportOf(
  dataDir: string,
  options: { now: Date; period?: Period; seed?: string },
): Promise<ReportRun> {
  const lock = await acquireDataDirLock(dataDir);
  let model: EvidenceReport;
  try {
    const state = await openStateStore({ dataDir });
    try {
      model = await loadReport({
        cache: createRecordCache({ dir: dataDir }),
        state: state.data,
        packDir: SHIPPED_PACK,
        mappings: { params: {}, waivers: [] },
        period: options.period,
        seed: options.seed ?? '20140401',
        now: options.now,
        tool: { name: 'iso20k', version: 'test' },
      });
    } finally {
      await state.close();
    }
  } finally {
    await lock.release();
  }
  const report = EvidenceReportSchema.parse(JSON.parse(renderReport(model, 'json')));
  return { report, html: renderReport(model, 'html') };
}

// ---------------------------------------------------------------------------------------------------
// The independent side: the CSV text as SOURCE.md describes it, parsed in a few lines.

export type Row = Readonly<Record<string, string>>;

/**
 * Latin-1 text, CRLF lines, `;` cells, no quoting (SOURCE.md); all-empty rows (the 203 trailing `;;;`
 * rows of Detail_Incident) dropped; cells read by header name, trimmed.
 */
export function readTable(file: string): Row[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  const [header, ...lines] = text.split('\r\n').filter((line) => line !== '');
  const names = header!.split(';');
  return lines
    .filter((line) => line.replaceAll(';', '').trim() !== '')
    .map((line) => {
      const cells = line.split(';');
      const row: Record<string, string> = {};
      names.forEach((name, i) => {
        if (name !== '') row[name] = (cells[i] ?? '').trim();
      });
      return row;
    });
}

/** A cell's value, or null for empty and the Dutch Excel N/A marker `#N/B` (SOURCE.md). */
export function cell(row: Row, column: string): string | null {
  const value = row[column];
  if (value === undefined) throw new Error(`no column "${column}"`);
  return value === '' || value === '#N/B' ? null : value;
}

/** The leading whole number of a cell ("4", "5 - Very Low"), or null. */
export function leadingInt(row: Row, column: string): number | null {
  const value = cell(row, column);
  if (value === null) return null;
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n)) throw new Error(`${column}: "${value}" is not a number`);
  return n;
}

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (0-based): when EU summer time starts (March) or ends (October). */
function euSwitch(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Europe/Amsterdam's offset from UTC at an instant: CEST (+2) in EU summer time, else CET (+1). */
function amsterdamOffset(utc: number): number {
  const year = new Date(utc).getUTCFullYear();
  return utc >= euSwitch(year, 2) && utc < euSwitch(year, 9) ? 2 * HOUR_MS : HOUR_MS;
}

/**
 * A Dutch wall-clock time (given as if it were UTC) as a UTC instant. Times in the autumn hour that
 * happens twice read as winter time, times in the skipped spring hour as winter time too (the offset
 * at the wall time read as UTC, then at the first guess).
 */
function fromAmsterdam(wall: number): number {
  return wall - amsterdamOffset(wall - amsterdamOffset(wall));
}

/** `dd/mm/yyyy HH:MM:SS` (Detail_Incident), Amsterdam time, as epoch ms; null when missing. */
export function incidentTime(row: Row, column: string): number | null {
  const value = cell(row, column);
  if (value === null) return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (m === null) throw new Error(`${column}: "${value}" is not dd/mm/yyyy HH:MM:SS`);
  const [, d, mo, y, h, mi, s] = m.map<number>(Number);
  return fromAmsterdam(Date.UTC(y!, mo! - 1, d, h, mi, s));
}

/** `d-m-yyyy H:MM` (Detail_Change, Detail_Interaction), Amsterdam time, as epoch ms; null when missing. */
export function changeTime(row: Row, column: string): number | null {
  const value = cell(row, column);
  if (value === null) return null;
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4}) (\d{1,2}):(\d{2})$/.exec(value);
  if (m === null) throw new Error(`${column}: "${value}" is not d-m-yyyy H:MM`);
  const [, d, mo, y, h, mi] = m.map<number>(Number);
  return fromAmsterdam(Date.UTC(y!, mo! - 1, d, h, mi));
}

/** An ISO-8601 time with its offset (the Volvo files), as epoch ms. */
export function isoTime(row: Row, column: string): number {
  const value = cell(row, column);
  const ms = value === null ? Number.NaN : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${column}: "${value}" is not an ISO-8601 time`);
  return ms;
}
