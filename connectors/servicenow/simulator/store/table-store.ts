// One stored table: its columns, tombstones for deleted rows, and two sorted indexes that make keyset
// paging cheap: by (sys_updated_on, sys_id) and by sys_id (which also serves lookups by id).
import type { FieldDef, TableSchema } from '../schema/types.js';
import { DictColumn, TextColumn, TimeColumn, type Column } from './columns.js';
import { SortedIndex } from './sorted-index.js';

/** Field values of one row: strings as on the wire, epoch seconds allowed for datetime fields. */
export type RowValues = Readonly<Record<string, string | number | undefined>>;

function makeColumn(field: FieldDef): Column {
  // A glide_duration is an epoch offset ("1970-01-02 04:23:17"), so it shares the datetime storage.
  if (field.type === 'datetime' || field.type === 'duration') return new TimeColumn();
  if (field.type === 'sys_id' || field.type === 'decimal' || field.unique === true) return new TextColumn();
  return new DictColumn();
}

export class TableStore {
  readonly columns: readonly Column[];
  readonly sysId: Column;
  readonly updatedOn: TimeColumn;
  readonly byUpdated: SortedIndex;
  readonly bySysId: SortedIndex;
  private readonly fieldPos = new Map<string, number>();
  /** Columns a write may set, by field name (journal fields are never stored). */
  private readonly writable = new Map<string, Column>();
  private deleted = new Uint8Array(0);
  private rowCount = 0;
  private liveCount = 0;
  private sealed = false;
  private numberSeq = 1;

  constructor(readonly schema: TableSchema) {
    this.columns = schema.fields.map(makeColumn);
    schema.fields.forEach((f, i) => this.fieldPos.set(f.name, i));
    schema.fields.forEach((f, i) => {
      const col = this.columns[i];
      if (f.type !== 'journal' && col) this.writable.set(f.name, col);
    });
    const sysId = this.column('sys_id');
    const updated = this.column('sys_updated_on');
    if (!sysId || !(updated instanceof TimeColumn))
      throw new Error(`table ${schema.name} lacks system fields`);
    this.sysId = sysId;
    this.updatedOn = updated;
    const byId = (a: number, b: number): number => {
      const x = sysId.get(a);
      const y = sysId.get(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
    this.bySysId = new SortedIndex(byId);
    this.byUpdated = new SortedIndex((a, b) => updated.num(a) - updated.num(b) || byId(a, b));
  }

  get name(): string {
    return this.schema.name;
  }

  /** Rows ever allocated (deleted ones included); row numbers are 0..allocated-1. */
  get allocated(): number {
    return this.rowCount;
  }

  /** Rows not deleted. */
  get size(): number {
    return this.liveCount;
  }

  column(name: string): Column | undefined {
    const pos = this.fieldPos.get(name);
    return pos === undefined ? undefined : this.columns[pos];
  }

  field(name: string): FieldDef | undefined {
    const pos = this.fieldPos.get(name);
    return pos === undefined ? undefined : this.schema.fields[pos];
  }

  isLive(row: number): boolean {
    return row >= 0 && row < this.rowCount && this.deleted[row] === 0;
  }

  /** The next auto number (INC0000042), or "" for tables without one. */
  nextNumber(): string {
    const prefix = this.schema.numberPrefix;
    return prefix === undefined ? '' : `${prefix}${String(this.numberSeq++).padStart(7, '0')}`;
  }

  /** The row holding a sys_id, or -1. */
  rowOf(sysId: string): number {
    const pos = this.bySysId.firstWhere((r) => this.sysId.get(r) >= sysId);
    const row = this.bySysId.at(pos);
    return row >= 0 && this.sysId.get(row) === sysId ? row : -1;
  }

  /** Adds a row during bulk generation, before the indexes exist (see seal). */
  append(values: RowValues): number {
    const row = this.rowCount;
    if (row >= this.deleted.length) this.reserve(Math.max(1024, row * 2));
    this.rowCount++;
    this.liveCount++;
    this.write(row, values);
    return row;
  }

  /** Builds the indexes once bulk generation is over; later writes maintain them. */
  seal(): void {
    const rows = new Int32Array(this.liveCount);
    let n = 0;
    for (let r = 0; r < this.rowCount; r++) if (this.deleted[r] === 0) rows[n++] = r;
    this.bySysId.build(rows);
    this.byUpdated.build(rows);
    this.sealed = true;
  }

  /** Inserts a row and indexes it. */
  insert(values: RowValues): number {
    const row = this.append(values);
    if (this.sealed) {
      this.bySysId.insert([row]);
      this.byUpdated.insert([row]);
    }
    return row;
  }

  /** Changes rows; the indexes follow (sys_id itself never changes). */
  update(rows: readonly number[], values: (row: number) => RowValues): void {
    const live = rows.filter((r) => this.isLive(r));
    if (this.sealed) this.byUpdated.remove(live);
    for (const row of live) {
      const { sys_id: _ignored, ...rest } = values(row);
      this.write(row, rest);
    }
    if (this.sealed) this.byUpdated.insert(live);
  }

  remove(rows: readonly number[]): void {
    const live = [...new Set(rows)].filter((r) => this.isLive(r));
    if (this.sealed) {
      this.bySysId.remove(live);
      this.byUpdated.remove(live);
    }
    for (const row of live) this.deleted[row] = 1;
    this.liveCount -= live.length;
  }

  private write(row: number, values: RowValues): void {
    // for-in allocates nothing per row (Object.entries did, a million times over); unknown names are skipped.
    for (const name in values) {
      const value = values[name];
      if (value !== undefined) this.writable.get(name)?.set(row, value);
    }
  }

  private reserve(capacity: number): void {
    const deleted = new Uint8Array(capacity);
    deleted.set(this.deleted);
    this.deleted = deleted;
    for (const col of this.columns) col.grow(capacity);
  }
}
