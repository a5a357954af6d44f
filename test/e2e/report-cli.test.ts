// `iso20k report` end to end: the real CLI after a real `once` against the ServiceNow simulator, then the
// evidence pack as JSON and HTML, with figures that must equal the state's last assessment; plus the
// exit codes for a malformed period (2), an unreadable data dir (3) and a data dir never polled (0).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import { EvidenceReportSchema } from '../../src/report/report-schema.js';
import { StateDataSchema } from '../../src/state/state-schema.js';
import { cliEnv, lines, runCli, STACK_LINE, writeCliConfig } from '../helpers/cli.js';
import { tempDir } from '../helpers/servicenow-sync.js';

const env = cliEnv({ SN_USERNAME: 'admin', SN_PASSWORD: 'admin' });

let root: { dir: string; remove: () => Promise<void> };
let sim: ServiceNowSimulator;
let config: string;
let dataDir: string;

beforeAll(async () => {
  root = await tempDir('iso20k-report-cli-');
  sim = createServiceNowSimulator({
    seed: 31,
    incidents: 300,
    problems: 20,
    changes: 40,
    requests: 60,
    cis: 40,
    knowledge: 10,
    reviews: 5,
    slas: 10,
  });
  const url = await sim.listen();
  dataDir = path.join(root.dir, 'data');
  config = await writeCliConfig(root.dir, dataDir, {
    url,
    streams: ['incident', 'request', 'problem', 'change', 'ci', 'knowledge'],
  });
  const once = await runCli(['once', '--config', config], env);
  if (once.code !== 0) throw new Error(`once failed (${once.code}):\n${once.stdout}\n${once.stderr}`);
});

afterAll(async () => {
  await sim?.close();
  await root?.remove();
});

async function lastAssessment() {
  const state = StateDataSchema.parse(JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')));
  if (state.lastAssessment === null) throw new Error('once left no assessment in state');
  return state.lastAssessment;
}

describe.concurrent('iso20k report', () => {
  it('--format json: valid against the schema, clause figures equal to the last assessment', async () => {
    const out = path.join(root.dir, 'report.json');
    const run = await runCli(
      ['report', '--config', config, '--format', 'json', '--seed', '5', '--out', out],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^wrote the json evidence pack to .*report\.json: \d+ records, .*sample seed 5\n$/,
    );
    const report = EvidenceReportSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    const assessment = await lastAssessment();
    expect(report.generation.pack.name).toBe(assessment.pack);
    expect(report.clauses).toHaveLength(77);
    const figures = (c: {
      checked: number;
      passed: number;
      failed: number;
      waived: number;
      errors: number;
      status: string;
    }) => [c.checked, c.passed, c.failed, c.waived, c.errors, c.status];
    expect(Object.fromEntries(report.clauses.map((c) => [c.id, figures(c)]))).toEqual(
      Object.fromEntries(assessment.clauses.map((c) => [c.clause, figures(c)])),
    );
    // Per control, the alarms listed add up to the state's alarm total (every failing record, no cap).
    expect(report.controls.reduce((n, c) => n + c.failed, 0)).toBe(assessment.totals['alarm'] ?? 0);
    expect(report.generation.recordsByKind.incident).toBe(sim.store.count('incident'));
    expect(report.sample.seed).toBe('5');
    const incidents = report.sample.kinds.find((k) => k.kind === 'incident');
    expect(incidents?.records).toHaveLength(25);
    // Failing records carry their own dates, not the report's.
    const failure = report.controls.flatMap((c) => c.failures).find((f) => f.record?.kind === 'incident');
    expect(failure?.record?.updatedAt).not.toBe(report.generation.generatedAt);
  });

  it('--format html to stdout: a self-contained page whose heat map shows the assessed counts', async () => {
    const run = await runCli(['report', '--config', config, '--format', 'html', '--seed', '5'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(run.stdout).not.toMatch(/<script|<link /);
    const assessment = await lastAssessment();
    for (const c of assessment.clauses.filter((x) => x.checked > 0)) {
      expect(run.stdout, c.clause).toContain(
        `<span class="n">${c.passed.toLocaleString('en-US')}/${c.checked.toLocaleString('en-US')} pass`,
      );
    }
    expect(run.stdout).toContain("Auditor's sample (seed 5)");
  });

  it('the same seed draws the same sample; a period narrows the records', async () => {
    const [a, b, narrow] = await Promise.all([
      runCli(['report', '--config', config, '--format', 'json', '--seed', '11'], env),
      runCli(['report', '--config', config, '--format', 'json', '--seed', '11'], env),
      runCli(
        ['report', '--config', config, '--format', 'json', '--seed', '11', '--period', '2099-01-01..'],
        env,
      ),
    ]);
    // The data dir lock lets one report in at a time; the others wait for it rather than fail.
    for (const run of [a, b, narrow]) expect(run.code, run.stderr).toBe(0);
    const parse = (text: string) => EvidenceReportSchema.parse(JSON.parse(text));
    expect(parse(a.stdout).sample).toEqual(parse(b.stdout).sample);
    // A period in the future keeps only the work still open (its life overlaps the period), nothing closed.
    const future = parse(narrow.stdout);
    expect(future.period.recordsExcluded).toBeGreaterThan(0);
    const open = future.generation.recordsByKind.incident ?? 0;
    expect(open).toBeLessThan(parse(a.stdout).generation.recordsByKind.incident ?? 0);
    const sampled = future.sample.kinds.find((k) => k.kind === 'incident')?.records ?? [];
    expect(sampled.length).toBe(Math.min(25, open));
    for (const s of sampled) expect(s.record.closedAt, s.record.key).toBeNull();
  });

  it('a malformed period: exit 2 with a usage line, nothing read', async () => {
    const run = await runCli(['report', '--config', config, '--period', '2026-03-31..2026-01-01'], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)[0]).toMatch(/--period "2026-03-31\.\.2026-01-01": FROM is after TO.*\[USAGE\]/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a data dir that cannot be read: exit 3', async () => {
    const notADir = path.join(root.dir, 'not-a-dir');
    await writeFile(notADir, 'a file where the data directory should be');
    const run = await runCli(['report', '--config', config, '--data-dir', notADir, '--format', 'json'], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('[STATE_IO]');
    expect(run.stderr).toContain(notADir);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a data dir never polled: a report that says the cache is empty, exit 0', async () => {
    const empty = path.join(root.dir, 'empty');
    await mkdir(empty);
    const run = await runCli(
      [
        'report',
        '--config',
        config,
        '--data-dir',
        path.join(empty, 'data'),
        '--format',
        'json',
        '--seed',
        '1',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = EvidenceReportSchema.parse(JSON.parse(run.stdout));
    expect(report.summary.noRecords).toBe(true);
    expect(report.summary.notes[0]).toMatch(/record cache is empty/);
    expect(report.controls.every((c) => c.status === 'skip')).toBe(true);
  });
});
