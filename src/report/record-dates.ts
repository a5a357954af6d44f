// A record's own dates, read the same way everywhere in the report: when it was opened, when it was
// closed, and which field said so. Auditors date evidence by these, never by when a report was made.
import type { RecordKind } from '../contracts/records.js';
import type { DatedRecord } from './report-schema.js';

/** A record as the cache holds it; read defensively, since a cache may hold a malformed one. */
export type LooseRecord = Readonly<Record<string, unknown>>;

/**
 * Per kind, the fields that close a record, first present wins. An incident is closed for the auditor
 * once resolved (closure follows days later), a change once closed or, failing that, implemented.
 */
export const CLOSING_FIELDS: Readonly<Partial<Record<RecordKind, readonly string[]>>> = {
  incident: ['resolvedAt', 'closedAt'],
  request: ['closedAt'],
  problem: ['resolvedAt', 'closedAt'],
  change: ['closedAt', 'actualEnd'],
  release: ['releasedAt', 'plannedEnd'],
  sla: ['endAt'],
  review: ['completedAt'],
};

/** Per kind, the field that opens a record's life when it has a better one than createdAt. */
export const OPENING_FIELD: Readonly<Partial<Record<RecordKind, string>>> = {
  sla: 'startAt',
};

/**
 * Kinds that describe how things are (inventory, agreements, documents), not work done in a period.
 * The period never filters them: a change in March is checked against the CMDB as it stands.
 */
export const STANDING_KINDS: readonly RecordKind[] = [
  'agreement',
  'service',
  'ci',
  'ci_relation',
  'knowledge',
];

function dateAt(record: LooseRecord, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

export function openedAt(record: LooseRecord, kind: RecordKind): string | null {
  const field = OPENING_FIELD[kind];
  return (field === undefined ? null : dateAt(record, field)) ?? dateAt(record, 'createdAt');
}

export function closingDate(
  record: LooseRecord,
  kind: RecordKind,
): { closedAt: string | null; closedField: string | null } {
  for (const field of CLOSING_FIELDS[kind] ?? []) {
    const at = dateAt(record, field);
    if (at !== null) return { closedAt: at, closedField: field };
  }
  return { closedAt: null, closedField: null };
}

function text(record: LooseRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : '';
}

/** The report's citation of a record; updatedAt falls back to `updatedAt` of the engine's reference. */
export function datedRecord(record: LooseRecord, kind: RecordKind): DatedRecord {
  return {
    kind,
    source: text(record, 'source'),
    id: text(record, 'id'),
    key: text(record, 'key'),
    url: text(record, 'url'),
    createdAt: normalise(dateAt(record, 'createdAt')),
    updatedAt: normalise(dateAt(record, 'updatedAt')) ?? new Date(0).toISOString(),
    ...closingNormalised(record, kind),
  };
}

function closingNormalised(record: LooseRecord, kind: RecordKind) {
  const { closedAt, closedField } = closingDate(record, kind);
  return { closedAt: normalise(closedAt), closedField };
}

/** Canonical records hold ISO-8601 UTC already; this only guarantees the schema's form. */
function normalise(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** A record's identity across sources: native ids are unique only within their source. */
export function identity(source: string, id: string): string {
  return `${source}\u0000${id}`;
}
