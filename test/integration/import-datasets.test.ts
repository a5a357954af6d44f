// The shipped mapping files (config/imports/) on real data: BPI Challenge 2014 (Rabobank incidents,
// changes, interactions) and BPI Challenge 2013 (Volvo problems). Each file goes through the code
// `iso20k import` runs into a real record cache; the figures read back from the cache must equal figures
// computed here straight from the CSV text with a separate, minimal parse. The committed samples
// (test/fixtures/datasets) always run; the full files run when ../shared/datasets is present.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanonicalRecord, RecordKind } from '../../src/contracts/index.js';
import { resolveMapping } from '../../src/cli/import-mapping.js';
import { runImport } from '../../src/cli/import-run.js';
import { createRecordCache } from '../../src/state/record-cache.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FULL = path.resolve(ROOT, '../shared/datasets');
const SAMPLES = path.join(ROOT, 'test/fixtures/datasets');
const MAPPINGS = path.join(ROOT, 'config/imports');

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-import-ds-'));
  dirs.push(dir);
  return dir;
}

async function importInto(dataDir: string, file: string, kind: RecordKind, mapping: string) {
  const loaded = await resolveMapping(path.join(MAPPINGS, mapping), kind);
  return runImport({
    file,
    kind,
    source: loaded.mapping.source!,
    loaded,
    dataDir,
    logLevel: 'warn',
    signal: new AbortController().signal,
  });
}

async function cachedRecords(dataDir: string, source: string, kind: RecordKind): Promise<CanonicalRecord[]> {
  const stream = await createRecordCache({ dir: dataDir }).open({ source, stream: `import:${kind}`, kind });
  const records = [...stream.records.values()];
  await stream.close();
  return records;
}

/** The minimal independent parse: latin-1 text, CRLF lines, `;` cells, no quoting (as SOURCE.md says). */
function table(file: string): Record<string, string>[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  const [header, ...lines] = text.split('\r\n').filter((line) => line !== '');
  const names = header!.split(';');
  return lines
    .filter((line) => line.replaceAll(';', '').trim() !== '')
    .map((line) => {
      const cells = line.split(';');
      return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
    });
}

/** `d-m-yyyy h:mm` as a number that orders like the time (the zone does not matter for ordering). */
function localTime(text: string): number {
  const [date = '', time = ''] = text.split(' ');
  const [d, m, y] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return Date.UTC(y!, m! - 1, d, h, min);
}

const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;
const field = (record: CanonicalRecord, name: string) => (record as unknown as Record<string, unknown>)[name];
const extra = (record: CanonicalRecord, name: string) => record.extra?.[name];

interface DataSet {
  incidents: string;
  changes: string;
  interactions: string;
  closedProblems: string;
  openProblems: string;
}

const samples: DataSet = {
  incidents: path.join(SAMPLES, 'bpic2014-incidents-sample.csv'),
  changes: path.join(SAMPLES, 'bpic2014-changes-sample.csv'),
  interactions: path.join(SAMPLES, 'bpic2014-interactions-sample.csv'),
  closedProblems: path.join(SAMPLES, 'bpic2013-closed-problems-sample.csv'),
  openProblems: path.join(SAMPLES, 'bpic2013-open-problems-sample.csv'),
};

const full: DataSet = {
  incidents: path.join(FULL, 'bpic2014-rabobank/Detail_Incident.csv.gz'),
  changes: path.join(FULL, 'bpic2014-rabobank/Detail_Change.csv.gz'),
  interactions: path.join(FULL, 'bpic2014-rabobank/Detail_Interaction.csv.gz'),
  closedProblems: path.join(FULL, 'bpic2013-volvo-problems/closed-problems.csv.gz'),
  openProblems: path.join(FULL, 'bpic2013-volvo-problems/open-problems.csv.gz'),
};

