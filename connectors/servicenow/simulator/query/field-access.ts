// Turns a field path of a query or of sysparm_fields (state, assigned_to.user_name) into a fast accessor
// bound to one table. Direct fields read their column; dot-walks follow references through the database.
import type { Column } from '../store/columns.js';
import { TimeColumn } from '../store/columns.js';
import type { Database, ServedTable } from '../store/database.js';
import type { FieldDef } from '../schema/types.js';
import { TASK_TABLES } from '../schema/task-tables.js';

export interface FieldAccess {
  readonly path: string;
  /** The definition of the last field on the path. */
  readonly def: FieldDef;
  /** The database value ("" when empty or when a reference on the way is empty or dangling). */
  readonly get: (row: number) => string;
  /** The column when the field belongs to the table itself (no dot-walk). */
  readonly column: Column | undefined;
  /** Set for datetime columns of the table itself, so comparisons can stay numeric. */
  readonly time: TimeColumn | undefined;
}

/** The definition of `name` on a reference target (for `task`, any task table that has it). */
function targetField(db: Database, target: string, name: string): FieldDef | undefined {
  const names = target === 'task' ? TASK_TABLES : [target];
  for (const t of names) {
    const def = db.table(t)?.field(name);
    if (def) return def;
  }
  return undefined;
}

export function resolveField(db: Database, table: ServedTable, path: string): FieldAccess | undefined {
  const [first, ...rest] = path.split('.');
  const def = first === undefined ? undefined : table.field(first);
  if (!def || first === undefined) return undefined;
  const column = table.store.column(first);
  if (!column) return undefined;
  if (rest.length === 0) {
    return {
      path,
      def,
      get: (row) => column.get(row),
      column,
      time: column instanceof TimeColumn ? column : undefined,
    };
  }
  // Walk: each hop reads a sys_id, finds the referenced record, then reads the next field there.
  let get: (row: number) => string = (row) => column.get(row);
  let current = def;
  for (const name of rest) {
    const target = current.ref;
    if (current.type !== 'reference' || target === undefined) return undefined;
    const next = targetField(db, target, name);
    if (!next) return undefined;
    const prev = get;
    get = (row) => {
      const hit = db.resolve(target, prev(row));
      if (!hit) return '';
      return hit.table.store.column(name)?.get(hit.row) ?? '';
    };
    current = next;
  }
  return { path, def: current, get, column: undefined, time: undefined };
}
