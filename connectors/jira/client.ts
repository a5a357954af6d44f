// The Jira calls the ticket sink makes, through jira.js 5 (Version3Client). jira.js does not retry, so
// reads and idempotent writes are retried here on 429 and 502-504, honouring Retry-After; a create or
// a comment is never retried blindly (the sink looks the ticket up instead).
import { Version3Client } from 'jira.js';
import { AppError } from '../../src/contracts/index.js';
import { mapHttpError } from '../../src/lib/http.js';
import { sleep } from '../../src/lib/sleep.js';
import { authorizationHeader } from './auth.js';
import type { JiraAuth } from './config.js';

export interface JiraIssue {
  id: string;
  key: string;
  fields: {
    labels?: string[];
    status?: { name?: string; statusCategory?: { key?: string } };
  };
}

export interface JiraClientOptions {
  url: string;
  auth: JiraAuth;
  /** Names the site in errors, e.g. 'jira sink "jira-itsm" (https://acme.atlassian.net)'. */
  instance: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export type Adf = Record<string, unknown>;

export interface JiraClient {
  search(
    jql: string,
    fields: string[],
    nextPageToken?: string,
  ): Promise<{ issues: JiraIssue[]; nextPageToken?: string }>;
  getIssue(idOrKey: string, fields: string[]): Promise<JiraIssue | undefined>;
  createIssue(
    fields: Record<string, unknown>,
    properties: { key: string; value: unknown }[],
  ): Promise<{ id: string; key: string }>;
  /** Sets fields and adds a comment in one edit request, so both land or neither does. */
  editIssue(idOrKey: string, fields: Record<string, unknown>, comment: Adf | undefined): Promise<void>;
  transitions(idOrKey: string): Promise<{ id: string; name: string }[]>;
  transition(idOrKey: string, transitionId: string, comment: Adf | undefined): Promise<void>;
}

export function createJiraClient(options: JiraClientOptions): JiraClient {
  const authorization = authorizationHeader(options.auth);
  const client = new Version3Client({
    host: options.url,
    baseRequestConfig: { headers: { Authorization: authorization }, timeout: options.timeoutMs },
  });

  /** Runs a call; idempotent ones are retried on 429 and 502-504 with backoff. */
  async function call<T>(
    method: string,
    path: string,
    idempotent: boolean,
    run: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const mapped = mapHttpError(error, {
          instance: options.instance,
          method,
          url: path,
          timeoutMs: options.timeoutMs,
        });
        if (!idempotent || !mapped.retryable || attempt >= options.retries) throw mapped;
        const hinted =
          typeof mapped.details['retryAfterMs'] === 'number' ? mapped.details['retryAfterMs'] : undefined;
        const backoff = Math.random() * Math.min(options.maxBackoffMs, options.backoffMs * 2 ** attempt);
        await sleep(Math.min(options.maxBackoffMs, hinted ?? backoff));
      }
    }
  }

  return {
    search: (jql, fields, nextPageToken) =>
      call('POST', '/rest/api/3/search/jql', true, async () => {
        const page = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
          jql,
          fields,
          maxResults: 100,
          ...(nextPageToken === undefined ? {} : { nextPageToken }),
        });
        const next = page.nextPageToken ?? undefined;
        return {
          issues: (page.issues ?? []) as unknown as JiraIssue[],
          ...(next === undefined || (page as { isLast?: boolean }).isLast === true
            ? {}
            : { nextPageToken: next }),
        };
      }),
    getIssue: async (idOrKey, fields) => {
      try {
        return await call('GET', `/rest/api/3/issue/${idOrKey}`, true, async () => {
          const issue = await client.issues.getIssue({ issueIdOrKey: idOrKey, fields });
          return issue;
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'SOURCE_NOT_FOUND') return undefined;
        throw error;
      }
    },
    createIssue: (fields, properties) =>
      call('POST', '/rest/api/3/issue', false, async () => {
        const created = await client.issues.createIssue({
          fields: fields as never,
          properties: properties,
        });
        return { id: String(created.id), key: created.key };
      }),
    editIssue: (idOrKey, fields, comment) =>
      call('PUT', `/rest/api/3/issue/${idOrKey}`, comment === undefined, async () => {
        await client.issues.editIssue({
          issueIdOrKey: idOrKey,
          fields,
          ...(comment === undefined ? {} : { update: { comment: [{ add: { body: comment } }] } }),
        });
      }),
    transitions: (idOrKey) =>
      call('GET', `/rest/api/3/issue/${idOrKey}/transitions`, true, async () => {
        const list = await client.issues.getTransitions({ issueIdOrKey: idOrKey });
        return (list.transitions ?? []).map((t) => ({ id: String(t.id), name: String(t.name) }));
      }),
    transition: (idOrKey, transitionId, comment) =>
      call('POST', `/rest/api/3/issue/${idOrKey}/transitions`, false, async () => {
        await client.issues.doTransition({
          issueIdOrKey: idOrKey,
          transition: { id: transitionId },
          ...(comment === undefined ? {} : { update: { comment: [{ add: { body: comment } }] } }),
        });
      }),
  };
}
