// Completeness of the ServiceNow source against the simulator over real HTTP: full and incremental syncs,
// deletions, rows sharing one second, a table changing while we page, injected faults.
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICENOW_STREAMS } from '../../connectors/servicenow/config.js';
import { RECORD_SCHEMAS, type RecordKind } from '../../src/contracts/index.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { createServiceNowSimulator, spreadFaultRate } from '../../connectors/servicenow/simulator/index.js';
import type { ServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import {
  cachedVersions,
  diffVersions,
  simulatorSourceConfig,
  syncOnce,
  tableVersions,
  tempDir,
} from '../helpers/servicenow-sync.js';

const NOTHING_LOST = { missing: 0, extra: 0, stale: 0 };
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start(
  options: Parameters<typeof createServiceNowSimulator>[0],
): Promise<{ sim: ServiceNowSimulator; url: string; dataDir: string }> {
  const sim = createServiceNowSimulator(options);
  const url = await sim.listen();
  const tmp = await tempDir();
  cleanup.push(() => sim.close(), tmp.remove);
  return { sim, url, dataDir: tmp.dir };
}

describe('ServiceNow source completeness', () => {
  it('syncs 100,000 incidents, then fetches only the 500 updated and notices the 50 deleted', async () => {
    const { sim, url, dataDir } = await start({
      seed: 11,
      incidents: 100_000,
      cis: 50,
      services: 5,
      changes: 0,
      problems: 0,
      requests: 0,
    });
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 2000 });

    const full = await syncOnce(config, dataDir);
    const first = full.streams[0]!;
    expect(first.status).toBe('ok');
    expect(first.fetched).toBe(100_000);
    expect(first.created).toBe(100_000);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );

    sim.store.update('incident', 500);
    sim.store.delete('incident', 50);
    const incremental = await syncOnce(config, dataDir);
    const second = incremental.streams[0]!;
    expect(second.status).toBe('ok');
    // Only the changed records, plus what the 60 s overlap window re-reads (counted as unchanged).
    expect(second.created).toBe(0);
    expect(second.updated).toBeGreaterThanOrEqual(490); // a few of the 500 may be among the 50 deleted
    expect(second.updated).toBeLessThanOrEqual(500);
    expect(second.fetched).toBe(second.updated + second.unchanged);
    expect(second.fetched).toBeLessThan(600);
    expect(second.deleted).toBe(50);
    expect(second.records).toBe(sim.store.count('incident'));
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it('reads thousands of rows sharing one second exactly once, across many pages', async () => {
    const { sim, url, dataDir } = await start({
      seed: 12,
      incidents: 6000,
      sameSecond: 5000,
      changes: 0,
      problems: 0,
      requests: 0,
    });
    const outcome = await syncOnce(simulatorSourceConfig(url, ['incident'], { pageSize: 97 }), dataDir);
    expect(outcome.streams[0]).toMatchObject({ status: 'ok', fetched: 6000, created: 6000, updated: 0 });
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it('misses nothing while the table changes under the pages', async () => {
    const { sim, url, dataDir } = await start({
      seed: 13,
      incidents: 8000,
      sameSecond: 1500,
      changes: 0,
      problems: 0,
      requests: 0,
      mutateWhilePaging: [{ table: 'incident', every: 2, count: 25 }],
    });
    const config = simulatorSourceConfig(url, ['incident'], { pageSize: 250 });
    const first = await syncOnce(config, dataDir);
    expect(first.streams[0]!.status).toBe('ok');
    // Rows updated while we paged moved past this poll's upper bound (its start time): the next poll has them.
    const firstCreated = first.streams[0]!.created;
    expect(firstCreated).toBeGreaterThan(7000);
    expect(first.streams[0]!.fetched).toBeGreaterThanOrEqual(firstCreated);
    sim.store.mutateWhilePaging('incident', 1, 0);
    const second = await syncOnce(config, dataDir);
    expect(second.streams[0]!.status).toBe('ok');
    expect(second.streams[0]!.created).toBe(8000 - firstCreated);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
  });

  it('ends identical with 10% of requests failing (429, 5xx, resets, truncated JSON)', async () => {
    const { sim, url, dataDir } = await start({
      seed: 14,
      incidents: 20_000,
      changes: 2000,
      problems: 0,
      requests: 0,
      faults: { ...spreadFaultRate(0.1), retryAfterSeconds: 0 },
    });
    const config = simulatorSourceConfig(url, ['incident', 'change'], { pageSize: 100 });
    const outcome = await syncOnce(config, dataDir);
    expect(outcome.checkError).toBeUndefined();
    expect(outcome.streams.map((s) => s.status)).toEqual(['ok', 'ok']);
    const injected = Object.values(sim.faults.counts()).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(10);
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(sim, 'incident'))).toEqual(
      NOTHING_LOST,
    );
    expect(
      diffVersions(await cachedVersions(dataDir, 'change'), tableVersions(sim, 'change_request')),
    ).toEqual(NOTHING_LOST);
  });

  it('never advances the cursor past a failed page, and the next poll completes the cache', async () => {
    const { sim, url, dataDir } = await start({
      seed: 15,
      incidents: 5000,
      changes: 0,
      problems: 0,
      requests: 0,
      faults: { latencyMs: 5 },
    });
    const config = simulatorSourceConfig(url, ['incident'], {
      pageSize: 100,
      http: { retries: 0, backoffMs: 1, maxBackoffMs: 10, timeoutMs: 5000 },
    });
    // Let the check and a few pages through, then fail every request.
    const failing = syncOnce(config, dataDir);
    await new Promise((resolve) => setTimeout(resolve, 120));
    sim.faults.set({ badGateway: 1 });
    const outcome = await failing;
    sim.faults.set({ badGateway: 0 });
    const stream = outcome.streams[0]!;
    expect(stream.status).toBe('failed');
    expect(stream.error?.code).toBe('SOURCE_SERVER_ERROR');

    const cached = await cachedVersions(dataDir, 'incident');
    const table = tableVersions(sim, 'incident');
    expect(cached.size).toBeLessThan(table.size);
    // The committed cursor covers exactly the cached rows: every row at or before it is cached, none after.
    const cursor = (cached as unknown as { cursor?: { updatedOn: string; sysId: string } }).cursor;
    for (const id of table.keys()) {
      const row = sim.store.get('incident', id)!;
      const atOrBefore =
        cursor !== undefined &&
        (row['sys_updated_on']! < cursor.updatedOn ||
          (row['sys_updated_on'] === cursor.updatedOn && id <= cursor.sysId));
      expect(cached.has(id), id).toBe(atOrBefore);
    }

    const retry = await syncOnce(config, dataDir);
    expect(retry.streams[0]!.status).toBe('ok');
    expect(diffVersions(await cachedVersions(dataDir, 'incident'), table)).toEqual(NOTHING_LOST);
  });

  it('keeps the latest of two versions that share one second', async () => {
    // A frozen instance clock: both updates below get the same sys_updated_on.
    const frozen = Date.now() - 10_000;
    const { sim, url, dataDir } = await start({
      seed: 17,
      incidents: 300,
      changes: 0,
      problems: 0,
      requests: 0,
      now: () => frozen,
    });
    const config = simulatorSourceConfig(url, ['incident']);
    await syncOnce(config, dataDir);
    const ids = sim.store.sysIds('incident').slice(0, 10);
    sim.store.update('incident', 10, { sysIds: ids, fields: { category: 'network' } });
    await syncOnce(config, dataDir);
    sim.store.update('incident', 10, { sysIds: ids, fields: { category: 'database' } });
    const second = await syncOnce(config, dataDir);
    expect(second.streams[0]!.updated).toBe(10);
    const cache = createRecordCache({ dir: dataDir });
    const stream = await cache.open({ source: 'sim', stream: 'incident', kind: 'incident' });
    for (const id of ids) expect(stream.records.get(id)).toMatchObject({ category: 'database' });
    await stream.close();
  });

  it('reads every stream kind into valid canonical records', async () => {
    const { url, dataDir } = await start({ seed: 16, incidents: 300 });
    const config = simulatorSourceConfig(
      url,
      SERVICENOW_STREAMS.filter((name) => name !== 'review'),
      {
        streams: {
          review: {
            table: 'u_governance_review',
            reviewTypeField: 'u_review_type',
            fields: { completedAt: 'u_completed_on', ownerId: 'owned_by' },
          },
        },
      },
    );
    const outcome = await syncOnce(config, dataDir);
    expect(outcome.streams.every((s) => s.status === 'ok')).toBe(true);
    expect(outcome.streams.map((s) => s.stream)).toContain('review');
    for (const s of outcome.streams) expect(s.records, s.stream).toBeGreaterThan(0);

    // Every cached record is a valid canonical record of its kind.
    const cache = createRecordCache({ dir: dataDir });
    for (const s of outcome.streams) {
      const stream = await cache.open({ source: 'sim', stream: s.stream, kind: s.kind as RecordKind });
      for (const record of stream.records.values()) {
        const parsed = RECORD_SCHEMAS[stream.key.kind].safeParse(record);
        expect(parsed.success, `${s.stream} ${record.id} ${parsed.error?.message ?? ''}`).toBe(true);
      }
      if (s.stream === 'sla') {
        // Dot-walked columns (sla.name, sla.duration, task.number, task.business_service) arrive too.
        const sla = [...stream.records.values()].find((r) => r.kind === 'sla' && r.name !== null);
        expect(sla).toMatchObject({
          name: expect.any(String),
          goalMs: expect.any(Number),
          taskKey: expect.any(String),
        });
      }
      if (s.stream === 'review') {
        const types = new Set(
          [...stream.records.values()].map((r) => (r.kind === 'review' ? r.reviewType : '')),
        );
        expect(types.has('management_review')).toBe(true);
      }
      await stream.close();
    }
  });
});
