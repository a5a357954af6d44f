// A finding is one (control, subject) pair that has alarmed at least once. It outlives the alarm: its
// history is what an auditor and the ticket life cycle read.
import { z } from 'zod';

const timestamp = z.iso.datetime();

export const FindingStatusSchema = z.enum(['open', 'resolved', 'waived']);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

export const FindingSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  pack: z.string(),
  control: z.string(),
  /** A record key for record and relation controls, a group key for aggregate and freshness ones. */
  subject: z.string(),
  clauses: z.array(z.string()),
  severity: z.enum(['info', 'minor', 'major']),
  status: FindingStatusSchema,
  /** The latest reason, rendered by the control's template. */
  reason: z.string(),
  firstSeen: timestamp,
  lastSeen: timestamp,
  /** Status changes, oldest first (the last FINDING_HISTORY_LIMIT). */
  history: z.array(z.object({ at: timestamp, status: FindingStatusSchema })),
});
export type Finding = z.infer<typeof FindingSchema>;

export const FINDING_HISTORY_LIMIT = 20;
