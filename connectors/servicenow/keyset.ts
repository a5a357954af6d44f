// Encoded queries for complete incremental reads. The cursor is the compound key (sys_updated_on, sys_id):
// sys_updated_on has one-second resolution and thousands of rows can share a second, so neither `>` nor
// `>=` on the timestamp alone is correct (itsm-apis.md A.6).
import type { Cursor } from '../../src/contracts/index.js';

export interface KeysetPosition {
  /** "YYYY-MM-DD HH:mm:ss", UTC, as ServiceNow stores it. */
  updatedOn: string;
  sysId: string;
}

const ORDER = '^ORDERBYsys_updated_on^ORDERBYsys_id';

/** Formats epoch milliseconds as a ServiceNow UTC date-time literal. */
export function toServiceNowTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function fromServiceNowTime(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

function conditions(upTo: string, filter: string | undefined): string {
  return filter === undefined || filter === ''
    ? `sys_updated_on<=${upTo}`
    : `sys_updated_on<=${upTo}^${filter}`;
}

/** Rows strictly after `after` in (sys_updated_on, sys_id) order, up to `upTo` inclusive. */
export function queryAfter(after: KeysetPosition, upTo: string, filter?: string): string {
  const base = conditions(upTo, filter);
  return `sys_updated_on>${after.updatedOn}^${base}^NQsys_updated_on=${after.updatedOn}^sys_id>${after.sysId}^${base}${ORDER}`;
}

/** Rows updated at or after `from` (or all rows), up to `upTo` inclusive. */
export function queryFrom(from: string | undefined, upTo: string, filter?: string): string {
  const base = conditions(upTo, filter);
  return from === undefined ? `${base}${ORDER}` : `sys_updated_on>=${from}^${base}${ORDER}`;
}

/** Every id, in sys_id order, for the deletion sweep. */
export function idQuery(after: string | undefined, filter?: string): string {
  const start = after === undefined ? 'sys_idISNOTEMPTY' : `sys_id>${after}`;
  return filter === undefined || filter === ''
    ? `${start}^ORDERBYsys_id`
    : `${start}^${filter}^ORDERBYsys_id`;
}

export function compare(a: KeysetPosition, b: KeysetPosition): number {
  if (a.updatedOn !== b.updatedOn) return a.updatedOn < b.updatedOn ? -1 : 1;
  return a.sysId === b.sysId ? 0 : a.sysId < b.sysId ? -1 : 1;
}

export function positionFromCursor(cursor: Cursor | undefined): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  const { updatedOn, sysId } = cursor;
  if (typeof updatedOn !== 'string' || typeof sysId !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(updatedOn)) return undefined;
  return { updatedOn, sysId };
}

export function cursorFromPosition(position: KeysetPosition): Cursor {
  return { updatedOn: position.updatedOn, sysId: position.sysId };
}
