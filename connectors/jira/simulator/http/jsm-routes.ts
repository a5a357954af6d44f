// Jira Service Management: SLA information per request (a paged DTO of SlaInformation with cycles), the
// service desks and request types, and the Assets workspace discovery (empty on a site without Assets).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { REQUEST_TYPES } from '../catalogue.js';
import { hasSlas, slaInformation, slaMetrics } from '../slas.js';
import { accountOf, baseUrl, visibleProjects, type JiraSimParts } from './parts.js';

/** JSM's own error shape differs from the platform's. */
function jsmError(reply: FastifyReply, status: number, message: string) {
  return reply
    .code(status)
    .send({ errorMessage: message, i18nErrorMessage: { i18nKey: 'sd.error', parameters: [] } });
}

function paged<T>(values: T[], query: Record<string, unknown>, base: string, path: string) {
  const start = Math.max(0, Number(query['start'] ?? 0) || 0);
  const limit = Math.min(100, Math.max(1, Number(query['limit'] ?? 50) || 50));
  const slice = values.slice(start, start + limit);
  return {
    size: slice.length,
    start,
    limit,
    isLastPage: start + slice.length >= values.length,
    _links: {
      base,
      context: '',
      self: `${base}${path}`,
      ...(start + slice.length < values.length
        ? { next: `${base}${path}?start=${start + limit}&limit=${limit}` }
        : {}),
    },
    values: slice,
  };
}

export function registerJsmRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  // A site without Jira Service Management has no /rest/servicedeskapi at all.
  api.addHook('onRequest', async (request, reply) => {
    if (!parts.jsm && request.url.startsWith('/rest/servicedeskapi/')) {
      return jsmError(reply, 404, 'Jira Service Management is not installed on this site.');
    }
    return undefined;
  });

  const issueFor = (idOrKey: string, request: Parameters<typeof accountOf>[1]) => {
    const issue = parts.store.get(idOrKey);
    const account = accountOf(parts, request);
    if (issue === undefined || !visibleProjects(account, [issue.project.key]).has(issue.project.key))
      return undefined;
    return issue;
  };

  api.get('/rest/servicedeskapi/request/:idOrKey/sla', (request, reply) => {
    const { idOrKey } = request.params as { idOrKey: string };
    const issue = issueFor(idOrKey, request);
    if (issue === undefined || issue.project.type !== 'service_desk')
      return jsmError(reply, 404, 'The request could not be found.');
    const base = baseUrl(request);
    const now = parts.now();
    const values = hasSlas(issue) ? slaMetrics(issue).map((m) => slaInformation(issue, m, now, base)) : [];
    return reply.send(
      paged(
        values,
        request.query as Record<string, unknown>,
        base,
        `/rest/servicedeskapi/request/${issue.id}/sla`,
      ),
    );
  });

  api.get('/rest/servicedeskapi/request/:idOrKey/sla/:metricId', (request, reply) => {
    const { idOrKey, metricId } = request.params as { idOrKey: string; metricId: string };
    const issue = issueFor(idOrKey, request);
    const metric = issue === undefined ? undefined : slaMetrics(issue).find((m) => m.id === metricId);
    if (issue === undefined || metric === undefined)
      return jsmError(reply, 404, 'The SLA metric could not be found.');
    return reply.send(slaInformation(issue, metric, parts.now(), baseUrl(request)));
  });

  api.get('/rest/servicedeskapi/servicedesk', (request, reply) => {
    const values = [
      { id: '1', projectId: '10000', projectName: 'IT Service Management', projectKey: 'ITSM' },
    ];
    return reply.send(
      paged(
        values,
        request.query as Record<string, unknown>,
        baseUrl(request),
        '/rest/servicedeskapi/servicedesk',
      ),
    );
  });

  api.get('/rest/servicedeskapi/requesttype', (request, reply) => {
    const values = parts.jsm
      ? REQUEST_TYPES.map((r) => ({ id: r.id, name: r.name, serviceDeskId: '1', issueTypeId: r.issueType }))
      : [];
    return reply.send(
      paged(
        values,
        request.query as Record<string, unknown>,
        baseUrl(request),
        '/rest/servicedeskapi/requesttype',
      ),
    );
  });

  api.get('/rest/servicedeskapi/assets/workspace', (request, reply) => {
    // Empty without JSM Premium or Enterprise (no Assets).
    const values = parts.assetsEnabled ? [{ workspaceId: parts.workspaceId }] : [];
    return reply.send(
      paged(
        values,
        request.query as Record<string, unknown>,
        baseUrl(request),
        '/rest/servicedeskapi/assets/workspace',
      ),
    );
  });
}
