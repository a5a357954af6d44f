// Reads rows (see row-layout.ts) back into records, resolving table references. One decoder belongs
// to one file being read; the table grows as the file's `{"t":[...]}` lines arrive.
import type { CanonicalRecord } from '../contracts/records.js';
import { TILDE, type RowLayout } from './row-layout.js';

type Builder = (row: unknown[]) => CanonicalRecord;

export class RowDecoder {
  readonly layout: RowLayout;
  /** The file's string table so far. */
  readonly table: string[] = [];
  readonly #build: Builder;

  constructor(layout: RowLayout) {
    this.layout = layout;
    this.#build = compileBuilder(layout, this.table);
  }

  /** Appends a table line's strings; false when the value is not a table line. */
  define(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !('t' in value) || !Array.isArray(value.t))
      return false;
    const strings: unknown[] = value.t;
    if (!strings.every((s) => typeof s === 'string')) return false;
    for (const s of strings) this.table.push(s);
    return true;
  }

  /** A parsed row as a record, or undefined when it is not a valid row of this layout. */
  decode(row: unknown): CanonicalRecord | undefined {
    if (!Array.isArray(row)) return undefined;
    const { plainLength, idIndex } = this.layout;
    if ((row.length !== plainLength && row.length !== plainLength + 1) || typeof row[idIndex] !== 'string')
      return undefined;
    try {
      return this.#build(row);
    } catch {
      return undefined; // a reference beyond the table: damaged or misplaced line
    }
  }
}

/**
 * Generated from the field list: a literal `{ kind, a: r[0], b: r[1], ... }` gives every record one
 * hidden class with in-object properties, several times faster to build than assigning keys in a
 * loop (which also leaves objects in slow dictionary mode). Field names are checked identifiers.
 */
function compileBuilder(layout: RowLayout, table: string[]): Builder {
  const dict = new Set(layout.dict);
  const strings = new Set(layout.strings);
  const { idIndex, keyIndex, plainLength: n } = layout;
  // literal(v): the string in v without its "~" mark (see row-layout.ts). B throws on a bad reference.
  const literal = (v: string): string =>
    `(typeof ${v}==='string'&&${v}.charCodeAt(0)===${TILDE}?${v}.slice(1):${v})`;
  const value = (field: string, i: number): string => {
    if (i === idIndex) return 'id';
    if (i === keyIndex && dict.has(field)) return 'key';
    if (field === 'url') return `U(r[${i}],id,key)`;
    if (dict.has(field)) return `(typeof (v=r[${i}])==='number'?(T[v]??B()):${literal('v')})`;
    return strings.has(field) ? `(v=r[${i}],${literal('v')})` : `r[${i}]`;
  };
  const props = layout.fields.slice(0, -1).map((field, i) => `${field}:${value(field, i)}`);
  const source =
    `const B=()=>{throw new Error('bad table reference');};` +
    `const U=(x,id,key)=>typeof x==='number'?(x>=0?(T[x]??B())+id:(T[~x]??B())+key):${literal('x')};` +
    `return function build(r){let v=r[${idIndex}];const id=${literal('v')};` +
    `v=r[${keyIndex}];const key=typeof v==='number'?(T[v]??B()):${literal('v')};` +
    `const o={kind:K,${props.join(',')}};` +
    `if(r.length>${n}&&r[${n}]!==null)o.extra=r[${n}];return o;};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated for speed, see above.
  return (new Function('K', 'T', source) as (kind: string, table: string[]) => Builder)(layout.kind, table);
}
