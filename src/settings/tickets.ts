// The `tickets:` section: where gap tickets go and how many. Each sink entry is validated by its
// connector's schema (supplied by the caller, as for sources), so this module never imports connectors.
import { z } from 'zod';
import type { SinkConfigBase } from '../contracts/index.js';
import { typedEntriesSchema, type SourceSchemas } from './sources.js';

export type SinkConfig = SinkConfigBase & Record<string, unknown>;

const glob = z.string().min(1);

/** Sends the findings it matches to one sink (and a project, issue type or assignment group in it). */
export const TicketRouteConfigSchema = z
  .object({
    /** Control ids, `*` as a wildcard (e.g. CH*); omitted = every control. */
    controls: z.array(glob).optional(),
    /** Clause ids; a clause also matches its sub-clauses (8.5 matches 8.5.1.3); omitted = every clause. */
    clauses: z.array(glob).optional(),
    sink: z.string().min(1),
    project: z.string().min(1).optional(),
    issueType: z.string().min(1).optional(),
    assignmentGroup: z.string().min(1).optional(),
  })
  .strict();
export type TicketRouteConfig = z.output<typeof TicketRouteConfigSchema>;

export function ticketsConfigSchema(sinkSchemas: SourceSchemas) {
  return z
    .object({
      /** Off: findings are kept and shown, but no ticket is written anywhere. */
      enabled: z.boolean().default(true),
      sinks: typedEntriesSchema<SinkConfig>(sinkSchemas, 'sink').default([]),
      /** One ticket per control listing its records, per finding, or per clause and assignment group. */
      grouping: z.enum(['control', 'finding', 'clause']).default('control'),
      /** New tickets one run may create; the rest wait, queued, for the next runs. */
      maxNewPerRun: z.number().int().min(0).max(10_000).default(20),
      /** Findings below this severity raise no ticket. */
      minSeverity: z.enum(['info', 'minor', 'major']).default('minor'),
      /** Records a ticket's table lists before it says "and N more". */
      maxRecordsPerTicket: z.number().int().min(1).max(1000).default(50),
      /** When a resolved gap comes back: reopen its ticket, or open a new one. */
      onReturn: z.enum(['reopen', 'new']).default('reopen'),
      /** The status API's public address, linked from every ticket (e.g. https://iso20k.example.com). */
      statusUrl: z.url().optional(),
      /** First match wins; findings no route matches go to the first sink. */
      routes: z.array(TicketRouteConfigSchema).default([]),
    })
    .strict()
    .superRefine((tickets, ctx) => {
      const ids = new Set(tickets.sinks.map((s) => s.id));
      tickets.routes.forEach((route, i) => {
        if (ids.has(route.sink)) return;
        const known = [...ids].map((id) => JSON.stringify(id)).join(', ') || 'none configured';
        ctx.addIssue({
          code: 'custom',
          path: ['routes', i, 'sink'],
          input: route.sink,
          message: `no sink has id ${JSON.stringify(route.sink)} (sinks: ${known})`,
        });
      });
    });
}
export type TicketsConfig = z.output<ReturnType<typeof ticketsConfigSchema>>;