function datasetSuite(
  name: string,
  files: DataSet,
  known?: { incidents: number; changes: number; interactions: number; problems: number },
) {
  describe(name, () => {
    it('imports incidents: counts, unresolved, reopened, open, related changes and priorities match the CSV', async () => {
      const rows = table(files.incidents);
      const dataDir = await freshDataDir();
      const { exitCode, report } = await importInto(
        dataDir,
        files.incidents,
        'incident',
        'bpic2014-incidents.yaml',
      );
      expect(exitCode).toBe(0);
      const records = await cachedRecords(dataDir, 'bpic2014', 'incident');
      if (known !== undefined) expect(records).toHaveLength(known.incidents);
      expect(records).toHaveLength(new Set(rows.map((r) => r['Incident ID'])).size);
      // Every non-empty row was imported; the only skips are the export's all-empty trailing rows.
      expect(report.imported).toBe(rows.length);
      expect(report.skipReasons().map((r) => r.reason)).toEqual(report.skipped > 0 ? ['empty row'] : []);
      expect(count(records, (r) => field(r, 'resolvedAt') === null)).toBe(
        count(rows, (r) => r['Resolved Time'] === ''),
      );
      expect(count(records, (r) => field(r, 'reopenCount') === 1)).toBe(
        count(rows, (r) => r['Reopen Time'] !== ''),
      );
      expect(count(records, (r) => field(r, 'state') === 'in_progress')).toBe(
        count(rows, (r) => r['Status'] === 'Work in progress'),
      );
      expect(count(records, (r) => extra(r, 'relatedChange') === '#MULTIVALUE')).toBe(
        count(rows, (r) => r['Related Change'] === '#MULTIVALUE'),
      );
      for (const level of [1, 2, 3, 4, 5])
        expect(count(records, (r) => field(r, 'priority') === level)).toBe(
          count(rows, (r) => r['Priority'] === String(level)),
        );
      const handle = rows.reduce(
        (sum, r) => sum + Number(r['Handle Time (Hours)']!.replace(',', '.') || 0),
        0,
      );
      const cachedHandle = records.reduce(
        (sum, r) => sum + ((extra(r, 'handleTimeHours') as number | null) ?? 0),
        0,
      );
      expect(cachedHandle).toBeCloseTo(handle, 3);
      // IM0000004 opened 05/02/2012 13:32:57 Amsterdam winter time (UTC+1).
      const first = records.find((r) => r.id === 'IM0000004')!;
      expect(first.createdAt).toBe('2012-02-05T12:32:57.000Z');
      expect(extra(first, 'handleTimeHours')).toBe(3871.691111);
    });

    it('imports changes: one record per change; no actual start, emergency and risk counts match the CSV', async () => {
      const rows = table(files.changes);
      // Rows of one change can differ (84 changes have rows with different close times): the mapping keeps
      // the row with the newest Close Time (else Open Time), a tie going to the later row.
      const byId = new Map<string, Record<string, string>>();
      const newest = (r: Record<string, string>) =>
        localTime(r['Change record Close Time'] || r['Change record Open Time']!);
      for (const row of rows) {
        const known = byId.get(row['Change ID']!);
        if (known === undefined || newest(row) >= newest(known)) byId.set(row['Change ID']!, row);
      }
      const dataDir = await freshDataDir();
      const { exitCode, report } = await importInto(
        dataDir,
        files.changes,
        'change',
        'bpic2014-changes.yaml',
      );
      expect(exitCode).toBe(0);
      expect(report.skipped).toBe(0);
      expect(report.repeatedIds).toBe(rows.length - byId.size);
      const records = await cachedRecords(dataDir, 'bpic2014', 'change');
      if (known !== undefined) expect(records).toHaveLength(known.changes);
      expect(records).toHaveLength(byId.size);
      const changes = [...byId.values()];
      expect(count(records, (r) => field(r, 'actualStart') === null)).toBe(
        count(changes, (r) => r['Actual Start'] === ''),
      );
      expect(count(records, (r) => field(r, 'actualEnd') === null)).toBe(
        count(changes, (r) => r['Actual End'] === ''),
      );
      expect(count(records, (r) => field(r, 'type') === 'emergency')).toBe(
        count(changes, (r) => r['Emergency Change'] === 'Y'),
      );
      expect(count(records, (r) => field(r, 'risk') === 'high')).toBe(
        count(changes, (r) => r['Risk Assessment'] === 'Major Business Change'),
      );
      expect(count(records, (r) => extra(r, 'cabApprovalNeeded') === true)).toBe(
        count(changes, (r) => r['CAB-approval needed'] === 'Y'),
      );
      // C00000003: Actual Start 18-12-2013 14:00 (UTC+1), Planned Start 30-8-2012 7:00 (summer, UTC+2).
      const c3 = records.find((r) => r.id === 'C00000003');
      if (c3 !== undefined) {
        expect(field(c3, 'actualStart')).toBe('2013-12-18T13:00:00.000Z');
        expect(field(c3, 'plannedStart')).toBe('2012-08-30T05:00:00.000Z');
      }
    });

    it('imports interactions as requests: counts, first-call resolutions and open ones match the CSV', async () => {
      const rows = table(files.interactions);
      const dataDir = await freshDataDir();
      const { exitCode, report } = await importInto(
        dataDir,
        files.interactions,
        'request',
        'bpic2014-interactions.yaml',
      );
      expect(exitCode).toBe(0);
      expect(report.skipped).toBe(0);
      const records = await cachedRecords(dataDir, 'bpic2014', 'request');
      if (known !== undefined) expect(records).toHaveLength(known.interactions);
      expect(records).toHaveLength(rows.length);
      expect(count(records, (r) => extra(r, 'firstCallResolution') === true)).toBe(
        count(rows, (r) => r['First Call Resolution'] === 'Y'),
      );
      expect(count(records, (r) => field(r, 'active') === true)).toBe(
        count(rows, (r) => r['Status'] !== 'Closed'),
      );
      expect(count(records, (r) => extra(r, 'relatedIncident') === null)).toBe(
        count(rows, (r) => r['Related Incident'] === ''),
      );
    });

    it.each([
      ['closed, then open', ['closedProblems', 'openProblems'] as const],
      ['open, then closed', ['openProblems', 'closedProblems'] as const],
    ])(
      'imports problems (%s) into one stream: the latest event decides, still-open counts match',
      async (_, order) => {
        const closedRows = table(files.closedProblems);
        const openRows = table(files.openProblems);
        const dataDir = await freshDataDir();
        // 465 problems are in both full files: the open file is an earlier snapshot of them. The newest event
        // must win whichever file is imported first.
        for (const which of order) {
          const { exitCode, report } = await importInto(
            dataDir,
            files[which],
            'problem',
            'bpic2013-problems.yaml',
          );
          expect(exitCode).toBe(0);
          expect(report.skipped).toBe(0);
        }
        const records = await cachedRecords(dataDir, 'bpic2013', 'problem');
        // Per problem: the event with the newest timestamp (ties: the later row), and the first timestamp.
        const latest = new Map<string, Record<string, string>>();
        const first = new Map<string, number>();
        for (const row of [...closedRows, ...openRows]) {
          const id = row['Problem Number']!;
          const at = Date.parse(row['Problem Change Date+Time']!);
          const known = latest.get(id);
          if (known === undefined || at >= Date.parse(known['Problem Change Date+Time']!))
            latest.set(id, row);
          first.set(id, Math.min(first.get(id) ?? Infinity, at));
        }
        if (known !== undefined) expect(records).toHaveLength(known.problems);
        expect(records).toHaveLength(latest.size);
        const stillOpen = count([...latest.values()], (r) => r['Problem Status'] !== 'Completed');
        expect(count(records, (r) => field(r, 'active') === true)).toBe(stillOpen);
        expect(count(records, (r) => field(r, 'state') === 'closed')).toBe(
          count([...latest.values()], (r) => r['Problem Sub Status'] === 'Closed'),
        );
        for (const record of records) {
          expect(Date.parse(record.createdAt!)).toBe(first.get(record.id));
          expect(Date.parse(record.updatedAt)).toBe(
            Date.parse(latest.get(record.id)!['Problem Change Date+Time']!),
          );
        }
      },
    );
  });
}

