// The Authorization header of a Jira site: basic e-mail:API-token (Cloud) or a bearer personal access
// token (Data Center). Computed once; it never reaches a log (the logger redacts authorization headers).
import type { JiraAuth } from './config.js';

export function authorizationHeader(auth: JiraAuth): string {
  return auth.type === 'basic'
    ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')}`
    : `Bearer ${auth.token}`;
}
