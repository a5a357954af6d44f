// What a connector implements. The pipeline drives sources through these interfaces only, so a new
// system is a new folder under connectors/ and an entry in the registry.
import type { Logger } from 'pino';
import type { Cursor } from './cursor.js';
import type { CanonicalRecord, RecordKind } from './records.js';
import type { AppError } from './errors.js';

export type { Logger };

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

/** A ticket in a remote system that holds a finding. */
export interface TicketRef {
  sink: string;
  /** Native id (Jira issue id, ServiceNow sys_id). */
  id: string;
  /** Human key (ITSM-42, INC0010023). */
  key: string;
  url: string;
}

export type TicketActionType = 'create' | 'update' | 'resolve' | 'reopen' | 'comment';

/** One change to make in a sink, derived from a finding's transition. */
export interface TicketAction {
  type: TicketActionType;
  fingerprint: string;
  /** Present for every action but create. */
  ref?: TicketRef;
  summary: string;
  /** Structured content the sink renders into its own format (ADF, HTML work notes). */
  body: Record<string, unknown>;
  labels?: string[];
}

export type PushResult =
  | { status: 'created' | 'updated' | 'resolved' | 'reopened' | 'unchanged'; ref: TicketRef }
  | { status: 'retryable'; error: AppError; retryInMs?: number }
  | { status: 'failed'; error: AppError };

export interface SinkConnector {
  readonly id: string;
  /** Looks a finding's ticket up on the remote side, so a lost ledger never duplicates a ticket. */
  find(fingerprint: string): Promise<TicketRef | undefined>;
  apply(action: TicketAction, signal?: AbortSignal): Promise<PushResult>;
}
