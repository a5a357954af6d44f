// Configuration of a ServiceNow instance as a ticket sink: the table gap tickets go to, and the field
// values that resolve and reopen them (they differ per table and per instance's state model).
import { z } from 'zod';
import { SinkConfigBaseSchema } from '../../src/contracts/index.js';
import { ServiceNowAuthSchema } from './config.js';

const fieldValues = z.record(
  z.string().regex(/^[a-z_][a-z0-9_]*$/i, 'not a ServiceNow column name'),
  z.string(),
);

/** Resolve and reopen values for the tables people use most; others must be configured. */
export const STATE_DEFAULTS: Readonly<
  Record<string, { resolve: Record<string, string>; reopen: Record<string, string> }>
> = {
  incident: { resolve: { state: '6', close_code: 'Solved (Permanently)' }, reopen: { state: '2' } },
  problem: { resolve: { state: '106' }, reopen: { state: '102' } },
  task: { resolve: { state: '3' }, reopen: { state: '1' } },
  sn_grc_issue: { resolve: { state: '3' }, reopen: { state: '1' } },
};

export const ServiceNowSinkConfigSchema = SinkConfigBaseSchema.extend({
  type: z.literal('servicenow'),
  /** The instance root, e.g. https://acme.service-now.com (no path). */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://acme.service-now.com' })
    .transform((u) => u.replace(/\/+$/, '')),
  auth: ServiceNowAuthSchema,
  /** Where gap tickets are created: incident, problem, task, sn_grc_issue (IRM) or another task table. */
  table: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/i, 'not a ServiceNow table name')
    .default('sn_grc_issue'),
  /** Assignment group (sys_id or name) for tickets no route assigns. */
  assignmentGroup: z.string().min(1).optional(),
  /** Fixed values set on every new ticket, e.g. { category: audit }. */
  fields: fieldValues.default({}),
  /** Values that resolve a ticket (default per table: incident state 6 with a close code, ...). */
  resolve: fieldValues.optional(),
  /** Values that reopen a resolved ticket. */
  reopen: fieldValues.optional(),
})
  .strict()
  .superRefine((config, ctx) => {
    if (STATE_DEFAULTS[config.table] !== undefined) return;
    for (const key of ['resolve', 'reopen'] as const) {
      if (config[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `table ${config.table} has no default ${key} values: set the state (and any required fields) that ${key} a ticket there`,
        });
    }
  });
export type ServiceNowSinkConfig = z.output<typeof ServiceNowSinkConfigSchema>;
