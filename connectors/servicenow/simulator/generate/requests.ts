// Service requests: sc_request headers with one to three sc_req_item lines each. Gaps: items closed after
// their due date, items waiting for approval for weeks.
import type { RowValues, TableStore } from '../store/table-store.js';
import {
  DAY,
  HOUR,
  liveIds,
  notAfterNow,
  pickRef,
  pickUser,
  spreadTime,
  type GenContext,
  type RowGenerator,
} from './context.js';

function itemState(ctx: GenContext, age: number): string {
  const { rng } = ctx;
  if (age > 20 * DAY)
    return rng.weighted([
      ['3', 85],
      ['4', 6],
      ['7', 3],
      ['2', 4],
      ['-5', 2],
    ]);
  return rng.weighted([
    ['-5', 15],
    ['1', 20],
    ['2', 35],
    ['3', 25],
    ['4', 5],
  ]);
}

const STAGE: Readonly<Record<string, string>> = {
  '-5': 'waiting_for_approval',
  '1': 'request_approved',
  '2': 'fulfillment',
  '3': 'complete',
  '4': 'Request Cancelled',
  '7': 'complete',
};

function itemRow(
  ctx: GenContext,
  opened: number,
  store: TableStore,
  request: string,
  requester: { id: string; name: string },
): RowValues {
  const { rng, refs, now, db } = ctx;
  const state = itemState(ctx, now - opened);
  const closed = state === '3' || state === '4' || state === '7';
  const due = opened + rng.int(2, 10) * DAY;
  // Most close before the due date; about one in ten is late.
  const closedAt = closed
    ? notAfterNow(ctx, rng.chance(0.1) ? due + rng.int(1, 10) * DAY : opened + rng.next() * (due - opened))
    : '';
  const catItems = liveIds(db.store('sc_cat_item'));
  const assignee = pickUser(ctx);
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: 'Catalog request',
    description: '',
    request,
    cat_item: catItems.length > 0 ? rng.pick(catItems) : '',
    requested_for: requester.id,
    stage: STAGE[state] ?? 'fulfillment',
    state,
    active: String(!closed),
    approval: state === '-5' ? 'requested' : state === '4' && rng.chance(0.5) ? 'rejected' : 'approved',
    quantity: String(
      rng.weighted([
        ['1', 85],
        ['2', 10],
        ['5', 5],
      ]),
    ),
    due_date: due,
    priority: rng.weighted([
      ['3', 20],
      ['4', 80],
    ]),
    impact: '3',
    urgency: '3',
    assignment_group: pickRef(ctx, refs.groups, 0.02),
    assigned_to: state === '-5' ? '' : assignee.id,
    cmdb_ci: '',
    business_service: pickRef(ctx, refs.services, 0.3),
    opened_at: opened,
    opened_by: requester.id,
    closed_at: closedAt,
    closed_by: closedAt === '' ? '' : assignee.id,
    correlation_id: '',
    correlation_display: '',
    sys_class_name: 'sc_req_item',
    sys_created_on: opened,
    sys_created_by: requester.name,
    sys_updated_on: notAfterNow(
      ctx,
      (typeof closedAt === 'number' ? closedAt : opened + rng.int(0, 48) * HOUR) + rng.int(0, 600),
    ),
    sys_updated_by: assignee.name,
    sys_mod_count: rng.int(2, 12),
  };
}

function requestRow(
  ctx: GenContext,
  opened: number,
  store: TableStore,
  requester: { id: string; name: string },
): RowValues {
  const { rng, now } = ctx;
  const closed = now - opened > 20 * DAY || rng.chance(0.3);
  const closedAt = closed ? notAfterNow(ctx, opened + rng.int(1, 12) * DAY) : '';
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: `Request for ${requester.name}`,
    state: closed ? '3' : '2',
    active: String(!closed),
    requested_for: requester.id,
    request_state: closed ? 'closed_complete' : 'in_process',
    approval: 'approved',
    due_date: opened + 10 * DAY,
    priority: '4',
    opened_at: opened,
    opened_by: requester.id,
    closed_at: closedAt,
    sys_class_name: 'sc_request',
    sys_created_on: opened,
    sys_created_by: requester.name,
    sys_updated_on: notAfterNow(
      ctx,
      typeof closedAt === 'number' ? closedAt : opened + rng.int(0, 48) * HOUR,
    ),
    sys_updated_by: 'system',
    sys_mod_count: rng.int(1, 6),
  };
}

/** Generates `count` request items, grouped under sc_request headers. */
export function generateRequests(ctx: GenContext, count: number): void {
  const { rng, db } = ctx;
  const requests = db.store('sc_request');
  const items = db.store('sc_req_item');
  let i = 0;
  while (i < count) {
    const opened = spreadTime(ctx, i, count);
    const requester = pickUser(ctx);
    const header = requests.append(requestRow(ctx, opened, requests, requester));
    const lines = Math.min(
      count - i,
      rng.weighted([
        [1, 75],
        [2, 18],
        [3, 7],
      ]),
    );
    for (let k = 0; k < lines; k++, i++)
      items.append(itemRow(ctx, opened + k, items, requests.sysId.get(header), requester));
  }
}

/** A new request item (for inserts at run time) under a fresh request header. */
export const requestItemRow: RowGenerator = (ctx, opened, store) => {
  const requests = ctx.db.store('sc_request');
  const requester = pickUser(ctx);
  const header = requests.insert(requestRow(ctx, opened, requests, requester));
  return itemRow(ctx, opened, store, requests.sysId.get(header), requester);
};
