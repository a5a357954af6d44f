// The write side a gap-ticket sink uses, part one: create (201 {id,key,self}; ADF descriptions, labels
// without spaces, properties stamped atomically) and edit (PUT fields and label operations, 204). Every
// write is counted (counters.ts) and makes the issue "updated". Workflow routes: workflow-routes.ts.
import type { FastifyInstance } from 'fastify';
import { isAdfDoc } from '../adf.js';
import { ISSUE_TYPE_IDS, PROJECTS, STATUSES } from '../catalogue.js';
import type { SimIssue } from '../model.js';
import { addComment, findIssue } from './issue-access.js';
import { accountOf, baseUrl, jiraError, visibleProjects, type JiraSimParts } from './parts.js';
import { applyFields, applyLabelUpdates, obj } from './write-fields.js';
import { registerWorkflowRoutes } from './workflow-routes.js';

export function registerWriteRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  api.post('/rest/api/3/issue', (request, reply) => {
    const body = obj(request.body) ?? {};
    const fields = obj(body['fields']) ?? {};
    const account = accountOf(parts, request);
    const p = obj(fields['project']);
    const project = PROJECTS.find((x) => x.key === p?.['key'] || x.id === p?.['id']);
    if (project === undefined || !visibleProjects(account, [project.key]).has(project.key)) {
      return jiraError(reply, 400, [], { project: 'valid project is required' });
    }
    const t = obj(fields['issuetype']);
    const issueType = project.issueTypes.find((n) => n === t?.['name'] || ISSUE_TYPE_IDS[n] === t?.['id']);
    if (issueType === undefined)
      return jiraError(reply, 400, [], { issuetype: 'Specify a valid issue type' });
    if (fields['summary'] === undefined)
      return jiraError(reply, 400, [], { summary: 'You must specify a summary of the issue.' });
    const draft: Partial<SimIssue> = {
      custom: {},
      labels: [],
      description: null,
      priority: 'Medium',
      assignee: null,
      duedate: null,
    };
    const errors = applyFields(draft, fields, parts, true);
    if (Object.keys(errors).length > 0) return jiraError(reply, 400, [], errors);
    const properties = new Map<string, unknown>();
    if (Array.isArray(body['properties'])) {
      for (const prop of body['properties']) {
        const o = obj(prop);
        if (typeof o?.['key'] === 'string') properties.set(o['key'], o['value']);
      }
    }
    const issue = parts.store.create(
      {
        project,
        issueType,
        requestTypeId: null,
        summary: draft.summary ?? '',
        description: draft.description ?? null,
        status: STATUSES.get(project.type === 'service_desk' ? 'Open' : 'To Do')!,
        priority: draft.priority ?? null,
        labels: draft.labels ?? [],
        assignee: draft.assignee ?? null,
        reporter: parts.accountIds.get(account.email) ?? '',
        resolution: null,
        resolutiondate: null,
        duedate: draft.duedate ?? null,
        links: [],
        fixVersion: null,
        component: null,
        custom: draft.custom ?? {},
        history: [],
        comments: [],
        properties,
      },
      parts.searchLagMs(),
    );
    return reply.code(201).send({
      id: String(issue.id),
      key: issue.key,
      self: `${baseUrl(request)}/rest/api/3/issue/${issue.id}`,
    });
  });

  api.put('/rest/api/3/issue/:idOrKey', (request, reply) => {
    const issue = findIssue(parts, request, reply);
    if (issue === undefined) return reply;
    const body = obj(request.body) ?? {};
    const copy: SimIssue = { ...issue, custom: { ...issue.custom } };
    const errors = {
      ...applyFields(copy, obj(body['fields']) ?? {}, parts, false),
      ...applyLabelUpdates(copy, obj(body['update']) ?? {}),
    };
    if (Object.keys(errors).length > 0) return jiraError(reply, 400, [], errors);
    Object.assign(issue, {
      summary: copy.summary,
      description: copy.description,
      labels: copy.labels,
      priority: copy.priority,
      assignee: copy.assignee,
      duedate: copy.duedate,
      custom: copy.custom,
    });
    // update.comment adds comments in the same edit, as Jira does: the edit and its comment land together.
    const comments = obj(body['update'])?.['comment'];
    if (Array.isArray(comments)) {
      for (const c of comments) {
        const add = obj(obj(c)?.['add']);
        if (add !== undefined && isAdfDoc(add['body'])) addComment(parts, issue, add['body'], request);
      }
    }
    parts.store.touch(issue);
    return reply.code(204).send();
  });
  registerWorkflowRoutes(api, parts);
}
