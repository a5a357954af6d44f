// Test helpers: poll a simulator in-process through the real source, pipeline, state and cache, and
// compare the cache with the simulator's table.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SERVICENOW_STREAMS, ServiceNowSourceConfigSchema } from '../../connectors/servicenow/config.js';
import type { ServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import { createServiceNowSource } from '../../connectors/servicenow/source.js';
import type { SourceOutcome } from '../../src/pipeline/poll.js';
import { pollSources } from '../../src/pipeline/poll.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';

export const silentLog = pino({ level: 'silent' });

export async function tempDir(
  prefix = 'iso20k-test-',
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A source config for the simulator reading only the named streams. */
export function simulatorSourceConfig(
  url: string,
  streams: readonly string[],
  overrides: Record<string, unknown> = {},
) {
  // Every stream but review, which has no default table.
  const all = SERVICENOW_STREAMS.filter((name) => name !== 'review');
  return ServiceNowSourceConfigSchema.parse({
    id: 'sim',
    type: 'servicenow',
    url,
    auth: { type: 'basic', username: 'admin', password: 'admin' },
    safetyLagSeconds: 0,
    overlapSeconds: 60,
    sweepIntervalHours: 0,
    http: { backoffMs: 5, maxBackoffMs: 50, retries: 8, timeoutMs: 10_000 },
    streams: Object.fromEntries(all.map((name) => [name, { enabled: streams.includes(name) }])),
    ...overrides,
  });
}

export async function syncOnce(
  config: ReturnType<typeof simulatorSourceConfig>,
  dataDir: string,
): Promise<SourceOutcome> {
  const state = await openStateStore({ dataDir });
  const source = createServiceNowSource(config, { log: silentLog });
  try {
    const [outcome] = await pollSources([source], {
      cache: createRecordCache({ dir: dataDir }),
      state,
      log: silentLog,
      signal: new AbortController().signal,
    });
    return outcome!;
  } finally {
    await source.close?.();
    await state.close();
  }
}

/** id -> updatedAt (ISO) of a cached stream. */
export async function cachedVersions(
  dataDir: string,
  stream: string,
  kind = stream,
): Promise<Map<string, string>> {
  const cache = createRecordCache({ dir: dataDir });
  const opened = await cache.open({ source: 'sim', stream, kind: kind as never });
  const versions = new Map([...opened.records.values()].map((r) => [r.id, r.updatedAt]));
  const cursor = opened.cursor;
  await opened.close();
  return Object.assign(versions, { cursor });
}

/** id -> updatedAt (ISO) of the simulator's table. */
export function tableVersions(sim: ServiceNowSimulator, table: string): Map<string, string> {
  return new Map(
    sim.store
      .sysIds(table)
      .map((id) => [id, `${sim.store.get(table, id)!['sys_updated_on']!.replace(' ', 'T')}.000Z`]),
  );
}

export function diffVersions(cache: Map<string, string>, table: Map<string, string>) {
  const missing = [...table.keys()].filter((id) => !cache.has(id));
  const extra = [...cache.keys()].filter((id) => !table.has(id));
  const stale = [...table.entries()]
    .filter(([id, at]) => cache.has(id) && cache.get(id) !== at)
    .map(([id]) => id);
  return { missing: missing.length, extra: extra.length, stale: stale.length };
}
