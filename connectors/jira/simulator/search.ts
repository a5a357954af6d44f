// Enhanced search over the store: JQL, the requested order, and opaque nextPageToken values that carry a
// keyset position (so an issue updated while a client pages moves behind it, never shifting others) and
// expire. A query ordered by updated or id walks a prebuilt index from the position; others sort.
import { createHash } from 'node:crypto';
import type { IssueStore } from './issue-store.js';
import type { SimIssue } from './model.js';
import { compileJql, QueryError, type CompiledJql, type JqlContext } from './query/jql.js';

export interface SearchRequest {
  jql: string;
  maxResults: number;
  nextPageToken: string | undefined;
  reconcileIssues: number[];
}

export interface SearchPage {
  issues: SimIssue[];
  nextPageToken: string | undefined;
}

interface TokenBody {
  /** Hash of the JQL the token belongs to. */
  h: string;
  /** Keyset position [updated, id] or [id], or an offset. */
  k: number[];
  x: number;
}

const hashOf = (jql: string) => createHash('sha256').update(jql).digest('base64url').slice(0, 16);

export class TokenError extends QueryError {}

function readToken(token: string, jql: string, now: number): number[] {
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenBody;
  } catch {
    throw new TokenError('The provided next page token is invalid or expired.');
  }
  if (body.h !== hashOf(jql) || !Array.isArray(body.k) || typeof body.x !== 'number' || body.x < now) {
    throw new TokenError('The provided next page token is invalid or expired.');
  }
  return body.k;
}

function writeToken(jql: string, k: number[], expiresAt: number): string {
  const body: TokenBody = { h: hashOf(jql), k, x: expiresAt };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** First index in `list` (sorted by key) whose key is greater than `after` (or >= `from`). */
export function lowerBound(list: readonly SimIssue[], greater: (issue: SimIssue) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (greater(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Jira's order for an ORDER BY list; ties last by id descending (Jira's default order). */
export function comparator(orderBy: CompiledJql['orderBy']): (a: SimIssue, b: SimIssue) => number {
  return (a, b) => {
    for (const o of orderBy) {
      const field = o.field === 'key' || o.field === 'issuekey' ? 'id' : o.field;
      const get = (x: SimIssue) =>
        field === 'updated'
          ? x.updated
          : field === 'created'
            ? x.created
            : field === 'resolved'
              ? (x.resolutiondate ?? 0)
              : x.id;
      const d = get(a) - get(b);
      if (d !== 0) return o.direction === 'asc' ? d : -d;
    }
    return b.id - a.id;
  };
}

export function search(
  store: IssueStore,
  req: SearchRequest,
  ctx: JqlContext & { tokenTtlMs: number },
): SearchPage {
  const compiled = compileJql(req.jql, ctx);
  const reconcile = new Set(req.reconcileIssues);
  const match = (i: SimIssue) =>
    ctx.visibleProjects.has(i.project.key) &&
    (i.visibleAt <= ctx.now || reconcile.has(i.id)) &&
    compiled.test(i);
  const position =
    req.nextPageToken === undefined ? undefined : readToken(req.nextPageToken, req.jql, ctx.now);
  const order = compiled.orderBy.map(
    (o) => `${o.field === 'issuekey' || o.field === 'key' ? 'id' : o.field} ${o.direction}`,
  );
  const expiresAt = ctx.now + ctx.tokenTtlMs;
  const byUpdated = order[0] === 'updated asc' && order.slice(1).every((o) => o === 'id asc');
  const byId = order.length === 1 && (order[0] === 'id asc' || order[0] === 'id desc');

  if (byUpdated || byId) {
    const descending = order[0] === 'id desc';
    const list = byUpdated ? store.inUpdatedOrder() : store.inIdOrder();
    let start: number;
    if (byUpdated) {
      const [u = -Infinity, id = -Infinity] = position ?? [];
      const from = compiled.updatedFrom ?? -Infinity;
      start = lowerBound(list, (i) =>
        position === undefined ? i.updated >= from : i.updated > u || (i.updated === u && i.id > id),
      );
    } else if (descending) {
      const after = position?.[0] ?? Infinity;
      start = lowerBound(list, (i) => i.id >= after);
    } else {
      const after = position?.[0] ?? -Infinity;
      start = lowerBound(list, (i) => i.id > after);
    }
    const issues: SimIssue[] = [];
    const step = descending ? -1 : 1;
    let i = descending ? start - 1 : start;
    for (; i >= 0 && i < list.length; i += step) {
      const issue = list[i]!;
      if (!match(issue)) continue;
      if (issues.length === req.maxResults) break;
      issues.push(issue);
    }
    const more = i >= 0 && i < list.length;
    const last = issues.at(-1);
    const key = last === undefined ? [] : byUpdated ? [last.updated, last.id] : [last.id];
    return {
      issues,
      nextPageToken: more && last !== undefined ? writeToken(req.jql, key, expiresAt) : undefined,
    };
  }

  // Any other order: sort the matches, page by offset.
  const all = [...store.all()].filter(match);
  all.sort(comparator(compiled.orderBy));
  const offset = position?.[0] ?? 0;
  const issues = all.slice(offset, offset + req.maxResults);
  const next = offset + issues.length;
  return { issues, nextPageToken: next < all.length ? writeToken(req.jql, [next], expiresAt) : undefined };
}
