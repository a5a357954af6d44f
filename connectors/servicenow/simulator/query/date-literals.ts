// Evaluates the `javascript:gs.*` date expressions clients put in encoded queries. Only a fixed list of
// GlideSystem date helpers is recognised (no eval); the calling user's time zone is taken to be UTC.
import { parseDateTime } from '../time-format.js';
import { QuerySyntaxError } from './parse.js';

const DAY = 86_400;
const startOfDay = (s: number): number => Math.floor(s / DAY) * DAY;

type Helper = (args: readonly string[], now: number) => number;

const num = (args: readonly string[]): number => {
  const n = Number(args[0] ?? '0');
  if (!Number.isFinite(n))
    throw new QuerySyntaxError(`Invalid number "${args[0] ?? ''}" in javascript: value`);
  return n;
};

const HELPERS: Readonly<Record<string, Helper>> = {
  dateGenerate: (args) => {
    const [day = '', time = ''] = args;
    const clock = time === 'start' ? '00:00:00' : time === 'end' ? '23:59:59' : time;
    const secs = parseDateTime(`${day} ${clock}`);
    if (secs === undefined) throw new QuerySyntaxError(`Invalid gs.dateGenerate('${day}','${time}')`);
    return secs;
  },
  nowDateTime: (_a, now) => now,
  now: (_a, now) => now,
  beginningOfToday: (_a, now) => startOfDay(now),
  endOfToday: (_a, now) => startOfDay(now) + DAY - 1,
  beginningOfYesterday: (_a, now) => startOfDay(now) - DAY,
  endOfYesterday: (_a, now) => startOfDay(now) - 1,
  daysAgo: (a, now) => now - num(a) * DAY,
  daysAgoStart: (a, now) => startOfDay(now - num(a) * DAY),
  daysAgoEnd: (a, now) => startOfDay(now - num(a) * DAY) + DAY - 1,
  hoursAgo: (a, now) => now - num(a) * 3600,
  hoursAgoStart: (a, now) => Math.floor((now - num(a) * 3600) / 3600) * 3600,
  hoursAgoEnd: (a, now) => Math.floor((now - num(a) * 3600) / 3600) * 3600 + 3599,
  minutesAgo: (a, now) => now - num(a) * 60,
  minutesAgoStart: (a, now) => Math.floor((now - num(a) * 60) / 60) * 60,
  minutesAgoEnd: (a, now) => Math.floor((now - num(a) * 60) / 60) * 60 + 59,
};

const CALL = /^javascript:\s*gs\.([A-Za-z]+)\(\s*(.*?)\s*\)\s*;?\s*$/;

export function isScriptValue(value: string): boolean {
  return value.startsWith('javascript:');
}

/** Epoch seconds of a `javascript:gs.<helper>(...)` value. */
export function evaluateScriptDate(value: string, nowSeconds: number): number {
  const m = CALL.exec(value);
  const helper = m ? HELPERS[m[1] ?? ''] : undefined;
  if (!m || !helper) throw new QuerySyntaxError(`Unsupported javascript: value "${value}"`);
  const rawArgs = m[2] ?? '';
  const args = rawArgs === '' ? [] : rawArgs.split(',').map((a) => a.trim().replace(/^['"]|['"]$/g, ''));
  return helper(args, nowSeconds);
}

/** Epoch seconds of a date value: a UTC literal or a gs helper; undefined if it is neither. */
export function resolveDateValue(value: string, nowSeconds: number): number | undefined {
  return isScriptValue(value) ? evaluateScriptDate(value, nowSeconds) : parseDateTime(value.trim());
}
