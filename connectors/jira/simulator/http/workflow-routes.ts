// The write side, part two: transitions by id (list them with names such as "Done", "Resolve", "Reopen";
// do one: 204; one not available from the current status: 400), comments (ADF bodies, 201) and issue
// properties (PUT 201 when created, 200 when replaced; at most 32,768 characters).
import type { FastifyInstance } from 'fastify';
import { isAdfDoc } from '../adf.js';
import { STATUSES, transitionsFrom } from '../catalogue.js';
import { commentBean } from '../render-issue.js';
import { addComment, findIssue } from './issue-access.js';
import { baseUrl, jiraError, type JiraSimParts } from './parts.js';
import { obj } from './write-fields.js';

const PROPERTY_MAX = 32_768;

export function registerWorkflowRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  api.get('/rest/api/3/issue/:idOrKey/transitions', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const transitions = transitionsFrom(issue.status).map((t) => {
      const to = STATUSES.get(t.to)!;
      return {
        id: t.id,
        name: t.name,
        to: {
          id: to.id,
          name: to.name,
          statusCategory: {
            key: to.category,
            name: to.category === 'done' ? 'Done' : to.category === 'new' ? 'To Do' : 'In Progress',
          },
        },
        hasScreen: false,
        isGlobal: false,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        isLooped: false,
      };
    });
    return reply.send({ expand: 'transitions', transitions });
  });

  api.post('/rest/api/3/issue/:idOrKey/transitions', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const body = obj(request.body) ?? {};
    const raw = obj(body['transition'])?.['id'];
    const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
    if (id === undefined) return jiraError(reply, 400, ['Missing transition id']);
    const transition = transitionsFrom(issue.status).find((t) => t.id === id);
    if (transition === undefined)
      return jiraError(reply, 400, [`Transition id '${id}' is not valid for this issue.`]);
    const resolution = obj(obj(body['fields'])?.['resolution'])?.['name'];
    parts.store.transition(issue, transition.to, typeof resolution === 'string' ? resolution : null);
    const comments = obj(body['update'])?.['comment'];
    if (Array.isArray(comments)) {
      for (const c of comments) {
        const add = obj(obj(c)?.['add']);
        if (add !== undefined && isAdfDoc(add['body'])) addComment(parts, issue, add['body'], request);
      }
    }
    return reply.code(204).send();
  });

  api.post('/rest/api/3/issue/:idOrKey/comment', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const body = obj(request.body)?.['body'];
    if (!isAdfDoc(body))
      return jiraError(reply, 400, [], { comment: 'Comment body must be an Atlassian Document (ADF).' });
    const comment = addComment(parts, issue, body, request);
    return reply.code(201).send(commentBean(issue, comment, baseUrl(request)));
  });

  api.get('/rest/api/3/issue/:idOrKey/comment', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const comments = issue.comments.map((c) => commentBean(issue, c, baseUrl(request)));
    return reply.send({ startAt: 0, maxResults: 5000, total: comments.length, comments });
  });

  api.get('/rest/api/3/issue/:idOrKey/properties', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const base = baseUrl(request);
    return reply.send({
      keys: [...issue.properties.keys()].map((key) => ({
        key,
        self: `${base}/rest/api/3/issue/${issue.id}/properties/${key}`,
      })),
    });
  });

  api.get('/rest/api/3/issue/:idOrKey/properties/:key', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const { key } = request.params as { key: string };
    if (!issue.properties.has(key))
      return jiraError(reply, 404, [`The property with key '${key}' does not exist.`]);
    return reply.send({ key, value: issue.properties.get(key) });
  });

  api.put('/rest/api/3/issue/:idOrKey/properties/:key', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const { key } = request.params as { key: string };
    const text = JSON.stringify(request.body ?? null);
    if (request.body === undefined || request.body === null || text === '""')
      return jiraError(reply, 400, ['The property value must be non-empty JSON.']);
    if (key.length > 255) return jiraError(reply, 400, ['The property key can be at most 255 characters.']);
    if (text.length > PROPERTY_MAX)
      return jiraError(reply, 400, [`The property value can be at most ${PROPERTY_MAX} characters.`]);
    const existed = issue.properties.has(key);
    issue.properties.set(key, request.body);
    return reply.code(existed ? 200 : 201).send();
  });

  api.delete('/rest/api/3/issue/:idOrKey/properties/:key', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const { key } = request.params as { key: string };
    if (!issue.properties.delete(key))
      return jiraError(reply, 404, [`The property with key '${key}' does not exist.`]);
    return reply.code(204).send();
  });
}
