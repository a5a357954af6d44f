// ServiceNow list exports (JSON, XML unload, CSV with display values) and Jira CSV through the built-in
// presets, plus gzip: each gives the same canonical records a live sync would.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportReport } from '../../connectors/file/import-report.js';
import { loadMappingObject, type LoadedMapping } from '../../connectors/file/mapping-load.js';
import { presetFor } from '../../connectors/file/presets/index.js';
import { createFileSource } from '../../connectors/file/source.js';
import { AppError, type CanonicalRecord, type RecordKind } from '../../src/contracts/index.js';
import { RECORD_SCHEMAS } from '../../src/contracts/records.js';
import { createLogger } from '../../src/lib/log.js';

const DIR = path.join(import.meta.dirname, '../fixtures/imports');
const temp: string[] = [];
afterAll(async () => Promise.all(temp.map((dir) => rm(dir, { recursive: true, force: true }))));

async function read(file: string, loaded: LoadedMapping, kind: RecordKind = 'incident') {
  const report = new ImportReport();
  const source = createFileSource({ id: 'fixture', file, kind, loaded, report });
  const records: CanonicalRecord[] = [];
  const ctx = { signal: new AbortController().signal, log: createLogger({ level: 'silent' }) };
  for await (const batch of source.streams()[0]!.read(ctx)) records.push(...batch.records);
  for (const record of records) expect(RECORD_SCHEMAS[kind].safeParse(record).success).toBe(true);
  return { records, report };
}

const serviceNow = () => loadMappingObject(presetFor('servicenow', 'incident'), 'servicenow/incident');
const pick = (records: CanonicalRecord[], fields: string[]) =>
  records.map((r) =>
    Object.fromEntries(fields.map((f) => [f, (r as unknown as Record<string, unknown>)[f]])),
  );

describe('ServiceNow exports through the servicenow preset', () => {
  const expected = [
    { key: 'INC0000001', state: 'closed', priority: 1, updatedAt: '2024-01-16T09:30:00.000Z', active: false },
    {
      key: 'INC0000002',
      state: 'in_progress',
      priority: 3,
      updatedAt: '2024-01-17T10:05:00.000Z',
      active: true,
    },
  ];
  const fields = ['key', 'state', 'priority', 'updatedAt', 'active'];

  it('JSON ({"records": [...]}): raw values, references as their sys_id, braces and quotes inside strings', async () => {
    const { records } = await read(path.join(DIR, 'servicenow-incidents.json'), serviceNow());
    expect(pick(records, fields)).toEqual(expected);
    expect(records[0]!.id).toBe('9d385017c611228701d22104cc95c371');
    expect(records[0]!.kind === 'incident' && records[0].assignmentGroup).toBe(
      '287ebd7da9fe198100f92cc8d1d2154e',
    );
    expect(records[0]!.kind === 'incident' && records[0].title).toBe(
      'Can\'t read email {braces} and "quotes"',
    );
  });

  it('XML unload: entities and CDATA unescaped, other elements counted as skipped with their line', async () => {
    const { records, report } = await read(path.join(DIR, 'servicenow-incidents.xml'), serviceNow());
    expect(pick(records, fields)).toEqual(expected);
    const first = records[0]!;
    expect(first.kind === 'incident' && [first.title, first.closeNotes]).toEqual([
      "Can't read email & calendar <urgent>",
      'Restarted <exchange> service\non two lines',
    ]);
    expect(report.skipReasons().map((r) => [r.reason, r.lines])).toEqual([
      ['a <sys_journal_field> element (not a record of this import)', [18]],
    ]);
  });

  it('CSV with display values ("Closed", "1 - Critical") and only some columns: the rest stay empty', async () => {
    const { records, report } = await read(path.join(DIR, 'servicenow-incidents.csv'), serviceNow());
    expect(report.skipped).toBe(0);
    expect(pick(records, fields)).toEqual(expected);
    // No sys_id column: the number is the id.
    expect(records.map((r) => r.id)).toEqual(['INC0000001', 'INC0000002']);
    expect(records[0]!.kind === 'incident' && records[0].ciId).toBeNull();
  });

  it('a truncated JSON export: an error naming the file and the line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-json-'));
    temp.push(dir);
    const text = await readFile(path.join(DIR, 'servicenow-incidents.json'), 'utf8');
    const file = path.join(dir, 'cut.json');
    await writeFile(file, text.slice(0, text.indexOf('"Network')));
    const error = await read(file, serviceNow()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/cut\.json:\d+: the JSON ends early/);
  });
});

describe('Jira CSV through the jira preset', () => {
  it('reads dd/MMM/yy h:mm a dates, priorities by name, repeated column names and multi-line summaries', async () => {
    const loaded = loadMappingObject(presetFor('jira', 'incident'), 'jira/incident');
    const { records } = await read(path.join(DIR, 'jira-incidents.csv'), loaded);
    expect(pick(records, ['id', 'key', 'state', 'priority', 'createdAt', 'resolvedAt', 'title'])).toEqual([
      {
        id: '10042',
        key: 'ITSM-42',
        state: 'resolved',
        priority: 2,
        createdAt: '2024-03-12T15:45:00.000Z',
        resolvedAt: '2024-03-13T09:00:00.000Z',
        title: 'VPN drops every hour',
      },
      {
        id: '10043',
        key: 'ITSM-43',
        state: 'in_progress',
        priority: 5,
        createdAt: '2024-03-14T00:10:00.000Z',
        resolvedAt: null,
        title: 'Printer on 3rd floor\noffline',
      },
    ]);
  });
});

describe('compressed exports', () => {
  it('reads a .csv.gz the same as the plain file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-gz-'));
    temp.push(dir);
    const plain = path.join(dir, 'jira.csv');
    await copyFile(path.join(DIR, 'jira-incidents.csv'), plain);
    await writeFile(`${plain}.gz`, gzipSync(await readFile(plain)));
    const loaded = loadMappingObject(presetFor('jira', 'incident'), 'jira/incident');
    expect((await read(`${plain}.gz`, loaded)).records).toEqual((await read(plain, loaded)).records);
  });
});

describe('field conditions', () => {
  it('reads a field only on rows where another column holds one of the listed values', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-when-'));
    temp.push(dir);
    const file = path.join(dir, 'events.csv');
    await writeFile(
      file,
      [
        'Number,Status,Changed',
        'P1,Completed,2024-03-01T10:00:00Z',
        'P2,In Progress,2024-03-02T10:00:00Z',
        'P3,completed ,2024-03-03T10:00:00Z',
        'P4,,2024-03-04T10:00:00Z',
      ].join('\n'),
    );
    const loaded = loadMappingObject(
      {
        kind: 'problem',
        source: 'events',
        dates: { formats: ['iso'] },
        fields: {
          id: 'Number',
          key: 'Number',
          updatedAt: 'Changed',
          closedAt: { column: 'Changed', when: { column: 'Status', in: ['Completed'] } },
        },
      },
      'when-test',
    );
    const { records } = await read(file, loaded, 'problem');
    expect(pick(records, ['key', 'closedAt'])).toEqual([
      { key: 'P1', closedAt: '2024-03-01T10:00:00.000Z' },
      { key: 'P2', closedAt: null },
      { key: 'P3', closedAt: '2024-03-03T10:00:00.000Z' },
      { key: 'P4', closedAt: null },
    ]);
  });
});
