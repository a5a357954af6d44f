// Record writes as the Table API performs them: unknown fields ignored, system fields set by the platform,
// journal fields appended to sys_journal_field, priority derived from impact x urgency, and the dates and
// active flag that follow a state change.
import { priorityOf } from '../generate/incidents.js';
import type { Random } from '../random.js';
import type { Database, ServedTable } from './database.js';
import type { RowValues, TableStore } from './table-store.js';

export class WriteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null,
  ) {
    super(message);
  }
}

export interface WriteContext {
  readonly db: Database;
  readonly rng: Random;
  readonly nowSeconds: number;
  readonly username: string;
}

const SYS_ID = /^[0-9a-f]{32}$/;
/** Fields only the platform sets. */
const SYSTEM = new Set([
  'sys_created_on',
  'sys_created_by',
  'sys_updated_on',
  'sys_updated_by',
  'sys_mod_count',
  'number',
]);
/** Task states that end the record's life, per table. */
const INACTIVE: Readonly<Record<string, ReadonlySet<string>>> = {
  incident: new Set(['7', '8']),
  problem: new Set(['107']),
  change_request: new Set(['3', '4']),
  sc_req_item: new Set(['3', '4', '7']),
  sc_request: new Set(['3', '4', '7']),
  sn_grc_issue: new Set(['3']),
};

/** A JSON body value as the text the platform stores ({value} objects accepted, objects otherwise ignored). */
function textOf(value: unknown): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'value' in value) return textOf(value.value);
  return undefined;
}

/** A reference given as a display value ("Beth Anglin") is looked up; an unknown one is kept as given. */
function referenceValue(db: Database, target: string, value: string): string {
  if (value === '' || SYS_ID.test(value) || target === 'task') return value;
  const table = db.table(target);
  const col = table?.store.column(table.store.schema.displayField);
  if (!table || !col) return value;
  for (let r = 0; r < table.store.allocated; r++) {
    if (table.store.isLive(r) && col.get(r) === value) return table.store.sysId.get(r);
  }
  return value;
}

interface Parsed {
  readonly values: Record<string, string>;
  readonly journal: (readonly [string, string])[];
}

function parseBody(ctx: WriteContext, table: ServedTable, body: unknown): Parsed {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new WriteError(400, 'Exception while reading request', 'The payload is not a JSON object.');
  }
  const values: Record<string, string> = {};
  const journal: [string, string][] = [];
  for (const [name, raw] of Object.entries(body)) {
    const def = table.field(name);
    const text = textOf(raw);
    if (!def || text === undefined || SYSTEM.has(name)) continue;
    if (def.type === 'journal') {
      if (text !== '') journal.push([name, text]);
    } else if (def.type === 'reference' && def.ref !== undefined)
      values[name] = referenceValue(ctx.db, def.ref, text);
    else values[name] = text;
  }
  return { values, journal };
}

/** Platform behaviour after the caller's values are known (priority, state dates, active). */
function derive(
  store: TableStore,
  row: number | undefined,
  values: Record<string, string>,
  now: number,
): void {
  const current = (f: string): string =>
    values[f] ?? (row === undefined ? '' : (store.column(f)?.get(row) ?? ''));
  const name = store.name;
  if (
    (name === 'incident' || name === 'problem') &&
    values.priority === undefined &&
    (values.impact !== undefined || values.urgency !== undefined || row === undefined)
  ) {
    values.priority = priorityOf(current('impact') || '3', current('urgency') || '3');
  }
  const inactive = INACTIVE[name];
  if (inactive && values.state !== undefined) {
    values.active = String(!inactive.has(values.state));
    const stamp = String(now);
    if (name === 'incident' && values.state === '6' && current('resolved_at') === '')
      values.resolved_at = stamp;
    if (name === 'problem' && values.state === '106' && current('resolved_at') === '')
      values.resolved_at = stamp;
    if (inactive.has(values.state) && current('closed_at') === '') values.closed_at = stamp;
  }
}

function appendJournal(
  ctx: WriteContext,
  table: string,
  sysId: string,
  entries: readonly (readonly [string, string])[],
): void {
  const journal = ctx.db.store('sys_journal_field');
  for (const [element, value] of entries) {
    journal.insert({
      sys_id: ctx.rng.sysId(),
      element_id: sysId,
      name: table,
      element,
      value,
      sys_created_on: ctx.nowSeconds,
      sys_created_by: ctx.username,
      sys_updated_on: ctx.nowSeconds,
      sys_updated_by: ctx.username,
      sys_mod_count: '0',
    });
  }
}

/** POST: creates a record and returns its row. */
export function insertRecord(ctx: WriteContext, table: ServedTable, body: unknown): number {
  const store = table.store;
  const { values, journal } = parseBody(ctx, table, body);
  const sysId = values.sys_id !== undefined && SYS_ID.test(values.sys_id) ? values.sys_id : ctx.rng.sysId();
  if (store.rowOf(sysId) >= 0)
    throw new WriteError(
      403,
      'Operation Failed',
      'Error during insert of ' + table.name + ' (duplicate sys_id)',
    );
  const defaults: Record<string, string> = { ...store.schema.insertDefaults };
  if (table.className !== undefined) defaults.sys_class_name = table.className;
  const merged: Record<string, string> = { ...defaults, ...values };
  // The default priority only stands in when the lookup has nothing to derive it from.
  if (values.priority === undefined) delete merged.priority;
  if (store.field('opened_at') && merged.opened_at === undefined) merged.opened_at = String(ctx.nowSeconds);
  derive(store, undefined, merged, ctx.nowSeconds);
  merged.priority ??= defaults.priority ?? '';
  const row: RowValues = {
    ...merged,
    sys_id: sysId,
    number: store.field('number') ? store.nextNumber() : undefined,
    sys_created_on: ctx.nowSeconds,
    sys_created_by: ctx.username,
    sys_updated_on: ctx.nowSeconds,
    sys_updated_by: ctx.username,
    sys_mod_count: '0',
  };
  const created = store.insert(timesAsNumbers(store, row));
  appendJournal(ctx, store.name, sysId, journal);
  return created;
}

/** PATCH / PUT: changes the given fields of a record. */
export function updateRecord(ctx: WriteContext, table: ServedTable, row: number, body: unknown): void {
  const store = table.store;
  const { values, journal } = parseBody(ctx, table, body);
  delete values.sys_id;
  derive(store, row, values, ctx.nowSeconds);
  const mods = Number(store.column('sys_mod_count')?.get(row) || '0') + 1;
  store.update([row], () =>
    timesAsNumbers(store, {
      ...values,
      sys_updated_on: ctx.nowSeconds,
      sys_updated_by: ctx.username,
      sys_mod_count: String(mods),
    }),
  );
  appendJournal(ctx, store.name, store.sysId.get(row), journal);
}

/** Epoch-second strings (from derive) become numbers for datetime columns; other text passes through. */
function timesAsNumbers(store: TableStore, values: RowValues): RowValues {
  const out: Record<string, string | number | undefined> = { ...values };
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && /^\d+$/.test(v) && store.field(k)?.type === 'datetime') out[k] = Number(v);
  }
  return out;
}
