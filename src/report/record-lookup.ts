// Finds a cached record from the reference a result cites, to show the record's own dates. Results carry
// only (source, id, key, url, updatedAt); the index per kind is built the first time a kind is asked for.
import type { RecordKind } from '../contracts/records.js';
import type { RecordRef } from '../engine/result.js';
import { datedRecord, identity, type LooseRecord } from './record-dates.js';
import type { DatedRecord } from './report-schema.js';

export type RecordsByKind = (kind: RecordKind) => readonly unknown[];

export interface RecordLookup {
  /** The cited record with its own dates; from the reference alone when the record is not cached. */
  dated(kind: RecordKind, ref: RecordRef): DatedRecord;
}

export function createRecordLookup(records: RecordsByKind): RecordLookup {
  const indexes = new Map<RecordKind, Map<string, LooseRecord>>();
  const indexOf = (kind: RecordKind) => {
    let index = indexes.get(kind);
    if (index !== undefined) return index;
    index = new Map();
    for (const value of records(kind)) {
      if (typeof value !== 'object' || value === null) continue;
      const r = value as LooseRecord;
      if (typeof r['source'] === 'string' && typeof r['id'] === 'string')
        index.set(identity(r['source'], r['id']), r);
    }
    indexes.set(kind, index);
    return index;
  };
  return {
    dated(kind, ref) {
      const record = indexOf(kind).get(identity(ref.source, ref.id));
      if (record !== undefined) return datedRecord(record, kind);
      return {
        kind,
        source: ref.source,
        id: ref.id,
        key: ref.key,
        url: ref.url,
        createdAt: isoOrNull((ref as { createdAt?: unknown }).createdAt),
        updatedAt: isoOrNull(ref.updatedAt) ?? new Date(0).toISOString(),
        closedAt: null,
        closedField: null,
      };
    },
  };
}

/** A reference's date in the schema's form; the engine's references may or may not carry createdAt. */
function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
