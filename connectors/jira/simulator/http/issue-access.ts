// Shared by the write routes: the issue a path names (404 as Jira words it when absent or invisible),
// and a comment added to it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SimIssue } from '../model.js';
import { accountOf, jiraError, visibleProjects, type JiraSimParts } from './parts.js';
import { NO_ISSUE } from './read-routes.js';

export function findIssue(
  parts: JiraSimParts,
  request: FastifyRequest,
  reply: FastifyReply,
): SimIssue | undefined {
  const { idOrKey } = request.params as { idOrKey: string };
  const issue = parts.store.get(idOrKey);
  const account = accountOf(parts, request);
  if (issue === undefined || !visibleProjects(account, [issue.project.key]).has(issue.project.key)) {
    void jiraError(reply, 404, [NO_ISSUE]);
    return undefined;
  }
  return issue;
}

export function addComment(parts: JiraSimParts, issue: SimIssue, body: unknown, request: FastifyRequest) {
  const at = parts.now();
  const comment = {
    id: String(issue.id * 1000 + issue.comments.length + 1),
    author: parts.accountIds.get(accountOf(parts, request).email) ?? '',
    body,
    created: at,
    updated: at,
  };
  issue.comments.push(comment);
  parts.store.touch(issue, at);
  return comment;
}
