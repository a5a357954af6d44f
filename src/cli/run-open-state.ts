// `iso20k run` waits for its data directory instead of giving up: a standby instance started next to a
// running one (or a restarted container racing its predecessor's shutdown) becomes ready once the lock is
// free. Until then /readyz says why, naming only the directory's name.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Readiness } from '../api/api-deps.js';
import { AppError } from '../contracts/index.js';
import { acquireDataDirLock, type DataDirLock } from '../state/data-dir-lock.js';

/** How often a locked or unreadable data directory is tried again. */
export const RETRY_MS = 5_000;

export interface OpenedState<T> {
  lock: DataDirLock;
  /** What `open` returned. */
  opened: T;
}

/**
 * Takes the lock, then calls `open` (which loads state), retrying both while the directory is locked or
 * unreadable. Returns undefined when `signal` aborts first; any other error is thrown.
 */
export async function openStateWhenFree<T>(
  dataDir: string,
  open: () => Promise<T>,
  deps: {
    log: Logger;
    signal: AbortSignal;
    setReadiness: (readiness: Readiness) => void;
    /** Told once, the first time the service has to wait. */
    onWaiting: (message: string) => void;
    retryMs?: number;
  },
): Promise<OpenedState<T> | undefined> {
  let told = false;
  while (!deps.signal.aborted) {
    let lock: DataDirLock | undefined;
    try {
      lock = await acquireDataDirLock(dataDir);
      return { lock, opened: await open() };
    } catch (error) {
      await lock?.release();
      const reason = waitReason(error, path.basename(dataDir));
      if (reason === undefined) throw error;
      deps.setReadiness({ ready: false, reason });
      deps.log.warn({ code: (error as AppError).code, err: (error as AppError).message }, reason);
      if (!told) deps.onWaiting((error as AppError).message);
      told = true;
    }
    await pause(deps.retryMs ?? RETRY_MS, deps.signal);
  }
  return undefined;
}

function waitReason(error: unknown, name: string): string | undefined {
  if (!(error instanceof AppError)) return undefined;
  switch (error.code) {
    case 'STATE_LOCKED':
      return `the data directory ${name} is locked by another process`;
    case 'STATE_CORRUPT':
      return `the state file in data directory ${name} is unreadable`;
    case 'STATE_IO':
      return `the data directory ${name} cannot be read or written`;
    default:
      return undefined;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
