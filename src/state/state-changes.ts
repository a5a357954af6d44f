// Every change to state as plain data. The store applies them to its own copy and writes the file; the
// service's API thread applies the same changes to a read-only mirror (state-mirror.ts), so both stay
// equal without sending the whole state after every page. A change carries its own ids and timestamps,
// which keeps applying it deterministic wherever it happens.
import { AppError } from '../contracts/errors.js';
import type { Finding } from '../contracts/findings.js';
import type { TicketEntry } from '../contracts/ticket-ledger.js';
import {
  RUN_HISTORY_LIMIT,
  streamStatusKey,
  type RunRecord,
  type StateData,
  type StreamStatus,
} from './state-schema.js';

export type StateChange =
  | { type: 'run-started'; run: RunRecord }
  | {
      type: 'run-finished';
      id: string;
      status: RunRecord['status'];
      streams: RunRecord['streams'];
      finishedAt: string;
    }
  | { type: 'stream-status'; status: StreamStatus }
  | {
      type: 'assessment';
      findings: Record<string, Finding>;
      summary: NonNullable<StateData['lastAssessment']>;
    }
  | { type: 'tickets'; entries: Record<string, TicketEntry>; removed: string[] }
  /** Runs a crashed process left 'running', marked aborted when the state is opened again. */
  | { type: 'crashed-runs-aborted'; at: string };

/** Applies one change in place. Throws an AppError when the change does not fit the state (no such run). */
export function applyStateChange(data: StateData, change: StateChange): void {
  switch (change.type) {
    case 'run-started':
      data.runs.push(change.run);
      capRuns(data);
      return;
    case 'run-finished': {
      const run = data.runs.find((candidate) => candidate.id === change.id);
      if (run === undefined) throw new AppError('INTERNAL', `Run ${change.id} is not in the state`);
      run.status = change.status;
      run.streams = change.streams;
      run.finishedAt = change.finishedAt;
      return;
    }
    case 'stream-status':
      data.streams[streamStatusKey(change.status.source, change.status.stream)] = change.status;
      return;
    case 'assessment':
      data.findings = change.findings;
      data.lastAssessment = change.summary;
      return;
    case 'tickets':
      for (const [group, entry] of Object.entries(change.entries)) data.tickets[group] = entry;
      for (const group of change.removed) delete data.tickets[group];
      return;
    case 'crashed-runs-aborted':
      for (const run of data.runs) {
        if (run.status !== 'running') continue;
        run.status = 'aborted';
        run.finishedAt ??= change.at;
      }
      capRuns(data);
      return;
  }
}

function capRuns(data: StateData): void {
  if (data.runs.length > RUN_HISTORY_LIMIT) data.runs.splice(0, data.runs.length - RUN_HISTORY_LIMIT);
}
