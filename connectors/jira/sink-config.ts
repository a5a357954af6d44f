// Configuration of a Jira site as a ticket sink: the project and issue type gap tickets go to, and the
// workflow transitions (by name, as people see them) that resolve and reopen them.
import { z } from 'zod';
import { SinkConfigBaseSchema } from '../../src/contracts/index.js';
import { JiraAuthSchema } from './config.js';

const name = z.string().min(1).max(255);
/** Jira labels hold no spaces. */
const label = z.string().regex(/^\S{1,255}$/, 'a Jira label has no spaces');

export const JiraSinkConfigSchema = SinkConfigBaseSchema.extend({
  type: z.literal('jira'),
  /** The site root, e.g. https://acme.atlassian.net (no /rest path). */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://acme.atlassian.net' })
    .transform((u) => u.replace(/\/+$/, '')),
  auth: JiraAuthSchema,
  /** The project key for tickets no route places elsewhere. */
  project: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'a Jira project key such as ITSM'),
  issueType: name.default('Task'),
  /** Labels on every ticket (the ticket's own iso20k-<id> label is added to them). */
  labels: z.array(label).default(['iso20k']),
  /** Transition names that resolve a ticket, tried in order (case does not matter). */
  resolveTransitions: z
    .array(name)
    .min(1)
    .default(['Done', 'Resolve', 'Resolve Issue', 'Close', 'Close Issue']),
  /** Transition names that reopen a resolved ticket. */
  reopenTransitions: z.array(name).min(1).default(['Reopen', 'Reopen Issue', 'To Do', 'Back to To Do']),
  /**
   * How long Jira's search may miss a new issue (its index is eventually consistent). A create whose
   * answer was lost is not retried before this has passed, so that the lookup first is trustworthy.
   */
  searchLagSeconds: z.number().int().min(0).max(3600).default(30),
}).strict();
export type JiraSinkConfig = z.output<typeof JiraSinkConfigSchema>;
