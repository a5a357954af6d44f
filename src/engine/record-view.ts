// One evaluation's view of the records. Work that depends only on a record, not on a control, is done
// once here and shared by every control: the envelope check, the reference a result cites, and each
// date field parsed to epoch milliseconds. A pack of 130 controls over a million incidents would
// otherwise repeat each of these some forty times per record.
import type { RecordKind } from '../contracts/records.js';
import type { Rec } from './accessor.js';
import type { RecordsOf } from './control-context.js';
import { envelopeProblem, refOf } from './record-guard.js';
import type { RecordRef } from './result.js';

/** How a null date is kept in a column; NaN marks a value that is missing or malformed. */
const NULL_DATE = -Infinity;

/** The records of one kind, with what every control needs of them computed at most once. */
export class KindRecords {
  readonly length: number;
  private readonly problems: (string | undefined)[];
  private readonly refs: (readonly RecordRef[])[];
  private readonly dates = new Map<string, Float64Array>();

  constructor(
    readonly kind: RecordKind,
    readonly records: readonly unknown[],
  ) {
    this.length = records.length;
    this.problems = new Array<string | undefined>(records.length);
    this.refs = new Array<readonly RecordRef[]>(records.length);
    for (let i = 0; i < records.length; i++) this.problems[i] = envelopeProblem(records[i], kind);
  }

  /** Why record i is not a usable record of this kind, or undefined when it is. */
  problemAt(i: number): string | undefined {
    return this.problems[i];
  }

  /** The one-element reference list a result about record i cites; one shared array per record. */
  refsAt(i: number): readonly RecordRef[] {
    return (this.refs[i] ??= [refOf(this.records[i] as Rec)]);
  }

  /**
   * A date field of every record, parsed once by `parse` (which throws on a malformed value). The
   * column holds milliseconds, NULL_DATE for null, NaN where `parse` threw, so that the caller can
   * parse that one record again to raise the exact error.
   */
  dateColumn(path: string, parse: (r: Rec) => number | null): Float64Array {
    let column = this.dates.get(path);
    if (column !== undefined) return column;
    column = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) {
      if (this.problems[i] !== undefined) {
        column[i] = NaN;
        continue;
      }
      try {
        column[i] = parse(this.records[i] as Rec) ?? NULL_DATE;
      } catch {
        column[i] = NaN;
      }
    }
    this.dates.set(path, column);
    return column;
  }
}

/** Reads a column cell: milliseconds, null, or undefined when the value must be parsed again. */
export function dateCell(column: Float64Array, i: number): number | null | undefined {
  const v = column[i] as number;
  if (v === NULL_DATE) return null;
  return Number.isNaN(v) ? undefined : v;
}

/** All kinds for one evaluation, and which record the running control is looking at. */
export class RecordView {
  private readonly kinds = new Map<RecordKind, KindRecords>();
  private readonly shared = new Map<string, unknown>();
  /** Set by the record loop; lets a compiled date reader find the record's cell without a lookup. */
  current: KindRecords | undefined;
  index = -1;

  constructor(private readonly source: RecordsOf) {}

  /** A value several controls can share for this evaluation (a relation index), built on first use. */
  memo<T>(key: string, build: () => T): T {
    if (this.shared.has(key)) return this.shared.get(key) as T;
    const value = build();
    this.shared.set(key, value);
    return value;
  }

  of(kind: RecordKind): KindRecords {
    let list = this.kinds.get(kind);
    if (list === undefined) this.kinds.set(kind, (list = new KindRecords(kind, this.source(kind))));
    return list;
  }
}

/**
 * What compiled readers share with the evaluation that runs them. A compiled pack is reused by every
 * run, so the view is set for the duration of one evaluatePack call and cleared after it.
 */
export interface Frame {
  view: RecordView | undefined;
}

export function newFrame(): Frame {
  return { view: undefined };
}
