// What every generator needs: its own seeded random stream, the clock anchor, and the sys_ids of records
// it may reference (so every generated reference points at an existing record).
import { hashSeed, Random } from '../random.js';
import type { Database } from '../store/database.js';
import type { RowValues, TableStore } from '../store/table-store.js';

export const DAY = 86_400;
export const HOUR = 3_600;
/** Transactional records spread over the last two years. */
export const SPAN = 730 * DAY;

export interface Refs {
  readonly users: readonly string[];
  readonly userNames: readonly string[];
  readonly groups: readonly string[];
  /** Non-service CIs. */
  readonly cis: readonly string[];
  readonly services: readonly string[];
  readonly changes: readonly string[];
  readonly problems: readonly string[];
}

export interface GenContext {
  readonly db: Database;
  readonly rng: Random;
  /** The clock anchor, epoch seconds: nothing is generated after it. */
  readonly now: number;
  readonly refs: Refs;
}

/** A generator of one new row opened at `opened` (epoch seconds); the store assigns the number. */
export type RowGenerator = (ctx: GenContext, opened: number, store: TableStore) => RowValues;

export function contextFor(db: Database, seed: number, label: string, now: number, refs: Refs): GenContext {
  return { db, rng: new Random(hashSeed(seed, label)), now, refs };
}

/** The live sys_ids (and a second column) of a stored table, optionally of one class. */
export function liveIds(store: TableStore, filter?: (row: number) => boolean): string[] {
  const ids: string[] = [];
  for (let r = 0; r < store.allocated; r++)
    if (store.isLive(r) && (!filter || filter(r))) ids.push(store.sysId.get(r));
  return ids;
}

/** Collects the references from the current content of the database. */
export function collectRefs(db: Database): Refs {
  const users = db.store('sys_user');
  const userNameCol = users.column('user_name');
  const ci = db.store('cmdb_ci');
  const cls = ci.column('sys_class_name');
  const isService = (r: number): boolean => cls?.get(r) === 'cmdb_ci_service';
  const userRows: number[] = [];
  for (let r = 0; r < users.allocated; r++) if (users.isLive(r)) userRows.push(r);
  return {
    users: userRows.map((r) => users.sysId.get(r)),
    userNames: userRows.map((r) => userNameCol?.get(r) ?? 'admin'),
    groups: liveIds(db.store('sys_user_group')),
    cis: liveIds(ci, (r) => !isService(r)),
    services: liveIds(ci, isService),
    changes: liveIds(db.store('change_request')),
    problems: liveIds(db.store('problem')),
  };
}

/** A random element, or "" when the list is empty or with probability `gap` (a realistic hole). */
export function pickRef(ctx: GenContext, list: readonly string[], gap = 0): string {
  if (list.length === 0 || (gap > 0 && ctx.rng.chance(gap))) return '';
  return list[Math.floor(ctx.rng.next() * list.length)] ?? '';
}

/** A user's index and sys_id together, so created_by names match references. */
export function pickUser(ctx: GenContext): { id: string; name: string } {
  const { users, userNames } = ctx.refs;
  if (users.length === 0) return { id: '', name: 'admin' };
  const i = Math.floor(ctx.rng.next() * users.length);
  return { id: users[i] ?? '', name: userNames[i] ?? 'admin' };
}

/** The opening time of the i-th of n records spread over the span, oldest first, with jitter. */
export function spreadTime(ctx: GenContext, i: number, n: number, span = SPAN): number {
  const slot = span / Math.max(1, n);
  return Math.floor(ctx.now - span + i * slot + ctx.rng.next() * slot);
}

/** Clamps a time so that nothing lies in the future of the clock anchor. */
export function notAfterNow(ctx: GenContext, t: number): number {
  return Math.min(Math.floor(t), ctx.now);
}
