// The part of a ticket sink's configuration every connector shares; each connector extends it.
import { z } from 'zod';
import { HttpOptionsSchema, SourceIdSchema } from './source-config.js';

export const SinkConfigBaseSchema = z.object({
  id: SourceIdSchema,
  type: z.string(),
  /** A disabled sink keeps its ledger but receives no writes. */
  enabled: z.boolean().default(true),
  http: HttpOptionsSchema.prefault({}),
});
export type SinkConfigBase = z.output<typeof SinkConfigBaseSchema>;
