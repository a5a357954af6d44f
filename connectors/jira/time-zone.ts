// JQL dates have minute precision and are read in the time zone of the user who asks (itsm-apis.md B.2),
// so an incremental query must write its lower bound in the API user's zone, not in UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (a site can send a zone name this Node build lacks). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "yyyy/MM/dd HH:mm" of the minute holding `ms`, in `timeZone` (the JQL date format). */
export function jqlMinute(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The offset of `timeZone` from UTC at instant `ms`, in milliseconds (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a local wall-clock minute in `timeZone`. In a repeated hour (clocks going back) this is the
 * earlier of the two instants, so a lower bound read this way never skips anything; in a skipped hour it is
 * the instant the clocks jumped over.
 */
export function localToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const wanted = `${year}/${pad(month)}/${pad(day)} ${pad(hour)}:${pad(minute)}`;
  // The offsets a few hours either side cover both readings of a wall time next to a transition.
  const candidates = [
    wall - offsetAt(wall - 10_800_000, timeZone),
    wall - offsetAt(wall + 10_800_000, timeZone),
  ];
  const valid = candidates.filter((t) => jqlMinute(t, timeZone) === wanted);
  return Math.min(...(valid.length > 0 ? valid : candidates));
}

/** Jira's timestamp form: "2023-06-24T19:24:50.000+0000" (UTC offset without a colon). */
export function jiraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Parses Jira's "…+0000" / "…+1000" timestamps (and ISO forms) to epoch ms; NaN when unreadable. */
export function parseJiraTime(value: string): number {
  // Node reads "+0000" without a colon, but not every engine does: insert it.
  const fixed = /[+-]\d{4}$/.test(value) ? `${value.slice(0, -2)}:${value.slice(-2)}` : value;
  return Date.parse(fixed);
}
