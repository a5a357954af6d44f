// The whole shipped pack over a million incidents and the rest: compile once, then time evaluatePack.
//   node --import tsx test/bench/engine-pack.ts [scale]   (scale 1 = the volumes)
// Prints one JSON line. Records are generated before timing starts; only evaluatePack is timed.
import path from 'node:path';
import {
  compilePack,
  evaluatePack,
  formatMappingProblem,
  loadPack,
  passedCount,
} from '../../src/engine/index.js';
import { peakRssMb, REPO } from './bench-kit.js';
import { FULL_COUNTS, pinToOneCore, RecordGenerator, type RecordCounts } from './engine-records.js';

const scale = Number(process.argv[2] ?? 1) || 1;
const cpus = await pinToOneCore();
const counts = Object.fromEntries(
  Object.entries(FULL_COUNTS).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]),
) as unknown as RecordCounts;
const now = Date.parse('2026-11-22T00:00:00.000Z');

const t0 = performance.now();
const byKind = new RecordGenerator(now, counts).all();
const generateSeconds = (performance.now() - t0) / 1000;
const empty: readonly unknown[] = [];
const records = (kind: Parameters<typeof byKind.get>[0]) => byKind.get(kind) ?? empty;

const { pack, problems } = await loadPack(path.join(REPO, 'mappings', 'iso20000-1-2018'));
if (pack === undefined) throw new Error(problems.map(formatMappingProblem).join('\n'));
const c0 = performance.now();
const compiled = compilePack(pack);
const compileMs = performance.now() - c0;

const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
const e0 = performance.now();
const { results, passed, clauses } = evaluatePack(compiled, records, new Date(now));
const evaluateSeconds = (performance.now() - e0) / 1000;

const byStatus: Record<string, number> = {};
for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
byStatus['ok'] = (byStatus['ok'] ?? 0) + passedCount(passed);
const totalRecords = [...byKind.values()].reduce((s, l) => s + l.length, 0);
console.log(
  JSON.stringify({
    cpus,
    counts,
    totalRecords,
    controls: compiled.controls.length,
    generateSeconds,
    compileMs,
    evaluateSeconds,
    results: results.length + passedCount(passed),
    byStatus,
    clauses: clauses.length,
    rssBeforeMb,
    peakRssMb: peakRssMb(),
  }),
);
