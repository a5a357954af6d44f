// The file import benchmark: a generated 1,000,000-row CSV (temp dir) imported through the same code as
// `iso20k import`, against two requirements: at least 50,000 rows/s, and a peak RSS at most 200 MB above
// that of a process holding the same records in the record cache. Each measurement is its own process.
//   node --import tsx test/bench/file-import.ts [--rows N]     (the doc is written only for 1,000,000)
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { machine, REPO, runScript } from './bench-kit.js';

interface ImportResult {
  seconds: number;
  rows: number;
  skipped: number;
  records: number;
  rate: number;
  peakRssMb: number;
}
interface HoldResult {
  records: number;
  peakRssMb: number;
}

const MAPPING = `kind: incident
source: bench
csv:
  delimiter: ";"
missing: ["#N/B"]
decimalComma: true
dates:
  formats: ["DD/MM/YYYY HH:mm:ss"]
  timezone: Europe/Amsterdam
fields:
  id: Incident ID
  createdAt: Open Time
  updatedAt: { column: [Close Time, Open Time] }
  closedAt: Close Time
  resolvedAt: Resolved Time
  state: { column: Status, map: { Closed: closed, Work in progress: in_progress } }
  priority: Priority
  impact: Impact
  urgency: Urgency
  category: Category
  assignmentGroup: Group
  ciId: CI Name
  title: Title
  reopenCount: { column: Reopen Time, ifPresent: 1, ifMissing: 0 }
`;

const CATEGORIES = ['incident', 'request for information', 'complaint'];
const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** A deterministic BPIC-2014-like incident export: `;`, CRLF, Dutch dates, some missing values and quotes. */
async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'Incident ID;Status;Impact;Urgency;Priority;Category;Group;CI Name;Title;Open Time;Reopen Time;Resolved Time;Close Time\r\n',
  );
  const base = Date.UTC(2012, 1, 5);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const open = base + i * 61_000;
    const closed = i % 97 === 0 ? '' : stamp(open + 3_600_000 + (i % 50) * 60_000);
    const title = i % 10 === 0 ? `"Mail; slow for user ${i}"` : `Printer ${i % 500} offline`;
    lines.push(
      `IM${String(i).padStart(7, '0')};${closed === '' ? 'Work in progress' : 'Closed'};${(i % 5) + 1};${((i >> 3) % 5) + 1};${(i % 4) + 2};${CATEGORIES[i % 3]};TEAM${String(i % 240).padStart(4, '0')};CI${String(i % 15_000).padStart(6, '0')};${title};${stamp(open)};${i % 20 === 0 ? stamp(open + 1_800_000) : ''};${closed === '' ? '#N/B' : closed};${closed}`,
    );
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  if (lines.length > 0) out.write(`${lines.join('\r\n')}\r\n`);
  out.end();
  await once(out, 'finish');
}

export async function runFileImportBench(options: { rows?: number; command: string }): Promise<void> {
  const rows = options.rows ?? 1_000_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-bench-import-'));
  try {
    const file = path.join(dir, 'incidents.csv');
    const mapping = path.join(dir, 'mapping.yaml');
    await writeFile(mapping, MAPPING);
    console.error(`generating ${rows.toLocaleString('en-US')} rows...`);
    await generate(file, rows);
    const megabytes = (await stat(file)).size / 2 ** 20;
    console.error('importing in a fresh process...');
    const load = os.loadavg()[0]!;
    const imported = await runScript<ImportResult>('test/bench/file-import-child.ts', [
      file,
      mapping,
      path.join(dir, 'data'),
    ]);
    console.error('holding the same records in a fresh process...');
    const hold = await runScript<HoldResult>('test/bench/file-import-hold.ts', [path.join(dir, 'data')]);
    const section = render(rows, megabytes, imported, hold, load, options.command);
    console.log(section);
    if (rows === 1_000_000) await writeSection(section);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function render(
  rows: number,
  megabytes: number,
  imported: ImportResult,
  hold: HoldResult,
  load: number,
  command: string,
): string {
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const extra = imported.peakRssMb - hold.peakRssMb;
  return [
    '<!-- bench:import -->',
    '## File import: a 1,000,000-row CSV into the record cache',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${machine()}; load average ${fmt(load, 2)} when the import started (2 cores shared with other work).`,
    `A generated BPIC-2014-like incident export (${fmt(rows)} rows, ${fmt(megabytes)} MiB, \`;\`, CRLF, \`DD/MM/YYYY HH:mm:ss\` dates in`,
    'Europe/Amsterdam, `#N/B` markers, quoted values) is imported through the code `iso20k import` runs (mapping file, file source,',
    'poll pipeline, record cache) in a fresh process; a second fresh process only loads the records the import wrote,',
    'which is the memory of holding them in the record cache.',
    '',
    '| measure | result | requirement |',
    '|---|---|---|',
    `| import rate, rows/s | **${fmt(imported.rate)}** (${fmt(imported.rows)} rows, ${fmt(imported.skipped)} skipped, ${fmt(imported.records)} records in ${fmt(imported.seconds, 1)} s) | >= 50,000 |`,
    `| peak RSS of the importing process, MB | ${fmt(imported.peakRssMb)} | |`,
    `| peak RSS of a process holding the ${fmt(hold.records)} records in the record cache, MB | ${fmt(hold.peakRssMb)} | |`,
    `| import peak RSS above holding the records, MB | **${fmt(extra)}** | <= 200 |`,
    '<!-- /bench:import -->',
  ].join('\n');
}

async function writeSection(section: string): Promise<void> {
  const file = path.join(REPO, 'docs', 'benchmarks.md');
  const current = await readFile(file, 'utf8');
  const pattern = /<!-- bench:import -->[\s\S]*?<!-- \/bench:import -->/;
  await writeFile(
    file,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.error(`written to ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--rows');
  const rows = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  await runFileImportBench({ rows, command: 'node --import tsx test/bench/file-import.ts' });
}
