// `npm run bench`: the benchmarks, each in fresh processes, with the results written into docs/benchmarks.md.
//   npm run bench                      all benchmarks
//   npm run bench -- --incidents 200000 smaller, for a quick look (the doc is then left alone)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { machine, REPO, runScript, startSimulatorProcess } from './bench-kit.js';
import { runEngineBench } from './run-engine.js';
import { runJiraBench } from './jira-bench.js';

interface LoopResult {
  rows: number;
  seconds: number;
  rate: number;
  peakRssMb: number;
}
interface SyncResult {
  full: { seconds: number; fetched: number; records: number; rate: number; peakRssMb: number };
  incremental: { seconds: number; fetched: number; updated: number };
}
interface ReloadResult {
  seconds: number;
  records: number;
  peakRssMb: number;
}

const args = process.argv.slice(2);
const incidents = Number(args[args.indexOf('--incidents') + 1] ?? 1_000_000) || 1_000_000;
const pageSize = 1000;
const changed = 1000;
const rounds = 2;

console.error(`Starting the simulator with ${incidents.toLocaleString('en-US')} incidents...`);
const sim = await startSimulatorProcess([
  '--incidents',
  String(incidents),
  '--slas',
  '0',
  '--requests',
  '0',
  '--changes',
  '0',
  '--problems',
  '0',
  '--seed',
  '42',
]);
const loops: LoopResult[] = [];
const syncs: SyncResult[] = [];
let reload: ReloadResult | undefined;
try {
  for (let round = 1; round <= rounds; round++) {
    console.error(`round ${round}: bare axios loop...`);
    loops.push(
      await runScript<LoopResult>('test/bench/servicenow-bare-loop.ts', [sim.url, String(pageSize)]),
    );
    console.error(`round ${round}: ServiceNow source full + incremental sync...`);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-bench-'));
    try {
      syncs.push(
        await runScript<SyncResult>('test/bench/servicenow-sync.ts', [
          sim.url,
          dataDir,
          String(pageSize),
          String(changed),
        ]),
      );
      if (round === rounds) {
        console.error('reloading the cache in a new process...');
        reload = await runScript<ReloadResult>('test/bench/servicenow-reload.ts', [dataDir]);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await sim.stop();
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const loopRate = mean(loops.map((l) => l.rate));
const syncRate = mean(syncs.map((s) => s.full.rate));
const fullSeconds = mean(syncs.map((s) => s.full.seconds));
const incSeconds = mean(syncs.map((s) => s.incremental.seconds));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = [
  '| measure | result | requirement |',
  '|---|---|---|',
  `| bare axios loop (the limit), records/s | ${loops.map((l) => fmt(l.rate)).join(', ')} (mean ${fmt(loopRate)}) | |`,
  `| ServiceNow source full sync into the cache, records/s | ${syncs.map((s) => fmt(s.full.rate)).join(', ')} (mean ${fmt(syncRate)}) | |`,
  `| ratio source / bare loop | **${fmt(syncRate / loopRate, 2)}** | >= 0.70 |`,
  `| full sync time, s | ${syncs.map((s) => fmt(s.full.seconds, 1)).join(', ')} | |`,
  `| peak RSS of the syncing process, MB | ${syncs.map((s) => fmt(s.full.peakRssMb)).join(', ')} | <= 1,536 |`,
  `| reload of the ${fmt(reload?.records ?? 0)}-record cache in a new process, s | **${fmt(reload?.seconds ?? NaN, 2)}** (peak RSS ${fmt(reload?.peakRssMb ?? NaN)} MB) | <= 5 |`,
  `| incremental poll after ${fmt(changed)} updates (warm cache), s | ${syncs.map((s) => `${fmt(s.incremental.seconds, 2)} (fetched ${fmt(s.incremental.fetched)}, updated ${fmt(s.incremental.updated)})`).join(', ')} | |`,
  `| incremental / full sync | **${fmt((incSeconds / fullSeconds) * 100, 2)} %** | <= 2 % |`,
];
const section = [
  `<!-- bench:servicenow-sync -->`,
  `## ServiceNow source: full sync, incremental poll, cache reload`,
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${machine()}.`,
  `The simulator (\`iso20k simulate servicenow --incidents ${fmt(incidents)}\`) runs in its own process on`,
  `loopback; each measurement runs in a fresh Node process. Page size ${pageSize}; both loops send the same`,
  `keyset queries, fields and parameters; the source also maps every row to a canonical record and commits`,
  `each page with its cursor to the record cache (a first sync leaves a journal of fresh records,
which loads as fast as a snapshot, so nothing is rewritten at the end). ${rounds} rounds.`,
  '',
  ...rows,
  `<!-- /bench:servicenow-sync -->`,
].join('\n');
console.log(section);

if (incidents === 1_000_000) {
  const file = path.join(REPO, 'docs', 'benchmarks.md');
  const current = await readFile(file, 'utf8').catch(
    () =>
      '# Benchmarks\n\nWritten by `npm run bench`; every figure is measured, with the machine and the command.\n',
  );
  const pattern = /<!-- bench:servicenow-sync -->[\s\S]*?<!-- \/bench:servicenow-sync -->/;
  await writeFile(
    file,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.error(`written to ${file}`);
}

// The mapping engine's benchmarks (also `npm run bench:engine`), written to their own section.
await runEngineBench({ scale: incidents / 1_000_000, command: 'npm run bench' });

// The file import benchmark (also `node --import tsx test/bench/file-import.ts`), written to its own section.
await (await import('./file-import.js')).runFileImportBench({ rows: incidents, command: 'npm run bench' });

// The Jira source's benchmark, written to its own section (200,000 issues at the default size).
await runJiraBench({ issues: Math.round(incidents / 5), command: 'npm run bench' });

// The status API under load during a 1,000,000-record sync (also `node --import tsx test/bench/api-load.ts`).
await (await import('./api-load.js')).runApiBench({ incidents, command: 'npm run bench' });

// The status API through whole runs of a large site (also `node --import tsx test/bench/api-load-run.ts`).
await (await import('./api-load-run.js')).runApiRunBenchAndWrite({ incidents, command: 'npm run bench' });
