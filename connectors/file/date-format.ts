// Date layouts of exports (`DD/MM/YYYY HH:mm:ss`, `D-M-YYYY H:mm`, Jira's `dd/MMM/yy h:mm a`, ISO 8601)
// compiled once into a parser that returns ISO-8601 UTC. Dates without an offset are wall-clock times in
// the mapping's time zone. This runs for several columns of every row, so a layout becomes a list of
// steps read with charCodeAt (no regular expression, no substrings), and the UTC text of each wall-clock
// hour is computed once (Intl, full ICU in Node) and reused for every date in that hour.

/** Returns ISO-8601 UTC with milliseconds, or undefined when the text does not fit the layout. */
export type DateParser = (text: string) => string | undefined;

type Part =
  | 'year'
  | 'year2'
  | 'month'
  | 'monthName'
  | 'day'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'ms'
  | 'ampm'
  | 'offset';

/** Token, the part it fills, and how many digits it takes (min, max). */
const TOKENS: [token: string, part: Part, min: number, max: number][] = [
  ['YYYY', 'year', 4, 4],
  ['yyyy', 'year', 4, 4],
  ['YY', 'year2', 2, 2],
  ['yy', 'year2', 2, 2],
  ['MMM', 'monthName', 0, 0],
  ['MM', 'month', 2, 2],
  ['M', 'month', 1, 2],
  ['DD', 'day', 2, 2],
  ['dd', 'day', 2, 2],
  ['D', 'day', 1, 2],
  ['d', 'day', 1, 2],
  ['HH', 'hour', 2, 2],
  ['H', 'hour', 1, 2],
  ['hh', 'hour12', 2, 2],
  ['h', 'hour12', 1, 2],
  ['mm', 'minute', 2, 2],
  ['m', 'minute', 1, 2],
  ['ss', 'second', 2, 2],
  ['s', 'second', 1, 2],
  ['SSS', 'ms', 1, 3],
  ['A', 'ampm', 0, 0],
  ['a', 'ampm', 0, 0],
  ['Z', 'offset', 0, 0],
];

type Step = { part: Part; min: number; max: number } | { literal: number } | { spaces: true };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Dutch and German abbreviations that differ from English. */
const MONTH_ALIASES: Record<string, number> = { mrt: 3, mei: 5, okt: 10, mär: 3, mai: 5, dez: 12 };
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Compiles one layout; throws an Error whose message says what is wrong with it. */
export function compileDateFormat(format: string, timezone: string): DateParser {
  const toIso = isoWriter(timezone);
  if (format.toLowerCase() === 'iso') return isoParser(toIso);
  const steps: Step[] = [];
  let at = 0;
  while (at < format.length) {
    const hit = TOKENS.find(([token]) => format.startsWith(token, at));
    if (hit !== undefined) {
      steps.push({ part: hit[1], min: hit[2], max: hit[3] });
      at += hit[0].length;
    } else {
      const char = format[at]!;
      if (/[A-Za-z]/.test(char)) throw new Error(`unknown date token "${char}" in "${format}"`);
      steps.push(char === ' ' ? { spaces: true } : { literal: char.charCodeAt(0) });
      at++;
    }
  }
  const has = (p: Part) => steps.some((s) => 'part' in s && s.part === p);
  if (!(has('year') || has('year2')) || !(has('month') || has('monthName')) || !has('day'))
    throw new Error(`"${format}" needs a year (YYYY or YY), a month (MM, M or MMM) and a day (DD or D)`);
  if (has('hour12') !== has('ampm')) throw new Error(`"${format}": h/hh needs A (AM/PM), and A needs h/hh`);
  return layoutParser(steps, toIso);
}

