// Parses a ServiceNow encoded query ("active=true^priorityIN1,2^ORcategory=network^NQ...^ORDERBYnumber")
// into a small tree. `^` is AND, `^OR` binds tighter (it joins the condition to the one before it), `^NQ`
// starts a new AND group, and the groups are ORed. ORDERBY terms apply to the whole query.

export const OPERATORS = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'EMPTYSTRING',
  'ANYTHING',
  'NOT LIKE',
  'LIKE',
  'STARTSWITH',
  'ENDSWITH',
  'NOT IN',
  'IN',
  'BETWEEN',
  'NSAMEAS',
  'SAMEAS',
  'NOTON',
  'ON',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Operators that take no value. */
export const UNARY: ReadonlySet<Operator> = new Set(['ISNOTEMPTY', 'ISEMPTY', 'EMPTYSTRING', 'ANYTHING']);

export interface Condition {
  /** Column name, possibly dot-walked (assigned_to.user_name). */
  readonly field: string;
  readonly op: Operator;
  readonly value: string;
}

/** Conditions joined by ^OR. */
export type Disjunction = readonly Condition[];
/** Disjunctions joined by ^. */
export type Group = readonly Disjunction[];

export interface OrderTerm {
  readonly field: string;
  readonly desc: boolean;
}

export interface EncodedQuery {
  /** Groups joined by ^NQ (OR); empty means "every row". */
  readonly groups: readonly Group[];
  readonly orderBy: readonly OrderTerm[];
}

export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
}

const FIELD = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/;

/** Splits on `^`, where `^^` stands for a literal caret inside a value. */
function splitTerms(query: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch !== '^') {
      current += ch;
    } else if (query[i + 1] === '^') {
      current += '^';
      i++;
    } else {
      terms.push(current);
      current = '';
    }
  }
  terms.push(current);
  return terms;
}

export function parseCondition(term: string): Condition {
  const m = FIELD.exec(term);
  if (!m) throw new QuerySyntaxError(`Invalid query term "${term}": expected a field name`);
  const field = m[0];
  const rest = term.slice(field.length);
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (op === undefined) throw new QuerySyntaxError(`Invalid query term "${term}": unknown operator`);
  const value = rest.slice(op.length);
  if (UNARY.has(op) && value !== '')
    throw new QuerySyntaxError(`Invalid query term "${term}": ${op} takes no value`);
  if (op === 'BETWEEN' && value.split('@').length !== 2) {
    throw new QuerySyntaxError(`Invalid query term "${term}": BETWEEN needs "low@high"`);
  }
  if ((op === 'ON' || op === 'NOTON') && value.split('@').length !== 3) {
    throw new QuerySyntaxError(`Invalid query term "${term}": ON needs "label@start@end"`);
  }
  return { field, op, value };
}

export function parseEncodedQuery(query: string): EncodedQuery {
  const groups: Condition[][][] = [];
  const orderBy: OrderTerm[] = [];
  let group: Condition[][] = [];
  const order = (field: string, desc: boolean): void => {
    if (!FIELD.test(field) || FIELD.exec(field)?.[0] !== field) {
      throw new QuerySyntaxError(`Invalid ORDERBY field "${field}"`);
    }
    orderBy.push({ field, desc });
  };
  for (const raw of splitTerms(query)) {
    const term = raw.trim();
    if (term === '' || term === 'EQ') continue;
    if (term.startsWith('ORDERBYDESC')) order(term.slice(11), true);
    else if (term.startsWith('ORDERBY')) order(term.slice(7), false);
    else if (term.startsWith('GROUPBY'))
      continue; // grouping only shapes list views; the Table API ignores it
    else if (term.startsWith('NQ')) {
      if (group.length > 0) groups.push(group);
      group = [[parseCondition(term.slice(2))]];
    } else if (term.startsWith('OR')) {
      const last = group[group.length - 1];
      if (!last) throw new QuerySyntaxError(`Invalid query term "${term}": OR without a condition before it`);
      last.push(parseCondition(term.slice(2)));
    } else {
      group.push([parseCondition(term)]);
    }
  }
  if (group.length > 0) groups.push(group);
  return { groups, orderBy };
}
