// Changes the data behind a client's back, for tests of incremental sync: update, delete or insert N
// records, and "mutate while paging" (every k-th list request on a table first updates m records).
import type { SimClock } from './clock.js';
import { collectRefs, contextFor } from './generate/context.js';
import { ROW_GENERATORS } from './generate/generate-all.js';
import type { MutateWhilePaging } from './options.js';
import { hashSeed, Random } from './random.js';
import type { Database, ServedTable } from './store/database.js';
import type { RowValues } from './store/table-store.js';

export interface UpdateOptions {
  /** Update these records instead of random ones. */
  readonly sysIds?: readonly string[];
  /** Field values to set (default: a revision marker in short_description or name). */
  readonly fields?: Readonly<Record<string, string>>;
}

const REV = / \[rev \d+\]$/;

export class Mutator {
  private readonly rng: Random;
  private readonly pagingRules = new Map<string, MutateWhilePaging>();
  private readonly listCounts = new Map<string, number>();
  private inserts = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: SimClock,
    private readonly seed: number,
    rules: readonly MutateWhilePaging[],
  ) {
    this.rng = new Random(hashSeed(seed, 'mutations'));
    for (const rule of rules) this.pagingRules.set(rule.table, rule);
  }

  /** Updates `count` random live records (or the given ones): sys_updated_on = now, sys_mod_count + 1. */
  update(table: string, count: number, options: UpdateOptions = {}): string[] {
    const served = this.served(table);
    const store = served.store;
    const rows = options.sysIds ? this.rowsOf(served, options.sysIds) : this.pick(served, count);
    const now = this.clock.nowSeconds();
    const touch = ['short_description', 'name', 'title'].find((f) => store.field(f));
    store.update(rows, (row): RowValues => {
      const mods = Number(store.column('sys_mod_count')?.get(row) || '0') + 1;
      const marker: Record<string, string> = {};
      if (!options.fields && touch)
        marker[touch] = `${(store.column(touch)?.get(row) ?? '').replace(REV, '')} [rev ${mods}]`;
      return {
        ...marker,
        ...options.fields,
        sys_updated_on: now,
        sys_updated_by: 'sim.mutator',
        sys_mod_count: String(mods),
      };
    });
    return rows.map((r) => store.sysId.get(r));
  }

  /** Deletes `count` random live records (or the given ones). */
  delete(table: string, count: number, sysIds?: readonly string[]): string[] {
    const served = this.served(table);
    const store = served.store;
    const rows = sysIds ? this.rowsOf(served, sysIds) : this.pick(served, count);
    const ids = rows.map((r) => store.sysId.get(r));
    store.remove(rows);
    return ids;
  }

  /** Inserts `count` generated records opened now (tables without a generator clone a random row). */
  insert(table: string, count: number): string[] {
    const served = this.served(table);
    const store = served.store;
    const ctx = contextFor(
      this.db,
      this.seed,
      `insert:${table}:${this.inserts++}`,
      this.clock.nowSeconds(),
      collectRefs(this.db),
    );
    const generator = ROW_GENERATORS[store.name];
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const now = this.clock.nowSeconds();
      const values = generator ? generator(ctx, now, store) : this.cloneRandom(served, now);
      if (!values) break;
      const row = store.insert({
        ...values,
        // A CMDB class table inserts CIs of its class.
        ...(served.className === undefined ? {} : { sys_class_name: served.className }),
        sys_id: this.rng.sysId(),
        sys_created_on: now,
        sys_updated_on: now,
        sys_mod_count: '0',
      });
      ids.push(store.sysId.get(row));
    }
    return ids;
  }

  /** Sets or clears (count 0) the mutate-while-paging rule of a table. */
  setMutateWhilePaging(table: string, every: number, count: number): void {
    this.served(table);
    if (count <= 0 || every <= 0) this.pagingRules.delete(table);
    else this.pagingRules.set(table, { table, every, count });
    this.listCounts.set(table, 0);
  }

  /** Called before each list request on a table; applies its mutate-while-paging rule. */
  beforeList(table: string): void {
    const rule = this.pagingRules.get(table);
    if (!rule) return;
    const n = (this.listCounts.get(table) ?? 0) + 1;
    this.listCounts.set(table, n);
    if (n % rule.every === 0) this.update(table, rule.count);
  }

  private served(table: string): ServedTable {
    const served = this.db.table(table);
    if (!served) throw new Error(`unknown table ${table}`);
    return served;
  }

  private rowsOf(table: ServedTable, sysIds: readonly string[]): number[] {
    return sysIds.map((id) => table.store.rowOf(id)).filter((r) => r >= 0 && table.contains(r));
  }

  /** Up to `count` distinct random live rows of the table (of its class, for CMDB class tables). */
  private pick(table: ServedTable, count: number): number[] {
    const store = table.store;
    const belongs = (r: number): boolean => store.isLive(r) && table.contains(r);
    // Drawing at random is fast while most rows qualify; otherwise list the candidates first.
    if (table.className !== undefined || count * 2 >= store.size) {
      const candidates: number[] = [];
      for (let r = 0; r < store.allocated; r++) if (belongs(r)) candidates.push(r);
      for (let i = candidates.length - 1; i > 0; i--) {
        const j = Math.floor(this.rng.next() * (i + 1));
        [candidates[i], candidates[j]] = [candidates[j] ?? 0, candidates[i] ?? 0];
      }
      return candidates.slice(0, count);
    }
    const chosen = new Set<number>();
    while (chosen.size < count) {
      const r = Math.floor(this.rng.next() * store.allocated);
      if (belongs(r)) chosen.add(r);
    }
    return [...chosen];
  }

  private cloneRandom(table: ServedTable, now: number): RowValues | undefined {
    const store = table.store;
    const [row] = this.pick(table, 1);
    if (row === undefined) return undefined;
    const values: Record<string, string | number> = {};
    store.schema.fields.forEach((f, i) => {
      values[f.name] = store.columns[i]?.get(row) ?? '';
    });
    values.number = store.field('number') ? store.nextNumber() : '';
    values.sys_created_by = 'sim.mutator';
    values.sys_updated_by = 'sim.mutator';
    values.sys_updated_on = now;
    return values;
  }
}
