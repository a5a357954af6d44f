// Reads rows (see row-layout.ts) back into records, resolving table references. One decoder belongs
// to one file being read; the table grows as the file's `{"t":[...]}` lines arrive.
import type { CanonicalRecord } from '../contracts/records.js';
import type { RowLayout } from './row-layout.js';

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
    if (typeof value !== 'object' || value === null || !('t' in value) || !Array.isArray(value.t)) return false;
    const strings: unknown[] = value.t;
    if (!strings.every((s) => typeof s === 'string')) return false;
    for (const s of strings) this.table.push(s);
    return true;
  }

  /** A parsed row as a record, or undefined when it is not a valid row of this layout. */
  decode(row: unknown): CanonicalRecord | undefined {
    if (!Array.isArray(row)) return undefined;
    const { plainLength, idIndex } = this.layout;
    if ((row.length !== plainLength && row.length !== plainLength + 1) || typeof row[idIndex] !== 'string') return undefined;
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
  // v holds the row value just read; a number in a table field is a reference (B throws if bad).
  const props = layout.fields.slice(0, -1).map((field, i) => {
    if (field === 'url') return `url:U(r[${i}],r)`;
    return dict.has(field) ? `${field}:(typeof (v=r[${i}])==='number'?(T[v]??B()):v)` : `${field}:r[${i}]`;
  });
  const n = layout.plainLength;
  const key = layout.keyIndex;
  const source =
    `const B=()=>{throw new Error('bad table reference');};` +
    `const U=(x,r)=>{if(typeof x!=='number')return x;` +
    `if(x>=0)return (T[x]??B())+r[${layout.idIndex}];` +
    `const k=r[${key}];return (T[~x]??B())+(typeof k==='number'?(T[k]??B()):k);};` +
    `return function build(r){let v;const o={kind:K,${props.join(',')}};` +
    `if(r.length>${n}&&r[${n}]!==null)o.extra=r[${n}];return o;};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated for speed, see above.
  return (new Function('K', 'T', source) as (kind: string, table: string[]) => Builder)(layout.kind, table);
}
