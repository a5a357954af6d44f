// Waivers: an accepted gap stays visible as `waived` instead of alarming, until its expiry date ends.
import { DAY_MS } from './dates.js';
import type { Waiver } from './pack-schema.js';
import type { Result } from './result.js';

interface ActiveWaiver {
  waiver: Waiver;
  subject: string | undefined;
  /** End of the expiry day (UTC), in epoch ms: a waiver holds through the date it names. */
  until: number;
}

export type WaiverIndex = ReadonlyMap<string, readonly ActiveWaiver[]>;

export function compileWaivers(waivers: readonly Waiver[]): WaiverIndex {
  const out = new Map<string, ActiveWaiver[]>();
  for (const waiver of waivers) {
    const until = Date.parse(`${waiver.expires}T00:00:00.000Z`) + DAY_MS;
    const list = out.get(waiver.control) ?? [];
    list.push({ waiver, subject: waiver.subject, until: Number.isNaN(until) ? 0 : until });
    out.set(waiver.control, list);
  }
  return out;
}

/** The result as a waiver leaves it: only alarms change, and only while the waiver lasts. */
export function applyWaivers(result: Result, index: WaiverIndex, now: number): Result {
  if (result.status !== 'alarm') return result;
  const list = index.get(result.control);
  if (list === undefined) return result;
  for (const w of list) {
    if (now >= w.until) continue;
    if (w.subject !== undefined && w.subject !== result.subject) continue;
    return { ...result, status: 'waived', waiver: { reason: w.waiver.reason, expires: w.waiver.expires } };
  }
  return result;
}
