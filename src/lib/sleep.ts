// An abortable wait: retry backoff and polling intervals must end the moment a run is stopped, not when
// the timer would have fired.
import { AppError } from '../contracts/errors.js';

/**
 * The error for a stopped run. A RUN_ABORTED AppError given as the abort reason is passed on unchanged so
 * whoever stopped the run decides the message.
 */
export function abortError(signal?: AbortSignal, what = 'the run was stopped'): AppError {
  const reason: unknown = signal?.reason;
  if (reason instanceof AppError && reason.code === 'RUN_ABORTED') return reason;
  return new AppError('RUN_ABORTED', `${what} before it finished`);
}

/** Waits `ms` milliseconds; rejects at once with RUN_ABORTED when `signal` aborts (or already has). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
