// Converters from ServiceNow wire values (every value a string, "" for empty) to canonical values.
// They never throw: a value the instance should not send becomes null, so one odd row cannot stop a sync.

/** A ServiceNow value as read with sysparm_display_value=false and exclude_reference_link=true. */
export type WireValue = string | { value?: string; link?: string; display_value?: string } | null | undefined;

export function str(v: WireValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return v.value !== undefined && v.value !== '' ? v.value : null;
  return v === '' ? null : v;
}

/** glide_date_time "YYYY-MM-DD HH:mm:ss" is UTC without a zone; `new Date()` would read it as local time. */
export function dateTime(v: WireValue): string | null {
  const s = str(v);
  if (s === null) return null;
  // The common case, rewritten by slicing: this runs several times per row of every page.
  if (s.length === 19 && s.charCodeAt(10) === 32 && isValidDateTime(s))
    return flat(`${s.slice(0, 10)}T${s.slice(11)}.000Z`);
  if (s.length === 10 && isValidDate(s)) return flat(`${s}T00:00:00.000Z`);
  return null;
}

/**
 * Concatenation makes a V8 rope (a tree of string pieces, ~125 bytes here); reading a character flattens
 * it, and the next garbage collection keeps only the flat string (~40 bytes). Records live as long as
 * the cache, several dates each: this is a third of a million-record cache's memory.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isValidDate(s: string): boolean {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!)
    return false;
  if (month === 2 && day === 29) {
    const year = century * 100 + yy;
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  }
  return true;
}

function isValidDateTime(s: string): boolean {
  if (!isValidDate(s) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

export function bool(v: WireValue): boolean | null {
  const s = str(v);
  if (s === null) return null;
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  return null;
}

export function int(v: WireValue): number | null {
  const s = str(v);
  if (s === null || !/^-?\d+$/.test(s)) return null;
  return Number(s);
}

export function num(v: WireValue): number | null {
  const s = str(v);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Priority, impact and urgency: 1 (highest) to 5; ServiceNow choice values, sometimes "1 - Critical". */
export function level(v: WireValue): number | null {
  const s = str(v);
  if (s === null) return null;
  const n = Number.parseInt(s, 10);
  return n >= 1 && n <= 5 ? n : null;
}

/** glide_duration comes back as an offset from the epoch: "1970-01-02 04:23:17" is 1 day 4h23m17s. */
export function durationMs(v: WireValue): number | null {
  const s = str(v);
  if (s === null) return null;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const iso = dateTime(s);
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return ms >= 0 ? ms : null;
}

/** Maps a choice value through a table, keeping unknown values as 'other'. */
export function choice<T extends string>(map: Readonly<Record<string, T>>, fallback: T) {
  return (v: WireValue): T => {
    const s = str(v);
    return s === null ? fallback : (map[s.toLowerCase()] ?? fallback);
  };
}

/** Like choice(), but an empty value stays null instead of becoming the fallback. */
export function optionalChoice<T extends string>(map: Readonly<Record<string, T>>, fallback: T) {
  const pick = choice(map, fallback);
  return (v: WireValue): T | null => (str(v) === null ? null : pick(v));
}
