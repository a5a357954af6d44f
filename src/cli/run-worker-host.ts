// The main thread's side of the cycle worker (run-worker.ts): starts it, orders runs and reports, keeps
// the state mirror current from the store's changes, and closes it. A worker that dies (out of memory, a
// bug) loses only its run: the run's committed pages stay, and a new worker is started at once, whose
// store marks the lost run aborted when it opens the state again.
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ReportRequest } from '../api/api-deps.js';
import { ApiError } from '../api/api-error.js';
import { AppError, type HttpRetryEvent } from '../contracts/index.js';
import type { ObservedRun } from '../metrics/observe-run.js';
import type { CycleRequest } from '../scheduler/scheduler.js';
import { createStateMirror } from '../state/state-mirror.js';
import type { StateData } from '../state/state-schema.js';
import {
  fromWireError,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
  type WireError,
} from './run-worker-protocol.js';

/** Findings whose lastSeen the API thread moves in one go: about 7 ms at a large site. */
const TOUCH_SLICE = 20_000;

export interface CycleWorker {
  /** The state as the worker's store last reported it (read only). */
  readonly state: Readonly<StateData>;
  /** Runs one cycle in the worker; aborting `request.signal` makes it finish its page and commit. */
  run(request: CycleRequest): Promise<ObservedRun>;
  /** Builds and renders the evidence pack in the worker, from its record cache and state (UTF-8). */
  report(request: ReportRequest): Promise<Uint8Array>;
  /** Lets the worker close its cache, connectors and state, then stops it. */
  close(): Promise<void>;
}

export interface CycleWorkerOptions {
  init: WorkerInit;
  log: Logger;
  /** Each HTTP attempt a connector retries (for the metrics). */
  onHttpRetry?: (event: HttpRetryEvent) => void;
  /** The worker's module (a .ts one is loaded through tsx); tests pass one that misbehaves. */
  entry?: URL;
  /** How long close() waits for the worker to close its files before stopping it regardless. */
  closeTimeoutMs?: number;
}

