// Value formatting shared by the renderers for people (HTML, Markdown): the same figure reads the same
// in both.
import type { ReportControl, ReportPeriod } from './report-schema.js';

/** 1234567 -> "1,234,567": large figures read at a glance. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 0.925 -> "92.5%"; null (nothing judged) -> "n/a". */
export function percent(rate: number | null): string {
  if (rate === null) return 'n/a';
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

/** "37 of 40 records passed" */
export function passSentence(c: ReportControl): string {
  if (c.judged === 0) return `no ${c.unit} judged`;
  return `${c.passed} of ${c.judged} ${c.unit} passed`;
}

/** An ISO timestamp as "2026-03-04 05:06 UTC"; null -> "-". */
export function when(iso: string | null): string {
  if (iso === null) return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** An ISO timestamp as its UTC date; null -> "-". */
export function day(iso: string | null): string {
  return iso === null ? '-' : iso.slice(0, 10);
}

export function periodText(period: ReportPeriod): string {
  if (period.requested === null) return 'all records (no --period given)';
  const { from, to } = period.requested;
  return `${from === null ? 'open start' : when(from)} to ${to === null ? 'open end' : when(to)}`;
}

export function coveredText(period: ReportPeriod): string {
  if (period.earliestRecordDate === null) return 'no dated work records';
  return `${day(period.earliestRecordDate)} to ${day(period.latestRecordDate)} (the covered work records' own opening and closing dates)`;
}

/** Only web links become links: a record's URL comes from its source and must not run script. */
export function safeUrl(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

export const DEFAULT_FAILURE_CAP = 50;
