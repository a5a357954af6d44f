// Runs every compiled control over the records of all sources together.
import type { CompiledPack } from './compile-pack.js';
import type { RecordKind } from '../contracts/records.js';
import type { CompiledControl, ControlPass, Emit, Output, RecordsOf } from './control-context.js';
import { passedResults, type PassedRecords } from './passed.js';
import { visitRecords } from './each-record.js';
import type { ClauseRollup, Result } from './result.js';
import { RecordView } from './record-view.js';
import { rollUp } from './rollup.js';
import { applyWaivers } from './waivers.js';

export interface Evaluation {
  /** Every result except a record passing a per-record control: alarms, errors, waivers, skips, groups. */
  results: Result[];
  /** The records that passed per-record controls, compactly; see passedResults() and allResults(). */
  passed: PassedRecords[];
  clauses: ClauseRollup[];
}

/** Every result, passes included, as objects: for small evaluations (tests, samples), not a full run. */
export function allResults(evaluation: Evaluation): Result[] {
  return [...evaluation.results, ...passedResults(evaluation.passed)];
}

export function evaluatePack(compiled: CompiledPack, records: RecordsOf, now: Date): Evaluation {
  const at = now.getTime();
  const results: Result[] = [];
  const hasWaivers = compiled.waivers.size > 0;
  const emit = hasWaivers
    ? (r: Result) => void results.push(applyWaivers(r, compiled.waivers, at))
    : (r: Result) => void results.push(r);
  const passed: PassedRecords[] = [];
  const view = new RecordView(records);
  compiled.frame.view = view;
  try {
    for (const [kind, controls] of byResource(compiled.controls)) {
      evaluateKind(view, kind, controls, { at, emit, results, passed });
    }
  } finally {
    compiled.frame.view = undefined;
  }
  return { results, passed, clauses: rollUp(compiled.clauses, compiled.controls, results, passed) };
}

/** Controls grouped by the kind they judge, in pack order within each kind. */
function byResource(controls: readonly CompiledControl[]): Map<RecordKind, CompiledControl[]> {
  const groups = new Map<RecordKind, CompiledControl[]>();
  for (const c of controls) {
    const group = groups.get(c.pass.kind);
    if (group === undefined) groups.set(c.pass.kind, [c]);
    else group.push(c);
  }
  return groups;
}

interface Collect {
  at: number;
  emit: Emit;
  results: Result[];
  passed: PassedRecords[];
}

/** Runs every control of one kind over that kind's records in a single loop. */
function evaluateKind(
  view: RecordView,
  kind: RecordKind,
  controls: readonly CompiledControl[],
  collect: Collect,
): void {
  const list = view.of(kind);
  const running: { control: CompiledControl; pass: ControlPass; out: Output }[] = [];
  for (const control of controls) {
    const indexes: number[] = [];
    const out: Output = { emit: collect.emit, passed: (i) => void indexes.push(i) };
    guarded(control, collect.results, () => {
      if (!control.pass.begin(view, collect.at, out)) return;
      running.push({ control, pass: control.pass, out });
      collect.passed.push({ control: control.control, list, indexes });
    });
  }
  if (running.length === 0) return;
  visitRecords(view, list, running);
  for (const { control, pass } of running) guarded(control, collect.results, () => pass.end());
}

/** A bug in one control must not hide the others' results: it becomes that control's `error`. */
function guarded(control: CompiledControl, results: Result[], step: () => void): void {
  try {
    step();
  } catch (error) {
    const reason = `could not evaluate: ${error instanceof Error ? error.message : String(error)}`;
    const { id, clauses, severity } = control.control;
    results.push({ control: id, clauses, severity, status: 'error', subject: 'all', records: [], reason });
  }
}
