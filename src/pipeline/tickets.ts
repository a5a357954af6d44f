// The ticket step of a run: rebuild what the ledger lacks from the sinks, plan, and (unless dry) push.
import type { Logger } from 'pino';
import type { SinkConnector } from '../contracts/tickets.js';
import type { TicketsConfig } from '../settings/schema.js';
import type { StateStore } from '../state/state-store.js';
import type { Assessment } from './assess.js';
import { planTickets, type TicketPlan } from './plan.js';
import { pushTickets, type PushOutcome } from './push.js';
import { reconcileTickets } from './reconcile-tickets.js';

export interface TicketRun {
  plan: TicketPlan;
  /** Absent for a dry run. */
  outcome?: PushOutcome;
  recovered: number;
  unmatched: number;
}

export interface TicketDeps {
  assessment: Pick<Assessment, 'findings' | 'details' | 'text'>;
  state: StateStore;
  sinks: readonly SinkConnector[];
  config: TicketsConfig;
  now: () => Date;
  log: Logger;
  dryRun: boolean;
  signal?: AbortSignal;
}

export async function runTickets(deps: TicketDeps): Promise<TicketRun> {
  const { assessment, config } = deps;
  const reconciled = await reconcileTickets(
    deps.state.data.tickets,
    deps.sinks,
    assessment.findings,
    assessment.details,
    config,
    deps.now(),
    deps.signal,
  );
  for (const { sink, error } of reconciled.unlisted) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn({ sink }, `could not list the tickets in ${sink} (going on with the ledger): ${message}`);
  }
  if (!deps.dryRun && reconciled.recovered.length > 0) {
    const entries = Object.fromEntries(
      Object.entries(reconciled.ledger).filter(([, e]) => reconciled.recovered.includes(e.ticketId)),
    );
    await deps.state.saveTickets(entries);
    deps.log.info({ recovered: reconciled.recovered.length }, 'ticket ledger completed from the sinks');
  }
  const plan = planTickets({
    findings: assessment.findings,
    details: assessment.details,
    ledger: reconciled.ledger,
    config,
    text: assessment.text,
    now: deps.now(),
  });
  const run: TicketRun = { plan, recovered: reconciled.recovered.length, unmatched: reconciled.unmatched };
  if (deps.dryRun) return run;
  const sinks = new Map(deps.sinks.map((s) => [s.id, s]));
  run.outcome = await pushTickets(plan, {
    sinks,
    state: deps.state,
    now: deps.now,
    log: deps.log,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  return run;
}

/** "would create 12, update 3, resolve 5, reopen 0; 30 more wait for the budget of 20". */
export function describePlan(plan: TicketPlan, config: TicketsConfig, verb: 'would' | 'will'): string {
  const c = plan.counts;
  const queued =
    plan.queued > 0
      ? `; ${plan.queued} more new tickets wait for later runs (maxNewPerRun ${config.maxNewPerRun})`
      : '';
  const unrouted = plan.unrouted > 0 ? `; ${plan.unrouted} gaps have no enabled sink` : '';
  return `${verb} create ${c.create}, update ${c.update}, resolve ${c.resolve}, reopen ${c.reopen}${queued}${unrouted}`;
}
