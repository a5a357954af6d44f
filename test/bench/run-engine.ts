// `npm run bench:engine` (also run at the end of `npm run bench`): the mapping engine's benchmarks,
// each in a fresh process held to one core, with the results written into docs/benchmarks.md.
//   npm run bench:engine                 the issue's volumes; writes the doc
//   npm run bench:engine -- --scale 0.1  smaller, for a quick look (the doc is then left alone)
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { machine, REPO, runScript } from './bench-kit.js';
import type { RecordCounts } from './engine-records.js';

interface PackResult {
  cpus: string;
  counts: RecordCounts;
  totalRecords: number;
  controls: number;
  generateSeconds: number;
  compileMs: number;
  evaluateSeconds: number;
  results: number;
  byStatus: Record<string, number>;
  clauses: number;
  rssBeforeMb: number;
  peakRssMb: number;
}
interface CompareResult {
  cpus: string;
  records: number;
  rules: number;
  oursSeconds: number;
  jreSeconds: number;
  oursUsPerRecord: number;
  jreUsPerRecord: number;
  ratio: number;
  counts: Record<string, { ok: number; alarm: number }>;
  peakRssMb: number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function runEngineBench(options: { scale?: number; command?: string } = {}): Promise<void> {
  const scale = options.scale ?? 1;
  const command = options.command ?? 'npm run bench:engine';
  const perKind = Math.max(20_000, Math.round(100_000 * scale)); // fewer leave rare rules without alarms
  console.error(`engine: the whole shipped pack over the issue's volumes x ${scale}...`);
  const full = await runScript<PackResult>('test/bench/engine-pack.ts', [String(scale)]);
  console.error(`engine: ten per-record rules, ours vs json-rules-engine, ${fmt(perKind)} records a kind...`);
  const cmp = await runScript<CompareResult>('test/bench/engine-vs-json-rules-engine.ts', [String(perKind)]);

  const c = full.counts;
  const others = (
    ['service', 'agreement', 'problem', 'request', 'release', 'ci_relation', 'knowledge', 'review'] as const
  )
    .map(
      (k) =>
        `${fmt(c[k])} ${k === 'ci_relation' ? 'CI relations' : k === 'knowledge' ? 'knowledge articles' : `${k}s`}`,
    )
    .join(', ');
  const status = Object.entries(full.byStatus)
    .map(([s, n]) => `${fmt(n)} ${s}`)
    .join(', ');
  const rows = [
    '| measure | result | requirement |',
    '|---|---|---|',
    `| compilePack of the shipped pack (${full.controls} controls), ms | ${fmt(full.compileMs, 1)} | |`,
    `| evaluatePack of the whole pack over ${fmt(full.totalRecords)} records, one core, s | **${fmt(full.evaluateSeconds, 2)}** | <= 10 |`,
    `| results | ${fmt(full.results)} (${status}) | |`,
    `| peak RSS of that process (records + results), MB | ${fmt(full.peakRssMb)} (${fmt(full.rssBeforeMb)} before evaluating) | |`,
    `| ten per-record rules, our engine, µs a record | ${fmt(cmp.oursUsPerRecord, 2)} (${fmt(cmp.oursSeconds, 2)} s for ${fmt(cmp.records)}) | |`,
    `| the same rules in json-rules-engine 7, µs a record | ${fmt(cmp.jreUsPerRecord, 2)} (${fmt(cmp.jreSeconds, 2)} s for ${fmt(cmp.records)}) | |`,
    `| json-rules-engine / ours | **${fmt(cmp.ratio, 1)}x** | >= 20x |`,
  ];
  const counts = Object.entries(cmp.counts)
    .map(([id, n]) => `${id} ${fmt(n.ok)}/${fmt(n.alarm)}`)
    .join('; ');
  const section = [
    '<!-- bench:engine -->',
    '',
    '## Mapping engine: the whole pack, and per-record rules against json-rules-engine',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${machine()}.`,
    `Each measurement runs in a fresh Node process that pins itself and all its threads to one core with`,
    `\`taskset -a -cp 0\` (allowed CPUs: ${full.cpus}). Synthetic, seeded records (test/bench/engine-records.ts)`,
    `with a realistic share of gaps are generated before timing (${fmt(full.generateSeconds, 1)} s); only`,
    `\`evaluatePack\` is timed, once, cold. Whole pack: ${fmt(c.incident)} incidents, ${fmt(c.change)} changes,`,
    `${fmt(c.sla)} SLA records, ${fmt(c.ci)} CIs, ${others}. Comparison: ${cmp.rules} shipped record controls`,
    `(five on incidents, five on changes) over ${fmt(cmp.records / 2)} incidents and ${fmt(cmp.records / 2)} changes,`,
    `evaluated by \`evaluatePack\` and by one json-rules-engine \`Engine\` a kind with the same conditions`,
    '(`engine.run(record)` per record); the script fails unless both give the same ok/alarm counts per rule',
    `(ok/alarm: ${counts}).`,
    '',
    ...rows,
    '',
    '<!-- /bench:engine -->',
  ].join('\n');
  console.log(section);

  if (scale === 1) {
    const file = path.join(REPO, 'docs', 'benchmarks.md');
    const current = await readFile(file, 'utf8');
    const pattern = /<!-- bench:engine -->[\s\S]*?<!-- \/bench:engine -->/;
    await writeFile(
      file,
      pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
    );
    console.error(`written to ${file}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--scale');
  await runEngineBench({ scale: at >= 0 ? Number(args[at + 1]) || 1 : 1 });
}
