// The record cache: per (source, stream) the records last seen and the cursor they were read up to,
// kept on disk as a snapshot plus an append-only journal (see stream-cache.ts for the file protocol).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Cursor } from '../contracts/cursor.js';
import { RecordKindSchema, type CanonicalRecord, type RecordKind } from '../contracts/records.js';
import { readFirstLine } from './cache-header.js';
import { cacheRoot, decodeName, parseCacheFileName } from './cache-paths.js';
import { ioError, isNotFound } from './fs-io.js';
import { openStreamCache } from './stream-cache.js';

/** Identifies one cached stream. */
export interface StreamKey {
  /** The configured source id, e.g. "snow-prod". */
  source: string;
  /** The stream's name within the source, e.g. "incident" or "ci:cmdb_ci_server". */
  stream: string;
  /** The kind of every record in the stream. */
  kind: RecordKind;
}

export interface CompactOptions {
  /** Rewrite the snapshot whenever the journal holds any batch, however small. */
  force?: boolean;
}

export interface StreamCache {
  readonly key: StreamKey;
  /** The records, by native id. Read-only for callers. */
  readonly records: ReadonlyMap<string, CanonicalRecord>;
  /** Cursor committed with the last batch; undefined = never synced (full sync). */
  readonly cursor: Cursor | undefined;
  /** Why the cache started empty although a file existed (unreadable, wrong version), for a log line. */
  readonly resetReason: string | undefined;
  /**
   * Appends one batch (upserts by id, then deletions by id) and its cursor to the journal as ONE
   * atomic unit: after a crash at any byte, loading yields either the state before or after this
   * batch, never part of it. Also applies it in memory. The cursor replaces the stored one as given
   * (pass `cache.cursor` to keep it). The records are kept by reference and must not be changed later;
   * they must be of the stream's kind (AppError INTERNAL otherwise). Fails with STATE_IO.
   */
  commit(
    upserts: readonly CanonicalRecord[],
    deletes: readonly string[],
    cursor: Cursor | undefined,
  ): Promise<void>;
  /**
   * Rewrites the snapshot (temp file + fsync + rename) from memory, then starts a new journal. Called
   * at the end of each stream's poll. Unless `force` is set, it only rewrites once the entries on disk
   * that no longer describe a live record (replaced versions, deletions) exceed the cache's
   * compactRatio of the live records: a journal of fresh records (a first sync) loads as fast as a
   * snapshot, and rewriting a 400 MB snapshot for ten changed records at every poll would cost far
   * more than replaying a short journal on load.
   */
  compact(options?: CompactOptions): Promise<void>;
  /** Forgets everything (full re-sync); persisted. */
  clear(): Promise<void>;
  /** Releases the journal's file handle; the cache is unusable afterwards. */
  close(): Promise<void>;
}

export interface RecordCache {
  /**
   * Loads a stream's cache (empty when it has none). Never fails for bad files: see resetReason.
   * Keep one open StreamCache per stream at a time: two would append to the same journal (the data
   * directory lock keeps other processes out, not other callers in this one).
   */
  open(key: StreamKey): Promise<StreamCache>;
  /** Every stream file present in the data dir (for assess over all sources and kinds later). */
  list(): Promise<StreamKey[]>;
}

export interface RecordCacheOptions {
  /** The data directory; the cache lives in its `cache/` folder. */
  dir: string;
  log?: Logger;
  /**
   * compact() rewrites the snapshot once the dead entries on disk reach this fraction of the live
   * records (default 0.1: a load then reads at most 10% more than it keeps, and a million-record
   * stream is rewritten after about 100,000 changed records rather than at every poll).
   */
  compactRatio?: number;
}

export const DEFAULT_COMPACT_RATIO = 0.1;

export function createRecordCache(options: RecordCacheOptions): RecordCache {
  const { dir, log } = options;
  const compactRatio = options.compactRatio ?? DEFAULT_COMPACT_RATIO;
  return {
    open: (key) => openStreamCache({ dataDir: dir, key, log, compactRatio }),
    list: () => listStreams(dir, log),
  };
}

async function listStreams(dataDir: string, log: Logger | undefined): Promise<StreamKey[]> {
  const root = cacheRoot(dataDir);
  const keys: StreamKey[] = [];
  for (const sourceDir of await readDirOrEmpty(root)) {
    const source = decodeName(sourceDir);
    if (source === undefined) continue;
    // Per stream, the file whose header names the kind: the snapshot, else the newest journal.
    const candidates = new Map<string, { file: string; rank: number }>();
    for (const file of await readDirOrEmpty(join(root, sourceDir))) {
      const name = parseCacheFileName(file);
      if (name === undefined) continue;
      const rank = name.type === 'snapshot' ? Number.MAX_SAFE_INTEGER : name.gen;
      const seen = candidates.get(name.stream);
      if (seen === undefined || rank > seen.rank) candidates.set(name.stream, { file, rank });
    }
    for (const [stream, { file }] of candidates) {
      const path = join(root, sourceDir, file);
      const header = await readFirstLine(path).catch(() => undefined);
      const kind = RecordKindSchema.safeParse(
        typeof header === 'object' && header !== null && 'kind' in header ? header.kind : undefined,
      );
      if (kind.success) keys.push({ source, stream, kind: kind.data });
      else log?.warn({ file: path }, 'record cache file without a readable header; skipped');
    }
  }
  return keys.sort((a, b) =>
    a.source === b.source ? compare(a.stream, b.stream) : compare(a.source, b.source),
  );
}

async function readDirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error) || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw ioError('list', dir, error);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
