// The envelope check every record passes before a control looks at it: cheap, no allocation for a good
// record, and a reason for a bad one.
import type { RecordKind } from '../contracts/records.js';
import { MAX_STRING, type Rec } from './accessor.js';
import { parseIsoDate } from './dates.js';
import type { RecordRef } from './result.js';

function badString(value: unknown, required: boolean): boolean {
  return typeof value !== 'string' || value.length > MAX_STRING || (required && value.length === 0);
}

/** Why a value is not a usable record of `kind`, or undefined when it is. */
export function envelopeProblem(value: unknown, kind: RecordKind): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'record is not an object';
  const r = value as Rec;
  if (r.kind !== kind) return `record kind is ${JSON.stringify(r.kind)}, expected "${kind}"`;
  if (badString(r.source, true)) return 'record has no valid "source"';
  if (badString(r.id, true)) return 'record has no valid "id"';
  if (badString(r.key, false)) return 'record has no valid "key"';
  if (badString(r.url, false)) return 'record has no valid "url"';
  if (typeof r.updatedAt !== 'string' || Number.isNaN(parseIsoDate(r.updatedAt)))
    return 'record has no valid "updatedAt"';
  return undefined;
}

/** What a result cites of a record: enough to find it in its own system. */
export function refOf(r: Rec): RecordRef {
  return {
    source: r.source as string,
    id: r.id as string,
    key: r.key as string,
    url: r.url as string,
    createdAt: typeof r.createdAt === 'string' ? r.createdAt : null,
    updatedAt: r.updatedAt as string,
  };
}

/** A subject for a record that may be malformed: its key, else its id, else its position. */
export function subjectOf(value: unknown, index: number): string {
  if (typeof value === 'object' && value !== null) {
    const r = value as Rec;
    if (typeof r.key === 'string' && r.key !== '' && r.key.length <= 200) return r.key;
    if (typeof r.id === 'string' && r.id !== '' && r.id.length <= 200) return r.id;
  }
  return `#${index}`;
}
