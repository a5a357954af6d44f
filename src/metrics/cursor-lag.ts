// How far behind a stream's cursor is. Connectors keep the position as `updatedOn`, a UTC timestamp
// without a zone ("2026-11-22 07:35:12" or with milliseconds), which `new Date()` would read as local time.
import type { StreamStatus } from '../state/state-schema.js';

/** Seconds from the cursor's position to `now`; undefined when the cursor holds no readable position. */
export function cursorLagSeconds(cursor: StreamStatus['cursor'], now: Date): number | undefined {
  const updatedOn = cursor?.['updatedOn'];
  if (typeof updatedOn !== 'string') return undefined;
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(updatedOn) ? updatedOn : `${updatedOn.replace(' ', 'T')}Z`;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (now.getTime() - at) / 1000);
}
