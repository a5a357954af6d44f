// Site metadata and single issues: /rest/api/3/field (the custom-field discovery), /myself (the API user's
// time zone, which JQL dates are read in), GET /rest/api/3/issue/{idOrKey}. A Data Center site serves them
// under /rest/api/2, with v2 users (a key and a name, no accountId) and v2 issue bodies.
import type { FastifyInstance } from 'fastify';
import { FIELDS, PROJECTS } from '../catalogue.js';
import { renderIssue, selectFields } from '../render-issue.js';
import { accountOf, baseUrl, jiraError, visibleProjects, type JiraSimParts } from './parts.js';

const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

export function registerReadRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  const dataCenter = parts.deployment === 'datacenter';
  const v = dataCenter ? '2' : '3';
  api.get(`/rest/api/${v}/field`, (_request, reply) =>
    reply.send(
      FIELDS.map((f) => ({
        id: f.id,
        key: f.id,
        name: f.name,
        custom: f.custom,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: f.custom ? [`cf[${f.id.slice(12)}]`, f.name] : [f.id],
        schema: f.schema,
      })),
    ),
  );

  api.get(`/rest/api/${v}/myself`, (request, reply) => {
    const account = accountOf(parts, request);
    if (dataCenter) {
      const key = parts.accountIds.get(account.email);
      const name = account.email.slice(0, account.email.indexOf('@'));
      return reply.send({
        self: `${baseUrl(request)}/rest/api/2/user?username=${name}`,
        key,
        name,
        emailAddress: account.email,
        displayName: account.displayName,
        active: true,
        timeZone: account.timeZone,
        locale: 'en_US',
      });
    }
    return reply.send({
      self: `${baseUrl(request)}/rest/api/3/user?accountId=${parts.accountIds.get(account.email)}`,
      accountId: parts.accountIds.get(account.email),
      accountType: 'atlassian',
      emailAddress: account.email,
      displayName: account.displayName,
      active: true,
      timeZone: account.timeZone,
      locale: 'en_US',
    });
  });

  api.get(`/rest/api/${v}/project/:key`, (request, reply) => {
    const { key } = request.params as { key: string };
    const account = accountOf(parts, request);
    const project = PROJECTS.find((p) => p.key === key.toUpperCase() || p.id === key);
    if (project === undefined || !visibleProjects(account, [project.key]).has(project.key)) {
      return jiraError(reply, 404, [`No project could be found with key '${key}'.`]);
    }
    return reply.send({ id: project.id, key: project.key, name: project.name, projectTypeKey: project.type });
  });

  api.get(`/rest/api/${v}/issue/:idOrKey`, (request, reply) => {
    const { idOrKey } = request.params as { idOrKey: string };
    const account = accountOf(parts, request);
    const issue = parts.store.get(idOrKey);
    if (issue === undefined || !visibleProjects(account, [issue.project.key]).has(issue.project.key)) {
      return jiraError(reply, 404, [NO_ISSUE]);
    }
    const q = request.query as Record<string, unknown>;
    const fields =
      q['fields'] === undefined
        ? undefined
        : (Array.isArray(q['fields']) ? q['fields'] : [q['fields']]).map(String);
    const expand = typeof q['expand'] === 'string' ? q['expand'] : '';
    return reply.send(
      renderIssue(issue, selectFields(fields, true), {
        base: baseUrl(request),
        changelog: expand.split(',').includes('changelog'),
        lookup: (id) => parts.store.get(String(id)),
        ...(dataCenter ? { dataCenter } : {}),
      }),
    );
  });
}

export { NO_ISSUE };
