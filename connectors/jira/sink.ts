// A Jira project as a ticket sink. Each ticket carries the label iso20k-<ticket id> (what a lost ledger is
// rebuilt from: a plain API token cannot search issue properties), the marker label iso20k-ticket, and a
// label with its content revision; the issue property `iso20k` holds the same for people and apps. Edits
// set the description, the labels and the comment in one request, so a retry can see whether it landed.
import type {
  Logger,
  PushResult,
  RemoteTicket,
  SinkConnector,
  TicketAction,
  TicketRef,
} from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import { commentAdf, descriptionAdf } from './adf.js';
import { createJiraClient, type JiraIssue } from './client.js';
import type { JiraSinkConfig } from './sink-config.js';

const MARKER = 'iso20k-ticket';
const TICKET_LABEL = /^iso20k-([0-9a-f]{16}(?:-[1-9][0-9]*)?)$/;
const REVISION_LABEL = /^iso20k-rev-([0-9a-f]+)$/;
const FIELDS = ['labels', 'status'];

const ticketLabel = (ticketId: string) => `iso20k-${ticketId}`;
const revisionLabel = (revision: string) => `iso20k-rev-${revision}`;

function labelValue(issue: JiraIssue, pattern: RegExp): string | null {
  for (const label of issue.fields.labels ?? []) {
    const match = pattern.exec(label);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

const isDone = (issue: JiraIssue) => issue.fields.status?.statusCategory?.key === 'done';

export function createJiraSink(config: JiraSinkConfig, _deps: { log: Logger }): SinkConnector {
  const instance = `jira sink "${config.id}" (${config.url})`;
  // jira.js sends through its own axios and client.ts retries around it, not through src/lib/http.ts, so
  // this sink reports no onHttpRetry events: its retried 429s and 5xx stay out of the HTTP error metrics.
  const client = createJiraClient({ url: config.url, auth: config.auth, instance, ...config.http });

  const refOf = (issue: { id: string; key: string }): TicketRef => ({
    sink: config.id,
    id: String(issue.id),
    key: issue.key,
    url: `${config.url}/browse/${issue.key}`,
  });
  const remoteOf = (issue: JiraIssue): RemoteTicket | undefined => {
    const ticketId = labelValue(issue, TICKET_LABEL);
    if (ticketId === null) return undefined;
    return { ticketId, ref: refOf(issue), open: !isDone(issue), revision: labelValue(issue, REVISION_LABEL) };
  };
  /** The labels an issue should carry at a revision: others' labels kept, our revision label replaced. */
  const labelsAt = (issue: JiraIssue | undefined, ticketId: string, revision: string): string[] => {
    const kept = (issue?.fields.labels ?? []).filter((l) => !REVISION_LABEL.test(l));
    return [...new Set([...kept, ...config.labels, MARKER, ticketLabel(ticketId), revisionLabel(revision)])];
  };

  async function find(ticketId: string): Promise<RemoteTicket | undefined> {
    const page = await client.search(`labels = "${ticketLabel(ticketId)}" ORDER BY created ASC`, FIELDS);
    const first = page.issues[0];
    return first === undefined ? undefined : remoteOf(first);
  }

  async function create(action: TicketAction): Promise<PushResult> {
    const existing = await find(action.ticketId);
    if (existing !== undefined) return { status: 'unchanged', ref: existing.ref };
    const created = await client.createIssue(
      {
        project: { key: action.route.project ?? config.project },
        issuetype: { name: action.route.issueType ?? config.issueType },
        summary: action.content.summary,
        description: descriptionAdf(action.content),
        labels: labelsAt(undefined, action.ticketId, action.revision),
      },
      [{ key: 'iso20k', value: { ticketId: action.ticketId, revision: action.revision } }],
    );
    return { status: 'created', ref: refOf(created) };
  }

  async function transitionTo(issue: JiraIssue, names: readonly string[], comment: string[]): Promise<void> {
    const available = await client.transitions(issue.id);
    const wanted = names.map((n) => n.toLowerCase());
    const match = available.find((t) => wanted.includes(t.name.toLowerCase()));
    if (match === undefined) {
      const offered = available.map((t) => `"${t.name}"`).join(', ') || 'none';
      throw new AppError(
        'SOURCE_BAD_REQUEST',
        `${instance}: ${issue.key} offers no transition named ${names.map((n) => `"${n}"`).join(' or ')} ` +
          `(it offers ${offered}); set resolveTransitions / reopenTransitions in the sink's configuration`,
      );
    }
    await client.transition(issue.id, match.id, commentAdf(comment));
  }

  async function change(action: TicketAction): Promise<PushResult> {
    const id = action.ref?.id ?? '';
    const issue = await client.getIssue(id, FIELDS);
    if (issue === undefined) {
      if (action.type === 'resolve' && action.ref !== undefined)
        return { status: 'resolved', ref: action.ref };
      const message = `${instance}: ticket ${action.ref?.key ?? id} no longer exists or is not visible`;
      return { status: 'failed', error: new AppError('SOURCE_NOT_FOUND', message) };
    }
    const ref = refOf(issue);
    if (action.type === 'resolve') {
      if (isDone(issue)) return { status: 'unchanged', ref };
      await transitionTo(issue, config.resolveTransitions, action.comment);
      return { status: 'resolved', ref };
    }
    if (action.type === 'reopen' && isDone(issue)) {
      await transitionTo(issue, config.reopenTransitions, action.comment);
      await client.editIssue(issue.id, contentFields(action, issue), undefined);
      return { status: 'reopened', ref };
    }
    if (!isDone(issue) && labelValue(issue, REVISION_LABEL) === action.revision)
      return { status: 'unchanged', ref };
    await client.editIssue(issue.id, contentFields(action, issue), commentAdf(action.comment));
    return { status: action.type === 'reopen' ? 'reopened' : 'updated', ref };
  }

  const contentFields = (action: TicketAction, issue: JiraIssue): Record<string, unknown> => ({
    summary: action.content.summary,
    description: descriptionAdf(action.content),
    labels: labelsAt(issue, action.ticketId, action.revision),
  });

  return {
    id: config.id,
    type: 'jira',
    searchLagMs: config.searchLagSeconds * 1000,
    find: (ticketId) => find(ticketId),
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.search(`labels = "${MARKER}" ORDER BY created ASC`, FIELDS, token);
        for (const issue of page.issues) {
          const remote = remoteOf(issue);
          if (remote !== undefined) yield remote;
        }
        token = page.nextPageToken;
      } while (token !== undefined);
    },
    async apply(action) {
      try {
        return action.type === 'create' ? await create(action) : await change(action);
      } catch (error) {
        const appError =
          error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
        return appError.retryable
          ? { status: 'retryable', error: appError }
          : { status: 'failed', error: appError };
      }
    },
  };
}
