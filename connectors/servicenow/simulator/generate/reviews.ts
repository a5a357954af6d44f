// Governance evidence in the custom table u_governance_review: management reviews, internal audits,
// continuity tests, supplier and capacity reviews. Each type gets its own cadence and its own age of the
// latest completed review, so some types are current and others overdue (a freshness gap), plus
// planned future reviews and the odd canceled one.
import { DAY, pickRef, pickUser, type GenContext, type RowGenerator } from './context.js';

export const REVIEW_TYPES = [
  'management_review',
  'internal_audit',
  'continuity_test',
  'supplier_review',
  'capacity_review',
] as const;

const LABEL: Readonly<Record<string, string>> = {
  management_review: 'Management review',
  internal_audit: 'Internal audit',
  continuity_test: 'Service continuity test',
  supplier_review: 'Supplier review',
  capacity_review: 'Capacity review',
};

function quarter(secs: number): string {
  const d = new Date(secs * 1000);
  return `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

function reviewRow(ctx: GenContext, type: string, due: number, state: string) {
  const { rng, refs, now } = ctx;
  const completed = state === 'completed' ? Math.min(now, due + rng.int(-10, 10) * DAY) : '';
  const owner = pickUser(ctx);
  const created = Math.min(now, due - rng.int(20, 60) * DAY);
  const changed = typeof completed === 'number' ? completed : Math.min(now, created + rng.int(0, 10) * DAY);
  return {
    sys_id: rng.sysId(),
    number: '',
    short_description: `${LABEL[type] ?? type} ${quarter(due)}`,
    u_review_type: type,
    state,
    u_due_on: due,
    u_completed_on: completed,
    owned_by: rng.chance(0.05) ? '' : owner.id,
    u_service: pickRef(ctx, refs.services, 0.5),
    u_outcome: state === 'completed' ? 'Minutes recorded; actions tracked in the improvement register.' : '',
    sys_created_on: created,
    sys_created_by: owner.name,
    sys_updated_on: changed,
    sys_updated_by: owner.name,
    sys_mod_count: rng.int(1, 8),
  };
}

/** Generates `count` reviews spread over the five types. */
export function generateReviews(ctx: GenContext, count: number): void {
  const { rng, now, db } = ctx;
  const store = db.store('u_governance_review');
  const rows: ReturnType<typeof reviewRow>[] = [];
  // Which type is overdue and which is fresh varies with the seed, but each data set has one of each.
  const bands = ['overdue', 'fresh', 'any', 'any', 'any'];
  for (let i = bands.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [bands[i], bands[j]] = [bands[j] ?? 'any', bands[i] ?? 'any'];
  }
  REVIEW_TYPES.forEach((type, t) => {
    const n = Math.floor(count / REVIEW_TYPES.length) + (t < count % REVIEW_TYPES.length ? 1 : 0);
    if (n === 0) return;
    // Age of the latest completed review: 10 days to about 15 months.
    const band = bands[t];
    const ageDays =
      band === 'overdue' ? rng.int(400, 480) : band === 'fresh' ? rng.int(10, 60) : rng.int(10, 450);
    const latest = now - ageDays * DAY;
    const planned = n > 1 && rng.chance(0.6);
    const past = planned ? n - 1 : n;
    const interval = Math.max(30, Math.floor(640 / Math.max(1, past))) * DAY;
    for (let k = 0; k < past; k++) {
      const due = latest - k * interval;
      const state = k > 0 && rng.chance(0.08) ? 'canceled' : 'completed';
      rows.push(reviewRow(ctx, type, due, state));
    }
    if (planned)
      rows.push(
        reviewRow(ctx, type, now + rng.int(15, 120) * DAY, rng.chance(0.3) ? 'in_progress' : 'planned'),
      );
  });
  // Numbers follow creation order, like a real table.
  rows.sort((a, b) => a.sys_created_on - b.sys_created_on);
  for (const row of rows) store.append({ ...row, number: store.nextNumber() });
}

/** A completed review of a random type, for inserts at run time. */
export const reviewInsertRow: RowGenerator = (ctx, opened, store) => ({
  ...reviewRow(ctx, ctx.rng.pick(REVIEW_TYPES), opened, 'completed'),
  number: store.nextNumber(),
});
