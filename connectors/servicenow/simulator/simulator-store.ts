// The programmatic face of a simulator's data for tests: read records, count, and mutate behind a
// client's back (the same operations as the /sim/ admin routes).
import type { Mutator, UpdateOptions } from './mutations.js';
import type { Database } from './store/database.js';

export interface SimulatorStore {
  /** The underlying tables (for advanced inspection). */
  readonly db: Database;
  /** Names of the served tables. */
  tables(): string[];
  /** Live records of a served table. */
  count(table: string): number;
  /** A record's database values by field name, or undefined. */
  get(table: string, sysId: string): Record<string, string> | undefined;
  /** sys_ids of a table's live records, ordered by (sys_updated_on, sys_id). */
  sysIds(table: string): string[];
  /** Updates N random (or the given) records: sys_updated_on = now, sys_mod_count + 1, a field changed. */
  update(table: string, count: number, options?: UpdateOptions): string[];
  delete(table: string, count: number, sysIds?: readonly string[]): string[];
  insert(table: string, count: number): string[];
  /** Every `every`-th list request on `table` first updates `count` records (count 0 clears the rule). */
  mutateWhilePaging(table: string, every: number, count: number): void;
}

export function simulatorStore(db: Database, mutator: Mutator): SimulatorStore {
  const served = (table: string) => {
    const t = db.table(table);
    if (!t) throw new Error(`unknown table ${table}`);
    return t;
  };
  return {
    db,
    tables: () => db.tableNames(),
    count: (table) => {
      const t = served(table);
      if (t.className === undefined) return t.store.size;
      let n = 0;
      for (let r = 0; r < t.store.allocated; r++) if (t.store.isLive(r) && t.contains(r)) n++;
      return n;
    },
    get: (table, sysId) => {
      const t = served(table);
      const row = t.store.rowOf(sysId);
      if (row < 0 || !t.contains(row)) return undefined;
      return Object.fromEntries(t.fields.map((f) => [f.name, t.store.column(f.name)?.get(row) ?? '']));
    },
    sysIds: (table) => {
      const t = served(table);
      const ids: string[] = [];
      for (let i = 0; i < t.store.byUpdated.length; i++) {
        const row = t.store.byUpdated.at(i);
        if (t.contains(row)) ids.push(t.store.sysId.get(row));
      }
      return ids;
    },
    update: (table, count, options) => mutator.update(table, count, options),
    delete: (table, count, sysIds) => mutator.delete(table, count, sysIds),
    insert: (table, count) => mutator.insert(table, count),
    mutateWhilePaging: (table, every, count) => mutator.setMutateWhilePaging(table, every, count),
  };
}
