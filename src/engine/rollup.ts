// The per-clause view an auditor reads: which controls, how many judged, passed and failed.
import type { Clause } from './pack-schema.js';
import type { CompiledControl } from './control-context.js';
import type { PassedRecords } from './passed.js';
import type { ClauseRollup, Result } from './result.js';

export function rollUp(
  clauses: readonly Clause[],
  controls: readonly CompiledControl[],
  results: readonly Result[],
  passed: readonly PassedRecords[] = [],
): ClauseRollup[] {
  const byClause = new Map<string, ClauseRollup>();
  for (const c of clauses) {
    byClause.set(c.id, {
      clause: c.id,
      title: c.title,
      automation: c.automation,
      controls: [],
      checked: 0,
      passed: 0,
      failed: 0,
      waived: 0,
      errors: 0,
      status: 'skip',
    });
  }
  for (const compiled of controls) {
    for (const id of compiled.control.clauses) byClause.get(id)?.controls.push(compiled.id);
  }
  for (const r of results) {
    for (const id of r.clauses) {
      const row = byClause.get(id);
      if (row === undefined || r.status === 'skip') continue;
      row.checked++;
      if (r.status === 'ok') row.passed++;
      else if (r.status === 'alarm') row.failed++;
      else if (r.status === 'waived') row.waived++;
      else row.errors++;
    }
  }
  for (const p of passed) {
    for (const id of p.control.clauses) {
      const row = byClause.get(id);
      if (row === undefined) continue;
      row.checked += p.indexes.length;
      row.passed += p.indexes.length;
    }
  }
  for (const row of byClause.values()) {
    if (row.failed > 0) row.status = 'alarm';
    else if (row.passed > 0) row.status = 'ok';
    else row.status = row.controls.length === 0 && row.automation === 'manual' ? 'manual' : 'skip';
  }
  return [...byClause.values()];
}
