// Record cache benchmark: commit N realistic incidents in batches of 1,000, compact, append a journal
// of updates (100,000 by default: the most a journal holds at the default compactRatio of 0.1 before
// compact() rewrites the snapshot), then load the whole cache in fresh processes (time, peak RSS).
// Standalone script, not run by vitest:
//   node --import tsx test/bench/record-cache.bench.ts [--records 1000000] [--updates 100000] [--loads 3] [--dir PATH] [--keep]
// Each load runs in its own child process so that its peak RSS is the load's alone.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncidentRecord } from '../../src/contracts/records.js';
import { createRecordCache, type StreamKey } from '../../src/state/record-cache.js';

const KEY: StreamKey = { source: 'snow-prod', stream: 'incident', kind: 'incident' };
const BATCH = 1000;

/** A small deterministic PRNG, so runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(20_000);
const int = (n: number): number => Math.floor(rnd() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const sysId = (): string => {
  let s = '';
  for (let i = 0; i < 32; i++) s += '0123456789abcdef'[int(16)];
  return s;
};
const WORDS =
  'unable to login outlook vpn disconnects printer jammed on floor three database slow response application crash after update password expired laptop screen broken network outage in building payroll server disk full email not syncing mobile device certificate error'.split(
    ' ',
  );
const sentence = (words: number): string => Array.from({ length: words }, () => pick(WORDS)).join(' ');
const GROUPS = Array.from({ length: 150 }, sysId);
const USERS = Array.from({ length: 4000 }, sysId);
const CIS = Array.from({ length: 25_000 }, sysId);
const SERVICES = Array.from({ length: 300 }, sysId);
const iso = (ms: number): string => new Date(ms).toISOString();

/** An incident shaped like a ServiceNow one: 32-hex sys_ids, real-length titles and close notes. */
export function makeIncident(n: number, id = sysId()): IncidentRecord {
  const created = Date.UTC(2023, 0, 1) + int(3 * 365 * 86_400_000);
  const closed = rnd() < 0.8;
  const record: IncidentRecord = {
    kind: 'incident',
    source: KEY.source,
    id,
    key: `INC${String(1_000_000 + n).padStart(7, '0')}`,
    url: `https://acme.service-now.com/nav_to.do?uri=incident.do?sys_id=${id}`,
    createdAt: iso(created),
    updatedAt: iso(created + int(30 * 86_400_000)),
    stateRaw: closed ? '7' : pick(['1', '2', '3']),
    priority: 1 + int(5),
    impact: 1 + int(3),
    urgency: 1 + int(3),
    category: pick(['network', 'hardware', 'software', 'database', 'inquiry']),
    subcategory: pick(['email', 'vpn', 'os', 'dns', 'wireless', null]),
    assignmentGroup: pick(GROUPS),
    assignedTo: rnd() < 0.9 ? pick(USERS) : null,
    ciId: rnd() < 0.7 ? pick(CIS) : null,
    serviceId: pick(SERVICES),
    active: !closed,
    title: sentence(4 + int(9)),
    state: closed ? 'closed' : pick(['new', 'in_progress', 'on_hold']),
    resolvedAt: closed ? iso(created + int(5 * 86_400_000)) : null,
    closedAt: closed ? iso(created + 6 * 86_400_000) : null,
    closeCode: closed
      ? pick([
          'Solved (Permanently)',
          'Solved (Work Around)',
          'Not Solved (Too Costly)',
          'Closed/Resolved by Caller',
        ])
      : null,
    closeNotes: closed ? sentence(8 + int(30)) : null,
    problemId: rnd() < 0.1 ? sysId() : null,
    causedByChangeId: rnd() < 0.05 ? sysId() : null,
    reopenCount: int(3),
    reassignmentCount: int(5),
    major: rnd() < 0.01,
    security: rnd() < 0.02,
  };
  if (rnd() < 0.2) record.extra = { u_business_unit: pick(['EMEA', 'APAC', 'AMER']), u_vip: rnd() < 0.1 };
  return record;
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

async function dirBytes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const sourceDir = join(dir, 'cache', KEY.source);
  for (const file of await readdir(sourceDir)) out[file] = (await stat(join(sourceDir, file))).size;
  return out;
}

async function load(dir: string): Promise<void> {
  const started = performance.now();
  const cache = await createRecordCache({ dir }).open(KEY);
  const ms = performance.now() - started;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      loadMs: Math.round(ms),
      records: cache.records.size,
      maxRssMb: Math.round(maxRssMb),
      heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      reset: cache.resetReason ?? null,
    }),
  );
  await cache.close();
}

async function main(): Promise<void> {
  if (process.argv.includes('--load')) return load(arg('load', ''));
  const total = Number(arg('records', '1000000'));
  const updates = Number(arg('updates', '100000'));
  const dir = arg('dir', '') || (await mkdtemp(join(tmpdir(), 'iso20k-cache-bench-')));
  console.log(
    `node ${process.version}, ${total} incidents in batches of ${BATCH}, then ${updates} updates; dir ${dir}`,
  );

  const cache = await createRecordCache({ dir }).open(KEY);
  if (cache.records.size > 0) await cache.clear();
  const ids: string[] = [];
  let encodeMs = 0;
  let commitMs = 0;
  for (let done = 0; done < total; done += BATCH) {
    const t0 = performance.now();
    const batch = Array.from({ length: Math.min(BATCH, total - done) }, (_, i) => makeIncident(done + i));
    for (const r of batch) ids.push(r.id);
    const t1 = performance.now();
    await cache.commit(batch, [], { updatedOn: batch.at(-1)!.updatedAt, id: batch.at(-1)!.id });
    encodeMs += t1 - t0;
    commitMs += performance.now() - t1;
  }
  const tc = performance.now();
  await cache.compact({ force: true });
  const compactMs = performance.now() - tc;
  let updateMs = 0;
  for (let done = 0; done < updates; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, updates - done) }, (_, i) =>
      makeIncident(done + i, ids[int(ids.length)]),
    );
    const t1 = performance.now();
    await cache.commit(batch, [ids[int(ids.length)]!], {
      updatedOn: batch.at(-1)!.updatedAt,
      id: batch.at(-1)!.id,
    });
    updateMs += performance.now() - t1;
  }
  await cache.close();
  const sizes = await dirBytes(dir);
  console.log(
    JSON.stringify({
      commitMs: Math.round(commitMs),
      commitRecordsPerSec: Math.round(total / (commitMs / 1000)),
      compactMs: Math.round(compactMs),
      compactRecordsPerSec: Math.round(total / (compactMs / 1000)),
      updateCommitMs: Math.round(updateMs),
      generateMs: Math.round(encodeMs),
      fileBytes: sizes,
    }),
  );

  const self = fileURLToPath(import.meta.url);
  const loads: { loadMs: number; maxRssMb: number }[] = [];
  for (let run = 0; run < Number(arg('loads', '3')); run++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--load', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.stdout.write(child.stdout);
    loads.push(JSON.parse(child.stdout) as { loadMs: number; maxRssMb: number });
  }
  const times = loads.map((l) => l.loadMs).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      loadMsMin: times[0],
      loadMsMedian: times[Math.floor((times.length - 1) / 2)],
      maxRssMb: Math.max(...loads.map((l) => l.maxRssMb)),
    }),
  );
  if (!process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
}

await main();
