// The Jira source benchmark (part of `npm run bench`): the simulator with 200,000 incidents in its own
// process; per round a bare axios loop over the same search pages, then the source's full sync into the
// record cache and an incremental poll. Results go to docs/benchmarks.md between the bench:jira markers.
//   node --import tsx test/bench/jira-bench.ts [--issues 20000]   (a smaller run leaves the doc alone)
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { machine, REPO, runScript } from './bench-kit.js';

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

const FULL_SIZE = 200_000;
const PAGE_SIZE = 100;
const CHANGED = 1000;
const ROUNDS = 2;

async function startJiraSimulator(issues: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/bench/jira-simulator-process.ts',
      '--incidents',
      String(issues),
      '--seed',
      '42',
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Jira simulator exited with ${code}`)));
    lines.once('line', (line) => resolve(line.trim()));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function runJiraBench(options: { issues?: number; command: string }): Promise<void> {
  const issues = options.issues ?? FULL_SIZE;
  console.error(`Starting the Jira simulator with ${issues.toLocaleString('en-US')} incidents...`);
  const sim = await startJiraSimulator(issues);
  const loops: LoopResult[] = [];
  const syncs: SyncResult[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`round ${round}: bare axios loop over /rest/api/3/search/jql...`);
      loops.push(await runScript<LoopResult>('test/bench/jira-bare-loop.ts', [sim.url, String(PAGE_SIZE)]));
      console.error(`round ${round}: Jira source full + incremental sync...`);
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-jira-bench-'));
      try {
        syncs.push(
          await runScript<SyncResult>('test/bench/jira-sync.ts', [
            sim.url,
            dataDir,
            String(PAGE_SIZE),
            String(CHANGED),
          ]),
        );
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await sim.stop();
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const loopRate = mean(loops.map((l) => l.rate));
  const syncRate = mean(syncs.map((s) => s.full.rate));
  const [load1, load5] = os.loadavg();
  const section = [
    '<!-- bench:jira -->',
    '## Jira source: full sync and incremental poll',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${options.command}\` on ${machine()};`,
    `load average at the end ${fmt(load1 ?? 0, 2)} (1 min), ${fmt(load5 ?? 0, 2)} (5 min): the 2 cores are shared with other work.`,
    `The simulator (\`test/bench/jira-simulator-process.ts --incidents ${fmt(issues)}\`) runs in its own process on loopback;`,
    `each measurement runs in a fresh Node process. Both loops POST the same enhanced searches (same JQL ordered by`,
    `updated and id, the same explicit field list of ${'~'}30 fields, \`expand=changelog\`, ${PAGE_SIZE} issues per page, the`,
    'nextPageToken chain); the source also maps every issue to a canonical record (ADF to text, custom fields,',
    `reopen counts from the changelog) and commits each page with its cursor to the record cache. ${ROUNDS} rounds.`,
    '',
    '| measure | result | requirement |',
    '|---|---|---|',
    `| bare axios loop (the limit), issues/s | ${loops.map((l) => fmt(l.rate)).join(', ')} (mean ${fmt(loopRate)}) | |`,
    `| Jira source full sync into the cache, issues/s | ${syncs.map((s) => fmt(s.full.rate)).join(', ')} (mean ${fmt(syncRate)}) | |`,
    `| ratio source / bare loop | **${fmt(syncRate / loopRate, 2)}** | >= 0.70 |`,
    `| full sync time, s | ${syncs.map((s) => fmt(s.full.seconds, 1)).join(', ')} | |`,
    `| peak RSS of the syncing process, MB | ${syncs.map((s) => fmt(s.full.peakRssMb)).join(', ')} | |`,
    `| incremental poll after ${fmt(CHANGED)} updates (warm cache), s | ${syncs.map((s) => `${fmt(s.incremental.seconds, 2)} (fetched ${fmt(s.incremental.fetched)}, updated ${fmt(s.incremental.updated)})`).join(', ')} | |`,
    '<!-- /bench:jira -->',
  ].join('\n');
  console.log(section);
  if (issues !== FULL_SIZE) return;
  const file = path.join(REPO, 'docs', 'benchmarks.md');
  const current = await readFile(file, 'utf8');
  const pattern = /<!-- bench:jira -->[\s\S]*?<!-- \/bench:jira -->/;
  await writeFile(
    file,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.error(`written to ${file}`);
}

// Run directly: `node --import tsx test/bench/jira-bench.ts [--issues N]`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--issues');
  await runJiraBench({
    ...(at === -1 ? {} : { issues: Number(args[at + 1]) }),
    command: 'node --import tsx test/bench/jira-bench.ts',
  });
}
