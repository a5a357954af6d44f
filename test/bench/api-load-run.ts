// The status API under load through whole runs, not only a sync: the first run of a 1,000,000-incident
// site (full sync, assessment of every record, a ledger of some 200,000 findings taken in by the API's
// thread) and the run after it (1,000 changed incidents, the same assessment, what changed in the ledger),
// which is what a large site runs every few minutes. The simulator adds no latency, so the sync is as
// short and as CPU-hungry as it gets. Results go between <!-- bench:api-run --> markers.
//   node --import tsx test/bench/api-load-run.ts [--incidents N] [--rate R]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { machine, REPO, runScript, startSimulatorProcess } from './bench-kit.js';
import { configYaml, getJson, startService, TOKEN, type ClientResult } from './api-load-service.js';

interface RunsBody {
  items: { id: string; status: string; startedAt: string; finishedAt: string | null }[];
}

interface Window {
  label: string;
  client: ClientResult;
  /** Seconds from the window's start. */
  runStart: number;
  runEnd: number | undefined;
  findings: number;
  loadAvg: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function measureRun(base: string, rate: number, seconds: number, label: string): Promise<Window> {
  const loadAvg = os.loadavg();
  const clientDone = runScript<ClientResult>('test/bench/api-load-client.ts', [
    `${base}/api/v1/status`,
    String(rate),
    String(seconds),
  ]);
  // The client opens its window 50 ms after it starts; give it a moment to start its process first.
  await sleep(1500);
  const posted = await getJson<{ runId: string }>(`${base}/api/v1/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  if (posted.status !== 202) throw new Error(`POST /api/v1/runs answered ${posted.status}`);
  const client = await clientDone;
  const runs = await getJson<RunsBody>(`${base}/api/v1/runs?limit=5`);
  const run = runs.body.items.find((r) => r.id === posted.body.runId);
  if (run === undefined) throw new Error(`run ${posted.body.runId} is not in /api/v1/runs`);
  const at = (iso: string) => (Date.parse(iso) - client.windowStartMs) / 1000;
  const findings = await getJson<{ total: number }>(`${base}/api/v1/findings?limit=1`);
  return {
    label,
    client,
    runStart: at(run.startedAt),
    runEnd: run.finishedAt === null ? undefined : at(run.finishedAt),
    findings: findings.body.total,
    loadAvg,
  };
}

function row(w: Window): string {
  const c = w.client;
  const worst = c.worstPerSecond
    .map((ms, second) => ({ ms, second }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((x) => `${fmt(x.ms, 0)} ms at ${x.second} s`)
    .join(', ');
  const runSpan = `${fmt(w.runStart, 1)} → ${w.runEnd === undefined ? 'still going' : `${fmt(w.runEnd, 1)} s`}`;
  return `| ${w.label} | ${fmt(c.answered)} / ${fmt(c.scheduled)}, ${fmt(c.errors)} errors | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(c.p999, 1)} / ${fmt(c.max, 1)} | ${worst} | ${runSpan} | ${fmt(w.findings)} | ${w.loadAvg.map((l) => fmt(l, 2)).join(', ')} |`;
}

export async function runApiRunBench(options: {
  incidents: number;
  rate: number;
  command: string;
}): Promise<string> {
  const sim = await startSimulatorProcess([
    ...['--incidents', String(options.incidents), '--slas', '0', '--requests', '0', '--changes', '0'],
    ...['--problems', '0', '--seed', '42'],
  ]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-bench-api-run-'));
  const configFile = path.join(dir, 'bench.yaml');
  await writeFile(configFile, configYaml(sim.url, path.join(dir, 'data'), options.rate * 60 * 4));
  const service = await startService(configFile);
  try {
    const base = service.url;
    while ((await fetch(`${base}/readyz`)).status !== 200) await sleep(100);
    console.error(`api run: first run of ${fmt(options.incidents)} incidents under ${options.rate}/s ...`);
    const first = await measureRun(base, options.rate, 90, 'first run: full sync, assessment, new ledger');
    if (first.runEnd === undefined) throw new Error('the first run did not finish inside its 90 s window');
    const changed = await getJson<unknown>(`${sim.url}/sim/tables/incident/update`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      },
      body: JSON.stringify({ count: 1000 }),
    });
    if (changed.status !== 200) throw new Error(`the simulator refused the update: ${changed.status}`);
    console.error('api run: the next run (1,000 changed incidents) ...');
    const next = await measureRun(base, options.rate, 45, 'next run: 1,000 changes, assessment, ledger diff');
    const windows = [first, next];
    const ok = windows.every((w) => w.client.errors === 0 && w.runEnd !== undefined);
    const section = [
      '<!-- bench:api-run -->',
      '## Status API through whole runs of a 1,000,000-record site',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`${options.command}\` on ${machine()}.`,
      `The same three processes as above, but the simulator adds no latency (the sync is as short and as`,
      `CPU-hungry as it gets) and each window covers a whole run: ${fmt(options.rate)} GET /api/v1/status a second`,
      'from 1.5 s before `POST /api/v1/runs` until well after the run has ended. The first run syncs the million,',
      'assesses it and hands the API thread a new findings ledger; the next one reads 1,000 changed incidents,',
      'assesses everything again and hands over what changed in the ledger (every open finding has a new lastSeen).',
      'There is no latency requirement for these windows; they show what an admin sees while a large site runs.',
      '',
      '| window | answered, errors | p50 ms | p99 ms | p99.9 / max ms | worst seconds (from the window start) | run (s from the window start) | findings after | load average at start |',
      '|---|---|---|---|---|---|---|---|---|',
      ...windows.map(row),
      '',
      `Result: ${ok ? 'every request answered 200 and both runs finished inside their windows' : 'NOT every request answered, or a run did not finish'}.`,
      '<!-- /bench:api-run -->',
    ].join('\n');
    console.log(section);
    return section;
  } finally {
    const exited = new Promise((r) => service.child.once('exit', r));
    service.child.kill('SIGTERM');
    await exited;
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeSection(section: string): Promise<void> {
  const file = path.join(REPO, 'docs', 'benchmarks.md');
  const current = await readFile(file, 'utf8');
  const pattern = /<!-- bench:api-run -->[\s\S]*?<!-- \/bench:api-run -->/;
  await writeFile(
    file,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}

/** Runs at 1,000 requests/s and writes its section (only at the full size). */
export async function runApiRunBenchAndWrite(options: { incidents: number; command: string }): Promise<void> {
  const section = await runApiRunBench({ ...options, rate: 1000 });
  if (options.incidents === 1_000_000) {
    await writeSection(section);
    console.error('written to docs/benchmarks.md');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const incidents = arg('--incidents', 1_000_000);
  const rate = arg('--rate', 1000);
  const command = `node --import tsx test/bench/api-load-run.ts ${args.join(' ')}`.trim();
  const section = await runApiRunBench({ incidents, rate, command });
  if (incidents === 1_000_000 && rate === 1000) {
    await writeSection(section);
    console.error('written to docs/benchmarks.md');
  }
}
