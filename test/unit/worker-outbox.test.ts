// The cycle worker's outbox: messages leave in the order they were queued; an assessment's findings
// leave in parts, newest first, one part per receipt from the main thread; a message that cannot be sent
// is reported and does not stop the ones behind it.
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/cli/run-worker-outbox.js';
import type { FromWorker } from '../../src/cli/run-worker-protocol.js';
import type { Finding } from '../../src/contracts/findings.js';
import { compareNewestFirst } from '../../src/state/findings-index.js';
import { makeState } from './api-fixture.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('worker outbox', () => {
  it('sends findings in parts, one per receipt, in newest-first order, and keeps everything in order', async () => {
    const sent: FromWorker[] = [];
    const outbox = createOutbox({ postMessage: (m) => sent.push(m) }, () => undefined, 25);
    const state = makeState();
    const findings = state.findings;
    const total = Object.keys(findings).length;
    expect(total).toBeGreaterThan(100);

    outbox.post({ type: 'http-retry', event: { connector: 'a', reason: 'HTTP 429', status: 429 } });
    outbox.change({ type: 'assessment', findings, summary: state.lastAssessment! });
    outbox.change({
      type: 'run-finished',
      id: 'r1',
      status: 'ok',
      streams: [],
      finishedAt: state.runs[0]!.startedAt,
    });
    await tick();
    // The first part is out; nothing more until the main thread has taken it.
    expect(sent.map((m) => m.type)).toEqual(['http-retry', 'findings-part']);
    await tick();
    expect(sent).toHaveLength(2);

    const parts: Finding[][] = [];
    while (sent.at(-1)?.type === 'findings-part') {
      const last = sent.at(-1) as Extract<FromWorker, { type: 'findings-part' }>;
      parts.push(last.findings);
      outbox.received();
      await tick();
    }
    await outbox.drained();
    expect(parts).toHaveLength(Math.ceil(total / 25));
    expect(parts.flat()).toEqual(Object.values(findings).sort(compareNewestFirst));
    expect(sent.slice(-2).map((m) => m.type)).toEqual(['assessment-done', 'state']);
  });

  it('after a ledger is held, sends an assessment as a diff with only the changed findings in parts', async () => {
    const sent: FromWorker[] = [];
    const outbox = createOutbox({ postMessage: (m) => sent.push(m) }, () => undefined, 25);
    const state = makeState();
    const drain = async () => {
      for (;;) {
        await tick();
        if (sent.at(-1)?.type !== 'findings-part') return;
        outbox.received();
      }
    };
    outbox.ledger(state.findings);
    await drain();
    expect(sent.at(-1)?.type).toBe('findings-done');
    sent.length = 0;

    const at = '2026-11-22T12:00:00.000Z';
    const next = Object.fromEntries(
      Object.entries(state.findings).map(([fp, f]) => [
        fp,
        f.status === 'resolved' ? f : { ...f, lastSeen: at },
      ]),
    );
    const [first] = Object.keys(next);
    next[first!] = { ...next[first!]!, reason: 'changed' };
    outbox.change({ type: 'assessment', findings: next, summary: { ...state.lastAssessment!, at } });
    await drain();
    await outbox.drained();
    expect(sent.map((m) => m.type)).toEqual(['findings-diff', 'findings-part', 'assessment-done']);
    const part = sent[1] as Extract<FromWorker, { type: 'findings-part' }>;
    expect(part.findings.map((f) => f.fingerprint)).toEqual([first]);
  });

  it('reports a message it cannot send and sends the ones behind it', async () => {
    const sent: FromWorker[] = [];
    const errors: unknown[] = [];
    const outbox = createOutbox(
      {
        postMessage: (m) => {
          if (m.type === 'closed') throw new Error('DataCloneError');
          sent.push(m);
        },
      },
      (error) => errors.push(error),
    );
    outbox.post({ type: 'closed' });
    outbox.post({
      type: 'run-failed',
      runId: 'r',
      error: { code: 'INTERNAL', message: 'm', details: {}, retryable: false },
    });
    await outbox.drained();
    expect(errors).toHaveLength(1);
    expect(sent.map((m) => m.type)).toEqual(['run-failed']);
  });
});
