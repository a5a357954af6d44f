// data/state.json through lowdb: run history, per-stream status, the last assessment's summary and the
// ticket ledger; the findings ledger is in data/findings.ndjson (findings-file.ts), written only when an
// assessment changes it. lowdb's JSONFile writes through steno (temp file + rename), so the file is
// always a complete old or new version. The store is built from `new Low(new JSONFile(...))` rather than
// JSONFilePreset, which keeps data in memory only when NODE_ENV=test.
import { randomUUID } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { AppError } from '../contracts/errors.js';
import { ioError, isNotFound } from './fs-io.js';
import { readFindingsFile, writeFindingsFile } from './findings-file.js';
import { applyStateChange, type StateChange } from './state-changes.js';
import {
  RUN_HISTORY_LIMIT,
  StateDataSchema,
  StreamStatusSchema,
  emptyState,
  streamStatusKey,
  type RunRecord,
  type StateData,
  type StreamStatus,
} from './state-schema.js';

export type { RunRecord, StateData, StreamStatus } from './state-schema.js';
import type { Finding } from '../contracts/findings.js';
import { TicketEntrySchema, type TicketEntry } from '../contracts/ticket-ledger.js';

export const STATE_FILE = 'state.json';

export interface StateStore {
  /** The current state; change it only through the methods below. */
  readonly data: Readonly<StateData>;
  /** Records a new run as 'running' and persists it (`id`: one the caller already handed out). */
  startRun(trigger: RunRecord['trigger'], id?: string): Promise<RunRecord>;
  /** Sets a run's final status and per-stream results, stamps finishedAt, persists. */
  finishRun(id: string, patch: Pick<RunRecord, 'status' | 'streams'>): Promise<void>;
  /** The last saved status of a stream, if any. */
  streamStatus(source: string, stream: string): StreamStatus | undefined;
  /** Validates and persists a stream's status (replacing the previous one). */
  saveStreamStatus(status: StreamStatus): Promise<void>;
  /** Replaces the findings ledger and the clause summary after an assessment, in one write. */
  saveAssessment(
    findings: Record<string, Finding>,
    summary: NonNullable<StateData['lastAssessment']>,
  ): Promise<void>;
  /** Writes ledger entries (by group key) and removes the given groups, in one write. */
  saveTickets(entries: Readonly<Record<string, TicketEntry>>, removed?: readonly string[]): Promise<void>;
  /** Waits for pending writes; the store is unusable afterwards. */
  close(): Promise<void>;
}

export interface StateStoreOptions {
  dataDir: string;
  /** The clock, for tests. */
  now?: () => Date;
  /** Told every change once it is applied in memory (before it is written), in order: the service mirrors state with it. */
  onChange?: (change: StateChange) => void;
}

/**
 * Opens data/state.json and the findings ledger beside it, data/findings.ndjson (zod-validated; an unparseable file -> AppError STATE_CORRUPT naming the file
 * and the fix; a missing file -> fresh state). Keeps the last 200 runs. A run left 'running' by a
 * crashed process is marked 'aborted' on open.
 */
export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  const now = options.now ?? (() => new Date());
  const path = join(options.dataDir, STATE_FILE);
  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    throw ioError('create the data directory', options.dataDir, error);
  }
  const db = new Low<StateData>(new JSONFile<StateData>(path), emptyState());
  db.data = await readState(db, path);
  const ledger = await readFindingsFile(options.dataDir);
  if (ledger !== undefined) db.data.findings = ledger;
  // A data directory from before the ledger had its own file: move the findings there first, as the
  // next write of state.json leaves them out.
  else if (Object.keys(db.data.findings).length > 0)
    await writeFindingsFile(options.dataDir, db.data.findings);
  /** state.json without the ledger, which lives in findings.ndjson. */
  const writeState = () => db.adapter.write({ ...db.data, findings: {} });

  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  /** Applies a change and writes the file, one change at a time, in call order. */
  const commit = (change: StateChange): Promise<void> => {
    if (closed) return Promise.reject(new AppError('INTERNAL', `The state store ${path} is closed`));
    const run = tail.then(async () => {
      try {
        applyStateChange(db.data, change);
      } catch (error) {
        throw error instanceof AppError ? new AppError(error.code, `${error.message} (${path})`) : error;
      }
      // Told before the write, as a reader in the same process would see the change in memory: the API's
      // mirror shows a run as soon as it starts, not a file write later.
      options.onChange?.(change);
      // The ledger first: a crash between the two leaves new findings beside the old summary, which the
      // next assessment replaces, never a summary without its findings.
      if (change.type === 'assessment') await writeFindingsFile(options.dataDir, db.data.findings);
      try {
        await writeState();
      } catch (error) {
        throw ioError('write', path, error);
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };

  if (db.data.runs.some((run) => run.status === 'running') || db.data.runs.length > RUN_HISTORY_LIMIT)
    await commit({ type: 'crashed-runs-aborted', at: now().toISOString() });

  return {
    get data() {
      return db.data;
    },
    async startRun(trigger, id) {
      const run: RunRecord = {
        id: id ?? randomUUID(),
        startedAt: now().toISOString(),
        finishedAt: null,
        trigger,
        status: 'running',
        streams: [],
      };
      await commit({ type: 'run-started', run });
      return run;
    },
    finishRun: (id, patch) =>
      commit({
        type: 'run-finished',
        id,
        status: patch.status,
        streams: patch.streams,
        finishedAt: now().toISOString(),
      }),
    streamStatus: (source, stream) => db.data.streams[streamStatusKey(source, stream)],
    saveStreamStatus: (status) => {
      const parsed = StreamStatusSchema.safeParse(status);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return Promise.reject(
          new AppError(
            'INTERNAL',
            `Invalid status for stream ${status.source}/${status.stream}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
          ),
        );
      }
      return commit({ type: 'stream-status', status: parsed.data });
    },
    saveAssessment: (findings, summary) => commit({ type: 'assessment', findings, summary }),
    saveTickets: (entries, removed = []) => {
      let parsed: Record<string, TicketEntry>;
      try {
        parsed = Object.fromEntries(
          Object.entries(entries).map(([group, entry]) => [group, TicketEntrySchema.parse(entry)]),
        );
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return commit({ type: 'tickets', entries: parsed, removed: [...removed] });
    },
    close: async () => {
      closed = true;
      await tail;
    },
  };
}

async function readState(db: Low<StateData>, path: string): Promise<StateData> {
  let raw: unknown;
  try {
    raw = await db.adapter.read();
  } catch (error) {
    if (error instanceof SyntaxError) throw corrupt(path, `it is not valid JSON (${error.message})`, error);
    throw ioError('read', path, error);
  }
  if (raw === null) {
    // The adapter reads both a missing file and a file holding `null` as null.
    if (await exists(path)) throw corrupt(path, 'it holds null instead of the state object');
    return emptyState();
  }
  const parsed = StateDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw corrupt(
      path,
      `it does not match the state format${where}: ${issue?.message ?? 'unknown problem'}`,
      parsed.error,
    );
  }
  return parsed.data;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    return !isNotFound(error);
  }
}

function corrupt(path: string, why: string, cause?: unknown): AppError {
  return new AppError(
    'STATE_CORRUPT',
    `The state file ${path} cannot be used: ${why}. Move it away (or restore it from a backup) and run again; the next run rebuilds state.`,
    {
      cause,
      details: { path },
    },
  );
}
