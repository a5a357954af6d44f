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
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}

/** The two decimal digits at `i` as a number, or -1 if either is not a digit. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), by the days-from-civil algorithm. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/**
 * The canonical form every connector writes (2026-01-02T03:04:05.000Z) read digit by digit: this runs
 * for every record, and a regular expression plus Date.parse costs several times more.
 */
function parseCanonical(t: string): number {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84) return NaN;
  if (t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46) return NaN;
  const hi = two(t, 0);
  const lo = two(t, 2);
  const mo = two(t, 5);
  const d = two(t, 8);
  const h = two(t, 11);
  const mi = two(t, 14);
  const s = two(t, 17);
  const m1 = two(t, 20);
  const m2 = t.charCodeAt(22) - 48;
  if (hi < 0 || lo < 0 || m1 < 0 || m2 < 0 || m2 > 9) return NaN;
  const y = hi * 100 + lo;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return NaN;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  // Years 0-99 are rare enough to take the slow road (Date.UTC would read them as 1900-1999).
  if (y < 100) return Date.parse(t);
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + m1 * 10 + m2;
}

/** Milliseconds since the epoch for an ISO-8601 string, or NaN when it is not a real date. */
export function parseIsoDate(text: string): number {
  if (text.length === 24 && text.charCodeAt(23) === 90) return parseCanonical(text);
  if (text.length > 40 || !ISO.test(text)) return NaN;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return NaN;
  // Only UTC strings can be checked digit for digit; offsets move the day, and Date.parse handles them.
  if (text.length > 10 && !text.endsWith('Z')) return ms;
  const day = Number(text.slice(8, 10));
  return utcDayOfMonth(ms) === day ? ms : NaN;
}
