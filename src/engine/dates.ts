// Date handling for canonical records. Date.parse rolls 2026-02-30 over to March, so an impossible date
// would pass silently; the day-of-month check below catches it without allocating a Date.

export const DAY_MS = 86_400_000;
export const UNIT_MS = { days: DAY_MS, hours: 3_600_000, minutes: 60_000 } as const;

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Day of month (1-31) of a UTC epoch-millisecond time, by the civil-from-days algorithm. */
function utcDayOfMonth(ms: number): number {
  const z = Math.floor(ms / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}

/** Milliseconds since the epoch for an ISO-8601 string, or NaN when it is not a real date. */
export function parseIsoDate(text: string): number {
  if (text.length > 40 || !ISO.test(text)) return NaN;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return NaN;
  // Only UTC strings can be checked digit for digit; offsets move the day, and Date.parse handles them.
  if (text.length > 10 && !text.endsWith('Z')) return ms;
  const day = Number(text.slice(8, 10));
  return utcDayOfMonth(ms) === day ? ms : NaN;
}
