// AQL over simulated Assets objects: objectType (=, !=, IN, NOT IN), objectSchema, Key, Name/label, id,
// AND / OR / NOT, and ORDER BY Key, Name, Created, Updated or id.
import { ASSET_TYPES, type SimAsset } from '../model.js';
import { parseQuery, QueryError, type Condition, type OrderTerm } from './parse.js';

export interface CompiledAql {
  test: (asset: SimAsset) => boolean;
  orderBy: OrderTerm[];
}

const typeName = (a: SimAsset) => ASSET_TYPES.find((t) => t.id === a.typeId)?.name ?? '';

function compileTerm(term: Extract<Condition, { kind: 'term' }>): (a: SimAsset) => boolean {
  const field = term.field.toLowerCase();
  const values = term.values.map((v) => v.toLowerCase());
  let get: (a: SimAsset) => string;
  switch (field) {
    case 'objecttype':
      get = (a) => typeName(a).toLowerCase();
      for (const v of values) {
        if (!ASSET_TYPES.some((t) => t.name.toLowerCase() === v)) {
          throw new QueryError(`ObjectType "${v}" does not exist`);
        }
      }
      break;
    case 'objectschema':
      get = () => 'itsm';
      break;
    case 'key':
    case 'objectkey':
      get = (a) => a.objectKey.toLowerCase();
      break;
    case 'name':
    case 'label':
      get = (a) => a.label.toLowerCase();
      break;
    case 'objectid':
    case 'id':
      get = (a) => String(a.id);
      break;
    case 'status':
      get = (a) => a.status.toLowerCase();
      break;
    default:
      throw new QueryError(`AQL: the attribute "${term.field}" does not exist`);
  }
  const set = new Set(values);
  switch (term.op) {
    case '=':
    case 'in':
      return (a) => set.has(get(a));
    case '!=':
    case 'not in':
      return (a) => !set.has(get(a));
    case 'like':
      return (a) => get(a).includes(values[0] ?? '');
    default:
      throw new QueryError(`AQL: the operator ${term.op} is not supported for "${term.field}"`);
  }
}

function compile(c: Condition): (a: SimAsset) => boolean {
  if (c.kind === 'term') return compileTerm(c);
  if (c.kind === 'not') {
    const inner = compile(c.part);
    return (a) => !inner(a);
  }
  const parts = c.parts.map(compile);
  return c.kind === 'and' ? (a) => parts.every((p) => p(a)) : (a) => parts.some((p) => p(a));
}

export function compileAql(aql: string): CompiledAql {
  const parsed = parseQuery(aql);
  return { test: parsed.where === undefined ? () => true : compile(parsed.where), orderBy: parsed.orderBy };
}

export function sortAssets(list: SimAsset[], orderBy: OrderTerm[]): SimAsset[] {
  const term = orderBy[0];
  const field = term?.field.toLowerCase() ?? 'id';
  const get = (a: SimAsset): number | string =>
    field === 'name' || field === 'label'
      ? a.label
      : field === 'created'
        ? a.created
        : field === 'updated'
          ? a.updated
          : a.id;
  const dir = term?.direction === 'desc' ? -1 : 1;
  return list.sort((a, b) => {
    const x = get(a);
    const y = get(b);
    return (x < y ? -1 : x > y ? 1 : a.id - b.id) * dir;
  });
}
