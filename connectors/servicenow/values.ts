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
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/.exec(s);
  if (m === null) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  // Date.UTC rolls 2026-02-31 over to March; an impossible date is not a date.
  return iso.startsWith(`${m[1]}-${m[2]}-${m[3]}`) ? iso : null;
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
