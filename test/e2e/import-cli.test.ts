// `iso20k import` as a user runs it: the real CLI process, real files, a real data directory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('--replace removes the cached records a newer complete export no longer holds, and refuses when rows were unreadable', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-import-replace-'));
    try {
      const lines = (await readFile(SAMPLE, 'utf8'))
        .split('\n')
        .filter((line) => line.trim().replace(/;/g, '') !== '');
      const [header, ...rows] = lines;
      const full = path.join(dir, 'full.csv');
      const newer = path.join(dir, 'newer.csv');
      const broken = path.join(dir, 'broken.csv');
      await writeFile(full, `${[header, ...rows].join('\n')}\n`);
      await writeFile(newer, `${[header, ...rows.slice(0, 200)].join('\n')}\n`);
      // A row whose date cannot be read: it may hold a record, so nothing may be removed.
      const bad = rows[5]!.replace(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/, 'not a date');
      await writeFile(broken, `${[header, bad, ...rows.slice(0, 100)].join('\n')}\n`);
      const data = path.join(dir, 'data');
      const run = (file: string, ...extra: string[]) =>
        runCli([
          'import',
          '--file',
          file,
          '--kind',
          'incident',
          '--mapping',
          MAPPING,
          '--data-dir',
          data,
          ...extra,
        ]);
      const cached = async () => {
        const stream = await createRecordCache({ dir: data }).open({
          source: 'bpic2014',
          stream: 'import:incident',
          kind: 'incident',
        });
        const size = stream.records.size;
        await stream.close();
        return size;
      };

      expect((await run(full)).code).toBe(0);
      expect(await cached()).toBe(rows.length);
      // Without --replace a smaller export only updates.
      expect((await run(newer)).code).toBe(0);
      expect(await cached()).toBe(rows.length);
      const broke = await run(broken, '--replace');
      expect(broke.code).toBe(1);
      expect(broke.stderr).toMatch(/--replace removed nothing: 1 rows of .*broken\.csv could not be read/);
      expect(await cached()).toBe(rows.length);
      const replaced = await run(newer, '--replace');
      expect(replaced.code).toBe(0);
      expect(figures(replaced.stdout).get('records removed (--replace)')).toBe(String(rows.length - 200));
      expect(await cached()).toBe(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