datasetSuite('shipped import mappings on the committed samples', samples);

// The full files: 46,606 incidents, 18,000 changes, 147,004 interactions (SOURCE.md); 1,487 closed and
// 819 open problems, of which 465 appear in both files, so 1,841 distinct problems.
describe.skipIf(!existsSync(FULL))(
  'shipped import mappings on the full data sets (../shared/datasets)',
  () => {
    datasetSuite('full files', full, {
      incidents: 46_606,
      changes: 18_000,
      interactions: 147_004,
      problems: 1_841,
    });
  },
);

describe('re-import', () => {
  it('updates records in place: the same file again leaves the same ids, all unchanged', async () => {
    const dataDir = await freshDataDir();
    const first = await importInto(dataDir, samples.incidents, 'incident', 'bpic2014-incidents.yaml');
    const before = await cachedRecords(dataDir, 'bpic2014', 'incident');
    const second = await importInto(dataDir, samples.incidents, 'incident', 'bpic2014-incidents.yaml');
    const after = await cachedRecords(dataDir, 'bpic2014', 'incident');
    expect(first.outcome.created).toBe(before.length);
    expect(second.outcome.created).toBe(0);
    expect(second.outcome.updated).toBe(0);
    expect(second.outcome.unchanged).toBe(before.length);
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });
});
