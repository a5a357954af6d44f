import { createHash } from 'node:crypto';

/**
 * A finding's fingerprint: the first 16 hex digits of sha256(pack, control id, subject). Stable across
 * runs and machines, short enough for a Jira label or a ServiceNow correlation_id (DESIGN section 6).
 */
export function findingFingerprint(pack: string, controlId: string, subject: string): string {
  return createHash('sha256').update(`${pack}\u0000${controlId}\u0000${subject}`).digest('hex').slice(0, 16);
}

/** A short stable hash of some text (ticket ids of groups, content revisions). */
export function shortHash(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
