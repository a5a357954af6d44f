// Polls one stream into the record cache. Each page is committed together with its cursor before the
// next is used, so a failure or a crash at any point resumes from the last committed page.
import type { CanonicalRecord, Logger, SourceConnector, SourceStream } from '../contracts/index.js';
import { AppError } from '../contracts/index.js';
import type { RecordCache, StreamCache } from '../state/record-cache.js';
import type { StateStore, StreamStatus } from '../state/state-store.js';

export interface StreamOutcome {
  source: string;
  stream: string;
  kind: string;
  status: 'ok' | 'failed';
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  records: number;
  durationMs: number;
  cursor: StreamStatus['cursor'];
  swept: boolean;
  error?: AppError;
}

export interface StreamProgress {
  source: string;
  stream: string;
  fetched: number;
  expectedTotal: number | undefined;
}

export interface PollStreamDeps {
  cache: RecordCache;
  state: StateStore;
  log: Logger;
  signal: AbortSignal;
  now: () => number;
  onProgress?: (progress: StreamProgress) => void;
}

export async function pollStream(
  source: SourceConnector,
  stream: SourceStream,
  deps: PollStreamDeps,
): Promise<StreamOutcome> {
  const started = deps.now();
  const log = deps.log.child({ source: source.id, stream: stream.name });
  const previous = deps.state.streamStatus(source.id, stream.name);
  const cache = await deps.cache.open({ source: source.id, stream: stream.name, kind: stream.kind });
  if (cache.resetReason !== undefined)
    log.warn({ reason: cache.resetReason }, 'record cache unreadable: full re-sync');
  const outcome: StreamOutcome = {
    source: source.id,
    stream: stream.name,
    kind: stream.kind,
    status: 'ok',
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    records: 0,
    durationMs: 0,
    cursor: null,
    swept: false,
  };
  let lastSweepAt = previous?.lastSweepAt ?? null;
  // A sync from an empty cache holds only what exists now: it counts as a sweep.
  const fromScratch = cache.cursor === undefined;
  try {
    await readIntoCache(stream, cache, outcome, deps, log);
    if (fromScratch) lastSweepAt = new Date(started).toISOString();
    else if (sweepDue(source, lastSweepAt, deps.now()) && stream.listIds !== undefined) {
      outcome.deleted = await sweep(stream, cache, deps, log);
      outcome.swept = true;
      lastSweepAt = new Date(deps.now()).toISOString();
    }
  } catch (error) {
    outcome.status = 'failed';
    outcome.error =
      error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
    log.error(
      { code: outcome.error.code, err: outcome.error.message },
      'stream failed; cursor kept at the last committed page',
    );
  } finally {
    await cache.compact();
    outcome.records = cache.records.size;
    outcome.cursor = cache.cursor ?? null;
    await cache.close();
  }
  outcome.durationMs = deps.now() - started;
  await deps.state.saveStreamStatus(
    toStatus(outcome, previous, lastSweepAt, new Date(started).toISOString(), deps.now),
  );
  return outcome;
}

async function readIntoCache(
  stream: SourceStream,
  cache: StreamCache,
  outcome: StreamOutcome,
  deps: PollStreamDeps,
  log: Logger,
): Promise<void> {
  let expectedTotal: number | undefined;
  for await (const batch of stream.read({ cursor: cache.cursor, signal: deps.signal, log })) {
    expectedTotal ??= batch.expectedTotal;
    const upserts = [];
    for (const record of batch.records) {
      const known = cache.records.get(record.id);
      if (known === undefined) outcome.created++;
      else if (known.updatedAt !== record.updatedAt || !sameContent(known, record)) {
        // Timestamps have one-second resolution at some sources: two versions can share one, so a
        // re-read with the same timestamp still counts as an update when its content differs.
        outcome.updated++;
      } else {
        // Re-read through the overlap window: already cached in this version.
        outcome.unchanged++;
        continue;
      }
      upserts.push(record);
    }
    outcome.fetched += batch.records.length;
    await cache.commit(upserts, [], batch.cursor);
    deps.onProgress?.({
      source: outcome.source,
      stream: outcome.stream,
      fetched: outcome.fetched,
      expectedTotal,
    });
    if (deps.signal.aborted) throw new AppError('RUN_ABORTED', 'stopped after committing the current page');
  }
}

/** Field-by-field equality of two records of one kind (values are primitives, except `extra`). */
function sameContent(a: CanonicalRecord, b: CanonicalRecord): boolean {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  for (const key of Object.keys(right)) {
    if (key === 'extra') {
      if (JSON.stringify(left[key]) !== JSON.stringify(right[key])) return false;
    } else if (left[key] !== right[key]) return false;
  }
  return true;
}

/** Lists every id at the source and drops cached records that are gone; a failed listing drops nothing. */
async function sweep(
  stream: SourceStream,
  cache: StreamCache,
  deps: PollStreamDeps,
  log: Logger,
): Promise<number> {
  const present = new Set<string>();
  for await (const ids of stream.listIds!({ signal: deps.signal, log })) {
    for (const id of ids) present.add(id);
  }
  const gone: string[] = [];
  for (const id of cache.records.keys()) if (!present.has(id)) gone.push(id);
  if (gone.length > 0) await cache.commit([], gone, cache.cursor);
  log.debug({ listed: present.size, deleted: gone.length }, 'deletion sweep done');
  return gone.length;
}

function sweepDue(source: SourceConnector, lastSweepAt: string | null, now: number): boolean {
  if (source.sweepIntervalMs === undefined) return false;
  if (lastSweepAt === null) return true;
  return now - Date.parse(lastSweepAt) >= source.sweepIntervalMs;
}

function toStatus(
  outcome: StreamOutcome,
  previous: StreamStatus | undefined,
  lastSweepAt: string | null,
  startedAt: string,
  now: () => number,
): StreamStatus {
  const ok = outcome.status === 'ok';
  return {
    source: outcome.source,
    stream: outcome.stream,
    kind: outcome.kind as StreamStatus['kind'],
    lastRunAt: startedAt,
    lastSuccessAt: ok ? new Date(now()).toISOString() : (previous?.lastSuccessAt ?? null),
    durationMs: outcome.durationMs,
    fetched: outcome.fetched,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    deleted: outcome.deleted,
    records: outcome.records,
    cursor: outcome.cursor,
    lastSweepAt,
    lastError:
      outcome.error === undefined
        ? null
        : { code: outcome.error.code, message: outcome.error.message, at: new Date(now()).toISOString() },
  };
}
