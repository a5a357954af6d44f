// Applies a ticket plan, one action at a time, writing the ledger after each confirmed action. A create
// is recorded as started before it is sent: a crash between the sink's answer and the ledger write then
// leaves a mark, and the next run looks the ticket up (after the sink's search lag) instead of creating
// it again.
import type { Logger } from 'pino';
import type { SinkConnector } from '../contracts/tickets.js';
import type { TicketEntry } from '../contracts/ticket-ledger.js';
import type { StateStore } from '../state/state-store.js';
import type { PlannedAction, TicketPlan } from './plan.js';

export interface PushOutcome {
  applied: Record<'created' | 'updated' | 'resolved' | 'reopened' | 'unchanged', number>;
  /** Tickets created, by sink id. */
  createdBySink: Record<string, number>;
  /** Actions left for the next run: failed now, or waiting for a sink's search to catch up. */
  pending: number;
  failed: { action: PlannedAction; code: string; message: string }[];
}

export interface PushDeps {
  sinks: ReadonlyMap<string, SinkConnector>;
  state: StateStore;
  now: () => Date;
  log: Logger;
  signal?: AbortSignal;
}

export async function pushTickets(plan: TicketPlan, deps: PushDeps): Promise<PushOutcome> {
  const outcome: PushOutcome = {
    applied: { created: 0, updated: 0, resolved: 0, reopened: 0, unchanged: 0 },
    createdBySink: {},
    pending: 0,
    failed: [],
  };
  for (const action of plan.actions) {
    if (deps.signal?.aborted === true) {
      outcome.pending++;
      continue;
    }
    const sink = deps.sinks.get(action.route.sink);
    if (sink === undefined) {
      outcome.failed.push({
        action,
        code: 'CONFIG_INVALID',
        message: `no enabled sink "${action.route.sink}"`,
      });
      continue;
    }
    await pushOne(action, sink, deps, outcome);
  }
  return outcome;
}

async function pushOne(
  action: PlannedAction,
  sink: SinkConnector,
  deps: PushDeps,
  outcome: PushOutcome,
): Promise<void> {
  const ledger = deps.state.data.tickets;
  const current: TicketEntry | undefined = ledger[action.group];
  const now = deps.now();
  let toApply = action;

  if (action.type === 'create') {
    const started = current?.ticketId === action.ticketId ? current.createStartedAt : null;
    if (started !== null && now.getTime() - Date.parse(started) < sink.searchLagMs) {
      // An earlier create may have landed but the sink's search would not show it yet.
      deps.log.info(
        { ticket: action.ticketId, sink: sink.id },
        'create waits for the sink search to catch up',
      );
      outcome.pending++;
      return;
    }
    await deps.state.saveTickets({
      [action.group]: { ...action.next, createStartedAt: now.toISOString(), ref: null },
    });
  } else if (action.ref === undefined) {
    // A resolve for a ticket whose create was never confirmed: find it, or there is nothing to resolve.
    const remote = await sink.find(action.ticketId, deps.signal).catch(() => undefined);
    if (remote === undefined) {
      await deps.state.saveTickets({}, [action.group]);
      return;
    }
    toApply = { ...action, ref: remote.ref };
  }

  const result = await sink.apply(toApply, deps.signal);
  if (result.status === 'retryable' || result.status === 'failed') {
    if (action.type === 'create' && result.status === 'failed' && current?.ref == null) {
      // A refused create (bad project, bad field) made nothing: no lookup is needed next time.
      await deps.state.saveTickets({ [action.group]: { ...action.next, createStartedAt: null, ref: null } });
    }
    outcome.pending++;
    outcome.failed.push({ action, code: result.error.code, message: result.error.message });
    deps.log.warn(
      { ticket: action.ticketId, sink: sink.id, action: action.type, code: result.error.code },
      `ticket ${action.type} failed: ${result.error.message}`,
    );
    return;
  }
  outcome.applied[result.status]++;
  if (result.status === 'created') outcome.createdBySink[sink.id] = (outcome.createdBySink[sink.id] ?? 0) + 1;
  await deps.state.saveTickets({
    [action.group]: { ...action.next, ref: result.ref, createStartedAt: null, updatedAt: now.toISOString() },
  });
}