interface Live {
  worker: Worker;
  /** Settles when the worker has closed its files (or has exited). */
  closed: Promise<void>;
  exited: Promise<void>;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** Starts the worker and waits until it has opened the state; rejects with the reason it could not. */
export async function startCycleWorker(options: CycleWorkerOptions): Promise<CycleWorker> {
  const { log } = options;
  const mirror = createStateMirror();
  let live: Live | undefined;
  let starting: Promise<Live> | undefined;
  let closing = false;
  let run: (Pending<ObservedRun> & { runId: string }) | undefined;
  const reports = new Map<number, Pending<Uint8Array>>();
  /** Settles when the last diff's lastSeen moves are all made. */
  let touched: Promise<void> = Promise.resolve();
  /** Makes the moves between requests, TOUCH_SLICE findings at a time. */
  const touchInSlices = (): Promise<void> =>
    new Promise((resolve) => {
      const step = () => {
        if (mirror.touchSome(TOUCH_SLICE)) setImmediate(step);
        else resolve();
      };
      step();
    });
  /** What the ledger update under way has brought so far (for its log line). */
  let ledgerIn: { diff: boolean; findings: number; removed: number } | undefined;
  let nextReportId = 1;

  function spawn(): Promise<Live> {
    const worker = new Worker(workerModule(options.entry ?? defaultEntry()), {
      workerData: options.init,
      // The worker holds the records and runs the assessment: give it the heap the process was given.
      resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20) },
    });
    let markClosed = () => {};
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    let opened = false;
    return new Promise<Live>((resolve, reject) => {
      const exited = new Promise<void>((resolveExit) => {
        worker.once('exit', (code) => {
          markClosed();
          resolveExit();
          if (!opened) {
            reject(
              new AppError(
                'INTERNAL',
                `the cycle worker stopped (exit code ${code}) before it opened the data directory`,
              ),
            );
            return;
          }
          if (live?.worker !== worker) return;
          if (closing) live = undefined;
          else lost(code);
        });
      });
      const self: Live = { worker, closed, exited };
      worker.on('error', (error) => log.error({ err: error.message }, 'the cycle worker failed'));
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'opened':
            mirror.reset(message.state);
            return;
          case 'findings-diff':
            ledgerIn = { diff: true, findings: 0, removed: message.removed.length };
            follow(() => mirror.beginDiff(message));
            return;
          case 'findings-done':
            follow(() => mirror.finishFindings());
            return;
          case 'ready':
            opened = true;
            live = self;
            resolve(self);
            return;
          case 'open-failed':
            reject(fromWireError(message.error));
            void worker.terminate();
            return;
          case 'state':
            follow(() => mirror.apply(message.change));
            return;
          case 'findings-part':
            ledgerIn ??= { diff: false, findings: 0, removed: 0 };
            ledgerIn.findings += message.findings.length;
            follow(() => mirror.addFindings(message.findings));
            worker.postMessage({ type: 'findings-ack' });
            return;
          case 'assessment-done': {
            const started = performance.now();
            follow(() => mirror.finishAssessment(message.summary));
            touched = touchInSlices();
            // How much of the ledger crossed, and what taking it in cost this thread.
            log.info(
              {
                ...(ledgerIn ?? { diff: false, findings: 0, removed: 0 }),
                applyMs: Math.round(performance.now() - started),
              },
              'findings ledger updated',
            );
            ledgerIn = undefined;
            return;
          }
          case 'run-done': {
            // The run is over for the API once its findings show their new lastSeen too.
            const pending = run?.runId === message.runId ? run : undefined;
            void touched.then(() => pending?.resolve(message.run));
            return;
          }
          case 'run-failed':
            if (run?.runId === message.runId) run.reject(fromWireError(message.error));
            return;
          case 'report-done':
            reports.get(message.requestId)?.resolve(message.body);
            reports.delete(message.requestId);
            return;
          case 'report-failed':
            reports.get(message.requestId)?.reject(reportError(message.error));
            reports.delete(message.requestId);
            return;
          case 'http-retry':
            options.onHttpRetry?.(message.event);
            return;
          case 'closed':
            markClosed();
            return;
          default:
            // A message type added to the protocol but not handled here fails the type check.
            message satisfies never;
        }
      });
    });
  }

  /** Applies what the worker's store did to the mirror; a mismatch is a defect, logged, never fatal. */
  function follow(step: () => void): void {
    try {
      step();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'state mirror out of step');
    }
  }

  /** The live worker died: fail what it was doing and start another (unless the service is stopping). */
  function lost(code: number): void {
    live = undefined;
    const error = new AppError(
      'INTERNAL',
      `the cycle worker stopped unexpectedly (exit code ${code}); the run keeps the pages it committed and the next run goes on from there`,
    );
    log.error({ exitCode: code }, error.message);
    run?.reject(error);
    for (const pending of reports.values()) pending.reject(error);
    reports.clear();
    starting = spawn();
    starting.then(
      () => log.info('a new cycle worker is ready'),
      (reason: unknown) =>
        log.error(
          { err: reason instanceof Error ? reason.message : String(reason) },
          'no new cycle worker: the next run tries again',
        ),
    );
  }

  async function current(): Promise<Live> {
    if (live !== undefined) return live;
    if (starting !== undefined) {
      const started = await starting.catch(() => undefined);
      if (started !== undefined && live === started) return started;
    }
    starting = spawn();
    return starting;
  }

  const post = (target: Live, message: ToWorker) => target.worker.postMessage(message);

  starting = spawn();
  await starting;

  return {
    get state() {
      return mirror.data;
    },
    async run(request) {
      if (closing) throw new AppError('RUN_ABORTED', 'the service is stopping');
      const target = await current();
      const order = { runId: request.runId, trigger: request.trigger, sourceIds: request.sourceIds };
      const abort = () => post(target, { type: 'abort', runId: request.runId });
      try {
        return await new Promise<ObservedRun>((resolve, reject) => {
          run = { runId: request.runId, resolve, reject };
          post(target, { type: 'run', order });
          if (request.signal.aborted) abort();
          else request.signal.addEventListener('abort', abort, { once: true });
        });
      } finally {
        request.signal.removeEventListener('abort', abort);
        run = undefined;
      }
    },
    report(request) {
      const target = live;
      if (target === undefined || closing)
        return Promise.reject(
          new ApiError(
            503,
            'REPORT_UNAVAILABLE',
            'the service is not ready to build a report; try again shortly',
          ),
        );
      const requestId = nextReportId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        reports.set(requestId, { resolve, reject });
        post(target, { type: 'report', requestId, request });
      });
    },
    async close() {
      closing = true;
      const target = live ?? (await starting?.catch(() => undefined));
      if (target === undefined) return;
      post(target, { type: 'close' });
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(resolve, options.closeTimeoutMs ?? 5_000, 'timeout').unref(),
      );
      if ((await Promise.race([target.closed, timeout])) === 'timeout')
        log.error('the cycle worker did not close its files in time: stopping it');
      live = undefined;
      await target.worker.terminate();
      await target.exited;
    },
  };
}

function reportError(wire: WireError): Error {
  return wire.httpStatus === undefined
    ? fromWireError(wire)
    : new ApiError(wire.httpStatus, wire.code, wire.message);
}

/** run-worker.js when built, run-worker.ts when running from source (tsx, vitest). */
function defaultEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './run-worker.ts' : './run-worker.js', import.meta.url);
}

/**
 * What to hand `new Worker`. A worker thread does not inherit the TypeScript loader of a process started
 * with tsx, so a .ts module goes through a two-line module that registers tsx's loader first.
 */
function workerModule(entry: URL): URL {
  if (!entry.pathname.endsWith('.ts')) return entry;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `const { register } = await import(${JSON.stringify(tsx)});\nregister();\nawait import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
