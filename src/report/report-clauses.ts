// The clause tree as the report shows it: clauses 4-10 in the pack's (tree) order, each with the engine's
// roll-up, its 2011-edition counterpart and what people must show for it.
import type { Clause } from '../engine/pack-schema.js';
import type { ClauseRollup } from '../engine/result.js';
import type { ReportClause } from './report-schema.js';

export function reportClauses(clauses: readonly Clause[], rollups: readonly ClauseRollup[]): ReportClause[] {
  const parentOf = new Map(clauses.map((c) => [c.id, c.parent]));
  const rollupOf = new Map(rollups.map((r) => [r.clause, r]));
  const depthOf = (id: string): number => {
    let depth = 0;
    // Bounded by the clause count, so a parent cycle (refused by validation anyway) cannot loop forever.
    for (let p = parentOf.get(id); p !== undefined && depth < clauses.length; p = parentOf.get(p)) depth++;
    return depth;
  };
  return clauses.map((c) => {
    const r = rollupOf.get(c.id);
    return {
      id: c.id,
      title: c.title,
      parent: c.parent ?? null,
      depth: depthOf(c.id),
      crosswalk2011: [...(c.crosswalk2011 ?? [])],
      automation: c.automation,
      status: r?.status ?? (c.automation === 'manual' ? 'manual' : 'skip'),
      checked: r?.checked ?? 0,
      passed: r?.passed ?? 0,
      failed: r?.failed ?? 0,
      waived: r?.waived ?? 0,
      errors: r?.errors ?? 0,
      controls: [...(r?.controls ?? [])],
      evidence: [...(c.evidence ?? [])],
    };
  });
}

/** The top-level clause (4..10) a clause belongs to: the first number of its id. */
export function clauseGroup(id: string): string {
  return id.split('.')[0] ?? id;
}
