// Runs every compiled control over the records of all sources together.
import type { CompiledPack } from './compile-pack.js';
import type { RecordsOf } from './control-context.js';
import type { ClauseRollup, Result } from './result.js';
import { rollUp } from './rollup.js';
import { applyWaivers } from './waivers.js';

export interface Evaluation {
  results: Result[];
  clauses: ClauseRollup[];
}

export function evaluatePack(compiled: CompiledPack, records: RecordsOf, now: Date): Evaluation {
  const at = now.getTime();
  const results: Result[] = [];
  const hasWaivers = compiled.waivers.size > 0;
  const emit = hasWaivers
    ? (r: Result) => void results.push(applyWaivers(r, compiled.waivers, at))
    : (r: Result) => void results.push(r);
  for (const control of compiled.controls) {
    try {
      control.evaluate(records, at, emit);
    } catch (error) {
      // A bug in one control must not hide the others' results.
      const reason = `could not evaluate: ${error instanceof Error ? error.message : String(error)}`;
      const { id, clauses, severity } = control.control;
      results.push({ control: id, clauses, severity, status: 'error', subject: 'all', records: [], reason });
    }
  }
  return { results, clauses: rollUp(compiled.clauses, compiled.controls, results) };
}
