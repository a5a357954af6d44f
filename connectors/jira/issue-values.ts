// Converters from Jira wire values to canonical values. They never throw: a value of an unexpected shape
// becomes null, so one odd issue cannot stop a sync.
import { parseJiraTime } from './time-zone.js';

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Jira timestamps ("2023-06-24T19:24:50.000+0000") and dates ("2019-05-11") as ISO-8601 UTC. */
export function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00.000Z`) : parseJiraTime(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A select option ({value}), a named object ({name}), or a plain string, as its text. */
export function optionText(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  const o = obj(v);
  if (o !== undefined) return str(o['value']) ?? str(o['name']);
  if (Array.isArray(v)) return optionText(v[0]);
  return null;
}

/** The plain text of an ADF document (or a v2 string), paragraphs separated by blank lines. */
export function adfText(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  const doc = obj(v);
  if (doc === undefined) return null;
  const blocks: string[] = [];
  const walk = (node: unknown, out: string[]): void => {
    const n = obj(node);
    if (n === undefined) return;
    if (n['type'] === 'text' && typeof n['text'] === 'string') out.push(n['text']);
    if (n['type'] === 'hardBreak') out.push('\n');
    if (Array.isArray(n['content'])) for (const child of n['content']) walk(child, out);
  };
  for (const block of Array.isArray(doc['content']) ? doc['content'] : []) {
    const parts: string[] = [];
    walk(block, parts);
    if (parts.length > 0) blocks.push(parts.join(''));
  }
  const text = blocks.join('\n\n').trim();
  return text === '' ? null : text;
}

/** The first element's id-like value of a reference list: Assets objects, services, or plain objects. */
export function firstRefId(v: unknown): string | null {
  const first = Array.isArray(v) ? obj(v[0]) : obj(v);
  if (first === undefined) return null;
  return str(first['objectId']) ?? str(first['id']) ?? str(first['accountId']) ?? str(first['value']);
}

/** A user field's accountId (Cloud) or name/key (Data Center). */
export function accountId(v: unknown): string | null {
  const u = obj(v);
  return u === undefined ? null : (str(u['accountId']) ?? str(u['key']) ?? str(u['name']));
}

const LEVEL_WORDS: [RegExp, number][] = [
  [/^(highest|critical|blocker|extensive|widespread|urgent|p1|1\b)/i, 1],
  [/^(high|major|significant|large|p2|2\b)/i, 2],
  [/^(medium|moderate|normal|limited|p3|3\b)/i, 3],
  [/^(low|minor|localized|p4|4\b)/i, 4],
  [/^(lowest|trivial|p5|5\b)/i, 5],
];

/** Priority, impact or urgency names as a level 1..5 (1 the most severe). */
export function level(v: unknown): number | null {
  const text = optionText(v);
  if (text === null) return null;
  // "lowest" must win over "low": test the longer words first.
  if (/^lowest/i.test(text)) return 5;
  for (const [pattern, n] of LEVEL_WORDS) if (pattern.test(text.trim())) return n;
  return null;
}

/** Approvals field (JSM): the last approval's final decision. */
export function approvalState(
  v: unknown,
): 'not_requested' | 'requested' | 'approved' | 'rejected' | 'other' | null {
  if (!Array.isArray(v)) return null;
  if (v.length === 0) return 'not_requested';
  const decision = str(obj(v.at(-1))?.['finalDecision'])?.toLowerCase();
  if (decision === 'approved') return 'approved';
  if (decision === 'declined' || decision === 'rejected') return 'rejected';
  if (decision === 'pending') return 'requested';
  return 'other';
}
