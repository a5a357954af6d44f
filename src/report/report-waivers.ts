// The waivers section: every configured waiver with its reason and expiry, whether it still held when
// the controls were judged, and how many gaps it accepted. Expired waivers stay listed: an auditor asks
// about them too.
import type { Control, Waiver } from '../engine/pack-schema.js';
import type { ReportControl, ReportWaiver } from './report-schema.js';

const DAY_MS = 86_400_000;

export function reportWaivers(
  waivers: readonly Waiver[],
  controls: readonly Control[],
  figures: readonly ReportControl[],
  evaluatedAt: Date,
): ReportWaiver[] {
  const known = new Set(controls.map((c) => c.id));
  const waivedOf = new Map(figures.map((f) => [f.id, f.waivedFindings]));
  return waivers.map((w) => {
    // A waiver holds through the day it names (the engine's rule, src/engine/waivers.ts).
    const until = Date.parse(`${w.expires}T00:00:00.000Z`) + DAY_MS;
    const state = !known.has(w.control)
      ? 'unknown-control'
      : evaluatedAt.getTime() < until
        ? 'active'
        : 'expired';
    const resultsWaived = (waivedOf.get(w.control) ?? []).filter(
      (f) =>
        f.waiver?.reason === w.reason &&
        f.waiver.expires === w.expires &&
        (w.subject === undefined || w.subject === f.subject),
    ).length;
    return {
      control: w.control,
      subject: w.subject ?? null,
      reason: w.reason,
      expires: w.expires,
      state,
      resultsWaived,
    };
  });
}
