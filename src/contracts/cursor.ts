import { z } from 'zod';

/**
 * A stream's position, opaque to the pipeline: each source defines what it holds (ServiceNow:
 * the last (sys_updated_on, sys_id); Jira: the last updated minute and the ids already seen in it).
 * It must round-trip through JSON.
 */
export const CursorSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
);
export type Cursor = z.infer<typeof CursorSchema>;
