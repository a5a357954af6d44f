// `--period FROM..TO`: which records the report covers, decided by each record's own dates.
// A work record (incident, request, problem, change, release, SLA) is covered when its life
// overlaps the period: opened on or before TO, and not closed before FROM. That keeps everything raised,
// worked on or closed in the period, so closure controls see the records closed in it. Reviews (audits,
// management reviews, tests) count when completed (or, if not completed, opened) on or before TO, however
// long before FROM: "a review
// within 12 months" at the period's end is answered by reviews before the period. Standing records (CIs,
// services, agreements, knowledge) are always covered: they are the configuration work is checked against.
import { AppError } from '../contracts/errors.js';
import { RECORD_KINDS, type RecordKind } from '../contracts/records.js';
import {
  CLOSING_FIELDS,
  OPENING_FIELD,
  STANDING_KINDS,
  closingDate,
  openedAt,
  type LooseRecord,
} from './record-dates.js';

/** Period bounds in epoch ms; an open end is undefined. */
export interface Period {
  from: number | undefined;
  to: number | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const DAY_MS = 86_400_000;

function bound(text: string, end: boolean, whole: string): number | undefined {
  if (text === '') return undefined;
  if (!DATE.test(text) && !DATE_TIME.test(text)) {
    throw usage(whole, `"${text}" is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)`);
  }
  const ms = Date.parse(DATE.test(text) ? `${text}T00:00:00.000Z` : text);
  // Date.parse rolls 2026-02-30 over into March; an impossible date must be refused, not moved.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text.slice(0, 10)) {
    throw usage(whole, `"${text}" is not a calendar date`);
  }
  // A bare date as the end means the whole of that day.
  return end && DATE.test(text) ? ms + DAY_MS - 1 : ms;
}

function usage(whole: string, why: string): AppError {
  return new AppError(
    'USAGE',
    `--period ${JSON.stringify(whole)}: ${why}; write FROM..TO, e.g. 2026-01-01..2026-03-31 (either end may be left open)`,
  );
}

/** Parses `FROM..TO` (dates or UTC times, either end open); throws AppError USAGE when malformed. */
export function parsePeriod(text: string): Period {
  const parts = text.split('..');
  if (parts.length !== 2) throw usage(text, 'expected exactly one ".." between the two ends');
  const [fromText = '', toText = ''] = parts.map((p) => p.trim());
  if (fromText === '' && toText === '') throw usage(text, 'give at least one end');
  const from = bound(fromText, false, text);
  const to = bound(toText, true, text);
  if (from !== undefined && to !== undefined && from > to) throw usage(text, 'FROM is after TO');
  return { from, to };
}

/** Whether a record of `kind` is covered by the period (see the file comment for the rule). */
export function inPeriod(record: LooseRecord, kind: RecordKind, period: Period): boolean {
  if (STANDING_KINDS.includes(kind)) return true;
  if (kind === 'review') return reviewInPeriod(record, period);
  const opened = openedAt(record, kind);
  const closed = closingDate(record, kind).closedAt;
  const openedMs = opened === null ? undefined : Date.parse(opened);
  const closedMs = closed === null ? undefined : Date.parse(closed);
  if (period.to !== undefined && openedMs !== undefined && openedMs > period.to) return false;
  if (period.from !== undefined && closedMs !== undefined && closedMs < period.from) return false;
  // A record with no opening date at all is placed by its last update.
  if (openedMs === undefined && closedMs === undefined) {
    const updated = typeof record['updatedAt'] === 'string' ? Date.parse(record['updatedAt']) : NaN;
    if (Number.isNaN(updated)) return period.from === undefined && period.to === undefined;
    if (period.to !== undefined && updated > period.to) return false;
    if (period.from !== undefined && updated < period.from) return false;
  }
  return true;
}

function reviewInPeriod(record: LooseRecord, period: Period): boolean {
  if (period.to === undefined) return true;
  const at = closingDate(record, 'review').closedAt ?? openedAt(record, 'review');
  return at === null || Date.parse(at) <= period.to;
}

/**
 * The time controls are judged at: the period's end when it lies in the past (so "a review within 12
 * months" means within 12 months of the period's end), else now.
 */
export function evaluationTime(period: Period | undefined, now: Date): Date {
  if (period?.to === undefined || period.to >= now.getTime()) return now;
  return new Date(period.to);
}

/** The per-kind rules in words, for the report and its documentation. */
export function periodRules(): { kinds: RecordKind[]; rule: string }[] {
  const work = RECORD_KINDS.filter((k) => !STANDING_KINDS.includes(k) && k !== 'review');
  return [
    ...work.map((kind) => ({
      kinds: [kind],
      rule:
        `opened (${OPENING_FIELD[kind] ?? 'createdAt'}) on or before the period's end and not closed ` +
        `(${(CLOSING_FIELDS[kind] ?? []).join(' or ') || 'no closing date'}) before its start`,
    })),
    {
      kinds: ['review'],
      rule: "completed (completedAt, else createdAt) on or before the period's end, however early: reviews before the period show whether the review interval was kept at its end",
    },
    {
      kinds: [...STANDING_KINDS],
      rule: 'always covered: standing configuration and documents, judged as they are now',
    },
  ];
}
