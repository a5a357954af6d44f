// The dashboard's query string: the findings filters the GET form sends. The form sends an empty value
// for "any", so '' means no filter; anything else must be a real value, and unknown parameters are refused
// (400) like everywhere else in the API, so a misspelt filter never silently shows everything.
import { z } from 'zod';
import { FindingStatusSchema } from '../../contracts/findings.js';
import { CLAUSE_ID } from '../../engine/pack-schema.js';

export const SEVERITIES = ['major', 'minor', 'info'] as const;
export const STATUSES = ['open', 'waived', 'resolved'] as const;

const anyOr = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : (v as z.infer<T>)));

export const DashboardQuerySchema = z.strictObject({
  clause: anyOr(z.string().max(32).regex(CLAUSE_ID, 'must be a clause number such as 8.5.1')),
  status: anyOr(FindingStatusSchema),
  severity: anyOr(z.enum(SEVERITIES)),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;
