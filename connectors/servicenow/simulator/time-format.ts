// ServiceNow's wire formats for time, handled as epoch seconds internally. Formatting avoids Date objects
// on the hot path because a page of 1000 incidents carries about 7000 timestamps.

const DAY = 86_400;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), valid for any year we meet. */
function civil(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** glide_date: "YYYY-MM-DD" (UTC). */
export function formatDate(epochSeconds: number): string {
  const [y, m, d] = civil(Math.floor(epochSeconds / DAY));
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** glide_date_time: "YYYY-MM-DD HH:mm:ss" in UTC, no T and no zone, one-second resolution. */
export function formatDateTime(epochSeconds: number): string {
  const s = Math.floor(epochSeconds);
  const days = Math.floor(s / DAY);
  const rest = s - days * DAY;
  const h = Math.floor(rest / 3600);
  const min = Math.floor((rest % 3600) / 60);
  return `${formatDate(s)} ${pad2(h)}:${pad2(min)}:${pad2(rest % 60)}`;
}

/** glide_duration: an offset from the epoch, "1970-01-02 04:23:17" = 1 day 4 h 23 min 17 s. */
export function formatDuration(seconds: number): string {
  return formatDateTime(Math.max(0, Math.round(seconds)));
}

/** The display form of a duration, as the platform shows it: "1 Day 4 Hours 23 Minutes". */
export function displayDuration(value: string): string {
  const secs = parseDateTime(value);
  if (secs === undefined) return value;
  const parts: string[] = [];
  const units: [number, string][] = [
    [DAY, 'Day'],
    [3600, 'Hour'],
    [60, 'Minute'],
  ];
  let rest = secs;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  if (parts.length === 0) parts.push(`${rest} Second${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * Parses "YYYY-MM-DD HH:mm:ss" or "YYYY-MM-DD" as UTC (never through `new Date(string)`, which reads
 * that form as local time). Returns undefined for anything else.
 */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
