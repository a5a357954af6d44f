// The ticket lines after the clause table: what the run did in each sink, and what waits.
import type { TicketRun } from '../pipeline/tickets.js';
import { describePlan } from '../pipeline/tickets.js';
import type { TicketsConfig } from '../settings/schema.js';

export function renderTicketRun(run: TicketRun, config: TicketsConfig): string {
  const lines: string[] = [];
  if (run.recovered > 0)
    lines.push(`Ticket ledger: ${run.recovered} tickets found in the sinks and taken back.`);
  if (run.outcome === undefined) {
    lines.push(`Tickets (dry run): ${describePlan(run.plan, config, 'would')}.`);
    return lines.join('\n');
  }
  const a = run.outcome.applied;
  const pending = run.outcome.pending > 0 ? `; ${run.outcome.pending} left for the next run` : '';
  const queued =
    run.plan.queued > 0
      ? `; ${run.plan.queued} new tickets wait for the budget (maxNewPerRun ${config.maxNewPerRun})`
      : '';
  const where = Object.entries(run.outcome.createdBySink)
    .map(([sink, n]) => `${sink} ${n}`)
    .join(', ');
  const created = where === '' ? `${a.created} created` : `${a.created} created (${where})`;
  lines.push(
    `Tickets: ${created}, ${a.updated} updated, ${a.resolved} resolved, ${a.reopened} reopened, ` +
      `${a.unchanged} already up to date${pending}${queued}.`,
  );
  return lines.join('\n');
}
