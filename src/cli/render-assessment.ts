// The clause table printed after the stream table: where each automated clause stands, with the counts an
// auditor asks for ("how many of how many"), then the findings that changed in this run.
import type { ClauseRollup } from '../engine/index.js';
import type { Assessment } from '../pipeline/assess.js';
import { renderTable } from './render-table.js';

export function renderAssessment(assessment: Assessment): string {
  const automated = assessment.clauses.filter((c) => c.automation === 'automated' || c.controls.length > 0);
  const manual = assessment.clauses.length - automated.length;
  const count = (status: ClauseRollup['status']) => automated.filter((c) => c.status === status).length;
  const table = renderTable(automated, [
    { header: 'clause', value: (c) => c.clause, align: 'left' },
    { header: 'title', value: (c) => c.title, align: 'left' },
    { header: 'controls', value: (c) => c.controls.length },
    { header: 'checked', value: (c) => c.checked },
    { header: 'passed', value: (c) => c.passed },
    { header: 'failed', value: (c) => c.failed },
    { header: 'waived', value: (c) => c.waived },
    { header: 'status', value: (c) => c.status, align: 'left' },
  ]);
  const { opened, resolved, reopened, waived } = assessment.changes;
  return [
    table,
    `${automated.length} clauses checked by ${assessment.pack}: ${count('alarm')} with gaps, ${count('ok')} ok, ` +
      `${count('skip')} skipped (nothing to judge); ${manual} more are evidenced by people.`,
    ...skipLines(assessment, automated),
    `Findings this run: ${opened.length} opened, ${reopened.length} reopened, ${resolved.length} resolved, ${waived.length} waived.`,
  ].join('\n');
}

/** Why each skipped clause judged nothing: a control never passes on missing data, it says so. */
function skipLines(assessment: Assessment, automated: readonly ClauseRollup[]): string[] {
  const skipped = new Set(automated.filter((c) => c.status === 'skip').map((c) => c.clause));
  const reasons = new Map<string, Set<string>>();
  for (const result of assessment.results) {
    if (result.status !== 'skip' || result.subject !== 'all') continue;
    for (const clause of result.clauses) {
      if (!skipped.has(clause)) continue;
      let set = reasons.get(clause);
      if (set === undefined) reasons.set(clause, (set = new Set()));
      set.add(result.reason);
    }
  }
  return [...reasons].map(([clause, set]) => `  skipped ${clause}: ${[...set].join('; ')}`);
}
