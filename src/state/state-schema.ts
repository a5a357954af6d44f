// The shape of data/state.json. These schemas are the single source of truth: the types are
// inferred from them and the file is validated against them when it is opened.
import { z } from 'zod';
import { CursorSchema } from '../contracts/cursor.js';
import { FindingSchema } from '../contracts/findings.js';
import { TicketEntrySchema } from '../contracts/ticket-ledger.js';
import { RecordKindSchema } from '../contracts/records.js';

export const STATE_VERSION = 1;
/** Runs kept in the history; older ones are dropped. */
export const RUN_HISTORY_LIMIT = 200;

const timestamp = z.iso.datetime();

/** How one stream fared in its last poll, for `iso20k status`, the API and the dashboard. */
export const StreamStatusSchema = z.object({
  source: z.string(),
  stream: z.string(),
  kind: RecordKindSchema,
  lastRunAt: timestamp.nullable(),
  lastSuccessAt: timestamp.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  fetched: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  /** Records in the cache after the poll. */
  records: z.number().int().nonnegative(),
  cursor: CursorSchema.nullable(),
  /** When the last full listing of ids (the deletion sweep) succeeded. */
  lastSweepAt: timestamp.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: timestamp }).nullable(),
});
export type StreamStatus = z.infer<typeof StreamStatusSchema>;

export const RunTriggerSchema = z.enum(['cli', 'schedule', 'api', 'demo']);
export const RunStatusSchema = z.enum(['running', 'ok', 'failed', 'aborted']);

export const RunStreamSchema = z.object({
  source: z.string(),
  stream: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  fetched: z.number().int().nonnegative(),
  error: z.string().optional(),
});

export const RunRecordSchema = z.object({
  id: z.string(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  trigger: RunTriggerSchema,
  status: RunStatusSchema,
  streams: z.array(RunStreamSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const StateDataSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** Oldest first; at most RUN_HISTORY_LIMIT. */
  runs: z.array(RunRecordSchema),
  /** Keyed by `${source}/${stream}`. */
  streams: z.record(z.string(), StreamStatusSchema),
  /** The findings ledger, keyed by fingerprint. */
  findings: z.record(z.string(), FindingSchema),
  /** Where each clause stood after the last assessment (per-record results are too many to keep here). */
  lastAssessment: z
    .object({
      at: timestamp,
      pack: z.string(),
      clauses: z.array(
        z.object({
          clause: z.string(),
          title: z.string(),
          automation: z.enum(['automated', 'manual']),
          controls: z.array(z.string()),
          checked: z.number().int(),
          passed: z.number().int(),
          failed: z.number().int(),
          waived: z.number().int(),
          errors: z.number().int(),
          status: z.enum(['ok', 'alarm', 'skip', 'manual']),
        }),
      ),
      /** Results by status over every control. */
      totals: z.record(z.string(), z.number().int()),
    })
    .nullable()
    .default(null),
  /** The ticket ledger, keyed by group (see pipeline/ticket-groups.ts); one entry per ticket. */
  tickets: z.record(z.string(), TicketEntrySchema),
});
export type StateData = z.infer<typeof StateDataSchema>;

export function emptyState(): StateData {
  return { version: STATE_VERSION, runs: [], streams: {}, findings: {}, lastAssessment: null, tickets: {} };
}

export function streamStatusKey(source: string, stream: string): string {
  return `${source}/${stream}`;
}
