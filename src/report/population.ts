// The records a report covers: the cache filtered by the period, counted per kind and source, with the
// earliest and latest opening and closing dates of the work records among them (what the report can
// truthfully say it covers). Standing records (CIs, services...) are left out of that range: they are
// covered whatever their age, and an updatedAt says when a record was last touched, not when work happened.
import { RECORD_KINDS, type RecordKind } from '../contracts/records.js';
import { STANDING_KINDS, closingDate, openedAt, type LooseRecord } from './record-dates.js';
import { inPeriod, type Period } from './period.js';
import type { RecordsByKind } from './record-lookup.js';

export interface Population {
  records: ReadonlyMap<RecordKind, readonly unknown[]>;
  byKind: Partial<Record<RecordKind, number>>;
  bySource: Map<string, Partial<Record<RecordKind, number>>>;
  total: number;
  excluded: number;
  earliest: string | null;
  latest: string | null;
}

export function selectPopulation(all: RecordsByKind, period: Period | undefined): Population {
  const records = new Map<RecordKind, unknown[]>();
  const byKind: Partial<Record<RecordKind, number>> = {};
  const bySource = new Map<string, Partial<Record<RecordKind, number>>>();
  let total = 0;
  let excluded = 0;
  let earliest = Infinity;
  let latest = -Infinity;
  for (const kind of RECORD_KINDS) {
    const kept: unknown[] = [];
    for (const value of all(kind)) {
      const record = (typeof value === 'object' && value !== null ? value : {}) as LooseRecord;
      if (period !== undefined && !inPeriod(record, kind, period)) {
        excluded++;
        continue;
      }
      kept.push(value);
      const source = typeof record['source'] === 'string' ? record['source'] : '(unknown)';
      const counts = bySource.get(source) ?? {};
      counts[kind] = (counts[kind] ?? 0) + 1;
      bySource.set(source, counts);
      for (const date of ownDates(record, kind)) {
        if (date < earliest) earliest = date;
        if (date > latest) latest = date;
      }
    }
    if (kept.length === 0) continue;
    records.set(kind, kept);
    byKind[kind] = kept.length;
    total += kept.length;
  }
  return {
    records,
    byKind,
    bySource,
    total,
    excluded,
    earliest: Number.isFinite(earliest) ? new Date(earliest).toISOString() : null,
    latest: Number.isFinite(latest) ? new Date(latest).toISOString() : null,
  };
}

function ownDates(record: LooseRecord, kind: RecordKind): number[] {
  if (STANDING_KINDS.includes(kind)) return [];
  const out: number[] = [];
  for (const value of [openedAt(record, kind), closingDate(record, kind).closedAt]) {
    if (typeof value !== 'string') continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) out.push(ms);
  }
  return out;
}
