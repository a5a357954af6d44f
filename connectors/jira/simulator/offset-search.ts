// Jira Data Center's search over the store: JQL, the requested order, and a plain offset (startAt) into
// the listing as it is at the time of each request, with the listing's `total`. An issue updated between
// two requests moves to the end of an `updated` order and shifts the rest: exactly what a poller must
// survive on a real Data Center site.
import type { IssueStore } from './issue-store.js';
import type { SimIssue } from './model.js';
import { compileJql, type JqlContext } from './query/jql.js';
import { comparator, lowerBound } from './search.js';

export interface OffsetSearchRequest {
  jql: string;
  startAt: number;
  maxResults: number;
}

export interface OffsetSearchPage {
  issues: SimIssue[];
  total: number;
}

export function searchByOffset(
  store: IssueStore,
  req: OffsetSearchRequest,
  ctx: JqlContext,
): OffsetSearchPage {
  const compiled = compileJql(req.jql, ctx);
  const match = (i: SimIssue) =>
    ctx.visibleProjects.has(i.project.key) && i.visibleAt <= ctx.now && compiled.test(i);
  const order = compiled.orderBy.map(
    (o) => `${o.field === 'issuekey' || o.field === 'key' ? 'id' : o.field} ${o.direction}`,
  );
  const byUpdated = order[0] === 'updated asc' && order.slice(1).every((o) => o === 'id asc');
  let listing: readonly SimIssue[];
  if (byUpdated) {
    // The prebuilt (updated, id) index from the query's lower bound: no sort per page.
    const list = store.inUpdatedOrder();
    const from = compiled.updatedFrom ?? -Infinity;
    listing = list.slice(lowerBound(list, (i) => i.updated >= from)).filter(match);
  } else if (order.length === 1 && order[0] === 'id asc') {
    listing = store.inIdOrder().filter(match);
  } else {
    listing = [...store.all()].filter(match).sort(comparator(compiled.orderBy));
  }
  return { issues: listing.slice(req.startAt, req.startAt + req.maxResults), total: listing.length };
}
