// The position of an issue stream. JQL dates have minute precision, so each poll re-reads from the start
// of the cursor's minute minus an overlap, and drops what it has already delivered: the (id, updated)
// pairs of that window travel in the cursor. An issue updated again has a new pair and is read again.
import type { Cursor } from '../../src/contracts/index.js';

const MINUTE = 60_000;

export interface IssuePosition {
  updated: number;
  id: number;
}

export class DeliveredWindow {
  /** "id@updatedMs" -> updatedMs of issues delivered at or after the window start. */
  private readonly seen = new Map<string, number>();
  position: IssuePosition | undefined;

  constructor(private readonly overlapMs: number) {}

  /** The lower bound of the next read: the cursor's minute minus the overlap. */
  readFrom(): number | undefined {
    return this.position === undefined ? undefined : floorMinute(this.position.updated) - this.overlapMs;
  }

  /** Records an issue as delivered; false when this version was delivered before (skip it). */
  deliver(id: number, updated: number): boolean {
    const key = `${id}@${updated}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, updated);
    const p = this.position;
    if (p === undefined || updated > p.updated || (updated === p.updated && id > p.id)) {
      this.position = { updated, id };
    }
    return true;
  }

  /** Forgets versions older than the window the next read starts from. */
  prune(): void {
    const from = this.readFrom();
    if (from === undefined) return;
    for (const [key, updated] of this.seen) if (updated < from) this.seen.delete(key);
  }

  toCursor(): Cursor {
    if (this.position === undefined) return {};
    this.prune();
    return {
      // Read by people in the `once` table: "2026-11-22 07:35:12.345 UTC".
      updatedOn: new Date(this.position.updated).toISOString().replace('T', ' ').slice(0, 23),
      id: String(this.position.id),
      seen: [...this.seen.keys()],
    };
  }

  static fromCursor(cursor: Cursor | undefined, overlapMs: number): DeliveredWindow {
    const window = new DeliveredWindow(overlapMs);
    if (cursor === undefined) return window;
    const { updatedOn, id, seen } = cursor;
    const updated = typeof updatedOn === 'string' ? Date.parse(`${updatedOn.replace(' ', 'T')}Z`) : NaN;
    if (!Number.isFinite(updated) || typeof id !== 'string' || !/^\d+$/.test(id)) return window;
    window.position = { updated, id: Number(id) };
    if (Array.isArray(seen)) {
      for (const key of seen) {
        const at = Number(key.slice(key.indexOf('@') + 1));
        if (Number.isFinite(at)) window.seen.set(key, at);
      }
    }
    return window;
  }
}

export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
