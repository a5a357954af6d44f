// The work behind `iso20k import`: lock the data directory, read the file through the file source into
// the record cache with the same poll pipeline a live source uses, record the run, return the summary.
import path from 'node:path';
import { pino } from 'pino';
import { ImportReport } from '../../connectors/file/import-report.js';
import type { LoadedMapping } from '../../connectors/file/mapping-load.js';
import { createFileSource } from '../../connectors/file/source.js';
import type { FileFormat } from '../../connectors/file/file-stream.js';
import type { RecordKind } from '../contracts/index.js';
import { EXIT } from '../contracts/index.js';
import { createLogger } from '../lib/log.js';
import { pollStream, type StreamOutcome, type StreamProgress } from '../pipeline/poll-stream.js';
import { acquireDataDirLock } from '../state/data-dir-lock.js';
import { createRecordCache, type RecordCache, type StreamCache } from '../state/record-cache.js';
import { openStateStore } from '../state/state-store.js';

export interface ImportRunOptions {
  file: string;
  kind: RecordKind;
  source: string;
  loaded: LoadedMapping;
  dataDir: string;
  logLevel: string;
  signal: AbortSignal;
  format?: FileFormat;
  /** The file is a complete export: cached records of this source and kind it no longer holds are removed. */
  replace?: boolean;
  onProgress?: (progress: StreamProgress) => void;
}

export interface ImportRunResult {
  exitCode: number;
  report: ImportReport;
  outcome: StreamOutcome;
}

export async function runImport(options: ImportRunOptions): Promise<ImportRunResult> {
  const dataDir = path.resolve(options.dataDir);
  const lock = await acquireDataDirLock(dataDir);
  try {
    const log = createLogger({
      level: options.logLevel,
      destination: pino.destination({ dest: path.join(dataDir, 'iso20k.log'), mkdir: true, sync: true }),
    });
    const report = new ImportReport();
    // pollStream opens the stream's cache; keeping hold of it lets the file stream compare with cached versions.
    const cache = createRecordCache({ dir: dataDir, log });
    let opened: StreamCache | undefined;
    const watchedCache: RecordCache = {
      open: async (key) => (opened = await cache.open(key)),
      list: () => cache.list(),
    };
    const source = createFileSource({
      id: options.source,
      file: options.file,
      kind: options.kind,
      loaded: options.loaded,
      report,
      cachedRecord: (id) => opened?.records.get(id),
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(options.replace === true ? { replace: true } : {}),
    });
    const check = await source.check(options.signal);
    if (!check.ok) throw check.error;
    const state = await openStateStore({ dataDir });
    try {
      const run = await state.startRun('cli');
      const stream = source.streams()[0]!;
      const outcome = await pollStream(source, stream, {
        cache: watchedCache,
        state,
        log,
        signal: options.signal,
        now: Date.now,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      await state.finishRun(run.id, {
        status: options.signal.aborted ? 'aborted' : outcome.status === 'ok' ? 'ok' : 'failed',
        streams: [
          {
            source: outcome.source,
            stream: outcome.stream,
            status: outcome.status,
            fetched: outcome.fetched,
            ...(outcome.error === undefined
              ? {}
              : { error: `${outcome.error.code}: ${outcome.error.message}` }),
          },
        ],
      });
      return { exitCode: outcome.error?.exitCode ?? EXIT.ok, report, outcome };
    } finally {
      await state.close();
    }
  } finally {
    await lock.release();
  }
}
