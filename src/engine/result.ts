// What evaluation produces: one result per record or group, and a roll-up per clause. Schemas, not bare
// interfaces, so that state and the API can validate stored results with the same definition.
import { z } from 'zod';

export const ResultStatusSchema = z.enum(['ok', 'alarm', 'skip', 'error', 'waived']);
export type ResultStatus = z.infer<typeof ResultStatusSchema>;

export const SeveritySchema = z.enum(['info', 'minor', 'major']);
export type Severity = z.infer<typeof SeveritySchema>;

/** What a result cites of a record: enough to find it in its own system. */
export const RecordRefSchema = z.object({
  source: z.string(),
  id: z.string(),
  key: z.string(),
  url: z.string(),
  /** The record's own dates: evidence is dated by the record, never by the run that judged it. */
  createdAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type RecordRef = z.infer<typeof RecordRefSchema>;

export const ResultSchema = z.object({
  control: z.string(),
  clauses: z.array(z.string()).readonly(),
  severity: SeveritySchema,
  status: ResultStatusSchema,
  /** The record key, the group key, or "all". */
  subject: z.string(),
  /** The records the result is about (empty for groups and skips). */
  records: z.array(RecordRefSchema).readonly(),
  reason: z.string(),
  /** Present when a waiver turned an alarm into `waived`. */
  waiver: z.object({ reason: z.string(), expires: z.string() }).optional(),
});
export type Result = z.infer<typeof ResultSchema>;

export const ClauseRollupSchema = z.object({
  clause: z.string(),
  title: z.string(),
  automation: z.enum(['automated', 'manual']),
  /** Ids of the controls tagged with this clause. */
  controls: z.array(z.string()),
  /** Results that judged something: ok, alarm, waived or error. */
  checked: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  waived: z.number().int(),
  errors: z.number().int(),
  status: z.enum(['ok', 'alarm', 'skip', 'manual']),
});
export type ClauseRollup = z.infer<typeof ClauseRollupSchema>;
