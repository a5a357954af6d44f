// The messages between `iso20k run`'s main thread (scheduler, status API, metrics) and its cycle worker
// (connectors, record cache, state store, assessment, tickets). Everything crossing is plain data: errors
// travel as their code, message and details and are rebuilt on the other side.
import type { ReportRequest } from '../api/api-deps.js';
import { AppError, type ErrorCode, type Finding, type HttpRetryEvent } from '../contracts/index.js';
import type { ObservedRun } from '../metrics/observe-run.js';
import type { AppConfig } from '../settings/schema.js';
import type { StateChange } from '../state/state-changes.js';
import type { LedgerDiffHeader } from './ledger-diff.js';
import type { StateData } from '../state/state-schema.js';

/** What the worker starts with (workerData). */
export interface WorkerInit {
  config: AppConfig;
  /** Absolute. */
  dataDir: string;
  /** The resolved mapping pack folder. */
  packDir: string;
  /** The service's log file; the worker appends its own lines to it. */
  logFile: string;
}

export interface RunOrder {
  runId: string;
  trigger: 'schedule' | 'api';
  sourceIds: readonly string[] | undefined;
}

/** An error as it crosses the thread boundary. */
export interface WireError {
  code: string;
  message: string;
  details: Record<string, unknown>;
  retryable: boolean;
  /** Set for an error the API answers with as it is (a 409 while a run writes the cache). */
  httpStatus?: number;
}

export type ToWorker =
  | { type: 'run'; order: RunOrder }
  /** The receipt of a findings part: the worker sends the next one only after it. */
  | { type: 'findings-ack' }
  | { type: 'abort'; runId: string }
  | { type: 'report'; requestId: number; request: ReportRequest }
  | { type: 'close' };

export type FromWorker =
  /** State without its findings, which follow in parts and 'findings-done', then 'ready'. */
  | { type: 'opened'; state: StateData }
  | { type: 'findings-done' }
  | { type: 'ready' }
  | { type: 'open-failed'; error: WireError }
  /** Every change but an assessment, which comes as its findings in parts and then its summary. */
  | { type: 'state'; change: StateChange }
  | { type: 'findings-part'; findings: Finding[] }
  /** An assessment as a change to the ledger the main thread holds; its changed findings follow in parts. */
  | ({ type: 'findings-diff' } & LedgerDiffHeader)
  | { type: 'assessment-done'; summary: NonNullable<StateData['lastAssessment']> }
  | { type: 'run-done'; runId: string; run: ObservedRun }
  | { type: 'run-failed'; runId: string; error: WireError }
  /** The rendered report as UTF-8, its buffer moved (not copied) to the main thread. */
  | { type: 'report-done'; requestId: number; body: Uint8Array }
  | { type: 'report-failed'; requestId: number; error: WireError }
  | { type: 'http-retry'; event: HttpRetryEvent }
  | { type: 'closed' };

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError)
    return {
      code: error.code,
      message: error.message,
      details: plainDetails(error.details),
      retryable: error.retryable,
    };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, details: {}, retryable: false };
}

export function fromWireError(wire: WireError): AppError {
  return new AppError(wire.code as ErrorCode, wire.message, {
    details: wire.details,
    retryable: wire.retryable,
  });
}

/**
 * An error's details as JSON data. A value postMessage cannot clone (a function, a socket in a cause)
 * would make the message itself fail, and the other side would wait for an answer that never comes.
 */
export function plainDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
