// What a connector implements. The pipeline drives sources through these interfaces only, so a new
// system is a new folder under connectors/ and an entry in the registry.
import type { Logger } from 'pino';
import type { Cursor } from './cursor.js';
import type { CanonicalRecord, RecordKind } from './records.js';
import type { AppError } from './errors.js';

export type { Logger };

/** One failed HTTP attempt that is about to be retried (a final failure arrives as the poll's error instead). */
export interface HttpRetryEvent {
  /** The source or sink id from the config. */
  connector: string;
  /** The HTTP status of the failed attempt; absent for network errors and timeouts. */
  status?: number;
  /** Why it failed, e.g. "HTTP 429" or "ECONNRESET" (as http.ts's onRetry reason gives it). */
  reason: string;
}

/** What a stream hands the pipeline after each page: the records and the cursor just past them. */
export interface SourceBatch {
  records: CanonicalRecord[];
  /** The cursor to store once these records are safely in the cache. */
  cursor: Cursor;
  /** On the first batch of a read: how many records the source expects to deliver in all (for progress). */
  expectedTotal?: number;
}

export interface ReadContext {
  /** The cursor committed after the last successful batch; absent for a full sync. */
  cursor?: Cursor | undefined;
  signal: AbortSignal;
  log: Logger;
}

export interface SourceStream {
  /** The canonical kind this stream delivers. */
  readonly kind: RecordKind;
  /** A short name for logs and tables, e.g. "incident" or "ci:cmdb_ci_server". */
  readonly name: string;
  /**
   * Yields the records changed since ctx.cursor, oldest first, one page per batch. Throws an AppError
   * when a page cannot be read; the pipeline then keeps the last committed cursor.
   */
  read(ctx: ReadContext): AsyncIterable<SourceBatch>;
  /**
   * Yields every id that exists at the source now, in pages. The pipeline drops cached records whose
   * ids are absent once the whole listing has succeeded; a failed listing deletes nothing.
   */
  listIds?(ctx: Omit<ReadContext, 'cursor'>): AsyncIterable<string[]>;
}

export type CheckResult = { ok: true; detail: string } | { ok: false; error: AppError };

export interface SourceConnector {
  /** The configured instance id. */
  readonly id: string;
  /** The system type, e.g. "servicenow". */
  readonly type: string;
  /** Verifies reachability, credentials and read access to every configured stream. */
  check(signal?: AbortSignal): Promise<CheckResult>;
  streams(): readonly SourceStream[];
  /** How long a deletion sweep stays fresh; 0 sweeps on every poll, undefined never sweeps. */
  readonly sweepIntervalMs?: number;
  /** Releases sockets and timers. */
  close?(): Promise<void>;
}
