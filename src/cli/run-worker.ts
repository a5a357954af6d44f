// The cycle worker of `iso20k run`: a worker thread that owns everything a run touches (connectors, the
// kept-open record cache, the state store and its file) and runs the cycles the main thread orders. The
// main thread keeps the scheduler, the status API and the metrics; with polling, mapping, journalling and
// assessing (and their garbage collection) on this thread, the API's event loop only serves requests.
// State reaches the main thread as the store's own changes (state-changes.ts), applied to a mirror.
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { collectSecrets, createSinks, createSources } from '../app.js';
import type { AppError, HttpRetryEvent, SinkConnector, SourceConnector } from '../contracts/index.js';
import { ApiError } from '../api/api-error.js';
import { createLogger } from '../lib/log.js';
import type { ObservedRun } from '../metrics/observe-run.js';
import { runCycle, type CycleResult } from '../pipeline/run.js';
import { createRecordCache } from '../state/record-cache.js';
import { keepOpen } from '../state/keep-open.js';
import { openStateStore, type StateStore } from '../state/state-store.js';
import { createServiceReport } from './run-report.js';
import { createOutbox } from './run-worker-outbox.js';
import {
  plainDetails,
  toWireError,
  type FromWorker,
  type RunOrder,
  type ToWorker,
  type WorkerInit,
} from './run-worker-protocol.js';

if (parentPort === null)
  throw new Error('run-worker.ts runs as a worker thread of `iso20k run`, not on its own');
const port = parentPort;
const init = workerData as WorkerInit;

const log = createLogger({
  level: init.config.log.level,
  // Appends to the main thread's file: each line is one write on a file opened for appending.
  destination: pino.destination({ dest: init.logFile, mkdir: true, sync: true }),
  secrets: collectSecrets([init.config.sources, init.config.tickets.sinks, init.config.api]),
}).child({ thread: 'cycle' });
const outbox = createOutbox(port, (error) =>
  log.error(
    { err: error instanceof Error ? error.message : String(error) },
    'could not tell the main thread',
  ),
);
const send = (message: FromWorker) => outbox.post(message);

const store = await open();
if (store !== undefined) serve(store.state, store.sources, store.sinks);

/** Opens the state and builds the connectors; tells the main thread either way. */
async function open(): Promise<
  { state: StateStore; sources: SourceConnector[]; sinks: SinkConnector[] } | undefined
> {
  let state: StateStore | undefined;
  try {
    // Changes made while opening (runs a crash left 'running') are already in the snapshot sent below.
    let opened = false;
    state = await openStateStore({
      dataDir: init.dataDir,
      onChange: (change) => {
        if (opened) outbox.change(change);
      },
    });
    const onHttpRetry = (event: HttpRetryEvent) => send({ type: 'http-retry', event });
    const sources = createSources(init.config, { log, onHttpRetry });
    const sinks = createSinks(init.config, { log, onHttpRetry });
    opened = true;
    // The ledger goes in parts, like an assessment's: one message with all of it would stop the API's
    // thread for seconds at a large site.
    send({ type: 'opened', state: { ...state.data, findings: {} } });
    outbox.ledger(state.data.findings);
    send({ type: 'ready' });
    return { state, sources, sinks };
  } catch (error) {
    await state?.close().catch(() => undefined);
    send({ type: 'open-failed', error: toWireError(error) });
    await outbox.drained();
    port.close();
    return undefined;
  }
}

function serve(store: StateStore, sources: SourceConnector[], sinks: SinkConnector[]): void {
  const cache = keepOpen(createRecordCache({ dir: init.dataDir, log }));
  const cycleDeps = { config: init.config, packDir: init.packDir, state: store, cache, sources, sinks, log };
  let current:
    { order: RunOrder; startedAt: string; controller: AbortController; done: Promise<void> } | undefined;
  const report = createServiceReport({
    config: init.config,
    cache: () => cache,
    state: () => store.data,
    runs: {
      current: () =>
        current === undefined ? null : { id: current.order.runId, startedAt: current.startedAt },
    },
  });

  function startRun(order: RunOrder): void {
    if (current !== undefined) {
      const error = toWireError(new Error(`run ${current.order.runId} is still going`));
      send({ type: 'run-failed', runId: order.runId, error });
      return;
    }
    const controller = new AbortController();
    const done = (async () => {
      try {
        const result = await runCycle(cycleDeps, { ...order, signal: controller.signal });
        send({ type: 'run-done', runId: order.runId, run: observedRunOf(result) });
      } catch (error) {
        send({ type: 'run-failed', runId: order.runId, error: toWireError(error) });
      } finally {
        current = undefined;
      }
    })();
    current = { order, startedAt: new Date().toISOString(), controller, done };
  }

  async function buildReport(requestId: number, request: Parameters<typeof report>[0]): Promise<void> {
    try {
      const body = new TextEncoder().encode(await report(request));
      outbox.post({ type: 'report-done', requestId, body }, [body.buffer]);
    } catch (error) {
      const wire = toWireError(error);
      if (error instanceof ApiError) {
        wire.code = error.code;
        wire.httpStatus = error.statusCode;
      }
      send({ type: 'report-failed', requestId, error: wire });
    }
  }

  async function close(): Promise<void> {
    current?.controller.abort(new Error('shutting down'));
    await current?.done;
    const steps: [string, () => Promise<unknown>][] = [
      ['close the record caches', () => cache.closeAll()],
      [
        'close the connectors',
        () => Promise.all([...sources, ...sinks].map((s) => s.close?.() ?? Promise.resolve())),
      ],
      ['close the state', () => store.close()],
    ];
    // Every step runs even if one before it failed.
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (error) {
        log.error(
          { err: error instanceof Error ? error.message : String(error) },
          `shutdown: could not ${what}`,
        );
      }
    }
    send({ type: 'closed' });
    await outbox.drained();
    port.close();
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'run':
        startRun(message.order);
        return;
      case 'findings-ack':
        outbox.received();
        return;
      case 'abort':
        if (current?.order.runId === message.runId) current.controller.abort(new Error('shutting down'));
        return;
      case 'report':
        void buildReport(message.requestId, message.request);
        return;
      case 'close':
        void close();
        return;
      default:
        message satisfies never;
    }
  });
}

/** What the main thread needs of a run (metrics, logs): plain data, without the assessment's results. */
function observedRunOf(result: CycleResult): ObservedRun {
  const facts = (error: AppError) => ({ code: error.code, details: plainDetails(error.details) });
  return {
    status: result.status,
    outcomes: result.outcomes.map((outcome) => ({
      source: outcome.source,
      ...(outcome.checkError === undefined ? {} : { checkError: facts(outcome.checkError) }),
      streams: outcome.streams.map((stream) => ({
        source: stream.source,
        stream: stream.stream,
        durationMs: stream.durationMs,
        fetched: stream.fetched,
        ...(stream.error === undefined ? {} : { error: facts(stream.error) }),
      })),
    })),
    ...(result.tickets?.outcome === undefined
      ? {}
      : {
          tickets: {
            outcome: {
              applied: result.tickets.outcome.applied,
              failed: result.tickets.outcome.failed.map(({ code, message }) => ({ code, message })),
            },
          },
        }),
  };
}
