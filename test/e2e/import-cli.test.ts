// `iso20k import` as a user runs it: the real CLI process, real files, a real data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordCache } from '../../src/state/record-cache.js';
import { runCli, STACK_LINE } from '../helpers/cli.js';

const SAMPLE = 'test/fixtures/datasets/bpic2014-incidents-sample.csv';
const MAPPING = 'config/imports/bpic2014-incidents.yaml';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-import-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The `import` summary's figures by name ("rows imported" -> 304). */
function figures(stdout: string): Map<string, string> {
  const lines = stdout.split('\n\n')[0]!.split('\n').slice(1);
  return new Map(
    lines.map((line) => {
      const [name = '', value = ''] = line.split(/ {2,}/);
      return [name.trim(), value.trim()];
    }),
  );
}

describe('iso20k import', () => {
  it('imports a real export into the record cache and prints the summary with skip reasons (exit 0)', async () => {
    const run = await runCli([
      'import',
      '--file',
      SAMPLE,
      '--kind',
      'incident',
      '--mapping',
      MAPPING,
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    // Not a terminal: no progress line, and nothing else on stderr.
    expect(run.stderr).toBe('');
    const summary = figures(run.stdout);
    expect(summary.get('rows read')).toBe('307');
    expect(summary.get('rows imported')).toBe('304');
    expect(summary.get('rows skipped')).toBe('3');
    expect(summary.get('records new')).toBe('304');
    expect(summary.get('stream')).toBe('bpic2014/import:incident (incident)');
    expect(run.stdout).toMatch(/^\s+3 +empty row +306, 307, 308/m);
    const stream = await createRecordCache({ dir: dataDir }).open({
      source: 'bpic2014',
      stream: 'import:incident',
      kind: 'incident',
    });
    expect(stream.records.size).toBe(304);
    await stream.close();
  });

  it('re-importing the same file updates in place: no new records, all unchanged', async () => {
    const run = await runCli([
      'import',
      '-f',
      SAMPLE,
      '-k',
      'incident',
      '-m',
      MAPPING,
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    const summary = figures(run.stdout);
    expect([
      summary.get('records new'),
      summary.get('records unchanged'),
      summary.get('records in the stream'),
    ]).toEqual(['0', '304', '304']);
  });

  it('a bad mapping file: file:line:col path: message on stderr, exit 2, nothing imported', async () => {
    const run = await runCli([
      'import',
      '-f',
      SAMPLE,
      '-k',
      'incident',
      '-m',
      'test/fixtures/imports/mappings/unknown-field.yaml',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'test/fixtures/imports/mappings/unknown-field.yaml:5:3 fields.priorty: incident records have no field "priorty" (did you mean "priority"?)',
    );
    expect(run.stdout).toBe('');
  });

  it('a broken file (quote never closed): the summary, then file:line on stderr, exit 2', async () => {
    const run = await runCli([
      'import',
      '-f',
      'test/fixtures/imports/unclosed-quote.csv',
      '-k',
      'incident',
      '-m',
      'test/fixtures/imports/incidents.yaml',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).toContain(
      'test/fixtures/imports/unclosed-quote.csv:3: a quoted value opened on this line is never closed',
    );
    expect(figures(run.stdout).get('rows imported')).toBe('1');
  });

  it('a file that cannot be read: exit 3 naming it; an unknown kind: exit 2', async () => {
    const missing = await runCli([
      'import',
      '-f',
      'no/such/export.csv',
      '-k',
      'incident',
      '-m',
      MAPPING,
      '--data-dir',
      dataDir,
    ]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read no/such/export.csv');
    const kind = await runCli([
      'import',
      '-f',
      SAMPLE,
      '-k',
      'incidents',
      '-m',
      MAPPING,
      '--data-dir',
      dataDir,
    ]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('unknown kind "incidents"');
  });
});
