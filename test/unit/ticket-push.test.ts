// Pushing a plan with a real state store and a remote double whose search lags behind its writes (as
// Jira's does): a create whose answer was lost is not sent again until the search can be trusted, and
// then the lookup finds the ticket instead of creating a second one.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AppError,
  type PushResult,
  type RemoteTicket,
  type SinkConnector,
  type TicketAction,
} from '../../src/contracts/index.js';
import { findingFingerprint } from '../../src/lib/hash.js';
import { planTickets } from '../../src/pipeline/plan.js';
import { pushTickets } from '../../src/pipeline/push.js';
import { reconcileTickets } from '../../src/pipeline/reconcile-tickets.js';
import { packText } from '../../src/pipeline/ticket-content.js';
import { ticketsConfigSchema } from '../../src/settings/tickets.js';
import { openStateStore, type StateStore } from '../../src/state/state-store.js';

const LAG_MS = 60_000;
const log = pino({ level: 'silent' });
let dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  dirs = [];
});

/** A remote whose search sees a ticket only LAG_MS after it was created, and that can lose one answer. */
class LaggingRemote implements SinkConnector {
  readonly id = 'remote';
  readonly type = 'test';
  readonly searchLagMs = LAG_MS;
  readonly created: { ticketId: string; at: number }[] = [];
  creates = 0;
  loseNextAnswer = false;
  constructor(private readonly clock: () => number) {}

  find(ticketId: string): Promise<RemoteTicket | undefined> {
    const hit = this.created.find((t) => t.ticketId === ticketId && this.clock() - t.at >= LAG_MS);
    return Promise.resolve(hit === undefined ? undefined : this.remote(hit.ticketId));
  }
  async *list(): AsyncIterable<RemoteTicket> {}
  async apply(action: TicketAction): Promise<PushResult> {
    if (action.type !== 'create') return { status: 'updated', ref: action.ref! };
    const existing = await this.find(action.ticketId);
    if (existing !== undefined) return { status: 'unchanged', ref: existing.ref };
    this.creates++;
    this.created.push({ ticketId: action.ticketId, at: this.clock() });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return {
        status: 'retryable',
        error: new AppError('SOURCE_UNREACHABLE', 'connection reset', { retryable: true }),
      };
    }
    return { status: 'created', ref: this.remote(action.ticketId).ref };
  }
  private remote(ticketId: string): RemoteTicket {
    return {
      ticketId,
      ref: { sink: this.id, id: ticketId, key: `T-${ticketId.slice(0, 4)}`, url: 'u' },
      open: true,
      revision: null,
    };
  }
}

async function store(now: () => Date): Promise<StateStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-push-'));
  dirs.push(dir);
  return openStateStore({ dataDir: dir, now });
}

describe('pushing tickets', () => {
  it('waits out the search lag after a lost answer, then finds the ticket instead of creating it twice', async () => {
    let t = Date.parse('2026-11-22T10:00:00.000Z');
    const now = () => new Date(t);
    const remote = new LaggingRemote(() => t);
    const state = await store(now);
    const pack = 'p';
    const fp = findingFingerprint(pack, 'C1', 'INC1');
    const findings = {
      [fp]: {
        fingerprint: fp,
        pack,
        control: 'C1',
        subject: 'INC1',
        clauses: ['8.6.1'],
        severity: 'major' as const,
        status: 'open' as const,
        reason: 'INC1 fails',
        firstSeen: now().toISOString(),
        lastSeen: now().toISOString(),
        history: [],
      },
    };
    const config = {
      ...ticketsConfigSchema({}).parse({}),
      sinks: [{ id: 'remote', type: 'test', enabled: true, http: {} as never }],
    };
    const text = packText(pack, { clauses: [], controls: [] });
    const run = () =>
      pushTickets(
        planTickets({ findings, details: new Map(), ledger: state.data.tickets, config, text, now: now() }),
        { sinks: new Map([['remote', remote]]), state, now, log },
      );

    remote.loseNextAnswer = true;
    const first = await run();
    expect(first.pending).toBe(1);
    expect(remote.creates).toBe(1);

    t += 5_000; // the next run comes before the search can show the ticket: it must not create again
    const second = await run();
    expect(second.pending).toBe(1);
    expect(remote.creates).toBe(1);

    t += LAG_MS; // now the lookup is trustworthy and finds it
    const third = await run();
    expect(third.applied.unchanged).toBe(1);
    expect(remote.creates).toBe(1);
    const entry = Object.values(state.data.tickets)[0];
    expect(entry?.ref?.id).toBe(entry?.ticketId);
    expect(entry?.createStartedAt).toBeNull();

    const fourth = await run();
    expect(fourth.applied).toEqual({ created: 0, updated: 0, resolved: 0, reopened: 0, unchanged: 0 });
    await state.close();
  });
});

describe('rebuilding the ledger', () => {
  it('goes on with the ledger when a sink cannot list its tickets, and says which', async () => {
    const broken: SinkConnector = {
      id: 'down',
      type: 'test',
      searchLagMs: 0,
      find: () => Promise.resolve(undefined),
      // eslint-disable-next-line require-yield -- a listing that fails before its first page
      async *list() {
        throw new AppError('SOURCE_UNREACHABLE', 'connection refused', { retryable: true });
      },
      apply: () => Promise.reject(new Error('not called')),
    };
    const config = ticketsConfigSchema({}).parse({});
    const result = await reconcileTickets({}, [broken], {}, new Map(), config, new Date());
    expect(result.unlisted.map((u) => u.sink)).toEqual(['down']);
    expect(result.ledger).toEqual({});
  });
});
