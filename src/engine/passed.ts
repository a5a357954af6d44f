// Records that passed a per-record control, kept as indexes into the evaluation's records. They are the
// bulk of any evaluation (nine in ten results over real data), so they become Result objects only when
// someone asks for them one by one.
import type { Control } from './pack-schema.js';
import type { KindRecords } from './record-view.js';
import type { Result } from './result.js';

export interface PassedRecords {
  control: Control;
  list: KindRecords;
  indexes: number[];
}

/** The `ok` result of one passed record, as the control would have reported it. */
function passedResult(p: PassedRecords, index: number): Result {
  const record = p.list.records[index] as { key: string };
  return {
    control: p.control.id,
    clauses: p.control.clauses,
    severity: p.control.severity,
    status: 'ok',
    subject: record.key,
    records: p.list.refsAt(index),
    reason: `meets: ${p.control.title}`,
  };
}

export function* passedResults(passed: readonly PassedRecords[]): Generator<Result> {
  for (const p of passed) for (const index of p.indexes) yield passedResult(p, index);
}

export function passedCount(passed: readonly PassedRecords[]): number {
  let n = 0;
  for (const p of passed) n += p.indexes.length;
  return n;
}
