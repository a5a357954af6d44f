// Everything the cycle worker tells the main thread goes through one ordered queue, so the main thread
// sees state changes, the end of a run and the close in the order they happened. Findings leave in
// parts, newest first, each waiting for the main thread's receipt before the next: the main thread
// decodes one part between two API requests instead of a whole ledger at once. Once the main thread
// holds a ledger, an assessment sends only what changed (ledger-diff.ts): at a large site that is a few
// hundred findings a run instead of hundreds of thousands.
import type { Finding } from '../contracts/findings.js';
import { compareNewestFirst } from '../state/findings-index.js';
import type { StateChange } from '../state/state-changes.js';
import { ledgerDiff } from './ledger-diff.js';
import type { FromWorker } from './run-worker-protocol.js';

/** About 5 ms of decoding on the main thread per part (measured with 200,000 findings). */
export const FINDINGS_PART_SIZE = 500;

export interface Outbox {
  /** Queues a message behind everything queued before it. */
  post(message: FromWorker, transfer?: readonly ArrayBuffer[]): void;
  /** Queues a state change; an assessment goes as its findings in parts, then its summary. */
  change(change: StateChange): void;
  /** Queues a whole ledger in parts, then 'findings-done' (the ledger a new worker found on disk). */
  ledger(findings: Readonly<Record<string, Finding>>): void;
  /** The main thread has taken the last part sent. */
  received(): void;
  /** Settles when everything queued so far has been sent. */
  drained(): Promise<void>;
}

export function createOutbox(
  port: { postMessage(message: FromWorker, transfer?: readonly ArrayBuffer[]): void },
  /** A message that could not be sent (a value that cannot be cloned is a defect): logged, the rest go on. */
  onError: (error: unknown) => void,
  partSize = FINDINGS_PART_SIZE,
): Outbox {
  let tail: Promise<void> = Promise.resolve();
  let receipt: (() => void) | undefined;
  /** The ledger the main thread holds now; undefined until one has been sent. */
  let held: Readonly<Record<string, Finding>> | undefined;
  const enqueue = (step: () => void | Promise<void>) => {
    tail = tail.then(step).catch((error: unknown) => onError(error));
  };

  async function sendParts(findings: readonly Finding[]): Promise<void> {
    const ordered = findings.slice().sort(compareNewestFirst);
    for (let from = 0; from < ordered.length; from += partSize) {
      const taken = new Promise<void>((resolve) => (receipt = resolve));
      port.postMessage({ type: 'findings-part', findings: ordered.slice(from, from + partSize) });
      await taken;
    }
  }

  return {
    post: (message, transfer) => enqueue(() => port.postMessage(message, transfer)),
    change(change) {
      if (change.type !== 'assessment') {
        enqueue(() => port.postMessage({ type: 'state', change }));
        return;
      }
      enqueue(async () => {
        const before = held;
        held = change.findings;
        const diff =
          before === undefined ? undefined : ledgerDiff(before, change.findings, change.summary.at);
        // A diff pays off while it is small; replacing most of the ledger, the whole one is cheaper for
        // the main thread (it builds the index part by part instead of merging a large change into it).
        if (diff === undefined || diff.changed.length > Object.keys(change.findings).length / 4)
          await sendParts(Object.values(change.findings));
        else {
          port.postMessage({ type: 'findings-diff', ...diff.header });
          await sendParts(diff.changed);
        }
        port.postMessage({ type: 'assessment-done', summary: change.summary });
      });
    },
    ledger(findings) {
      enqueue(async () => {
        held = findings;
        await sendParts(Object.values(findings));
        port.postMessage({ type: 'findings-done' });
      });
    },
    received() {
      const resolve = receipt;
      receipt = undefined;
      resolve?.();
    },
    drained: () => tail,
  };
}
