// The shape of a simulated table: field definitions (with the platform's internal types) and the tables
// the API serves on top of the stored ones (a class table such as cmdb_ci_server is a filtered view).

/** The platform type of a field; it decides storage, comparison and the display value. */
export type FieldType =
  | 'sys_id'
  | 'string'
  | 'html'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'duration'
  | 'reference'
  | 'journal';

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** Target table of a reference (a served table name, or `task` for any task table). */
  readonly ref?: string;
  /** Choice value -> label, used for display values. */
  readonly choices?: Readonly<Record<string, string>>;
  /** Values are mostly distinct (sys_id, number): stored as plain strings instead of a dictionary. */
  readonly unique?: boolean;
}

export interface TableSchema {
  /** The stored table's name. */
  readonly name: string;
  readonly fields: readonly FieldDef[];
  /** The field another record shows when it references this one (sysparm_display_value). */
  readonly displayField: string;
  /** Prefix of auto numbers (INC, CHG, ...) when the table has a `number` field. */
  readonly numberPrefix?: string;
  /** Values a POST gets when it leaves a field out. */
  readonly insertDefaults?: Readonly<Record<string, string>>;
}

/** A table as the API serves it: a stored table, optionally limited to one class and a field subset. */
export interface ServedTableDef {
  readonly name: string;
  /** The stored table holding the rows. */
  readonly store: string;
  /** Only rows whose sys_class_name equals this (class tables of the CMDB). */
  readonly className?: string;
  /** Fields left out of this table (the parent cmdb_ci does not show service-only columns). */
  readonly hiddenFields?: readonly string[];
}
