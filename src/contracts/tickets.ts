// Gap tickets: what the pipeline asks a sink to do, and what a sink reports back. A ticket is named by
// its ticket id (a finding's fingerprint, or the fingerprint of its group), which the remote system also
// holds (a Jira label, a ServiceNow correlation_id), so that a lost ledger never duplicates a ticket.
import { z } from 'zod';
import type { AppError } from './errors.js';
import type { CheckResult } from './connector.js';

export const TicketIdSchema = z.string().regex(/^[0-9a-f]{16}(-[1-9][0-9]*)?$/);

/** A ticket in a remote system. */
export const TicketRefSchema = z.object({
  sink: z.string(),
  /** Native id (Jira issue id, ServiceNow sys_id). */
  id: z.string(),
  /** Human key (ITSM-42, ISS0010023). */
  key: z.string(),
  url: z.string(),
});
export type TicketRef = z.infer<typeof TicketRefSchema>;

/** One offending record as a ticket lists it, with the record's own dates and a deep link. */
export const TicketRecordRowSchema = z.object({
  key: z.string(),
  url: z.string(),
  source: z.string(),
  createdAt: z.string().nullable(),
  updatedAt: z.string(),
  reason: z.string(),
});
export type TicketRecordRow = z.infer<typeof TicketRecordRowSchema>;

/** Everything a ticket says, before a sink renders it into its own format (ADF, HTML, plain text). */
export const TicketContentSchema = z.object({
  summary: z.string().max(255),
  clauses: z.array(z.object({ id: z.string(), title: z.string() })),
  control: z.object({ id: z.string(), title: z.string() }).nullable(),
  severity: z.enum(['info', 'minor', 'major']),
  /** Why the gap matters and how to close it, in the pack's own words. */
  guidance: z.string(),
  /** Gaps not tied to one record (aggregates, freshness) say what was measured. */
  findings: z.array(z.object({ subject: z.string(), reason: z.string() })),
  records: z.array(TicketRecordRowSchema),
  /** Offending records beyond those listed (the table stops at a configured size). */
  moreRecords: z.number().int().nonnegative(),
  /** Where the status API shows this gap, when one is configured. */
  statusUrl: z.string().nullable(),
});
export type TicketContent = z.infer<typeof TicketContentSchema>;

/** Where a ticket goes inside its sink: a Jira project and issue type, a ServiceNow assignment group. */
export const TicketRouteSchema = z.object({
  sink: z.string(),
  project: z.string().optional(),
  issueType: z.string().optional(),
  assignmentGroup: z.string().optional(),
});
export type TicketRoute = z.infer<typeof TicketRouteSchema>;

export type TicketActionType = 'create' | 'update' | 'resolve' | 'reopen';

/**
 * One change to make in a sink. Every action carries the ticket's full current content and its
 * revision (a hash of what the ticket lists): a sink stamps the revision on the remote ticket, so that
 * an action retried after an unknown outcome can see it was already applied and write nothing.
 */
export interface TicketAction {
  type: TicketActionType;
  ticketId: string;
  route: TicketRoute;
  /** Present for every action but create. */
  ref?: TicketRef;
  content: TicketContent;
  revision: string;
  /** Plain-text lines of the comment this action adds (what changed, why it is resolved or back). */
  comment: string[];
}

/** What a sink knows of one of our tickets on its side. */
export interface RemoteTicket {
  ticketId: string;
  ref: TicketRef;
  open: boolean;
  /** The revision last stamped on it, if the sink can read it back. */
  revision: string | null;
}

export type PushResult =
  | { status: 'created' | 'updated' | 'resolved' | 'reopened' | 'unchanged'; ref: TicketRef }
  | { status: 'retryable'; error: AppError; retryInMs?: number }
  | { status: 'failed'; error: AppError };

export interface SinkConnector {
  readonly id: string;
  readonly type: string;
  /**
   * How long after a write the sink's search may still miss it (Jira's search is eventually
   * consistent; ServiceNow's Table API is not). A create whose outcome is unknown is not retried until
   * this has passed, so that the lookup before the retry can be trusted.
   */
  readonly searchLagMs: number;
  check?(signal?: AbortSignal): Promise<CheckResult>;
  /** Looks one ticket up by its ticket id on the remote side. */
  find(ticketId: string, signal?: AbortSignal): Promise<RemoteTicket | undefined>;
  /** Every ticket of ours on the remote side, for rebuilding a lost ledger. */
  list(signal?: AbortSignal): AsyncIterable<RemoteTicket>;
  /** Applies one action; a create first looks the ticket up, so that it never creates twice. */
  apply(action: TicketAction, signal?: AbortSignal): Promise<PushResult>;
  close?(): Promise<void>;
}