function layoutParser(steps: readonly Step[], toIso: IsoWriter): DateParser {
  return (text) => {
    // Plain locals rather than an object: this runs millions of times and must not allocate.
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ms = 0;
    let pm = -1;
    let offset = NaN;
    let i = 0;
    for (const step of steps) {
      if ('literal' in step) {
        if (text.charCodeAt(i) !== step.literal) return undefined;
        i++;
      } else if ('spaces' in step) {
        if (text.charCodeAt(i) !== 32) return undefined;
        while (text.charCodeAt(i) === 32) i++;
      } else if (step.part === 'monthName') {
        let end = i;
        while (end < text.length && /[A-Za-zäÄ]/.test(text[end]!)) end++;
        const name = text.slice(i, end).slice(0, 3).toLowerCase();
        month = MONTHS.indexOf(name) + 1 || (MONTH_ALIASES[name] ?? 0);
        i = text.charCodeAt(end) === 46 ? end + 1 : end; // "Mar." as well as "Mar"
      } else if (step.part === 'ampm') {
        const marker = text.slice(i, i + 2).toLowerCase();
        if (marker !== 'am' && marker !== 'pm') return undefined;
        pm = marker === 'pm' ? 1 : 0;
        i += 2;
      } else if (step.part === 'offset') {
        const match = /^(Z|[+-]\d{2}:?\d{2})/.exec(text.slice(i));
        if (match === null) return undefined;
        offset = offsetMinutes(match[1]!);
        i += match[1]!.length;
      } else {
        let n = 0;
        let digits = 0;
        while (digits < step.max) {
          const c = text.charCodeAt(i) - 48;
          if (!(c >= 0 && c <= 9)) break;
          n = n * 10 + c;
          digits++;
          i++;
        }
        if (digits < step.min || digits === 0) return undefined;
        switch (step.part) {
          case 'year':
            year = n;
            break;
          case 'year2':
            year = 2000 + n;
            break;
          case 'month':
            month = n;
            break;
          case 'day':
            day = n;
            break;
          case 'hour':
          case 'hour12':
            hour = n;
            break;
          case 'minute':
            minute = n;
            break;
          case 'second':
            second = n;
            break;
          case 'ms':
            ms = digits === 1 ? n * 100 : digits === 2 ? n * 10 : n;
            break;
        }
      }
    }
    if (i !== text.length) return undefined;
    if (pm >= 0) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + pm * 12;
    }
    return toIso(year, month, day, hour, minute, second, ms, offset);
  };
}

function isoParser(toIso: IsoWriter): DateParser {
  return (text) => {
    const m = ISO.exec(text);
    if (m === null) return undefined;
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    const offset = m[8] === undefined ? NaN : offsetMinutes(m[8]);
    return toIso(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      ms,
      offset,
    );
  };
}

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return text.startsWith('-') ? -minutes : minutes;
}

/** Validated wall-clock parts (and an offset in minutes, NaN for none) -> ISO-8601 UTC, or undefined. */
type IsoWriter = (
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offset: number,
) => string | undefined;

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

function isoWriter(timezone: string): IsoWriter {
  const offsetAt = zoneOffset(timezone);
  /** Per wall-clock hour (as ms): "YYYY-MM-DDTHH:" of the UTC hour it falls in, or null when the zone shifts by part of an hour. */
  const prefixes = new Map<number, string | null>();
  return (y, mo, d, h, mi, s, ms, offset) => {
    if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]! || h > 23 || mi > 59 || s > 59)
      return undefined;
    if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
    const wallHour = Date.UTC(y, mo - 1, d, h);
    if (!Number.isNaN(offset))
      return new Date(wallHour + (mi - offset) * 60_000 + s * 1000 + ms).toISOString();
    let prefix = prefixes.get(wallHour);
    if (prefix === undefined) {
      const shift = offsetAt(wallHour);
      prefix = shift % 3_600_000 === 0 ? new Date(wallHour - shift).toISOString().slice(0, 14) : null;
      if (prefixes.size > 200_000) prefixes.clear();
      prefixes.set(wallHour, prefix);
    }
    if (prefix === null)
      return new Date(wallHour - offsetAt(wallHour) + mi * 60_000 + s * 1000 + ms).toISOString();
    const iso = `${prefix}${two(mi)}:${two(s)}.${three(ms)}Z`;
    iso.charCodeAt(0); // flatten the concatenation: records keep these strings for as long as they live
    return iso;
  };
}

/** The zone's offset (ms) at a wall-clock time given as if it were UTC. Throws for an unknown zone. */
function zoneOffset(timezone: string): (wall: number) => number {
  if (timezone.toUpperCase() === 'UTC') return () => 0;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`unknown time zone "${timezone}" (use an IANA name such as Europe/Amsterdam, or UTC)`);
  }
  const offsetAtInstant = (utc: number): number => {
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(utc)) f[part.type] = Number(part.value);
    return Date.UTC(f['year']!, f['month']! - 1, f['day'], f['hour'], f['minute'], f['second']) - utc;
  };
  return (wall) => {
    // Near a DST switch the offset at the first guess can differ from the one at the answer: use the latter.
    const guess = wall - offsetAtInstant(wall);
    return offsetAtInstant(guess);
  };
}
