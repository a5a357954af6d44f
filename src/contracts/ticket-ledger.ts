// The ticket ledger: which ticket holds which gap, in which sink, and what it last said. It is kept in
// state.json, but the remote side holds the ticket id too, so the ledger can be rebuilt from the sinks.
import { z } from 'zod';
import { TicketIdSchema, TicketRefSchema, TicketRouteSchema } from './tickets.js';

const timestamp = z.iso.datetime();

export const TicketEntrySchema = z.object({
  /** The remote identity: label `iso20k-<ticketId>` in Jira, correlation_id `iso20k:<ticketId>` in ServiceNow. */
  ticketId: TicketIdSchema,
  /** The group this ticket stands for, e.g. "control CH2-plans" or "finding 3f2a…". */
  group: z.string(),
  route: TicketRouteSchema,
  /** Null until the sink confirmed the create. */
  ref: TicketRefSchema.nullable(),
  status: z.enum(['open', 'resolved']),
  /** The content revision last applied to the remote ticket. */
  revision: z.string().nullable(),
  /** Fingerprints of the findings the ticket listed at that revision. */
  fingerprints: z.array(z.string()),
  /**
   * Set before a create is sent and cleared when the sink confirms it. Still set on the next run means
   * the outcome is unknown (a crash, a lost response): the sink must look the ticket up first.
   */
  createStartedAt: timestamp.nullable(),
  /** For onReturn: new, the generation of this ticket for its group (0 for the first). */
  generation: z.number().int().nonnegative(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type TicketEntry = z.infer<typeof TicketEntrySchema>;
