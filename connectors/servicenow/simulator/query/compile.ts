// Compiles a parsed encoded query against one served table: every condition becomes a closure over its
// column, once per request, so evaluating a row is a few typed-array reads (no eval, no re-parsing).
import type { Database, ServedTable } from '../store/database.js';
import { conditionTest, type RowTest } from './condition-test.js';
import { resolveField, type FieldAccess } from './field-access.js';
import { QuerySyntaxError, type EncodedQuery, type Operator } from './parse.js';

export interface CompiledCondition {
  readonly field: string;
  readonly op: Operator;
  readonly value: string;
  /** Resolved datetime operands (see ConditionTest.times). */
  readonly times: readonly number[] | undefined;
  readonly test: RowTest;
}

/** Conditions joined by ^OR inside a group. */
export type CompiledDisjunction = readonly CompiledCondition[];
/** Disjunctions joined by ^. */
export type CompiledGroup = readonly CompiledDisjunction[];

export interface CompiledOrder {
  readonly access: FieldAccess;
  readonly desc: boolean;
}

export interface CompiledQuery {
  readonly table: ServedTable;
  readonly groups: readonly CompiledGroup[];
  readonly orderBy: readonly CompiledOrder[];
  /** The whole filter, the class filter of CMDB class tables included. */
  readonly predicate: RowTest;
  /** True when every row of the table matches (no condition, no class filter). */
  readonly matchesAll: boolean;
}

function anyOf(tests: readonly RowTest[]): RowTest {
  if (tests.length === 1 && tests[0]) return tests[0];
  return (r) => {
    for (const t of tests) if (t(r)) return true;
    return false;
  };
}

function allOf(tests: readonly RowTest[]): RowTest {
  if (tests.length === 1 && tests[0]) return tests[0];
  return (r) => {
    for (const t of tests) if (!t(r)) return false;
    return true;
  };
}

export function compileQuery(
  db: Database,
  table: ServedTable,
  query: EncodedQuery,
  nowSeconds: number,
): CompiledQuery {
  const access = (path: string): FieldAccess => {
    const found = resolveField(db, table, path);
    if (!found) throw new QuerySyntaxError(`Invalid field "${path}" for table ${table.name}`);
    return found;
  };
  const groups: CompiledGroup[] = query.groups.map((group) =>
    group.map((disjunction) =>
      disjunction.map((c) => {
        const { test, times } = conditionTest(access(c.field), c.op, c.value, nowSeconds, access);
        return { field: c.field, op: c.op, value: c.value, times, test };
      }),
    ),
  );
  const orderBy = query.orderBy.map((o) => ({ access: access(o.field), desc: o.desc }));
  const filters: RowTest[] = [];
  if (groups.length > 0)
    filters.push(anyOf(groups.map((g) => allOf(g.map((d) => anyOf(d.map((c) => c.test)))))));
  if (table.className !== undefined) filters.push((r) => table.contains(r));
  return {
    table,
    groups,
    orderBy,
    predicate: filters.length === 0 ? () => true : allOf(filters),
    matchesAll: filters.length === 0,
  };
}
