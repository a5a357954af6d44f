// A control as the API shows it: what it checks (from the pack) and how many findings it holds now.
import { z } from 'zod';
import { RecordKindSchema } from '../contracts/records.js';
import type { Control } from '../engine/pack-schema.js';
import { findingsIndex } from '../state/findings-index.js';
import type { StateData } from '../state/state-schema.js';

export const ControlViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  clauses: z.array(z.string()),
  kind: z.enum(['record', 'aggregate', 'freshness', 'relation']),
  resource: RecordKindSchema,
  severity: z.enum(['info', 'minor', 'major']),
  /** How to close a gap, in the pack's words. */
  guidance: z.string(),
  findings: z.object({ open: z.number().int(), resolved: z.number().int(), waived: z.number().int() }),
});
export type ControlView = z.infer<typeof ControlViewSchema>;

export function controlViews(controls: readonly Control[], state: Readonly<StateData>): ControlView[] {
  const counts = findingsIndex(state.findings).byControl;
  return controls.map((control) => ({
    id: control.id,
    title: control.title,
    clauses: control.clauses,
    kind: control.kind,
    resource: control.resource,
    severity: control.severity,
    guidance: control.guidance,
    findings: counts.get(control.id) ?? { open: 0, resolved: 0, waived: 0 },
  }));
}
