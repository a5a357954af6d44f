// Fills a database from a seed: master data first, then the transactional tables that reference it, so
// every generated reference points at an existing record. Same seed and clock anchor -> identical data.
import type { Database } from '../store/database.js';
import type { TableStore } from '../store/table-store.js';
import { ciRow, generateRelations, serviceRow } from './cmdb.js';
import { changeRow } from './changes.js';
import { collectRefs, contextFor, DAY, spreadTime, type GenContext, type RowGenerator } from './context.js';
import { incidentRow } from './incidents.js';
import { knowledgeRow } from './knowledge.js';
import { groupRow, masterDataTime, userRow } from './people.js';
import { problemRow } from './problems.js';
import { generateReferenceData } from './reference-data.js';
import { generateRequests, requestItemRow } from './requests.js';
import { generateReviews, reviewInsertRow } from './reviews.js';
import { generateSlas } from './slas.js';

export interface DataCounts {
  readonly users: number;
  readonly groups: number;
  readonly services: number;
  readonly cis: number;
  readonly relations: number;
  readonly changes: number;
  readonly problems: number;
  readonly incidents: number;
  readonly requests: number;
  readonly slas: number;
  readonly knowledge: number;
  readonly reviews: number;
}

/** Row generators for inserting records at run time (other tables clone an existing row). */
export const ROW_GENERATORS: Readonly<Record<string, RowGenerator>> = {
  sys_user: userRow,
  sys_user_group: groupRow,
  cmdb_ci: ciRow,
  change_request: changeRow,
  problem: problemRow,
  incident: incidentRow,
  sc_req_item: requestItemRow,
  kb_knowledge: knowledgeRow,
  u_governance_review: reviewInsertRow,
};

function fill(
  ctx: GenContext,
  store: TableStore,
  n: number,
  gen: RowGenerator,
  time: (i: number) => number,
): void {
  for (let i = 0; i < n; i++) store.append(gen(ctx, time(i), store));
}

export function generateAll(
  db: Database,
  seed: number,
  now: number,
  counts: DataCounts,
  sameSecond: number,
): void {
  const ctx = (label: string): GenContext => contextFor(db, seed, label, now, collectRefs(db));
  const master = (c: GenContext, n: number) => (i: number) => masterDataTime(c, i, n);

  const users = ctx('sys_user');
  fill(users, db.store('sys_user'), Math.max(1, counts.users), userRow, master(users, counts.users));
  const groups = ctx('sys_user_group');
  fill(groups, db.store('sys_user_group'), counts.groups, groupRow, master(groups, counts.groups));
  const setup = ctx('reference');
  generateReferenceData(db, setup, now - 1100 * DAY);
  const ci = ctx('cmdb_ci');
  fill(ci, db.store('cmdb_ci'), counts.services, serviceRow, master(ci, counts.services));
  fill(ci, db.store('cmdb_ci'), counts.cis, ciRow, master(ci, counts.cis));
  generateRelations(ctx('cmdb_rel_ci'), counts.relations, now - 900 * DAY);

  const spread = (c: GenContext, n: number) => (i: number) => spreadTime(c, i, n);
  const changes = ctx('change_request');
  fill(changes, db.store('change_request'), counts.changes, changeRow, spread(changes, counts.changes));
  const problems = ctx('problem');
  fill(problems, db.store('problem'), counts.problems, problemRow, spread(problems, counts.problems));
  const incidents = ctx('incident');
  fill(incidents, db.store('incident'), counts.incidents, incidentRow, spread(incidents, counts.incidents));
  generateRequests(ctx('sc_req_item'), counts.requests);
  generateSlas(ctx('task_sla'), counts.slas);
  const kb = ctx('kb_knowledge');
  fill(kb, db.store('kb_knowledge'), counts.knowledge, knowledgeRow, spread(kb, counts.knowledge));
  generateReviews(ctx('u_governance_review'), counts.reviews);

  if (sameSecond > 0) bulkTouch(db.store('incident'), Math.min(sameSecond, counts.incidents), now - 2 * DAY);
  for (const store of db.allStores()) store.seal();
}

/**
 * Puts the oldest `n` incidents on one sys_updated_on second, as a bulk update or import does; keyset
 * clients must then page inside a single second by sys_id.
 */
function bulkTouch(store: TableStore, n: number, at: number): void {
  const mods = store.column('sys_mod_count');
  for (let r = 0; r < n; r++) {
    store.updatedOn.set(r, at);
    store.column('sys_updated_by')?.set(r, 'import.job');
    mods?.set(r, String(Number(mods.get(r) || '0') + 1));
  }
}
