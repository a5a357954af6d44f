// All stored tables of one simulator instance, the tables the API serves on top of them, and reference
// resolution across them (a `task` reference may land in any task table; cmdb_ci_service is a view).
import { servedTables, TABLE_SCHEMAS } from '../schema/registry.js';
import { TASK_TABLES } from '../schema/task-tables.js';
import type { FieldDef, ServedTableDef } from '../schema/types.js';
import { TableStore } from './table-store.js';

/** A table as the API serves it. */
export interface ServedTable {
  readonly name: string;
  readonly store: TableStore;
  /** Set on CMDB class tables: only rows of this sys_class_name belong to the table. */
  readonly className: string | undefined;
  /** Visible fields, in dictionary order. */
  readonly fields: readonly FieldDef[];
  field(name: string): FieldDef | undefined;
  /** Whether a live row of the store belongs to this table. */
  contains(row: number): boolean;
}

function serve(def: ServedTableDef, store: TableStore): ServedTable {
  const hidden = new Set(def.hiddenFields ?? []);
  const fields = store.schema.fields.filter((f) => !hidden.has(f.name));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const classCol = store.column('sys_class_name');
  const className = def.className;
  return {
    name: def.name,
    store,
    className,
    fields,
    field: (name) => byName.get(name),
    contains:
      className === undefined || classCol === undefined
        ? () => true
        : (row) => classCol.get(row) === className,
  };
}

export interface ResolvedRecord {
  readonly table: ServedTable;
  readonly row: number;
}

export class Database {
  private readonly stores = new Map<string, TableStore>();
  private readonly served = new Map<string, ServedTable>();

  constructor() {
    for (const schema of TABLE_SCHEMAS) this.stores.set(schema.name, new TableStore(schema));
    for (const def of servedTables()) this.served.set(def.name, serve(def, this.store(def.store)));
  }

  /** A served table by name, or undefined for an unknown table. */
  table(name: string): ServedTable | undefined {
    return this.served.get(name);
  }

  tableNames(): string[] {
    return [...this.served.keys()];
  }

  store(name: string): TableStore {
    const store = this.stores.get(name);
    if (!store) throw new Error(`no stored table ${name}`);
    return store;
  }

  allStores(): TableStore[] {
    return [...this.stores.values()];
  }

  /** The record a reference of type `target` points at; undefined when it does not exist. */
  resolve(target: string, sysId: string): ResolvedRecord | undefined {
    if (sysId === '') return undefined;
    const candidates = target === 'task' ? TASK_TABLES : [target];
    for (const name of candidates) {
      const table = this.served.get(name);
      if (!table) continue;
      const row = table.store.rowOf(sysId);
      if (row >= 0) return { table: table.contains(row) ? table : this.baseTable(table), row };
    }
    return undefined;
  }

  /** The display value of a referenced record ("" when it does not exist). */
  displayValue(target: string, sysId: string): string {
    const hit = this.resolve(target, sysId);
    if (!hit) return '';
    const col = hit.table.store.column(hit.table.store.schema.displayField);
    return col ? col.get(hit.row) : '';
  }

  private baseTable(table: ServedTable): ServedTable {
    return this.served.get(table.store.name) ?? table;
  }
}
