// The search API: enhanced JQL search (GET and POST /rest/api/3/search/jql), the approximate count, and the
// removed /rest/api/{2,3,latest}/search answering 410 Gone as Jira Cloud does since 2025. A Data Center
// site has the offset search instead (offset-search-routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECTS } from '../catalogue.js';
import { QueryError } from '../query/jql.js';
import { renderIssue, selectFields } from '../render-issue.js';
import { search } from '../search.js';
import { registerOffsetSearchRoutes } from './offset-search-routes.js';
import { accountOf, baseUrl, jiraError, visibleProjects, type JiraSimParts } from './parts.js';

/** A body value that must be a string (a query), else empty. */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

const REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

const BODY_KEYS = new Set([
  'jql',
  'nextPageToken',
  'maxResults',
  'fields',
  'expand',
  'properties',
  'fieldsByKeys',
  'reconcileIssues',
  'failFast',
]);

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string;
  properties?: string[];
  reconcileIssues?: number[];
}

const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(String);

function fromQuery(q: Record<string, unknown>): SearchInput {
  const input: SearchInput = { jql: typeof q['jql'] === 'string' ? q['jql'] : '' };
  if (typeof q['nextPageToken'] === 'string') input.nextPageToken = q['nextPageToken'];
  if (q['maxResults'] !== undefined) input.maxResults = Number(q['maxResults']);
  const fields = list(q['fields']);
  if (fields !== undefined) input.fields = fields;
  const expand = list(q['expand']);
  if (expand !== undefined) input.expand = expand.join(',');
  const properties = list(q['properties']);
  if (properties !== undefined) input.properties = properties.flatMap((p) => p.split(','));
  const reconcile = list(q['reconcileIssues']);
  if (reconcile !== undefined) input.reconcileIssues = reconcile.flatMap((p) => p.split(',')).map(Number);
  return input;
}

function answer(parts: JiraSimParts, request: FastifyRequest, reply: FastifyReply, input: SearchInput) {
  const account = accountOf(parts, request);
  const selection = selectFields(input.fields, false);
  const cap = selection.heavy ? 100 : 5000;
  const maxResults = Math.min(
    cap,
    Math.max(0, Number.isFinite(input.maxResults) ? Math.floor(input.maxResults!) : 50),
  );
  if ((input.properties?.length ?? 0) > 5)
    return jiraError(reply, 400, ['At most 5 issue properties can be requested.']);
  if ((input.reconcileIssues?.length ?? 0) > 50)
    return jiraError(reply, 400, ['At most 50 issues can be reconciled.']);
  parts.beforeSearchPage();
  const now = parts.now();
  let page;
  try {
    page = search(
      parts.store,
      {
        jql: input.jql,
        maxResults,
        nextPageToken: input.nextPageToken,
        reconcileIssues: input.reconcileIssues ?? [],
      },
      {
        timeZone: account.timeZone,
        now,
        visibleProjects: visibleProjects(
          account,
          PROJECTS.map((p) => p.key),
        ),
        tokenTtlMs: parts.tokenTtlMs(),
      },
    );
  } catch (error) {
    if (error instanceof QueryError) return jiraError(reply, 400, [error.message]);
    throw error;
  }
  const changelog = (input.expand ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('changelog');
  const ctx = { base: baseUrl(request), changelog, lookup: (id: number) => parts.store.get(String(id)) };
  const issues = page.issues.map((issue) => {
    const bean = renderIssue(issue, selection, ctx);
    if (input.properties !== undefined && input.properties.length > 0) {
      bean['properties'] = Object.fromEntries(
        input.properties.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]),
      );
    }
    return bean;
  });
  return reply.send(
    page.nextPageToken === undefined
      ? { issues, isLast: true }
      : { issues, nextPageToken: page.nextPageToken, isLast: false },
  );
}

export function registerSearchRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  if (parts.deployment === 'datacenter') {
    registerOffsetSearchRoutes(api, parts);
    return;
  }
  api.get('/rest/api/3/search/jql', (request, reply) =>
    answer(parts, request, reply, fromQuery(request.query as Record<string, unknown>)),
  );
  api.post('/rest/api/3/search/jql', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      if (!BODY_KEYS.has(key)) {
        return jiraError(reply, 400, [
          `Unrecognized field "${key}" (class com.atlassian.jira.rest.v2.search.SearchAndReconcileRequestBean), not marked as ignorable`,
        ]);
      }
    }
    const input: SearchInput = { jql: typeof body['jql'] === 'string' ? body['jql'] : '' };
    if (typeof body['nextPageToken'] === 'string') input.nextPageToken = body['nextPageToken'];
    if (typeof body['maxResults'] === 'number') input.maxResults = body['maxResults'];
    if (Array.isArray(body['fields'])) input.fields = body['fields'].map(String);
    if (typeof body['expand'] === 'string') input.expand = body['expand'];
    if (Array.isArray(body['properties'])) input.properties = body['properties'].map(String);
    if (Array.isArray(body['reconcileIssues'])) input.reconcileIssues = body['reconcileIssues'].map(Number);
    return answer(parts, request, reply, input);
  });
  api.post('/rest/api/3/search/approximate-count', (request, reply) => {
    const account = accountOf(parts, request);
    const jql = textOf((request.body as Record<string, unknown> | undefined)?.['jql']);
    try {
      let count = 0;
      let token: string | undefined;
      do {
        const page = search(
          parts.store,
          { jql, maxResults: 5000, nextPageToken: token, reconcileIssues: [] },
          {
            timeZone: account.timeZone,
            now: parts.now(),
            visibleProjects: visibleProjects(
              account,
              PROJECTS.map((p) => p.key),
            ),
            tokenTtlMs: 60_000,
          },
        );
        count += page.issues.length;
        token = page.nextPageToken;
      } while (token !== undefined);
      return reply.send({ count });
    } catch (error) {
      if (error instanceof QueryError) return jiraError(reply, 400, [error.message]);
      throw error;
    }
  });
  for (const version of ['2', '3', 'latest']) {
    for (const path of [`/rest/api/${version}/search`, `/rest/api/${version}/search/id`]) {
      api.get(path, (_request, reply) => jiraError(reply, 410, [REMOVED]));
      api.post(path, (_request, reply) => jiraError(reply, 410, [REMOVED]));
    }
  }
}
