// What an issue's fields mean beyond one value: links to problems and changes, reopen and reassignment
// counts from the changelog, and the words of change types, risks, close codes and review types.
import type { ReviewRecord } from '../../src/contracts/index.js';
import { REVIEW_TYPES } from '../../src/contracts/index.js';
import { isDoneName } from './issue-states.js';
import { obj, str, type Json } from './issue-values.js';

/** The linked issue of a given issue type, in either direction. */
export function linked(fields: Json, issueType: string, linkType?: string): string | null {
  const links = fields['issuelinks'];
  if (!Array.isArray(links)) return null;
  for (const l of links) {
    const link = obj(l);
    if (link === undefined) continue;
    if (linkType !== undefined && obj(link['type'])?.['name'] !== linkType) continue;
    const other = obj(link['inwardIssue']) ?? obj(link['outwardIssue']);
    const type = obj(obj(other?.['fields'])?.['issuetype'])?.['name'];
    if (typeof type === 'string' && type.toLowerCase() === issueType.toLowerCase()) return str(other?.['id']);
  }
  return null;
}

/** A property of the object itself: a changelog item's "toString" would otherwise be Object's method. */
const ownValue = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Reopens and reassignments, counted from the changelog. */
export function changelogCounts(issue: Json): { reopen: number; reassign: number } | undefined {
  const histories = obj(issue['changelog'])?.['histories'];
  if (!Array.isArray(histories)) return undefined;
  let reopen = 0;
  let reassign = 0;
  for (const h of histories) {
    const items = obj(h)?.['items'];
    if (!Array.isArray(items)) continue;
    for (const i of items) {
      const item = obj(i);
      if (
        item?.['field'] === 'status' &&
        isDoneName(str(item['fromString'])) &&
        !isDoneName(str(ownValue(item, 'toString')))
      )
        reopen++;
      if (item?.['field'] === 'assignee' && str(item['fromString']) !== null) reassign++;
    }
  }
  return { reopen, reassign };
}

export const CHANGE_TYPES = new Set(['normal', 'standard', 'emergency']);
export const RISKS: Record<string, 'low' | 'moderate' | 'high' | 'very_high'> = {
  low: 'low',
  medium: 'moderate',
  moderate: 'moderate',
  high: 'high',
  critical: 'very_high',
  'very high': 'very_high',
};

export function closeCode(
  resolution: string | null,
): 'successful' | 'successful_issues' | 'unsuccessful' | 'other' | null {
  if (resolution === null) return null;
  const r = resolution.toLowerCase();
  if (/issues|partial/.test(r)) return 'successful_issues';
  if (/fail|unsuccess|backed out|rolled back|roll ?back/.test(r)) return 'unsuccessful';
  if (/success|done|fixed|implemented|complete/.test(r)) return 'successful';
  return 'other';
}

export function reviewTypeOf(
  value: string | null,
  map: Record<string, ReviewRecord['reviewType']>,
): ReviewRecord['reviewType'] {
  if (value === null) return 'other';
  const mapped = map[value];
  if (mapped !== undefined) return mapped;
  const normal = value
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '');
  return (REVIEW_TYPES as readonly string[]).includes(normal)
    ? (normal as ReviewRecord['reviewType'])
    : 'other';
}
