// Jira Data Center's search: GET and POST /rest/api/{2,latest}/search paged by startAt/maxResults, answering
// {expand, startAt, maxResults, total, issues} with v2 issue bodies. Without `fields` Data Center returns
// the navigable fields (Cloud's enhanced search only ids); a page holds at most 1,000 issues (the
// jira.search.views.default.max default).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECTS } from '../catalogue.js';
import { searchByOffset } from '../offset-search.js';
import { QueryError } from '../query/jql.js';
import { renderIssue, selectFields } from '../render-issue.js';
import { accountOf, baseUrl, jiraError, visibleProjects, type JiraSimParts } from './parts.js';

const MAX_PAGE = 1000;

const BODY_KEYS = new Set([
  'jql',
  'startAt',
  'maxResults',
  'fields',
  'expand',
  'properties',
  'fieldsByKeys',
  'validateQuery',
]);

interface OffsetInput {
  jql: string;
  startAt: number;
  maxResults: number;
  fields: string[] | undefined;
  expand: string[];
}

const list = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));

function numberOr(v: unknown, fallback: number): number {
  const n = Number(v);
  return v === undefined || v === '' || !Number.isFinite(n) ? fallback : Math.floor(n);
}

function answer(parts: JiraSimParts, request: FastifyRequest, reply: FastifyReply, input: OffsetInput) {
  const account = accountOf(parts, request);
  const startAt = Math.max(0, input.startAt);
  const maxResults = Math.min(MAX_PAGE, Math.max(0, input.maxResults));
  parts.beforeSearchPage();
  let page;
  try {
    page = searchByOffset(
      parts.store,
      { jql: input.jql, startAt, maxResults },
      {
        timeZone: account.timeZone,
        now: parts.now(),
        visibleProjects: visibleProjects(
          account,
          PROJECTS.map((p) => p.key),
        ),
      },
    );
  } catch (error) {
    if (error instanceof QueryError) return jiraError(reply, 400, [error.message]);
    throw error;
  }
  const selection = selectFields(input.fields, true);
  const ctx = {
    base: baseUrl(request),
    changelog: input.expand.map((s) => s.trim()).includes('changelog'),
    lookup: (id: number) => parts.store.get(String(id)),
    dataCenter: true,
  };
  return reply.send({
    expand: 'schema,names',
    startAt,
    maxResults,
    total: page.total,
    issues: page.issues.map((issue) => renderIssue(issue, selection, ctx)),
  });
}

export function registerOffsetSearchRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  for (const version of ['2', 'latest']) {
    api.get(`/rest/api/${version}/search`, (request, reply) => {
      const q = request.query as Record<string, unknown>;
      return answer(parts, request, reply, {
        jql: typeof q['jql'] === 'string' ? q['jql'] : '',
        startAt: numberOr(q['startAt'], 0),
        maxResults: numberOr(q['maxResults'], 50),
        fields: q['fields'] === undefined ? undefined : list(q['fields']),
        expand: list(q['expand']),
      });
    });
    api.post(`/rest/api/${version}/search`, (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(body)) {
        if (!BODY_KEYS.has(key)) {
          return jiraError(reply, 400, [
            `Unrecognized field "${key}" (class com.atlassian.jira.rest.v2.search.SearchRequestBean), not marked as ignorable`,
          ]);
        }
      }
      return answer(parts, request, reply, {
        jql: typeof body['jql'] === 'string' ? body['jql'] : '',
        startAt: numberOr(body['startAt'], 0),
        maxResults: numberOr(body['maxResults'], 50),
        fields: Array.isArray(body['fields']) ? body['fields'].map(String) : undefined,
        expand: list(body['expand']),
      });
    });
  }
}
