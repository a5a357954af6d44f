// A clause as the API shows it: the pack's description (title, automation, evidence, crosswalk) joined
// with where the last assessment left it and how many findings name it.
import { z } from 'zod';
import { findingsIndex } from '../state/findings-index.js';
import type { Pack } from '../engine/pack-schema.js';
import type { StateData } from '../state/state-schema.js';

export const ClauseStatusSchema = z.enum(['ok', 'alarm', 'skip', 'manual', 'not_assessed']);

const FindingCountsSchema = z.object({
  open: z.number().int(),
  resolved: z.number().int(),
  waived: z.number().int(),
});

export const ClauseViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  parent: z.string().nullable(),
  automation: z.enum(['automated', 'manual']),
  /** Records an auditor would ask for (from the pack). */
  evidence: z.array(z.string()),
  /** The matching clauses of ISO/IEC 20000-1:2011. */
  crosswalk2011: z.array(z.string()),
  /** Control ids serving this clause. */
  controls: z.array(z.string()),
  status: ClauseStatusSchema,
  /** Results in the last assessment; null before the first one. */
  results: z
    .object({
      checked: z.number().int(),
      passed: z.number().int(),
      failed: z.number().int(),
      waived: z.number().int(),
      errors: z.number().int(),
    })
    .nullable(),
  findings: FindingCountsSchema,
});
export type ClauseView = z.infer<typeof ClauseViewSchema>;

/** Every clause the pack or the last assessment knows, in the pack's order, then assessment-only ones. */
export function clauseViews(pack: Pack | undefined, state: Readonly<StateData>): ClauseView[] {
  const assessed = new Map((state.lastAssessment?.clauses ?? []).map((c) => [c.clause, c]));
  const findingCounts = findingsIndex(state.findings).byClause;
  const views: ClauseView[] = [];
  const seen = new Set<string>();
  const view = (id: string, fromPack: Pack['clauses'][number] | undefined): ClauseView => {
    const a = assessed.get(id);
    const packControls = (pack?.controls ?? []).filter((c) => c.clauses.includes(id)).map((c) => c.id);
    return {
      id,
      title: fromPack?.title ?? a?.title ?? id,
      parent: fromPack?.parent ?? null,
      automation: fromPack?.automation ?? a?.automation ?? 'manual',
      evidence: fromPack?.evidence ?? [],
      crosswalk2011: fromPack?.crosswalk2011 ?? [],
      controls: a?.controls ?? packControls,
      status: a?.status ?? 'not_assessed',
      results:
        a === undefined
          ? null
          : { checked: a.checked, passed: a.passed, failed: a.failed, waived: a.waived, errors: a.errors },
      findings: findingCounts.get(id) ?? { open: 0, resolved: 0, waived: 0 },
    };
  };
  for (const clause of pack?.clauses ?? []) {
    views.push(view(clause.id, clause));
    seen.add(clause.id);
  }
  for (const id of assessed.keys()) if (!seen.has(id)) views.push(view(id, undefined));
  return views;
}
